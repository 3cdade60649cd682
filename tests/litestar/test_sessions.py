"""Per-request sessions: injection, autocommit / rollback by status, guards, several configs, get_session."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, cast

import pytest
from litestar import Litestar, Response, get, post
from litestar.connection import ASGIConnection
from litestar.exceptions import ClientException
from litestar.handlers.base import BaseRouteHandler
from litestar.response import Redirect
from litestar.testing import AsyncTestClient
from litestar.types import Message, Scope
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist_litestar import AsyncSessionConfig, SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from tests.conftest import Backend
from tests.litestar.models import LsNote, LsOwnBase, LsTag

MakeTables = Callable[..., Awaitable[None]]


async def _count(engine: AsyncEngine, model: Any) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(model))).scalar_one())


def _note_app(config: SQLAlchemyAsyncConfig, **kwargs: Any) -> Litestar:
    @post("/notes/{status_code:int}", status_code=201)
    async def add_note(db_session: AsyncSession, status_code: int) -> Any:
        db_session.add(LsNote(text=f"status {status_code}"))
        await db_session.flush()
        if status_code == 302:
            return Redirect("/elsewhere")
        if status_code >= 400:
            raise ClientException("refused on purpose", status_code=status_code)
        return {"saved": True}

    return Litestar(route_handlers=[add_note], plugins=[SQLAlchemyPlugin(config=config)], **kwargs)


def _config(backend: Backend, tmp_path: Path, **kwargs: Any) -> SQLAlchemyAsyncConfig:
    return SQLAlchemyAsyncConfig(
        connection_string=backend.url(tmp_path),
        session_config=AsyncSessionConfig(expire_on_commit=False),
        **kwargs,
    )


async def test_autocommit_commits_on_2xx_and_rolls_back_otherwise(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsNote)
    app = _note_app(_config(async_backend, tmp_path, before_send_handler="autocommit"))
    async with AsyncTestClient(app) as client:
        created = await client.post("/notes/201")
        refused = await client.post("/notes/409")
        redirected = await client.post("/notes/302", follow_redirects=False)
    assert (created.status_code, created.json()) == (201, {"saved": True})
    assert refused.status_code == 409
    assert refused.json() == {"status_code": 409, "detail": "refused on purpose"}
    assert redirected.status_code == 302
    async with async_engine.connect() as conn:
        texts = (await conn.execute(select(LsNote.text))).scalars().all()
    assert texts == ["status 201"]


async def test_autocommit_include_redirects_commits_on_3xx(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsNote)
    app = _note_app(_config(async_backend, tmp_path, before_send_handler="autocommit_include_redirects"))
    async with AsyncTestClient(app) as client:
        assert (await client.post("/notes/302", follow_redirects=False)).status_code == 302
        assert (await client.post("/notes/400")).status_code == 400
    async with async_engine.connect() as conn:
        assert (await conn.execute(select(LsNote.text))).scalars().all() == ["status 302"]


async def test_without_handler_the_session_is_closed_uncommitted(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsNote)
    app = _note_app(_config(async_backend, tmp_path))
    async with AsyncTestClient(app) as client:
        assert (await client.post("/notes/201")).status_code == 201
    assert await _count(async_engine, LsNote) == 0


async def test_custom_before_send_handler_runs_with_the_scope(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsNote)
    seen: list[str] = []

    async def commit_always(message: Message, scope: Scope) -> None:
        if message["type"] == "http.response.start":
            seen.append(str(message["status"]))
            session = cast("dict[str, Any]", scope).get("_sqlalchemist_db_session")
            if isinstance(session, AsyncSession):
                await session.commit()

    app = _note_app(_config(async_backend, tmp_path, before_send_handler=commit_always))
    async with AsyncTestClient(app) as client:
        assert (await client.post("/notes/400")).status_code == 400
    assert seen == ["400"]
    assert await _count(async_engine, LsNote) == 1


async def test_guard_and_handler_share_the_request_session(async_backend: Backend, tmp_path: Path) -> None:
    config = _config(async_backend, tmp_path, before_send_handler="autocommit")
    guard_sessions: list[AsyncSession] = []

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        db_session = config.provide_session(connection.app.state, connection.scope)
        assert (await db_session.execute(text("SELECT 1"))).scalar_one() == 1
        guard_sessions.append(db_session)

    @get("/same", guards=[guard])
    async def same(db_session: AsyncSession) -> dict[str, bool]:
        return {"same": db_session is guard_sessions[-1]}

    app = Litestar(route_handlers=[same], plugins=[SQLAlchemyPlugin(config=config)])
    async with AsyncTestClient(app) as client:
        first = await client.get("/same")
        second = await client.get("/same")
    assert first.json() == {"same": True}
    assert second.json() == {"same": True}
    assert guard_sessions[0] is not guard_sessions[1]


async def test_engine_dependency_and_app_state(async_backend: Backend, tmp_path: Path) -> None:
    config = _config(async_backend, tmp_path)

    @get("/engine")
    async def engine_info(db_engine: AsyncEngine) -> dict[str, str]:
        async with db_engine.connect() as conn:
            one = (await conn.execute(text("SELECT 1"))).scalar_one()
        return {"dialect": db_engine.dialect.name, "one": str(one)}

    app = Litestar(route_handlers=[engine_info], plugins=[SQLAlchemyPlugin(config=config)])
    async with AsyncTestClient(app) as client:
        assert app.state["db_engine"] is config.get_engine()
        assert "db_session_maker" in app.state
        response = await client.get("/engine")
    dialect = {"sqlite": "sqlite", "postgres": "postgresql", "mariadb": "mysql"}[async_backend.family]
    assert response.json() == {"dialect": dialect, "one": "1"}
    assert "db_engine" not in app.state


async def test_create_all_at_startup(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsNote, LsTag)
    async with async_engine.begin() as conn:
        await conn.run_sync(LsOwnBase.metadata.drop_all)
    config = _config(async_backend, tmp_path, create_all=True, metadata=LsOwnBase.metadata)
    app = Litestar(plugins=[SQLAlchemyPlugin(config=config)])
    async with AsyncTestClient(app):
        pass
    assert await _count(async_engine, LsTag) == 0
    assert await _count(async_engine, LsNote) == 0


async def test_two_configs_side_by_side(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsNote, LsTag)
    notes = _config(async_backend, tmp_path, before_send_handler="autocommit")
    tags = _config(
        async_backend,
        tmp_path,
        before_send_handler="autocommit",
        session_dependency_key="tags_session",
        engine_dependency_key="tags_engine",
    )

    @post("/both", status_code=201)
    async def both(db_session: AsyncSession, tags_session: AsyncSession) -> dict[str, bool]:
        db_session.add(LsNote(text="n"))
        tags_session.add(LsTag(label="t"))
        return {"different": db_session is not tags_session}

    app = Litestar(route_handlers=[both], plugins=[SQLAlchemyPlugin(config=[notes, tags])])
    async with AsyncTestClient(app) as client:
        response = await client.post("/both")
    assert response.json() == {"different": True}
    assert (await _count(async_engine, LsNote), await _count(async_engine, LsTag)) == (1, 1)


def test_duplicate_keys_are_refused_at_startup() -> None:
    first = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://")
    second = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://", engine_dependency_key="other_engine")
    with pytest.raises(ImproperConfigurationError) as info:
        Litestar(plugins=[SQLAlchemyPlugin(config=[first, second])])
    assert str(info.value) == (
        "SQLAlchemy configs #0 and #1 both use the dependency key 'db_session' (session_dependency_key of #0, "
        "session_dependency_key of #1); give each config its own session_dependency_key, "
        "e.g. session_dependency_key='db_session_1'"
    )


def test_bad_before_send_handler_is_refused() -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://", before_send_handler="commit")  # type: ignore[arg-type]
    assert str(info.value) == (
        "before_send_handler must be None, 'autocommit', 'autocommit_include_redirects' or a callable "
        "(message, scope); got 'commit'"
    )


def test_derived_keys() -> None:
    config = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://", session_dependency_key="reports")
    assert (config.engine_app_state_key, config.session_maker_app_state_key, config.session_scope_key) == (
        "db_engine",
        "reports_maker",
        "_sqlalchemist_reports",
    )


async def test_get_session_outside_a_request(async_backend: Backend, tmp_path: Path) -> None:
    config = _config(async_backend, tmp_path)

    async def check_db_status() -> str:
        async with config.get_session() as db_session:
            value = await db_session.execute(text("SELECT 1"))
            return "Database is healthy" if value.scalar_one() == 1 else "Database is not healthy"

    assert await check_db_status() == "Database is healthy"
    await config.get_engine().dispose()


async def test_a_failing_commit_is_a_409_and_nothing_is_saved(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsTag)
    # the application's tables let a commit's error name the column where the driver names only a key (MariaDB)
    config = _config(async_backend, tmp_path, before_send_handler="autocommit", metadata=LsTag.metadata)

    @post("/tags/{label:str}", status_code=201)
    async def add_tags(db_session: AsyncSession, label: str) -> None:
        db_session.add(LsTag(label=label))

    @post("/tags-flushed/{label:str}", status_code=201)
    async def add_tags_flushed(db_session: AsyncSession, label: str) -> None:
        db_session.add(LsTag(label=label))
        await db_session.flush()

    app = Litestar(route_handlers=[add_tags, add_tags_flushed], plugins=[SQLAlchemyPlugin(config=config)])
    async with AsyncTestClient(app) as client:
        assert (await client.post("/tags/red")).status_code == 201
        at_commit = await client.post("/tags/red")
        at_flush = await client.post("/tags-flushed/red")
    for response in (at_commit, at_flush):
        assert response.status_code == 409
        body = response.json()
        assert body == {"status_code": 409, "detail": "duplicate value for ls_tag.label ('red')"}
    assert await _count(async_engine, LsTag) == 1


async def test_commit_falls_back_to_before_send_under_a_handler_after_request(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsNote)
    seen: list[int] = []

    def mine(response: Response[Any]) -> Response[Any]:
        seen.append(int(response.status_code or 0))
        return response

    @post("/own-hook", status_code=201, after_request=mine)
    async def own_hook(db_session: AsyncSession) -> None:
        db_session.add(LsNote(text="kept"))

    config = _config(async_backend, tmp_path, before_send_handler="autocommit")
    app = Litestar(route_handlers=[own_hook], plugins=[SQLAlchemyPlugin(config=config)])
    async with AsyncTestClient(app) as client:
        assert (await client.post("/own-hook")).status_code == 201
    assert seen == [201]
    assert await _count(async_engine, LsNote) == 1


def test_core_configs_are_refused_with_the_fix() -> None:
    from sqlalchemist.config import SQLAlchemyAsyncConfig as CoreConfig

    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemyPlugin(config=cast("Any", CoreConfig(connection_string="sqlite+aiosqlite://")))
    assert str(info.value) == (
        "SQLAlchemy plugin config must be sqlalchemist_litestar.SQLAlchemyAsyncConfig or SQLAlchemySyncConfig "
        "(the core sqlalchemist.config classes lack the Litestar settings); got SQLAlchemyAsyncConfig"
    )


def test_dependency_keys_must_be_identifiers() -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://", session_dependency_key="db-session")
    assert str(info.value) == (
        "session_dependency_key must be a valid Python identifier (it names a handler parameter); got 'db-session'"
    )
