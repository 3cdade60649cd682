from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import Integer, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sqlalchemist.exceptions import ImproperConfigurationError, MissingDependencyError
from sqlalchemist.types import Argon2Hasher, HashedPassword, PasswordHash, PasswordHasher, Pbkdf2Hasher

FAST_ARGON2 = Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1)


class _Base(DeclarativeBase):
    pass


class TypesPasswordRow(_Base):
    __tablename__ = "types_password_row"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    password: Mapped[HashedPassword | None] = mapped_column(PasswordHash(FAST_ARGON2, length=128))
    pin: Mapped[HashedPassword | None] = mapped_column(PasswordHash(Pbkdf2Hasher(iterations=1000), length=160))


async def test_password_hash_async(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(TypesPasswordRow)
    async with AsyncSession(async_engine) as session:
        session.add(TypesPasswordRow(id=1, password="correct horse", pin="1234"))
        await session.commit()
    async with AsyncSession(async_engine) as session:
        row = (await session.scalars(select(TypesPasswordRow))).one()
        raw = (await session.execute(text("SELECT password, pin FROM types_password_row"))).one()
    assert isinstance(row.password, HashedPassword)
    assert row.password.verify("correct horse") is True
    assert row.password.verify("wrong horse") is False
    assert row.pin is not None
    assert row.pin.verify("1234") is True
    assert row.pin.verify("1235") is False
    assert raw[0].startswith("$argon2id$")
    assert "correct horse" not in raw[0]
    assert raw[1].startswith("pbkdf2_sha256$1000$")
    assert row.password.hash_string == raw[0]


def test_password_hash_sync_reassign(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesPasswordRow)
    with Session(sync_engine) as session:
        session.add(TypesPasswordRow(id=1, password="first"))
        session.commit()
        row = session.get(TypesPasswordRow, 1)
        assert row is not None
        assert row.password is not None
        first_hash = row.password.hash_string
        row.password = "second"  # type: ignore[assignment]
        session.commit()
    with Session(sync_engine) as session:
        stored = session.scalars(select(TypesPasswordRow.password)).one()
    assert stored is not None
    assert stored.hash_string != first_hash
    assert stored.verify("second") is True
    assert stored.verify("first") is False


def test_password_hash_keeps_a_hashed_password(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesPasswordRow)
    existing = HashedPassword(FAST_ARGON2.hash("kept"), FAST_ARGON2)
    with sync_engine.begin() as conn:
        conn.execute(insert(TypesPasswordRow).values(id=1, password=existing, pin=None))
        loaded = conn.execute(select(TypesPasswordRow.password, TypesPasswordRow.pin)).one()
    assert tuple(loaded) == (existing, None)


def test_password_hash_refuses_other_types(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesPasswordRow)
    with sync_engine.begin() as conn, pytest.raises(StatementError) as raised:
        conn.execute(insert(TypesPasswordRow).values(id=1, password=1234))
    assert isinstance(raised.value.orig, TypeError)
    assert str(raised.value.orig) == "PasswordHash expected a str, bytes or HashedPassword, got int"


def test_hashed_password_does_not_leak() -> None:
    hashed = HashedPassword(FAST_ARGON2.hash("pw"), FAST_ARGON2)
    same = HashedPassword(hashed.hash_string, FAST_ARGON2)
    assert repr(hashed) == "HashedPassword(<Argon2Hasher hash>)"
    assert hashed == same
    assert hashed != "pw"
    assert hashed != HashedPassword(FAST_ARGON2.hash("pw"), FAST_ARGON2)
    assert hashed.needs_rehash() is False
    assert HashedPassword(hashed.hash_string, Argon2Hasher()).needs_rehash() is True


def test_hashers_reject_foreign_hashes() -> None:
    pbkdf2 = Pbkdf2Hasher(iterations=1000)
    assert FAST_ARGON2.verify(pbkdf2.hash("pw"), "pw") is False
    assert pbkdf2.verify(FAST_ARGON2.hash("pw"), "pw") is False
    assert pbkdf2.verify("pbkdf2_sha256$10$***$***", "pw") is False
    assert pbkdf2.needs_rehash(pbkdf2.hash("pw")) is False
    assert Pbkdf2Hasher(iterations=2000).needs_rehash(pbkdf2.hash("pw")) is True
    assert isinstance(pbkdf2, PasswordHasher)


def test_bad_backend_is_a_configuration_error() -> None:
    with pytest.raises(ImproperConfigurationError) as raised:
        PasswordHash(Argon2Hasher)  # type: ignore[arg-type]
    assert str(raised.value) == (
        "PasswordHash expected backend to be a hasher instance with hash(), verify() and needs_rehash() "
        "(such as Argon2Hasher()), got <class 'sqlalchemist.types.Argon2Hasher'>"
    )


def test_missing_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "argon2", None)
    with pytest.raises(MissingDependencyError) as raised:
        Argon2Hasher().hash("pw")
    with pytest.raises(MissingDependencyError):
        Argon2Hasher().verify("$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "pw")
    assert str(raised.value) == (
        "'argon2-cffi' is required for Argon2Hasher but is not installed; "
        'install it with: pip install "sqlalchemist[argon2]"'
    )
