"""The core imports no web framework, serialization library, alembic or click when imported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FORBIDDEN = (
    "litestar",
    "starlette",
    "fastapi",
    "flask",
    "pydantic",
    "msgspec",
    "attrs",
    "attr",
    "alembic",
    "click",
    "rich",
    "sqlalchemist_litestar",
    "sqlalchemist_storage",
    "sqlalchemist_sessions",
)


def _loaded_after(statement: str) -> set[str]:
    code = f"import json, sys\n{statement}\nprint(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out))


@pytest.mark.parametrize(
    "statement",
    [
        "import sqlalchemist",
        "import sqlalchemist.exceptions",
        "import sqlalchemist.types",
        "import sqlalchemist.base",
        "import sqlalchemist.mixins",
        "import sqlalchemist.config",
        "import sqlalchemist.filters",
        "import sqlalchemist.repository",
        "import sqlalchemist.service",
    ],
)
def test_core_import_loads_no_framework(statement: str) -> None:
    loaded = _loaded_after(statement)
    assert loaded & set(FORBIDDEN) == set()


def test_bare_import_is_lazy() -> None:
    code = "import sys, sqlalchemist\nprint('sqlalchemist.repository' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "False"


def test_repository_import_leaves_the_mixins_and_their_flush_listener_alone() -> None:
    # importing sqlalchemist.mixins registers the audit before_flush listener on every Session
    code = (
        "import sys, sqlalchemist.repository\n"
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemist.mixins')))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "[]"
