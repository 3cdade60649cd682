"""The guide's complete session example, with only its imports changed, driven by Litestar's test client."""

from __future__ import annotations

from typing import Any

from litestar import Litestar, get, post
from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import ServerSideSessionConfig
from litestar.testing import AsyncTestClient

from sqlalchemist_litestar import AsyncSessionConfig, SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from sqlalchemist_litestar.session import SessionModelMixin, SQLAlchemyAsyncSessionBackend


# Session model
class WebSession(SessionModelMixin):
    __tablename__ = "web_sessions"


# Database configuration
alchemy_config = SQLAlchemyAsyncConfig(
    connection_string="sqlite+aiosqlite:///sessions.db",
    session_config=AsyncSessionConfig(expire_on_commit=False),
    create_all=True,
)

# Session configuration
session_config = ServerSideSessionConfig(
    max_age=3600,  # 1 hour
)

# Session backend: building it attaches it to session_config, so session_config.middleware stores in the database
session_backend = SQLAlchemyAsyncSessionBackend(
    config=session_config,
    alchemy_config=alchemy_config,
    model=WebSession,
)


# Routes
@get("/")
async def home(request: ASGIConnection) -> dict:  # type: ignore[type-arg]
    username = request.session.get("username")
    return {"message": f"Hello {username}!" if username else "Hello stranger!"}


@post("/login")
async def login(request: ASGIConnection) -> dict:  # type: ignore[type-arg]
    form = await request.form()  # type: ignore[attr-defined]
    username = form.get("username")

    if username:
        request.set_session({"username": username, "login_time": "now"})
        return {"message": f"Welcome {username}!"}

    return {"error": "Username required"}


@post("/logout")
async def logout(request: ASGIConnection) -> dict:  # type: ignore[type-arg]
    request.clear_session()
    return {"message": "Logged out successfully"}


# Application
app = Litestar(
    route_handlers=[home, login, logout],
    plugins=[SQLAlchemyPlugin(config=alchemy_config)],
    middleware=[session_config.middleware],
)

EXPECTED = [
    "Hello stranger!",
    "Welcome ann!",
    "Hello ann!",
    1,
    "Logged out successfully",
    0,
    "Hello stranger!",
]


async def _stored_sessions() -> int:
    from sqlalchemy import func, select

    async with alchemy_config.get_session() as db_session:
        return int((await db_session.execute(select(func.count()).select_from(WebSession))).scalar_one())


async def main() -> list[Any]:
    """Visit, log in, come back, log out: the session lives in the ``web_sessions`` table in between."""
    async with AsyncTestClient(app) as client:
        seen: list[Any] = [(await client.get("/")).json()["message"]]
        seen.append((await client.post("/login", data={"username": "ann"})).json()["message"])
        seen.append((await client.get("/")).json()["message"])
        seen.append(await _stored_sessions())
        seen.append((await client.post("/logout")).json()["message"])
        seen.append(await _stored_sessions())
        seen.append((await client.get("/")).json()["message"])
    return seen


if __name__ == "__main__":
    import asyncio

    print(asyncio.run(main()))
