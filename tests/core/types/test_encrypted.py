from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sqlalchemist.exceptions import ImproperConfigurationError, MissingDependencyError
from sqlalchemist.types import EncryptedString, EncryptedText, EncryptionBackend, FernetBackend

SECRET = "123-45-6789 ünïcødé"
LONG = "lorem ipsum " * 400
KEY_HINT = "pass key=... as a non-empty str or bytes, or a zero-argument callable returning one"


class _Base(DeclarativeBase):
    pass


class TypesSecretRow(_Base):
    __tablename__ = "types_secret_row"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    secret: Mapped[str | None] = mapped_column(EncryptedString(key="s3cret-key", length=255))
    note: Mapped[str | None] = mapped_column(EncryptedText(key=lambda: b"another key"))
    loose: Mapped[str | None] = mapped_column(EncryptedString(key="k"))


def _wrong_key_table() -> Table:
    return Table(
        "types_secret_row",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("secret", EncryptedString(key="not-the-key", length=255)),
    )


async def test_encrypted_round_trip_async(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(TypesSecretRow)
    async with AsyncSession(async_engine) as session:
        session.add_all([TypesSecretRow(id=1, secret=SECRET, note=LONG, loose="x"), TypesSecretRow(id=2)])
        await session.commit()
    async with AsyncSession(async_engine) as session:
        rows = (
            await session.execute(
                select(TypesSecretRow.secret, TypesSecretRow.note, TypesSecretRow.loose).order_by(TypesSecretRow.id)
            )
        ).all()
        raw = (await session.execute(text("SELECT secret, note FROM types_secret_row WHERE id = 1"))).one()
    assert [tuple(row) for row in rows] == [(SECRET, LONG, "x"), (None, None, None)]
    assert SECRET not in raw[0]
    assert raw[0].startswith("gAAAAA")
    assert "lorem" not in raw[1]


def test_encrypted_round_trip_sync(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesSecretRow)
    with Session(sync_engine) as session:
        session.add(TypesSecretRow(id=1, secret=SECRET))
        session.commit()
        row = session.get(TypesSecretRow, 1)
        assert row is not None
        assert row.secret == SECRET
        row.secret = "changed"
        session.commit()
    with sync_engine.connect() as conn:
        assert conn.execute(select(TypesSecretRow.secret)).scalar_one() == "changed"
        assert conn.execute(text("SELECT secret FROM types_secret_row")).scalar_one() != "changed"


def test_encrypted_wrong_key_on_read(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesSecretRow)
    with sync_engine.begin() as conn:
        conn.execute(insert(TypesSecretRow).values(id=1, secret=SECRET))
    wrong = _wrong_key_table()
    with sync_engine.connect() as conn, pytest.raises(ImproperConfigurationError) as raised:
        conn.execute(select(wrong.c.secret)).scalar_one()
    assert str(raised.value) == (
        "EncryptedString could not decrypt a stored value with FernetBackend "
        "(the value is not a Fernet token made with this key); the key differs from the one the value was "
        "encrypted with, or the value was not written through this type: check the key passed to the column type"
    )


def test_encrypted_refuses_non_str(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesSecretRow)
    with sync_engine.begin() as conn, pytest.raises(StatementError) as raised:
        conn.execute(insert(TypesSecretRow).values(id=1, secret=42))
    assert isinstance(raised.value.orig, TypeError)
    assert str(raised.value.orig) == "EncryptedString expected a str to encrypt, got int"


def test_missing_key_is_a_configuration_error() -> None:
    with pytest.raises(ImproperConfigurationError) as missing:
        EncryptedString()
    with pytest.raises(ImproperConfigurationError) as empty:
        EncryptedText(key="")
    with pytest.raises(ImproperConfigurationError) as wrong_type:
        EncryptedString(key=123)  # type: ignore[arg-type]
    assert str(missing.value) == f"EncryptedString needs an encryption key and got none; {KEY_HINT}"
    assert str(empty.value) == (
        f"EncryptedText got an empty encryption key; {KEY_HINT} (for example read from an environment variable)"
    )
    assert str(wrong_type.value) == f"EncryptedString expected the key to be str or bytes, got int; {KEY_HINT}"


def test_callable_key_is_checked_when_first_needed() -> None:
    calls: list[int] = []

    def key() -> str:
        calls.append(1)
        return ""

    column_type = EncryptedString(key=key)
    assert calls == []
    with pytest.raises(ImproperConfigurationError) as raised:
        column_type.process_bind_param("x", sqlite.dialect())
    assert calls == [1]
    assert str(raised.value) == (
        f"EncryptedString got an empty encryption key; {KEY_HINT} (for example read from an environment variable)"
    )


def test_bad_backend_is_a_configuration_error() -> None:
    with pytest.raises(ImproperConfigurationError) as raised:
        EncryptedString(key="k", backend=FernetBackend())  # type: ignore[arg-type]
    assert str(raised.value).startswith(
        "EncryptedString expected backend to be an EncryptionBackend subclass, got <sqlalchemist.types."
    )


def test_missing_cryptography(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cryptography", None)
    monkeypatch.setitem(sys.modules, "cryptography.fernet", None)
    column_type = EncryptedString(key="k")
    with pytest.raises(MissingDependencyError) as raised:
        column_type.process_bind_param("x", sqlite.dialect())
    assert str(raised.value) == (
        "'cryptography' is required for FernetBackend but is not installed; "
        'install it with: pip install "sqlalchemist[encryption]"'
    )


class _ReversingBackend(EncryptionBackend):
    def mount_vault(self, key: bytes) -> None:
        self.key = key.decode()

    def encrypt(self, value: str) -> str:
        return self.key + value[::-1]

    def decrypt(self, value: str) -> str:
        if not value.startswith(self.key):
            msg = "wrong prefix"
            raise ValueError(msg)
        return value[len(self.key) :][::-1]


def test_custom_backend() -> None:
    column_type = EncryptedString(key="K:", backend=_ReversingBackend)
    dialect = sqlite.dialect()
    assert column_type.process_bind_param("abc", dialect) == "K:cba"
    assert column_type.process_result_value("K:cba", dialect) == "abc"
    with pytest.raises(ImproperConfigurationError) as raised:
        column_type.process_result_value("X:cba", dialect)
    assert str(raised.value).startswith("EncryptedString could not decrypt a stored value with _ReversingBackend")


def test_repr_hides_the_key() -> None:
    assert (
        repr(EncryptedString(key="s3cret", length=64))
        == "EncryptedString(key=<hidden>, backend=FernetBackend, length=64)"
    )
    assert repr(EncryptedText(key="s3cret")) == "EncryptedText(key=<hidden>, backend=FernetBackend)"


def test_fernet_backend_is_compatible_with_sha256_derived_keys() -> None:
    backend = FernetBackend()
    backend.mount_vault(b"s3cret-key")
    token = backend.encrypt("hello")
    other = FernetBackend()
    other.mount_vault(b"s3cret-key")
    assert other.decrypt(token) == "hello"
    with pytest.raises(ValueError) as raised:
        other.decrypt("garbage")
    assert str(raised.value) == "the value is not a Fernet token made with this key"
