from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import Column, MetaData, Table, select
from sqlalchemy.dialects import mssql, mysql, oracle, postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import CreateTable

import sqlalchemist.types
from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.types import (
    GUID,
    ORA_JSONB,
    BigIntIdentity,
    DateTimeUTC,
    EncryptedString,
    EncryptedText,
    JsonB,
    PasswordHash,
)

TABLE = Table(
    "types_ddl",
    MetaData(),
    Column("id", BigIntIdentity, primary_key=True),
    Column("guid", GUID),
    Column("hex", GUID(binary=False)),
    Column("at", DateTimeUTC),
    Column("doc", JsonB),
    Column("ora", ORA_JSONB),
    Column("secret", EncryptedString(key="k", length=255)),
    Column("loose", EncryptedString(key="k")),
    Column("note", EncryptedText(key="k")),
    Column("pw", PasswordHash(length=128)),
)

EXPECTED_DDL = {
    "postgresql": [
        "id BIGSERIAL NOT NULL",
        "guid UUID",
        "hex UUID",
        "at TIMESTAMP WITH TIME ZONE",
        "doc JSONB",
        "ora JSON",
        "secret VARCHAR(255)",
        "loose VARCHAR",
        "note TEXT",
        "pw VARCHAR(128)",
    ],
    "sqlite": [
        "id INTEGER NOT NULL",
        "guid BINARY(16)",
        "hex CHAR(32)",
        "at DATETIME",
        "doc JSON",
        "ora JSON",
        "secret VARCHAR(255)",
        "loose VARCHAR",
        "note TEXT",
        "pw VARCHAR(128)",
    ],
    "mysql": [
        "id BIGINT NOT NULL AUTO_INCREMENT",
        "guid BINARY(16)",
        "hex CHAR(32)",
        "at DATETIME(6)",
        "doc JSON",
        "ora JSON",
        "secret VARCHAR(255)",
        "loose TEXT",
        "note TEXT",
        "pw VARCHAR(128)",
    ],
    "oracle": [
        "id NUMBER(19) NOT NULL",
        "guid RAW(16)",
        "hex CHAR(32)",
        "at TIMESTAMP WITH TIME ZONE",
        "doc BLOB",
        "ora BLOB",
        "secret VARCHAR2(255 CHAR)",
        "loose CLOB",
        "note CLOB",
        "pw VARCHAR2(128 CHAR)",
    ],
    "mssql": [
        "id BIGINT NOT NULL IDENTITY",
        "guid UNIQUEIDENTIFIER NULL",
        "hex UNIQUEIDENTIFIER NULL",
        "at DATETIMEOFFSET NULL",
        "doc NVARCHAR(max) NULL",
        "ora NVARCHAR(max) NULL",
        "secret VARCHAR(255) NULL",
        "loose VARCHAR(max) NULL",
        "note TEXT NULL",
        "pw VARCHAR(128) NULL",
    ],
}

DIALECTS: dict[str, Dialect] = {
    "postgresql": postgresql.dialect(),  # type: ignore[no-untyped-call]
    "sqlite": sqlite.dialect(),
    "mysql": mysql.dialect(),
    "mariadb": mysql.dialect(is_mariadb=True),
    "oracle": oracle.dialect(),  # type: ignore[no-untyped-call]
    "mssql": mssql.dialect(),  # type: ignore[no-untyped-call]
}


def _column_lines(dialect: Dialect) -> list[str]:
    ddl = str(CreateTable(TABLE).compile(dialect=dialect))
    lines = [line.strip().rstrip(",") for line in ddl.strip().splitlines()[1:-1]]
    return [line for line in lines if not line.startswith("PRIMARY KEY")]


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_ddl_per_dialect(name: str) -> None:
    expected = EXPECTED_DDL["mysql" if name == "mariadb" else name]
    assert _column_lines(DIALECTS[name]) == expected


@pytest.mark.parametrize(
    ("name", "column", "expected"),
    [
        ("sqlite", "guid", "X'00000000000000000000000000000005'"),
        ("mysql", "guid", "X'00000000000000000000000000000005'"),
        ("oracle", "guid", "HEXTORAW('00000000000000000000000000000005')"),
        ("postgresql", "guid", "'00000000-0000-0000-0000-000000000005'"),
        ("sqlite", "hex", "'00000000000000000000000000000005'"),
    ],
)
def test_guid_literal_binds(name: str, column: str, expected: str) -> None:
    statement = select(TABLE.c.id).where(TABLE.c[column] == uuid.UUID(int=5))
    compiled = str(statement.compile(dialect=DIALECTS[name], compile_kwargs={"literal_binds": True}))
    assert compiled.endswith(f"WHERE types_ddl.{column} = {expected}")


def test_reprs_are_constructor_calls() -> None:
    assert [repr(GUID()), repr(GUID(binary=False)), repr(DateTimeUTC()), repr(PasswordHash(length=99))] == [
        "GUID()",
        "GUID(binary=False)",
        "DateTimeUTC()",
        "PasswordHash(length=99)",
    ]
    assert type(GUID()).__module__ == "sqlalchemist.types"


def test_date_time_utc_refuses_naive_configuration() -> None:
    with pytest.raises(ImproperConfigurationError) as raised:
        DateTimeUTC(timezone=False)
    assert str(raised.value) == (
        "DateTimeUTC is always timezone-aware and got timezone=False; use sqlalchemy.DateTime for naive values"
    )


def test_public_names() -> None:
    assert sorted(sqlalchemist.types.__all__) == sorted(
        [
            "GUID",
            "ORA_JSONB",
            "Argon2Hasher",
            "BigIntIdentity",
            "DateTimeUTC",
            "EncryptedString",
            "EncryptedText",
            "EncryptionBackend",
            "EncryptionKey",
            "FernetBackend",
            "HashedPassword",
            "JsonB",
            "PasswordHash",
            "PasswordHasher",
            "Pbkdf2Hasher",
        ]
    )


def test_import_loads_no_optional_dependency() -> None:
    code = "import json, sys, sqlalchemist.types\nprint(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert {"cryptography", "argon2", "_argon2_cffi_bindings"} & set(json.loads(out)) == set()


def test_guid_stays_binary_on_mariadb_with_native_uuid() -> None:
    dialect = mysql.dialect(is_mariadb=True)
    dialect.supports_native_uuid = True
    assert _column_lines(dialect)[1:3] == ["guid BINARY(16)", "hex CHAR(32)"]
