"""Regenerate the sync twins from the async sources listed under ``[tool.unasyncd]`` in pyproject.toml.

Run ``hatch run generate-sync``. Each source goes through unasyncd's transformer with the configured name
replacements, then ``ruff check --fix`` and ``ruff format`` as the target file, so the written file is lint-clean.
``tests/core/repository/test_generated.py`` calls ``render`` to check the committed files are current.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Pair:
    """One async source and the sync file generated from it, relative to the repository root."""

    source: str
    target: str
    replacements: dict[str, str]
    exclude: list[str]


def load_pairs(root: Path = ROOT) -> list[Pair]:
    """Read the source/target pairs and their replacements from ``[tool.unasyncd]``."""
    import tomllib

    config: dict[str, Any] = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["unasyncd"]
    replacements: dict[str, dict[str, str]] = config.get("per_file_add_replacements", {})
    excludes: dict[str, list[str]] = config.get("per_file_exclude", {})
    return [
        Pair(
            source=source,
            target=target,
            replacements={**config.get("add_replacements", {}), **replacements.get(source, {})},
            exclude=[*config.get("exclude", []), *excludes.get(source, [])],
        )
        for source, target in config.get("files", {}).items()
    ]


def _ruff(arguments: list[str], code: str, filename: str, root: Path) -> str:
    command = [sys.executable, "-m", "ruff", *arguments, "--no-cache", "--quiet", f"--stdin-filename={filename}", "-"]
    done = subprocess.run(command, input=code, capture_output=True, text=True, cwd=root, check=False)
    if done.returncode != 0:
        msg = f"ruff {' '.join(arguments)} failed on {filename}: {done.stderr.strip()}"
        raise RuntimeError(msg)
    return done.stdout


def render(pair: Pair, root: Path = ROOT) -> str:
    """Return the sync code generated from ``pair.source``, fixed and formatted by ruff as ``pair.target``."""
    from unasyncd.transformers import TreeTransformer

    transformer = TreeTransformer(
        exclude=pair.exclude,
        transform_docstrings=True,
        extra_name_replacements=pair.replacements,
        infer_type_checking_imports=True,
        ruff_fix=False,
        ruff_format=False,
        file_name=pair.source,
    )
    code = transformer((root / pair.source).read_text(encoding="utf-8"))
    code = _ruff(["check", "--fix-only", "--exit-zero"], code, pair.target, root)
    return _ruff(["format"], code, pair.target, root)


def main() -> int:
    """Write every sync twin whose generated code differs from the file on disk."""
    written: list[str] = []
    for pair in load_pairs():
        if not (ROOT / pair.source).exists():
            print(f"generate-sync: skipped {pair.source} (not found)", file=sys.stderr)
            continue
        code = render(pair)
        target = ROOT / pair.target
        if not target.exists() or target.read_text(encoding="utf-8") != code:
            target.write_text(code, encoding="utf-8")
            written.append(pair.target)
    print(f"generate-sync: rewrote {', '.join(written)}" if written else "generate-sync: every sync file is current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
