"""The autogenerate hook renders sqlalchemist types as importable, runnable expressions."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate.api import AutogenContext
from alembic.migration import MigrationContext
from sqlalchemy.dialects import postgresql

import sqlalchemist.types
from sqlalchemist.alembic import render_item
from sqlalchemist.types import (
    GUID,
    BigIntIdentity,
    DateTimeUTC,
    EncryptedString,
    EncryptedText,
    JsonB,
    PasswordHash,
)


def _context() -> AutogenContext:
    migration = MigrationContext.configure(dialect=sa.create_engine("sqlite://").dialect, opts={})
    return AutogenContext(
        migration, opts={"render_item": render_item, "user_module_prefix": "sa.", "sqlalchemy_module_prefix": "sa."}
    )


@pytest.mark.parametrize(
    ("column_type", "rendered"),
    [
        (GUID(), "sqlalchemist.types.GUID()"),
        (GUID(binary=False), "sqlalchemist.types.GUID(binary=False)"),
        (DateTimeUTC(), "sqlalchemist.types.DateTimeUTC()"),
        (JsonB, "sqlalchemist.types.JsonB"),
        (BigIntIdentity, "sqlalchemist.types.BigIntIdentity"),
        (EncryptedString(key="k", length=64), "sa.String(length=64)"),
        (
            EncryptedString(key="k"),
            "sa.String().with_variant(sa.Text(), 'mysql').with_variant(sa.Text(), 'oracle')",
        ),
        (EncryptedText(key="k"), "sa.Text()"),
        (PasswordHash(length=100), "sa.String(length=100)"),
    ],
)
def test_renders_our_types(column_type: Any, rendered: str) -> None:
    context = _context()
    assert render_item("type", column_type, context) == rendered
    assert "import sqlalchemist.types" in context.imports or not rendered.startswith("sqlalchemist")


@pytest.mark.parametrize("column_type", [sa.String(10), sa.Integer(), postgresql.JSONB()])
def test_leaves_other_types_to_alembic(column_type: Any) -> None:
    assert render_item("type", column_type, _context()) is False
    assert render_item("column", sa.Column("x", sa.Integer()), _context()) is False


@pytest.mark.parametrize("column_type", [GUID(), DateTimeUTC(), JsonB, BigIntIdentity, GUID(binary=False)])
def test_rendered_expression_evaluates_to_the_same_type(column_type: Any) -> None:
    rendered = render_item("type", column_type, _context())
    assert isinstance(rendered, str)
    rebuilt = eval(rendered, {"sqlalchemist": sqlalchemist, "sa": sa})
    assert repr(rebuilt) == repr(column_type)
    assert type(rebuilt) is type(column_type)
