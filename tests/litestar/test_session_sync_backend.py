"""The sync session backend wired as the guide wires it, through ``litestar.testing`` on every sync driver."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio
import pytest
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist_litestar import SQLAlchemyAsyncConfig, SQLAlchemySyncConfig
from sqlalchemist_litestar.session import SessionModelMixin, SQLAlchemySyncSessionBackend
from tests.conftest import Backend
from tests.litestar.test_session_backend import NOT_LOGGED_IN, guide_app
from tests.sessions.clock import START, FakeClock

HOUR = datetime.timedelta(hours=1)


class SessLsSyncSession(SessionModelMixin):
    __tablename__ = "sess_ls_sync_session"


def _rows(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(SessLsSyncSession.__table__).order_by(SessLsSyncSession.created_at)).all())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app_and_backend(
    sync_backend: Backend, tmp_path: Path, sync_tables: Callable[..., None], clock: FakeClock
) -> tuple[Litestar, SQLAlchemySyncSessionBackend[Any]]:
    sync_tables(SessLsSyncSession)
    config = SQLAlchemySyncConfig(connection_string=sync_backend.url(tmp_path))
    return guide_app(config, SessLsSyncSession, SQLAlchemySyncSessionBackend, clock)


def test_sync_backend_login_profile_logout(app_and_backend: tuple[Litestar, Any], sync_engine: Engine) -> None:
    app, _ = app_and_backend
    with TestClient(app) as client:
        assert client.post("/login", data={"username": "ann"}).text == "Logged in!"
        [row] = _rows(sync_engine)
        assert row.session_id == client.cookies["session"]
        assert json.loads(row.data) == {"user_id": 123, "username": "ann"}
        assert (row.expires_at, row.created_at, row.updated_at) == (START + HOUR, START, START)
        assert client.get("/profile").json() == {"user_id": 123, "username": "ann"}
        assert client.post("/logout").text == "Logged out!"
        assert _rows(sync_engine) == []
        assert client.get("/profile").json() == NOT_LOGGED_IN


def test_sync_backend_expiry_renewal_and_delete_expired(
    app_and_backend: tuple[Litestar, Any], sync_engine: Engine, clock: FakeClock
) -> None:
    app, session_backend = app_and_backend
    with TestClient(app) as client:
        client.post("/login", data={"username": "ann"})
        used_at = clock.advance(1800)
        assert client.get("/profile").json()["username"] == "ann"
        assert _rows(sync_engine)[0].expires_at == used_at + HOUR
        clock.advance(3600)
        assert client.get("/profile").json() == NOT_LOGGED_IN
        assert len(_rows(sync_engine)) == 1
    assert anyio.run(session_backend.delete_expired) == 1
    assert _rows(sync_engine) == []
    session_backend.alchemy_config.close_engine()


@pytest.mark.backends("sqlite")
def test_sync_backend_refuses_an_async_config(sync_backend: Backend) -> None:
    from litestar.middleware.session.server_side import ServerSideSessionConfig

    with pytest.raises(
        ImproperConfigurationError,
        match=r"^SQLAlchemySyncSessionBackend expected alchemy_config=SQLAlchemySyncConfig\(\.\.\.\), "
        r"got SQLAlchemyAsyncConfig; use SQLAlchemyAsyncSessionBackend$",
    ):
        SQLAlchemySyncSessionBackend(
            config=ServerSideSessionConfig(),
            alchemy_config=SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://"),  # type: ignore[arg-type]
            model=SessLsSyncSession,
        )
