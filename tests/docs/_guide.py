"""Read the guide's Python code blocks and rewrite their imports per DESIGN.md's import map."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

GUIDE = Path(__file__).parents[3] / "shared" / "seed" / "litestar.rst"

# First match wins, as in DESIGN.md.
_MODULE_MAP = (
    ("advanced_alchemy.extensions.litestar.session", "sqlalchemist_litestar.session"),
    ("advanced_alchemy.extensions.litestar.plugins", "sqlalchemist_litestar"),
    ("advanced_alchemy.extensions.litestar.", "sqlalchemist_litestar."),
    ("advanced_alchemy.extensions.litestar", "sqlalchemist_litestar"),
    ("litestar.plugins.sqlalchemy", "sqlalchemist_litestar"),
    ("advanced_alchemy.types.file_object.backends.obstore", "sqlalchemist_storage.backends.obstore"),
    ("advanced_alchemy.types.file_object.backends.fsspec", "sqlalchemist_storage.backends.fsspec"),
    ("advanced_alchemy.types.file_object.data_type", "sqlalchemist_storage"),
    ("advanced_alchemy.types.file_object", "sqlalchemist_storage"),
    ("advanced_alchemy.", "sqlalchemist."),
)
_STORAGE_NAMES = {"FileObject", "FileObjectList", "StoredObject", "storages"}
_FROM_IMPORT = re.compile(r"^(\s*)from\s+(\S+)\s+import\s+(.+)$")


@dataclass(frozen=True)
class Block:
    """One ``.. code-block:: python`` of the guide, with the section it stands in."""

    section: str
    source: str


def _map_module(module: str) -> str:
    for old, new in _MODULE_MAP:
        if module == old or (old.endswith(".") and module.startswith(old)):
            return new + module[len(old) :] if old.endswith(".") else new
    return module


def map_imports(source: str) -> str:
    """Rewrite ``from advanced_alchemy... import ...`` lines to sqlalchemist's modules."""
    out: list[str] = []
    for line in source.splitlines():
        match = _FROM_IMPORT.match(line)
        if match is None:
            out.append(line)
            continue
        indent, module, names = match.groups()
        if module == "advanced_alchemy.types":
            wanted = [n.strip() for n in names.split(",")]
            storage = [n for n in wanted if n in _STORAGE_NAMES]
            core = [n for n in wanted if n not in _STORAGE_NAMES]
            if storage:
                out.append(f"{indent}from sqlalchemist_storage import {', '.join(storage)}")
            if core:
                out.append(f"{indent}from sqlalchemist.types import {', '.join(core)}")
            continue
        out.append(f"{indent}from {_map_module(module)} import {names}")
    return "\n".join(out)


def read_blocks() -> list[Block]:
    """Every Python code block of the guide, in order."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    section = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        underline = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if line.strip() and not line.startswith(" ") and re.fullmatch(r"[=\-^~]{3,}", underline):
            section = line.strip()
        match = re.match(r"^(\s*)\.\. code-block:: python", line)
        if match is None:
            index += 1
            continue
        indent = len(match.group(1))
        index += 1
        body: list[str] = []
        while index < len(lines) and (
            not lines[index].strip() or len(lines[index]) - len(lines[index].lstrip()) > indent
        ):
            body.append(lines[index])
            index += 1
        blocks.append(Block(section, textwrap.dedent("\n".join(body)).strip()))
    return blocks


def section_blocks(section: str) -> list[str]:
    """The import-mapped sources of the blocks in one section."""
    found = [map_imports(b.source) for b in read_blocks() if b.section == section]
    if not found:
        msg = f"the guide has no Python block in section {section!r}"
        raise LookupError(msg)
    return found
