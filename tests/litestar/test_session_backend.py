"""The async session backend wired exactly as the guide wires it, through ``litestar.testing`` on every async driver."""

from __future__ import annotations

import datetime
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar, get, post
from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import ServerSideSessionConfig
from litestar.response import Response
from litestar.testing import AsyncTestClient
from sqlalchemy import Index, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import declared_attr

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist_litestar import SQLAlchemyAsyncConfig, SQLAlchemyPlugin, SQLAlchemySyncConfig
from sqlalchemist_litestar.session import SessionModelMixin, SQLAlchemyAsyncSessionBackend
from tests.conftest import Backend
from tests.sessions.clock import START, FakeClock

MakeTables = Callable[..., Awaitable[None]]
HOUR = datetime.timedelta(hours=1)


class SessLsUserSession(SessionModelMixin):
    __tablename__ = "sess_ls_user_session"


class SessLsDeclaredArgs(SessionModelMixin):
    __tablename__ = "sess_ls_declared_args"

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> Any:
        base_args = super().__table_args__()
        return base_args + (Index("ix_sess_ls_declared_args_custom", cls.session_id, cls.created_at),)  # noqa: RUF005 (the guide's form)


class SessLsAddedArgs(SessionModelMixin):
    __tablename__ = "sess_ls_added_args"
    __table_args__ = SessionModelMixin.__table_args__ + (  # noqa: RUF005 (the guide's form)
        Index("ix_sess_ls_added_args_created_user", "created_at", "session_id"),
    )


# The guide's routes, as written there ("Using Sessions in Routes").
@get("/login")
async def login_form() -> str:
    return "<form method='post'><input name='username'><button>Login</button></form>"


@post("/login")
async def login(request: ASGIConnection) -> Response:  # type: ignore[type-arg]
    form = await request.form()  # type: ignore[attr-defined]
    username = form.get("username")

    # Set session data
    request.set_session({"user_id": 123, "username": username})

    return Response("Logged in!", status_code=200)


@get("/profile")
async def profile(request: ASGIConnection) -> dict:  # type: ignore[type-arg]
    # Access session data
    user_id = request.session.get("user_id")
    username = request.session.get("username")

    if not user_id:
        return {"error": "Not logged in"}

    return {"user_id": user_id, "username": username}


@post("/logout")
async def logout(request: ASGIConnection) -> str:  # type: ignore[type-arg]
    # Clear session
    request.clear_session()
    return "Logged out!"


GUIDE_ROUTES = [login_form, login, profile, logout]
NOT_LOGGED_IN = {"error": "Not logged in"}


def guide_app(
    alchemy_config: Any,
    model: type[SessionModelMixin],
    backend_class: Any,
    clock: FakeClock | None = None,
    **session_options: Any,
) -> tuple[Litestar, Any]:
    """The guide's Quick Setup: config, backend built on it, ``middleware=[session_config.middleware]``."""
    session_config = ServerSideSessionConfig(max_age=3600, **session_options)
    session_backend = backend_class(config=session_config, alchemy_config=alchemy_config, model=model, clock=clock)
    app = Litestar(
        route_handlers=GUIDE_ROUTES,
        plugins=[SQLAlchemyPlugin(config=alchemy_config)],
        middleware=[session_config.middleware],
    )
    return app, session_backend


def _use_cookie(client: AsyncTestClient[Any], value: str) -> None:
    client.cookies.clear()
    client.cookies.set("session", value, domain="testserver.local")


async def _rows(engine: AsyncEngine, model: Any) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(select(model.__table__).order_by(model.created_at))).all())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def app_and_backend(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, clock: FakeClock
) -> tuple[Litestar, SQLAlchemyAsyncSessionBackend[Any]]:
    await async_tables(SessLsUserSession)
    config = SQLAlchemyAsyncConfig(connection_string=async_backend.url(tmp_path))
    return guide_app(config, SessLsUserSession, SQLAlchemyAsyncSessionBackend, clock)


async def test_guide_login_profile_logout(app_and_backend: tuple[Litestar, Any], async_engine: AsyncEngine) -> None:
    app, _ = app_and_backend
    async with AsyncTestClient(app) as client:
        form = await client.get("/login")
        assert form.status_code == 200
        assert "set-cookie" not in form.headers
        assert await _rows(async_engine, SessLsUserSession) == []

        logged_in = await client.post("/login", data={"username": "ann"})
        assert (logged_in.status_code, logged_in.text) == (200, "Logged in!")
        session_id = client.cookies["session"]
        [row] = await _rows(async_engine, SessLsUserSession)
        assert row.session_id == session_id
        assert json.loads(row.data) == {"user_id": 123, "username": "ann"}
        assert (row.expires_at, row.created_at, row.updated_at) == (START + HOUR, START, START)
        assert row.id.version == 7

        assert (await client.get("/profile")).json() == {"user_id": 123, "username": "ann"}

        logged_out = await client.post("/logout")
        assert (logged_out.status_code, logged_out.text) == (201, "Logged out!")
        assert "session=null" in logged_out.headers["set-cookie"]
        assert "Max-Age=0" in logged_out.headers["set-cookie"]
        assert await _rows(async_engine, SessLsUserSession) == []
        assert "session" not in client.cookies
        assert (await client.get("/profile")).json() == NOT_LOGGED_IN


async def test_guide_wiring_stores_in_the_database_not_in_memory(app_and_backend: tuple[Litestar, Any]) -> None:
    app, session_backend = app_and_backend
    [middleware] = app.middleware
    assert middleware.kwargs["backend"] is session_backend  # type: ignore[union-attr]
    async with AsyncTestClient(app) as client:
        await client.post("/login", data={"username": "ann"})
        session_id = client.cookies["session"]
        assert await app.stores.get("sessions").get(session_id) is None
    assert await session_backend.store.get(session_id) == b'{"user_id":123,"username":"ann"}'
    await session_backend.alchemy_config.close_engine()


async def test_sessions_renew_on_use(
    app_and_backend: tuple[Litestar, Any], async_engine: AsyncEngine, clock: FakeClock
) -> None:
    app, _ = app_and_backend
    async with AsyncTestClient(app) as client:
        await client.post("/login", data={"username": "ann"})
        used_at = clock.advance(3000)
        assert (await client.get("/profile")).json()["username"] == "ann"
        [row] = await _rows(async_engine, SessLsUserSession)
        assert (row.expires_at, row.created_at, row.updated_at) == (used_at + HOUR, START, used_at)
        clock.advance(3599)
        assert (await client.get("/profile")).json()["username"] == "ann"


async def test_expired_sessions_are_not_returned_and_delete_expired_removes_them(
    app_and_backend: tuple[Litestar, Any], async_engine: AsyncEngine, clock: FakeClock
) -> None:
    app, session_backend = app_and_backend
    async with AsyncTestClient(app) as client:
        await client.post("/login", data={"username": "ann"})
        clock.advance(3600)
        expired = await client.get("/profile")
        assert expired.json() == NOT_LOGGED_IN
        assert "session=null" in expired.headers["set-cookie"]
        assert len(await _rows(async_engine, SessLsUserSession)) == 1
    # outside the client: the app ran on the test client's own event loop
    assert await session_backend.delete_expired() == 1
    assert await _rows(async_engine, SessLsUserSession) == []
    assert await session_backend.delete_expired() == 0
    await session_backend.alchemy_config.close_engine()


async def test_two_clients_never_see_each_others_data(
    app_and_backend: tuple[Litestar, Any], async_engine: AsyncEngine
) -> None:
    app, _ = app_and_backend
    async with AsyncTestClient(app) as client:
        await client.post("/login", data={"username": "ann"})
        ann = client.cookies["session"]
        client.cookies.clear()
        assert (await client.get("/profile")).json() == NOT_LOGGED_IN
        await client.post("/login", data={"username": "bob"})
        bob = client.cookies["session"]
        assert ann != bob
        for cookie, name in ((ann, "ann"), (bob, "bob"), (ann, "ann")):
            _use_cookie(client, cookie)
            assert (await client.get("/profile")).json() == {"user_id": 123, "username": name}
        _use_cookie(client, ann)
        await client.post("/logout")
        _use_cookie(client, bob)
        assert (await client.get("/profile")).json()["username"] == "bob"
    assert [r.session_id for r in await _rows(async_engine, SessLsUserSession)] == [bob]


@pytest.mark.parametrize("forged", ["0" * 64, "forged-cookie", "f" * 300], ids=["hex", "text", "over-long"])
async def test_forged_or_unknown_cookie_gets_a_fresh_empty_session(
    app_and_backend: tuple[Litestar, Any], async_engine: AsyncEngine, forged: str
) -> None:
    app, _ = app_and_backend
    async with AsyncTestClient(app) as client:
        _use_cookie(client, forged)
        response = await client.get("/profile")
        assert response.json() == NOT_LOGGED_IN
        assert "session=null" in response.headers["set-cookie"]
        assert await _rows(async_engine, SessLsUserSession) == []
        _use_cookie(client, forged)
        await client.post("/login", data={"username": "eve"})
        fresh = client.cookies["session"]
    assert fresh != forged
    [row] = await _rows(async_engine, SessLsUserSession)
    assert row.session_id == fresh


async def test_renew_on_access_renews_on_read(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine, clock: FakeClock
) -> None:
    await async_tables(SessLsUserSession)
    config = SQLAlchemyAsyncConfig(connection_string=async_backend.url(tmp_path))
    app, session_backend = guide_app(
        config, SessLsUserSession, SQLAlchemyAsyncSessionBackend, clock, renew_on_access=True
    )
    async with AsyncTestClient(app) as client:
        await client.post("/login", data={"username": "ann"})
        session_id = client.cookies["session"]
    read_at = clock.advance(600)
    assert await session_backend.get(session_id) == b'{"user_id":123,"username":"ann"}'
    await config.close_engine()
    [row] = await _rows(async_engine, SessLsUserSession)
    assert row.expires_at == read_at + HOUR


async def test_unreadable_session_data_gives_a_fresh_session(
    app_and_backend: tuple[Litestar, Any], async_engine: AsyncEngine
) -> None:
    app, _ = app_and_backend
    async with AsyncTestClient(app) as client:
        await client.post("/login", data={"username": "ann"})
        async with async_engine.begin() as conn:
            await conn.execute(update(SessLsUserSession.__table__).values(data=b"not json"))
        assert (await client.get("/profile")).json() == NOT_LOGGED_IN


@pytest.mark.parametrize("model", [SessLsDeclaredArgs, SessLsAddedArgs], ids=["declared_attr", "tuple_add"])
async def test_models_with_custom_table_args_store_sessions(
    async_backend: Backend,
    tmp_path: Path,
    async_tables: MakeTables,
    async_engine: AsyncEngine,
    model: type[SessionModelMixin],
) -> None:
    await async_tables(model)
    app, _ = guide_app(
        SQLAlchemyAsyncConfig(connection_string=async_backend.url(tmp_path)), model, SQLAlchemyAsyncSessionBackend
    )
    async with AsyncTestClient(app) as client:
        await client.post("/login", data={"username": "ann"})
        assert (await client.get("/profile")).json() == {"user_id": 123, "username": "ann"}
    [row] = await _rows(async_engine, model)
    assert json.loads(row.data) == {"user_id": 123, "username": "ann"}


def test_backend_checks_its_arguments() -> None:
    session_config = ServerSideSessionConfig()
    sync_config = SQLAlchemySyncConfig(connection_string="sqlite://")
    with pytest.raises(
        ImproperConfigurationError,
        match=r"^SQLAlchemyAsyncSessionBackend expected alchemy_config=SQLAlchemyAsyncConfig\(\.\.\.\), "
        r"got SQLAlchemySyncConfig; use SQLAlchemySyncSessionBackend$",
    ):
        SQLAlchemyAsyncSessionBackend(config=session_config, alchemy_config=sync_config, model=SessLsUserSession)  # type: ignore[arg-type]
    async_config = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://")
    with pytest.raises(
        ImproperConfigurationError, match=r"expected config=ServerSideSessionConfig\(\.\.\.\), got dict"
    ):
        SQLAlchemyAsyncSessionBackend(config={}, alchemy_config=async_config, model=SessLsUserSession)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"expected a mapped subclass of SessionModelMixin as model, got "):
        SQLAlchemyAsyncSessionBackend(config=session_config, alchemy_config=async_config, model=SessionModelMixin)


def test_session_module_public_api() -> None:
    from sqlalchemist_litestar import session

    assert set(session.__all__) == {
        "AsyncSessionStore",
        "SQLAlchemyAsyncSessionBackend",
        "SQLAlchemySessionBackendBase",
        "SQLAlchemySyncSessionBackend",
        "SessionModelMixin",
        "SyncSessionStore",
    }
    assert all(hasattr(session, name) for name in session.__all__)
