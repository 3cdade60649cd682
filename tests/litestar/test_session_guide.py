"""The guide's "Session Middleware" blocks, run with only their imports changed, each in a fresh interpreter.

The guide's connection strings point at a PostgreSQL server of its own; they are swapped for a SQLite file in the
scenario's folder. Names the guide uses without importing them come from ``PRELUDE``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.docs._guide import GUIDE, section_blocks

pytestmark = pytest.mark.skipif(
    not GUIDE.exists() and os.environ.get("CI", "").lower() != "true",
    reason=f"the guide is read from {GUIDE}, which is not beside this checkout",
)

PRELUDE = """\
import asyncio
import json
from sqlalchemy import Index, inspect, select, func
from sqlalchemy.orm import declared_attr
from sqlalchemist_litestar import EngineConfig, SQLAlchemyAsyncConfig
from sqlalchemist_litestar.session import SessionModelMixin
"""
URLS = {
    "postgresql+asyncpg://user:password@localhost/mydb": "sqlite+aiosqlite:///test.sqlite",
    "postgresql://user:password@localhost/mydb": "sqlite:///test.sqlite",
}
LOGIN_FLOW = """
from litestar import Litestar
from litestar.testing import TestClient

flow_app = Litestar(
    route_handlers=[login_form, login, profile, logout],
    plugins=[SQLAlchemyPlugin(config=alchemy_config)],
    middleware=[session_config.middleware],
)
seen = []
with TestClient(flow_app) as client:
    seen.append(client.post("/login", data={"username": "ann"}).text)
    seen.append(client.get("/profile").json())
    engine = alchemy_config.get_engine()
    rows = asyncio.run(_rows()) if alchemy_config.is_async else _sync_rows()
    seen.append(rows)
    seen.append(client.post("/logout").text)
    seen.append(client.get("/profile").json())
print(json.dumps(seen))
"""
ROWS = """
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

async def _rows():
    engine = create_async_engine("sqlite+aiosqlite:///test.sqlite")
    async with engine.connect() as conn:
        found = (await conn.execute(select(UserSession.session_id, UserSession.data))).all()
    await engine.dispose()
    return [[len(sid), json.loads(data)] for sid, data in found]

def _sync_rows():
    engine = create_engine("sqlite:///test.sqlite")
    with engine.connect() as conn:
        found = conn.execute(select(UserSession.session_id, UserSession.data)).all()
    engine.dispose()
    return [[len(sid), json.loads(data)] for sid, data in found]
"""
LOGGED_IN = ["Logged in!", {"user_id": 123, "username": "ann"}, [[64, {"user_id": 123, "username": "ann"}]]]
LOGGED_OUT = ["Logged out!", {"error": "Not logged in"}]


def _local(source: str) -> str:
    for old, new in URLS.items():
        source = source.replace(old, new)
    return source


def run_blocks(tmp_path: Path, *parts: str) -> Any:
    """Run the joined parts as one script in ``tmp_path``; it prints one JSON value on its last line."""
    script = tmp_path / "session_scenario.py"
    script.write_text("\n\n".join([PRELUDE, *map(_local, parts)]), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, f"scenario failed:\n{done.stdout}\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def _schema_of(model: str) -> str:
    return textwrap.dedent(
        f"""
        from sqlalchemy import create_engine
        engine = create_engine("sqlite://")
        {model}.metadata.create_all(engine, tables=[{model}.__table__])
        found = inspect(engine)
        table = {model}.__tablename__
        print(json.dumps({{
            "columns": [c["name"] for c in found.get_columns(table)],
            "unique": [u["name"] for u in found.get_unique_constraints(table)],
            "indexes": sorted(i["name"] for i in found.get_indexes(table)),
        }}))
        """
    )


def test_quick_setup_with_the_guide_routes_stores_sessions_in_the_table(tmp_path: Path) -> None:
    quick_setup, routes = section_blocks("Quick Setup")[0], section_blocks("Using Sessions in Routes")[0]
    assert run_blocks(tmp_path, quick_setup, routes, ROWS, LOGIN_FLOW) == [*LOGGED_IN, *LOGGED_OUT]


def test_session_model_configuration_creates_the_guide_schema(tmp_path: Path) -> None:
    [block] = section_blocks("Session Model Configuration")
    assert run_blocks(tmp_path, block, _schema_of("UserSession")) == {
        "columns": ["id", "session_id", "data", "expires_at", "created_at", "updated_at"],
        "unique": ["uq_user_sessions_session_id"],
        "indexes": ["ix_user_sessions_expires_at", "ix_user_sessions_session_id_unique"],
    }


def test_custom_table_arguments_keep_the_mixin_constraints(tmp_path: Path) -> None:
    block = section_blocks("Advanced Configuration")[0]
    assert run_blocks(tmp_path, block, _schema_of("UserSession")) == {
        "columns": ["id", "session_id", "data", "expires_at", "created_at", "updated_at"],
        "unique": ["uq_user_sessions_session_id"],
        "indexes": ["ix_user_sessions_custom", "ix_user_sessions_expires_at", "ix_user_sessions_session_id_unique"],
    }


def test_indexing_strategy_keeps_the_mixin_constraints(tmp_path: Path) -> None:
    [indexing, pooling] = section_blocks("Performance Optimization")[:2]
    driver = _schema_of("UserSession").replace(
        "print(json.dumps({", 'print(json.dumps({"pool": alchemy_config.get_engine().pool.__class__.__name__, '
    )
    assert run_blocks(tmp_path, indexing, pooling, driver) == {
        "pool": "AsyncAdaptedQueuePool",
        "columns": ["id", "session_id", "data", "expires_at", "created_at", "updated_at"],
        "unique": ["uq_user_sessions_session_id"],
        "indexes": [
            "ix_user_sessions_created_user",
            "ix_user_sessions_expires_at",
            "ix_user_sessions_session_id_unique",
        ],
    }


def test_sync_configuration_with_the_guide_routes(tmp_path: Path) -> None:
    quick_setup, routes = section_blocks("Quick Setup")[0], section_blocks("Using Sessions in Routes")[0]
    sync_block = section_blocks("Advanced Configuration")[1]
    check = 'assert type(session_config.middleware.kwargs["backend"]).__name__ == "SQLAlchemySyncSessionBackend"'
    assert run_blocks(tmp_path, quick_setup, routes, sync_block, check, ROWS, LOGIN_FLOW) == [*LOGGED_IN, *LOGGED_OUT]


def test_session_cleanup_awaits_delete_expired(tmp_path: Path) -> None:
    quick_setup, cleanup = section_blocks("Quick Setup")[0], section_blocks("Advanced Configuration")[2]
    body = textwrap.indent(cleanup, "    ")
    driver = textwrap.dedent(
        """
        async def scenario():
            await alchemy_config.create_all_metadata()
            await session_backend.store.set("old", b"{}", expires_in=0)
            await session_backend.store.set("new", b"{}", expires_in=60)
            await cleanup()
            left = await session_backend.store.get("new")
            await alchemy_config.close_engine()
            return left

        print(json.dumps([asyncio.run(scenario()).decode()]))
        """
    )
    assert run_blocks(tmp_path, quick_setup, f"async def cleanup():\n{body}", driver) == ["{}"]


def test_complete_example(tmp_path: Path) -> None:
    [block] = section_blocks("Complete Example")
    driver = textwrap.dedent(
        """
        from litestar.testing import TestClient
        with TestClient(app) as client:
            seen = [client.get("/").json()["message"]]
            seen.append(client.post("/login", data={"username": "ann"}).json()["message"])
            seen.append(client.get("/").json()["message"])
            seen.append(client.post("/logout").json()["message"])
            seen.append(client.get("/").json()["message"])
        print(json.dumps(seen))
        """
    )
    assert run_blocks(tmp_path, block, driver) == [
        "Hello stranger!",
        "Welcome ann!",
        "Hello ann!",
        "Logged out successfully",
        "Hello stranger!",
    ]


@pytest.mark.xfail(
    reason="guide defect outside our imports: Litestar's ServerSideSessionConfig has no https_only (it is secure=)",
    raises=AssertionError,
    strict=True,
)
def test_security_block_uses_an_option_litestar_does_not_have(tmp_path: Path) -> None:
    [block] = section_blocks("Security Considerations")
    run_blocks(
        tmp_path, "from litestar.middleware.session.server_side import ServerSideSessionConfig", block, "print(1)"
    )


@pytest.mark.xfail(
    reason="guide defect outside our imports: litestar.events has no BaseEventEmitter",
    raises=AssertionError,
    strict=True,
)
def test_cleanup_strategy_block_imports_a_name_litestar_does_not_have(tmp_path: Path) -> None:
    quick_setup, cleanup = section_blocks("Quick Setup")[0], section_blocks("Performance Optimization")[2]
    run_blocks(tmp_path, quick_setup, cleanup.replace("# ... your configuration", ""), "print(1)")
