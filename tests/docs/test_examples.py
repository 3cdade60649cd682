"""Every module under docs/examples/ runs: its ``main()`` is called and must succeed."""

from __future__ import annotations

import asyncio
import importlib
import inspect
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
MODULES = sorted(p.stem for p in EXAMPLES.glob("*.py") if not p.stem.startswith("_"))


def test_every_included_example_is_run() -> None:
    """Each ``literalinclude`` of the docs names an example module that this test module runs."""
    included = {
        Path(line.split("::", 1)[1].strip()).stem
        for page in EXAMPLES.parent.glob("*.rst")
        for line in page.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(".. literalinclude::")
    }
    assert included
    assert included <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_example_runs(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(f"docs.examples.{name}")
    main = module.main
    result = asyncio.run(main()) if inspect.iscoroutinefunction(main) else main()
    assert hasattr(module, "EXPECTED"), f"docs/examples/{name}.py must define EXPECTED, the value main() returns"
    assert result == module.EXPECTED
