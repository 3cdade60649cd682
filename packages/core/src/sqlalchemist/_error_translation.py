"""Read driver errors into a neutral :class:`Violation`: which constraint failed, on which table, with which value.

Pure parsing with no I/O and no knowledge of the sqlalchemist exception classes, so it can be unit-tested and shared.
PostgreSQL is read by SQLSTATE (asyncpg, psycopg 3, psycopg2), MySQL/MariaDB by error number (asyncmy, pymysql,
mysqlclient) and SQLite by extended result code, falling back to the message text on Python < 3.11.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Column, ForeignKeyConstraint, Index, MetaData, PrimaryKeyConstraint, Table, UniqueConstraint

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = (
    "Violation",
    "ViolationKind",
    "default_message",
    "driver_error",
    "parse_violation",
    "resolve_with_model",
    "value_from_parameters",
)

ViolationKind = Literal[
    "duplicate_key",
    "foreign_key_missing",
    "foreign_key_referenced",
    "foreign_key",
    "check_constraint",
    "not_null",
    "integrity",
]

_DRIVER_MODULES = frozenset({"sqlite3", "asyncpg", "psycopg", "psycopg2", "pymysql", "asyncmy", "MySQLdb", "aiosqlite"})

_PG_KINDS: dict[str, ViolationKind] = {
    "23505": "duplicate_key",
    "23503": "foreign_key",
    "23514": "check_constraint",
    "23502": "not_null",
}
_MYSQL_KINDS: dict[int, ViolationKind] = {
    1062: "duplicate_key",
    1586: "duplicate_key",
    1452: "foreign_key_missing",
    1216: "foreign_key_missing",
    1451: "foreign_key_referenced",
    1217: "foreign_key_referenced",
    3819: "check_constraint",
    4025: "check_constraint",
    1048: "not_null",
    1364: "not_null",
}
_SQLITE_CODES: dict[int, ViolationKind] = {
    2067: "duplicate_key",
    1555: "duplicate_key",
    787: "foreign_key",
    275: "check_constraint",
    1299: "not_null",
}
_SQLITE_PREFIXES: tuple[tuple[str, ViolationKind], ...] = (
    ("UNIQUE constraint failed", "duplicate_key"),
    ("FOREIGN KEY constraint failed", "foreign_key"),
    ("CHECK constraint failed", "check_constraint"),
    ("NOT NULL constraint failed", "not_null"),
)

_PG_KEY = re.compile(
    r'Key \((?P<cols>.+?)\)=\((?P<value>.*)\) (?:already exists|is not present in table "(?P<missing>[^"]+)"'
    r'|is still referenced from table "(?P<referenced>[^"]+)")'
)
_PG_DELETED_TABLE = re.compile(r'update or delete on table "(?P<table>[^"]+)"')
_MYSQL_DUPLICATE = re.compile(r"Duplicate entry '(?P<value>.*)' for key '(?P<key>[^']+)'", re.DOTALL)
_MYSQL_FK = re.compile(
    r"\((?:`[^`]+`\.)?`(?P<table>[^`]+)`, CONSTRAINT `(?P<constraint>[^`]+)` FOREIGN KEY \((?P<cols>[^)]+)\)"
    r" REFERENCES `(?P<ref>[^`]+)` \((?P<refcols>[^)]+)\)"
)
_MYSQL_CHECK = re.compile(r"CONSTRAINT `(?P<constraint>[^`]+)` failed for (?:`[^`]+`\.)?`(?P<table>[^`]+)`")
_MYSQL_CHECK_OLD = re.compile(r"Check constraint '(?P<constraint>[^']+)' is violated")
_MYSQL_COLUMN = re.compile(r"(?:Column|Field) '(?P<column>[^']+)'")
_SQLITE_COLUMNS = re.compile(r"constraint failed: (?P<names>.+)$")
_STATEMENT = re.compile(
    r"^\s*(?P<verb>INSERT|UPDATE|DELETE)\b(?:\s+OR\s+\w+)?(?:\s+(?:INTO|FROM))?\s+"
    r'(?:[`"\[]?\w+[`"\]]?\.)?[`"\[]?(?P<table>\w+)',
    re.IGNORECASE,
)
_PLACEHOLDER = r"(?:\?|%s|\$\d+|%\(\w+\)s|:\w+)"
_INSERT_ROW = re.compile(
    r"^\s*INSERT\s+(?:OR\s+\w+\s+)?INTO\s+\S+\s*\((?P<columns>[^()]+)\)\s*VALUES\s*"
    rf"\((?P<placeholders>\s*{_PLACEHOLDER}(?:\s*,\s*{_PLACEHOLDER})*)\s*\)\s*(?:RETURNING\b.*)?$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Violation:
    """What an integrity error says about the constraint it broke; every field but ``kind`` may be unknown."""

    kind: ViolationKind
    detail: str
    table: str | None = None
    columns: tuple[str, ...] = ()
    constraint: str | None = None
    value: str | None = None
    related_table: str | None = None


def driver_error(exc: BaseException) -> BaseException | None:
    """Return the DBAPI driver's exception behind ``exc`` (``exc.orig``, or ``exc`` itself), or None."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        return orig
    if type(exc).__module__.partition(".")[0] in _DRIVER_MODULES:
        return exc
    return None


def parse_violation(exc: BaseException, *, dialect_name: str | None = None) -> Violation | None:
    """Describe the integrity violation behind ``exc``; None when ``exc`` is not one this module recognises."""
    orig = driver_error(exc)
    if orig is None:
        return None
    statement = getattr(exc, "statement", None)
    family = _family(orig, dialect_name)
    if family == "postgresql":
        return _parse_postgres(orig, statement)
    if family == "mysql":
        return _parse_mysql(orig, statement)
    if family == "sqlite":
        return _parse_sqlite(orig, statement)
    return None


def _family(orig: BaseException, dialect_name: str | None) -> str | None:
    if dialect_name:
        return {"mariadb": "mysql"}.get(dialect_name, dialect_name)
    module = type(orig).__module__
    if module.startswith(("sqlite3", "aiosqlite")) or hasattr(orig, "sqlite_errorcode"):
        return "sqlite"
    if module.startswith(("pymysql", "asyncmy", "MySQLdb")) or "mysql" in module:
        return "mysql"
    if _pg_sqlstate(orig) is not None:
        return "postgresql"
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], int):
        return "mysql"
    return None


def _statement_target(statement: object) -> tuple[str | None, str | None]:
    """Return the verb (INSERT, UPDATE, DELETE) and table name of a SQL statement, when it is one of those."""
    if not isinstance(statement, str):
        return None, None
    match = _STATEMENT.match(statement)
    if match is None:
        return None, None
    return match["verb"].upper(), match["table"]


def _pg_sqlstate(orig: BaseException) -> str | None:
    for source in (orig, orig.__cause__):
        for attr in ("sqlstate", "pgcode"):
            code = getattr(source, attr, None)
            if isinstance(code, str) and len(code) == 5 and code != "23000":
                return code
    return None


def _pg_fields(orig: BaseException) -> dict[str, Any]:
    """Collect table, column, constraint and detail from asyncpg (``__cause__``) or psycopg (``diag``) errors."""
    fields: dict[str, Any] = {}
    for source in (orig, orig.__cause__):
        if source is not None and hasattr(source, "constraint_name"):
            for name in ("table_name", "column_name", "constraint_name", "detail"):
                fields[name] = getattr(source, name, None)
            return fields
    diag = getattr(orig, "diag", None)
    if diag is not None:
        for name in ("table_name", "column_name", "constraint_name"):
            fields[name] = getattr(diag, name, None)
        fields["detail"] = getattr(diag, "message_detail", None)
    return fields


def _first_line(orig: BaseException) -> str:
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__


def _parse_postgres(orig: BaseException, statement: object) -> Violation | None:
    code = _pg_sqlstate(orig)
    if code is None or not code.startswith("23"):
        return None
    fields = _pg_fields(orig)
    message = _first_line(orig)
    detail_text = fields.get("detail") or ""
    detail = f"{message} ({detail_text})" if detail_text else message
    kind: ViolationKind = _PG_KINDS.get(code, "integrity")
    table = fields.get("table_name") or _statement_target(statement)[1]
    constraint = fields.get("constraint_name")
    column = fields.get("column_name")
    columns: tuple[str, ...] = (column,) if column else ()
    value: str | None = None
    related: str | None = None
    key = _PG_KEY.search(detail_text)
    if key is not None:
        columns = tuple(part.strip() for part in key["cols"].split(","))
        value = key["value"]
        if key["missing"]:
            kind, related = "foreign_key_missing", key["missing"]
        elif key["referenced"]:
            kind, related = "foreign_key_referenced", key["referenced"]
            deleted = _PG_DELETED_TABLE.search(message)
            table = deleted["table"] if deleted else _statement_target(statement)[1]
    return Violation(kind, detail, table, columns, constraint, value, related)


def _split_names(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("`") for part in text.split(","))


def _parse_mysql(orig: BaseException, statement: object) -> Violation | None:
    args: tuple[Any, ...] = getattr(orig, "args", ())
    if len(args) < 2 or not isinstance(args[0], int):
        return None
    code, message = args[0], str(args[1])
    kind = _MYSQL_KINDS.get(code)
    if kind is None:
        return None
    table = _statement_target(statement)[1]
    if kind == "duplicate_key":
        match = _MYSQL_DUPLICATE.search(message)
        if match is None:
            return Violation(kind, message, table)
        owner, _, key = match["key"].rpartition(".")
        return Violation(kind, message, owner or table, (), key, match["value"])
    if kind in {"foreign_key_missing", "foreign_key_referenced"}:
        fk = _MYSQL_FK.search(message)
        if fk is None:
            return Violation(kind, message, table)
        if kind == "foreign_key_missing":
            return Violation(kind, message, fk["table"], _split_names(fk["cols"]), fk["constraint"], None, fk["ref"])
        return Violation(kind, message, fk["ref"], _split_names(fk["refcols"]), fk["constraint"], None, fk["table"])
    if kind == "check_constraint":
        check = _MYSQL_CHECK.search(message) or _MYSQL_CHECK_OLD.search(message)
        if check is None:
            return Violation(kind, message, table)
        groups = check.groupdict()
        return Violation(kind, message, groups.get("table") or table, (), groups["constraint"])
    column = _MYSQL_COLUMN.search(message)
    return Violation(kind, message, table, (column["column"],) if column else ())


def _parse_sqlite(orig: BaseException, statement: object) -> Violation | None:
    message = str(orig)
    code = getattr(orig, "sqlite_errorcode", None)
    kind = _SQLITE_CODES.get(code) if isinstance(code, int) else None
    if kind is None:
        kind = next((k for prefix, k in _SQLITE_PREFIXES if message.startswith(prefix)), None)
    if kind is None:
        return None
    verb, table = _statement_target(statement)
    if kind == "foreign_key":
        if verb == "INSERT":
            kind = "foreign_key_missing"
        elif verb == "DELETE":
            kind = "foreign_key_referenced"
        return Violation(kind, message, table)
    names = _SQLITE_COLUMNS.search(message)
    if names is None:
        return Violation(kind, message, table)
    if kind == "check_constraint":
        return Violation(kind, message, table, (), names["names"].strip())
    qualified = [part.strip() for part in names["names"].split(",")]
    owner = qualified[0].rpartition(".")[0] or table
    return Violation(kind, message, owner, tuple(part.rpartition(".")[2] for part in qualified))


def _find_table(metadata: MetaData, name: str | None) -> Table | None:
    if name is None:
        return None
    return next((table for table in metadata.tables.values() if table.name == name), None)


def _unique_keys(table: Table) -> list[tuple[str | None, tuple[str, ...]]]:
    keys: list[tuple[str | None, tuple[str, ...]]] = []
    for constraint in table.constraints:
        if isinstance(constraint, (UniqueConstraint, PrimaryKeyConstraint)):
            name = "PRIMARY" if isinstance(constraint, PrimaryKeyConstraint) and not constraint.name else None
            keys.append((_name(constraint.name) or name, tuple(c.name for c in constraint.columns)))
    for index in table.indexes:
        if isinstance(index, Index) and index.unique:
            keys.append((_name(index.name), tuple(c.name for c in index.columns if hasattr(c, "name"))))
    return keys


def _name(name: object) -> str | None:
    return str(name) if isinstance(name, str) else None


def resolve_with_model(
    violation: Violation, model: type | None, metadata: MetaData | Sequence[MetaData] | None = None
) -> Violation:
    """Fill the fields a driver left out (columns of a named key, the key of named columns) from the model's tables.

    Without a mapped ``model`` the tables of ``metadata`` (one, or several searched in order) are used, if given.
    """
    table = getattr(model, "__table__", None)
    if isinstance(table, Table):
        if violation.table is None:
            violation = replace(violation, table=table.name)
        metadata = table.metadata
    if metadata is None:
        return violation
    candidates = [metadata] if isinstance(metadata, MetaData) else list(metadata)
    target = next((found for each in candidates if (found := _find_table(each, violation.table)) is not None), None)
    if target is None:
        return violation
    if violation.kind == "duplicate_key":
        return _resolve_unique(violation, target)
    if violation.kind.startswith("foreign_key") and violation.constraint is None:
        return _resolve_foreign_key(violation, target, target.metadata)
    return violation


def _resolve_unique(violation: Violation, table: Table) -> Violation:
    keys = _unique_keys(table)
    if violation.columns and violation.constraint is None:
        name = next((name for name, cols in keys if cols == violation.columns), None)
        return replace(violation, constraint=name) if name and name != "PRIMARY" else violation
    if not violation.columns and violation.constraint is not None:
        if violation.constraint == "PRIMARY":
            return replace(violation, columns=tuple(c.name for c in table.primary_key.columns))
        cols = next((cols for name, cols in keys if name == violation.constraint), ())
        if not cols and (violation.constraint,) in {key_cols for _, key_cols in keys}:
            cols = (violation.constraint,)
        return replace(violation, columns=cols)
    return violation


def _resolve_foreign_key(violation: Violation, table: Table, metadata: MetaData) -> Violation:
    if violation.kind == "foreign_key_missing":
        outgoing = list(table.foreign_key_constraints)
        if len(outgoing) != 1:
            return violation
        fk: ForeignKeyConstraint = outgoing[0]
        return replace(
            violation,
            columns=tuple(c.name for c in fk.columns),
            constraint=_name(fk.name),
            related_table=fk.referred_table.name,
        )
    if violation.kind == "foreign_key_referenced":
        incoming = [
            (other, fk)
            for other in metadata.tables.values()
            for fk in other.foreign_key_constraints
            if fk.referred_table is table
        ]
        if len(incoming) != 1:
            return violation
        other, fk = incoming[0]
        return replace(
            violation,
            columns=tuple(element.column.name for element in fk.elements),
            constraint=_name(fk.name),
            related_table=other.name,
        )
    return violation


def _target(violation: Violation) -> str:
    table = violation.table or "<unknown table>"
    if len(violation.columns) == 1:
        return f"{table}.{violation.columns[0]}"
    if violation.columns:
        return f"{table}.({', '.join(violation.columns)})"
    return table


def default_message(violation: Violation) -> str:
    """The message sqlalchemist gives a violation when the caller has not overridden it."""
    target = _target(violation)
    value = f" ({violation.value!r})" if violation.value is not None else ""
    constraint = f" (constraint {violation.constraint})" if violation.constraint else ""
    kind = violation.kind
    if kind == "duplicate_key":
        key = f" (key {violation.constraint})" if violation.constraint and not violation.columns else ""
        return f"duplicate value for {target}{key}{value}"
    if kind == "foreign_key_missing":
        where = f" in {violation.related_table}" if violation.related_table else ""
        return f"foreign key violation on {target}{value}: referenced row{where} does not exist{constraint}"
    if kind == "foreign_key_referenced":
        where = f" from {violation.related_table}" if violation.related_table else ""
        return f"foreign key violation on {target}{value}: row is still referenced{where}{constraint}"
    if kind == "foreign_key":
        return f"foreign key violation on {target}{constraint}"
    if kind == "check_constraint":
        name = f" {violation.constraint}" if violation.constraint else ""
        return f"check constraint{name} violated on {violation.table or '<unknown table>'}"
    if kind == "not_null":
        return f"expected a value for {target} (NOT NULL), got NULL"
    return f"integrity error: {violation.detail}"


def value_from_parameters(
    violation: Violation, statement: object, parameters: object, model: type | None = None
) -> Violation:
    """Fill a missing value from the bound parameters of a single-row ``INSERT ... VALUES (placeholders)``.

    Parameters are what the driver got; with ``model`` the values of its columns are shown as the Python values
    they stand for (a UUID stored as 16 bytes reads as the UUID, not as a memory view).
    """
    if violation.value is not None or not violation.columns or not isinstance(statement, str):
        return violation
    if violation.kind not in {"duplicate_key", "foreign_key_missing"}:
        return violation
    row = _INSERT_ROW.match(statement)
    if row is None:
        return violation
    columns = [name.strip().strip('`"[]') for name in row["columns"].split(",")]
    placeholders = [part.strip() for part in row["placeholders"].split(",")]
    if len(columns) != len(placeholders):
        return violation
    by_column: dict[str, object] = {}
    if isinstance(parameters, dict):
        for column, placeholder in zip(columns, placeholders, strict=True):
            name = placeholder[2:-2] if placeholder.startswith("%(") else placeholder[1:]
            if name in parameters:
                by_column[column] = parameters[name]
    elif isinstance(parameters, (tuple, list)) and len(parameters) == len(columns):
        if any(isinstance(item, (tuple, list, dict)) for item in parameters):
            return violation
        by_column = dict(zip(columns, parameters, strict=True))
    values = [by_column.get(column) for column in violation.columns]
    if any(value is None for value in values):
        return violation
    table = getattr(model, "__table__", None)
    target = _find_table(table.metadata, violation.table) if isinstance(table, Table) else None
    shown = [
        _readable(value, target.c.get(column) if target is not None else None)
        for column, value in zip(violation.columns, values, strict=True)
    ]
    return replace(violation, value=", ".join(shown))


def _readable(value: object, column: Column[Any] | None) -> str:
    """Show a bound parameter as the value the caller wrote: bytes of a UUID column as the UUID, other bytes in hex."""
    if not isinstance(value, (bytes, bytearray, memoryview)):
        return str(value)
    raw = bytes(value)
    try:
        python_type = column.type.python_type if column is not None else None
    except NotImplementedError:
        python_type = None
    if python_type is uuid.UUID and len(raw) == 16:
        return str(uuid.UUID(bytes=raw))
    return raw.hex()
