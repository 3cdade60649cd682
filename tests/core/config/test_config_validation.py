"""Configs are validated when constructed; each error names what was expected, what was got and the fix."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, QueuePool, StaticPool

import sqlalchemist
import sqlalchemist.config
from sqlalchemist.base import metadata_registry
from sqlalchemist.config import (
    AlembicAsyncConfig,
    AlembicSyncConfig,
    AsyncSessionConfig,
    Empty,
    EngineConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemySyncConfig,
    SyncSessionConfig,
)
from sqlalchemist.exceptions import ImproperConfigurationError


def test_public_names() -> None:
    assert set(sqlalchemist.config.__all__) == {
        "AlembicAsyncConfig",
        "AlembicSyncConfig",
        "AsyncSessionConfig",
        "Empty",
        "EmptyType",
        "EngineConfig",
        "SQLAlchemyAsyncConfig",
        "SQLAlchemyConfigBase",
        "SQLAlchemySyncConfig",
        "SyncSessionConfig",
    }


@pytest.mark.parametrize(
    ("config_type", "message"),
    [
        (
            SQLAlchemyAsyncConfig,
            "SQLAlchemyAsyncConfig: expected connection_string or engine_instance, got neither; pass "
            "connection_string='sqlite+aiosqlite:///db.sqlite3' or engine_instance=create_async_engine(...)",
        ),
        (
            SQLAlchemySyncConfig,
            "SQLAlchemySyncConfig: expected connection_string or engine_instance, got neither; pass "
            "connection_string='sqlite:///db.sqlite3' or engine_instance=create_engine(...)",
        ),
    ],
)
def test_neither_engine_source(config_type: type[SQLAlchemyAsyncConfig | SQLAlchemySyncConfig], message: str) -> None:
    config = config_type(alembic_config=config_type().alembic_config)
    with pytest.raises(ImproperConfigurationError) as info:
        config.get_engine()
    assert str(info.value) == message
    with pytest.raises(ImproperConfigurationError) as info:
        config.get_session()
    assert str(info.value) == message


def test_both_engine_sources() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://", engine_instance=engine)
    assert str(info.value) == (
        "SQLAlchemyAsyncConfig: expected connection_string or engine_instance, got both; pass only one of them"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "mysql+pymysql://root@127.0.0.1/test",
            "SQLAlchemyAsyncConfig: connection_string uses the sync driver 'mysql+pymysql', which cannot run under "
            "asyncio; use an async driver such as 'mysql+asyncmy', or SQLAlchemySyncConfig",
        ),
        (
            "sqlite:///db.sqlite3",
            "SQLAlchemyAsyncConfig: connection_string uses the sync driver 'sqlite', which cannot run under "
            "asyncio; use an async driver such as 'sqlite+aiosqlite', or SQLAlchemySyncConfig",
        ),
    ],
)
def test_sync_driver_in_async_config(url: str, message: str) -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemyAsyncConfig(connection_string=url)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "sqlite+aiosqlite:///db.sqlite3",
            "SQLAlchemySyncConfig: connection_string uses the async driver 'sqlite+aiosqlite'; use "
            "SQLAlchemyAsyncConfig for it, or a sync driver such as 'sqlite'",
        ),
        (
            "postgresql+asyncpg://postgres@127.0.0.1/test",
            "SQLAlchemySyncConfig: connection_string uses the async driver 'postgresql+asyncpg'; use "
            "SQLAlchemyAsyncConfig for it, or a sync driver such as 'postgresql+psycopg'",
        ),
    ],
)
def test_async_driver_in_sync_config(url: str, message: str) -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemySyncConfig(connection_string=url)
    assert str(info.value) == message


def test_psycopg_serves_both_kinds() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1/test"
    assert SQLAlchemyAsyncConfig(connection_string=url).connection_string == url
    assert SQLAlchemySyncConfig(connection_string=url).connection_string == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "nosuch://host/db",
            "SQLAlchemySyncConfig: connection_string names an unknown dialect or driver "
            "(Can't load plugin: sqlalchemy.dialects:nosuch); check the URL's scheme",
        ),
        (
            "not a url",
            "SQLAlchemySyncConfig: connection_string could not be parsed as a database URL; expected a URL like "
            "'dialect+driver://user:password@host/database'",
        ),
    ],
)
def test_bad_connection_string(url: str, message: str) -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemySyncConfig(connection_string=url)
    assert str(info.value) == message


def test_engine_of_the_wrong_kind() -> None:
    engine = create_engine("sqlite://")
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemyAsyncConfig(engine_instance=engine)  # type: ignore[arg-type]
    assert str(info.value) == (
        "SQLAlchemyAsyncConfig: expected engine_instance to be an AsyncEngine (from create_async_engine), got "
        "Engine; pass a matching engine or use SQLAlchemySyncConfig"
    )
    engine.dispose()


def test_engine_instance_with_engine_config() -> None:
    engine = create_engine("sqlite://")
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemySyncConfig(engine_instance=engine, engine_config=EngineConfig(echo=True, pool_recycle=60))
    assert str(info.value) == (
        "SQLAlchemySyncConfig: engine_config (echo, pool_recycle) is ignored when engine_instance is given; set "
        "those options on the engine you pass, or pass connection_string instead"
    )
    engine.dispose()


def test_session_config_of_the_wrong_kind() -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://", session_config=SyncSessionConfig())  # type: ignore[arg-type]
    assert str(info.value) == (
        "SQLAlchemyAsyncConfig: expected session_config to be an AsyncSessionConfig, got SyncSessionConfig"
    )
    with pytest.raises(ImproperConfigurationError) as sync_info:
        SQLAlchemySyncConfig(connection_string="sqlite://", session_config=AsyncSessionConfig())  # type: ignore[arg-type]
    assert str(sync_info.value) == (
        "SQLAlchemySyncConfig: expected session_config to be a SyncSessionConfig, got AsyncSessionConfig"
    )


def test_queue_pool_options_with_another_pool() -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        EngineConfig(poolclass=NullPool, pool_size=5, max_overflow=2)
    assert str(info.value) == (
        "EngineConfig: pool_size, max_overflow only apply to a QueuePool, got poolclass=NullPool; remove them or "
        "use poolclass=QueuePool"
    )
    assert EngineConfig(poolclass=QueuePool, pool_size=5).as_kwargs() == {"poolclass": QueuePool, "pool_size": 5}


def test_pool_and_poolclass() -> None:
    pool = create_engine("sqlite://", poolclass=StaticPool).pool
    with pytest.raises(ImproperConfigurationError) as info:
        EngineConfig(pool=pool, poolclass=StaticPool)
    assert str(info.value) == (
        "EngineConfig: got both pool and poolclass; pass pool (a ready pool) or poolclass, not both"
    )


def test_only_set_options_are_passed() -> None:
    assert EngineConfig().as_kwargs() == {}
    assert EngineConfig(echo=True, pool_pre_ping=True).as_kwargs() == {"echo": True, "pool_pre_ping": True}
    assert repr(EngineConfig(echo=True)) == "EngineConfig(echo=True)"
    assert AsyncSessionConfig(expire_on_commit=False).as_kwargs() == {"expire_on_commit": False}
    assert repr(SyncSessionConfig(autoflush=False)) == "SyncSessionConfig(autoflush=False)"
    assert all(getattr(EngineConfig(), f.name) is Empty for f in fields(EngineConfig))


def test_connection_string_is_not_in_repr() -> None:
    config = SQLAlchemyAsyncConfig(connection_string="postgresql+asyncpg://user:s3cret@db/app")
    assert "s3cret" not in repr(config)


def test_default_metadata_comes_from_the_registry() -> None:
    config = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://")
    assert config.metadata is metadata_registry.get(None)
    assert config.alembic_config.target_metadata is config.metadata
    keyed = SQLAlchemySyncConfig(connection_string="sqlite://", bind_key="cfg_reports")
    assert keyed.metadata is metadata_registry.get("cfg_reports")
    assert keyed.alembic_config.target_metadata is keyed.metadata


def test_explicit_alembic_metadata_is_kept() -> None:
    own = MetaData()
    config = SQLAlchemyAsyncConfig(
        connection_string="sqlite+aiosqlite://", alembic_config=AlembicAsyncConfig(target_metadata=own)
    )
    assert config.alembic_config.target_metadata is own


def test_missing_metadata_names_the_fix() -> None:
    config = SQLAlchemySyncConfig(connection_string="sqlite://")
    config.metadata = None
    with pytest.raises(ImproperConfigurationError) as info:
        config.create_all_metadata()
    assert str(info.value) == (
        "SQLAlchemySyncConfig: has no metadata to create or drop; pass metadata=YourBase.metadata"
    )


@pytest.mark.parametrize("alembic_type", [AlembicAsyncConfig, AlembicSyncConfig])
def test_alembic_defaults(alembic_type: type[AlembicAsyncConfig | AlembicSyncConfig]) -> None:
    config = alembic_type()
    assert (
        config.script_config,
        config.version_table_name,
        config.version_table_schema,
        config.script_location,
        config.target_metadata,
        config.user_module_prefix,
        config.render_as_batch,
        config.compare_type,
    ) == ("alembic.ini", "alembic_versions", None, "migrations", None, "sa.", True, False)
    templates = Path(sqlalchemist.__file__).resolve().parent / "alembic" / "templates"
    assert config.template_path == str(templates)
    assert (templates / "asyncio").is_dir()


def test_alembic_refuses_empty_names() -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        AlembicAsyncConfig(script_location="")
    assert str(info.value) == "AlembicAsyncConfig: expected a non-empty script_location, got ''"


def test_guide_alembic_snippet() -> None:
    config = SQLAlchemyAsyncConfig(
        connection_string="sqlite+aiosqlite:///test.sqlite",
        alembic_config=AlembicAsyncConfig(script_location="./alembic/"),
    )
    assert config.alembic_config.script_location == "./alembic/"


@dataclass(kw_only=True, eq=False)
class CfgAdapterConfig(SQLAlchemyAsyncConfig):
    """What a framework adapter does: subclass and add its own options."""

    session_dependency_key: str = "db_session"


def test_adapter_can_subclass() -> None:
    config = CfgAdapterConfig(
        connection_string="sqlite+aiosqlite:///test.sqlite",
        session_config=AsyncSessionConfig(expire_on_commit=False),
        create_all=True,
        session_dependency_key="cfg_session",
    )
    assert (config.session_dependency_key, config.create_all) == ("cfg_session", True)
    assert {config: 1}[config] == 1
    with pytest.raises(ImproperConfigurationError) as info:
        CfgAdapterConfig().get_engine()
    assert str(info.value).startswith("CfgAdapterConfig: expected connection_string or engine_instance, got neither")


def test_given_session_maker_is_used() -> None:
    engine = create_engine("sqlite://")
    maker = sessionmaker(bind=engine, autoflush=False)
    config = SQLAlchemySyncConfig(engine_instance=engine, session_maker=maker)
    assert config.create_session_maker() is maker
    with config.get_session() as session:
        assert session.autoflush is False
    engine.dispose()


class CfgSession(Session):
    """A session subclass to check that session options reach the session maker."""


def test_session_options_reach_the_session_maker() -> None:
    other = create_engine("sqlite://")
    config = SQLAlchemySyncConfig(
        connection_string="sqlite://",
        session_config=SyncSessionConfig(class_=CfgSession, bind=other, info={"cfg": 1}),
    )
    with config.get_session() as session:
        assert isinstance(session, CfgSession)
        assert session.bind is other
        assert session.info == {"cfg": 1}
    assert config.create_session_maker() is config.create_session_maker()
    other.dispose()
