"""SQLAlchemyAsyncConfig / SQLAlchemySyncConfig against every backend: engine, sessions, create_all and drop_all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import inspect, select
from sqlalchemy.pool import AsyncAdaptedQueuePool, NullPool, QueuePool

from sqlalchemist.config import (
    AsyncSessionConfig,
    EngineConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemySyncConfig,
    SyncSessionConfig,
)
from tests.core.config._models import CfgBase, CfgWidget

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.ext.asyncio import AsyncEngine

    from tests.conftest import Backend


def _table_names(conn: Connection) -> set[str]:
    return {name for name in inspect(conn).get_table_names() if name.startswith("cfg_")}


async def test_async_config_round_trip(async_backend: Backend, tmp_path: Path) -> None:
    config = SQLAlchemyAsyncConfig(
        connection_string=async_backend.url(tmp_path),
        session_config=AsyncSessionConfig(expire_on_commit=False),
        metadata=CfgBase.metadata,
        create_all=True,
    )
    engine = config.get_engine()
    assert config.get_engine() is engine
    assert engine.url.drivername == async_backend.url(tmp_path).split(":")[0]
    try:
        await config.create_all_metadata()
        async with engine.connect() as conn:
            assert await conn.run_sync(_table_names) == {"cfg_widget"}
        async with config.get_session() as session, session.begin():
            session.add(CfgWidget(id=1, name="bolt"))
        widget = CfgWidget(id=2, name="nut")
        async with config.get_session() as first, config.get_session() as second:
            assert first is not second
            assert first.sync_session.expire_on_commit is False
            first.add(widget)
            await first.commit()
            assert widget.name == "nut"
            names = (await second.execute(select(CfgWidget.name).order_by(CfgWidget.id))).scalars().all()
        assert names == ["bolt", "nut"]
        await config.drop_all_metadata()
        async with engine.connect() as conn:
            assert await conn.run_sync(_table_names) == set()
    finally:
        await config.drop_all_metadata()
        await config.close_engine()


def test_sync_config_round_trip(sync_backend: Backend, tmp_path: Path) -> None:
    config = SQLAlchemySyncConfig(
        connection_string=sync_backend.url(tmp_path),
        session_config=SyncSessionConfig(expire_on_commit=False),
        metadata=CfgBase.metadata,
    )
    engine = config.get_engine()
    assert config.get_engine() is engine
    try:
        config.create_all_metadata()
        with engine.connect() as conn:
            assert _table_names(conn) == {"cfg_widget"}
        with config.get_session() as session, session.begin():
            session.add(CfgWidget(id=1, name="bolt"))
        with config.get_session() as first, config.get_session() as second:
            assert first is not second
            assert first.expire_on_commit is False
            names = second.execute(select(CfgWidget.name)).scalars().all()
        assert names == ["bolt"]
        config.drop_all_metadata()
        with engine.connect() as conn:
            assert _table_names(conn) == set()
    finally:
        config.drop_all_metadata()
        config.close_engine()


async def test_async_engine_instance_is_used_as_given(async_engine: AsyncEngine) -> None:
    config = SQLAlchemyAsyncConfig(engine_instance=async_engine, metadata=CfgBase.metadata)
    assert config.get_engine() is async_engine
    async with config.get_session() as session:
        assert session.bind is async_engine
        assert (await session.execute(select(1))).scalar_one() == 1


def test_sync_engine_instance_is_used_as_given(sync_engine: Engine) -> None:
    config = SQLAlchemySyncConfig(engine_instance=sync_engine)
    assert config.get_engine() is sync_engine
    with config.get_session() as session:
        assert session.bind is sync_engine
        assert session.execute(select(1)).scalar_one() == 1


async def test_async_guide_pool_settings(async_backend: Backend, tmp_path: Path) -> None:
    config = SQLAlchemyAsyncConfig(
        connection_string=async_backend.url(tmp_path),
        engine_config=EngineConfig(poolclass=QueuePool, pool_size=20, max_overflow=30, pool_pre_ping=True),
    )
    engine = config.get_engine()
    try:
        assert type(engine.pool) is AsyncAdaptedQueuePool
        assert engine.pool.size() == 20
        async with config.get_session() as session:
            assert (await session.execute(select(1))).scalar_one() == 1
    finally:
        await config.close_engine()


def test_sync_engine_options_are_passed(sync_backend: Backend, tmp_path: Path) -> None:
    config = SQLAlchemySyncConfig(
        connection_string=sync_backend.url(tmp_path),
        engine_config=EngineConfig(poolclass=NullPool, execution_options={"cfg_marker": "on"}, echo=False),
    )
    engine = config.get_engine()
    try:
        assert type(engine.pool) is NullPool
        assert engine.get_execution_options()["cfg_marker"] == "on"
        with config.get_session() as session:
            assert session.execute(select(1)).scalar_one() == 1
    finally:
        config.close_engine()
    assert config.get_engine() is not engine
    config.close_engine()
