"""LIKE patterns built from user text: wildcards escaped unless asked otherwise, always bound.

A field that is not text on the database (a number, a date, a native enum) is cast to text first, so the pattern
matches its text form on every dialect. A UUID field is matched against its canonical text, ``str(uuid)``, on every
dialect: cast where the UUID is native, rebuilt from the hex digits where it is stored as 16 bytes (the dialect's
``hex()``) or 32 characters. Other binary fields cannot be searched as text: FilterError.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import UUID, ColumnElement, Enum, String, TypeDecorator, Uuid, cast, func, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import NullType

from sqlalchemist.exceptions import FilterError

if TYPE_CHECKING:
    from sqlalchemy import BindParameter, SQLColumnExpression
    from sqlalchemy.engine import Dialect
    from sqlalchemy.sql.compiler import SQLCompiler
    from sqlalchemy.types import TypeEngine


__all__ = ("ESCAPE_CHAR", "escape_like", "like_condition", "like_expression", "like_pattern")

ESCAPE_CHAR = "/"
"""The LIKE escape character used for patterns built from user text."""

Anchor = Literal["contains", "startswith", "endswith", "exact"]

_TextForm = Literal["text", "cast", "uuid_bytes", "uuid_chars", "bytes"]
_MYSQL_LIKE = frozenset({"mysql", "mariadb"})
# Where each group of the canonical UUID text starts in its 32 hex digits, and how long it is.
_UUID_GROUPS = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))


def escape_like(value: str, escape_char: str = ESCAPE_CHAR) -> str:
    """Return ``value`` with ``%``, ``_`` and ``escape_char`` escaped so they match literally."""
    return value.replace(escape_char, escape_char * 2).replace("%", f"{escape_char}%").replace("_", f"{escape_char}_")


def _python_type(type_: TypeEngine[Any]) -> type[Any] | None:
    """Return the Python type of ``type_`` values, or None when the type does not say."""
    try:
        return type_.python_type
    except NotImplementedError:
        return None


def _stored_type(type_: TypeEngine[Any], dialect: Dialect) -> TypeEngine[Any]:
    """Return the type a column of ``type_`` has on ``dialect``, with TypeDecorators unwrapped to their impl."""
    while isinstance(type_, TypeDecorator):
        type_ = type_.load_dialect_impl(dialect)
    return type_.dialect_impl(dialect)


def _uuid_form(stored: TypeEngine[Any], dialect: Dialect) -> _TextForm:
    """Decide how a UUID column stored as ``stored`` on ``dialect`` is turned into its canonical text."""
    if isinstance(stored, UUID):
        return "cast"
    if isinstance(stored, Uuid):
        return "cast" if stored.native_uuid and dialect.supports_native_uuid else "uuid_chars"
    if isinstance(stored, String):
        # 32 characters are the hex digits (GUID(binary=False)); other text is taken as it is.
        return "uuid_chars" if stored.length == 32 else "text"
    return "uuid_bytes" if _python_type(stored) is bytes else "cast"


def _text_form(type_: TypeEngine[Any], dialect: Dialect) -> _TextForm:
    """Decide how a column of ``type_`` is matched by LIKE on ``dialect``."""
    stored = _stored_type(type_, dialect)
    if isinstance(stored, Uuid) or _python_type(type_) is uuid.UUID:
        return _uuid_form(stored, dialect)
    if isinstance(stored, Enum):
        # A native enum is text on MySQL/MariaDB; PostgreSQL has no LIKE for its enum types.
        native = stored.native_enum and dialect.supports_native_enum and dialect.name not in _MYSQL_LIKE
        return "cast" if native else "text"
    if isinstance(stored, (String, NullType)):
        return "text"
    return "bytes" if _python_type(stored) is bytes else "cast"


def _field_name(column: ColumnElement[Any]) -> str:
    """Return the name of ``column`` for error messages."""
    return str(getattr(column, "key", None) or column)


class _SearchText(ColumnElement[str]):
    """A field as text for LIKE, rendered per dialect: as is, cast to text, or a UUID's bytes as its text form."""

    __visit_name__ = "sqlalchemist_search_text"
    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = String()

    def as_text(self, dialect: Dialect) -> ColumnElement[Any]:
        """Return the expression that renders this field as text on ``dialect``."""
        form = _text_form(self.column.type, dialect)
        if form == "text":
            return self.column
        if form == "cast":
            return cast(self.column, String)
        if form == "bytes":
            msg = f"cannot search {_field_name(self.column)!r} as text: it is stored as binary data on {dialect.name}"
            raise FilterError(msg)
        digits = func.hex(self.column, type_=String) if form == "uuid_bytes" else self.column
        parts = [
            func.substr(digits, literal_column(str(start)), literal_column(str(size))) for start, size in _UUID_GROUPS
        ]
        joined: ColumnElement[Any] = parts[0]
        for part in parts[1:]:
            joined = joined.concat(literal_column("'-'", String)).concat(part)
        return func.lower(joined, type_=String)


@compiles(_SearchText)
def _compile_search_text(element: _SearchText, compiler: SQLCompiler, **kw: Any) -> str:
    """Render the field as text for the compiler's dialect."""
    return compiler.process(element.as_text(compiler.dialect), **kw)


def _as_text(column: SQLColumnExpression[Any]) -> SQLColumnExpression[Any]:
    """Return ``column`` unchanged when it is plainly text, else wrapped to be matched as text on every dialect."""
    clause = column.__clause_element__() if hasattr(column, "__clause_element__") else column
    if not isinstance(clause, ColumnElement):
        return column
    type_ = clause.type
    if isinstance(type_, (String, NullType)) and not isinstance(type_, Enum):
        return column
    if not isinstance(type_, TypeDecorator) and _python_type(type_) is bytes:
        msg = f"cannot search {_field_name(clause)!r} as text: it is stored as binary data"
        raise FilterError(msg)
    return _SearchText(clause)


def like_condition(
    column: SQLColumnExpression[Any],
    value: str,
    *,
    anchor: Anchor,
    ignore_case: bool,
    escape: bool,
) -> ColumnElement[bool]:
    """Build ``column LIKE pattern`` (ILIKE when ``ignore_case``) with the pattern as one bound parameter.

    A field that is not text is cast to text first (see the module docstring); text fields are left as they are.
    """
    return like_expression(column, like_pattern(value, anchor=anchor, escape=escape), ignore_case, escape=escape)


def like_pattern(value: str, *, anchor: Anchor, escape: bool) -> str:
    """Return the LIKE pattern matching ``value`` where ``anchor`` says (wildcards in it escaped when ``escape``)."""
    text = escape_like(value) if escape else value
    return {
        "contains": f"%{text}%",
        "startswith": f"{text}%",
        "endswith": f"%{text}",
        "exact": text,
    }[anchor]


def like_expression(
    column: SQLColumnExpression[Any], pattern: str | BindParameter[Any], ignore_case: bool, *, escape: bool
) -> ColumnElement[bool]:
    """Build ``column LIKE pattern`` (ILIKE when ``ignore_case``) for a pattern from ``like_pattern`` or a
    parameter that will hold one."""
    escape_char = ESCAPE_CHAR if escape else None
    target = _as_text(column)
    if ignore_case:
        return target.ilike(pattern, escape=escape_char)
    return target.like(pattern, escape=escape_char)
