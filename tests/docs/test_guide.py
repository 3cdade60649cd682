"""The guide's code blocks (shared/seed/litestar.rst) run with only their imports changed, and do what it says.

Each scenario runs in a fresh interpreter, in an empty folder, because the guide's blocks declare the same tables
(``author``, ``book``) on the shared registry and write ``test.sqlite`` into the working directory.
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

# Names the guide's blocks use without importing them (the guide assumes them from context).
PRELUDE = """\
from __future__ import annotations
import json
from typing import Any
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
"""


def run_script(tmp_path: Path, *parts: str) -> dict[str, Any]:
    """Run the joined parts as one script in tmp_path; it prints one JSON object on its last line."""
    script = tmp_path / "guide_scenario.py"
    body = [part.replace("from __future__ import annotations\n", "") for part in parts]
    script.write_text("\n\n".join([PRELUDE, *body]), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, f"scenario failed:\n{done.stdout}\n{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_book_author_api(tmp_path: Path) -> None:
    """Basic Setup through Application Configuration: the CRUD API with pagination, search and id filter."""
    sections = [
        "Basic Setup",
        "SQLAlchemy Models",
        "Pydantic Schemas",
        "Repository and Service Layer",
        "Controllers",
        "Application Configuration",
    ]
    blocks = [src for name in sections for src in section_blocks(name)]
    driver = textwrap.dedent(
        """
        from litestar.testing import TestClient

        out = {}
        with TestClient(app) as client:
            r = client.post("/authors", json={"name": "Ada Lovelace", "dob": "1815-12-10"})
            out["create"] = [r.status_code, r.json()]
            ada = r.json()["id"]
            r = client.post("/authors", json={"name": "Alan Turing"})
            turing = r.json()["id"]
            r = client.get("/authors")
            out["list"] = [r.status_code, r.json()["total"], r.json()["limit"], r.json()["offset"],
                           sorted(a["name"] for a in r.json()["items"])]
            r = client.get("/authors", params={"searchString": "ADA"})
            out["search"] = [r.json()["total"], [a["name"] for a in r.json()["items"]]]
            r = client.get("/authors", params={"ids": turing})
            out["ids"] = [a["name"] for a in r.json()["items"]]
            r = client.get("/authors", params={"pageSize": 1, "currentPage": 2})
            out["page2"] = [r.json()["total"], r.json()["limit"], r.json()["offset"], len(r.json()["items"])]
            r = client.get(f"/authors/{ada}")
            out["get"] = [r.status_code, r.json()]
            r = client.patch(f"/authors/{ada}", json={"name": "Ada King"})
            out["patch"] = [r.status_code, r.json()]
            r = client.delete(f"/authors/{turing}")
            out["delete"] = r.status_code
            r = client.get(f"/authors/{turing}")
            out["missing"] = [r.status_code, r.json()]
            r = client.get("/authors", params={"ids": "not-a-uuid"})
            out["bad_id"] = r.status_code
        print(json.dumps(out))
        """
    )
    out = run_script(tmp_path, *blocks, driver)
    ada_id = out["create"][1]["id"]
    assert out["create"] == [201, {"id": ada_id, "name": "Ada Lovelace", "dob": "1815-12-10"}]
    assert out["list"] == [200, 2, 20, 0, ["Ada Lovelace", "Alan Turing"]]
    assert out["search"] == [1, ["Ada Lovelace"]]
    assert out["ids"] == ["Alan Turing"]
    assert out["page2"] == [2, 1, 1, 1]
    assert out["get"] == [200, {"id": ada_id, "name": "Ada Lovelace", "dob": "1815-12-10"}]
    assert out["patch"] == [200, {"id": ada_id, "name": "Ada King", "dob": "1815-12-10"}]
    assert out["delete"] == 204
    assert out["missing"][0] == 404
    assert out["missing"][1]["status_code"] == 404
    assert "not found" in out["missing"][1]["detail"]
    assert out["bad_id"] == 400


def test_dto_properties(tmp_path: Path) -> None:
    """Using Properties with DTOs: @property and cached_property become read-only DTO fields."""
    driver = textwrap.dedent(
        """
        from litestar import Litestar, get
        from litestar.testing import TestClient

        @get("/user", return_dto=UserDTO, sync_to_thread=False)
        def one_user() -> UserModel:
            return UserModel(first_name="Grace", last_name="Hopper")

        with TestClient(Litestar(route_handlers=[one_user])) as client:
            r = client.get("/user")
        print(json.dumps([r.status_code, r.json()]))
        """
    )
    status, body = run_script(tmp_path, *section_blocks("Using Properties with DTOs"), driver)
    assert status == 200
    assert sorted(body) == sorted(
        ["id", "created_at", "updated_at", "first_name", "last_name", "full_name", "name_length"]
    )
    assert (body["full_name"], body["name_length"]) == ("Grace Hopper", 12)


def test_session_in_controller(tmp_path: Path) -> None:
    """Sessions in Controllers: a handler receives ``db_session``."""
    driver = textwrap.dedent(
        """
        from litestar.testing import TestClient
        with TestClient(app) as client:
            r = client.get("/my-endpoint")
        print(json.dumps([r.status_code, r.text]))
        """
    )
    assert run_script(tmp_path, *section_blocks("Sessions in Controllers"), driver) == [200, "Hello, World!"]


def test_provide_session_in_guard(tmp_path: Path) -> None:
    """Sessions in Application: ``provide_session`` inside a guard, shared with the request's session."""
    guard_block = section_blocks("Sessions in Application")[0]
    driver = textwrap.dedent(
        """
        from litestar.testing import TestClient
        with TestClient(app) as client:
            r = client.get("/")
        print(json.dumps([r.status_code, r.text]))
        """
    )
    assert run_script(tmp_path, guard_block, driver) == [200, "Hello, world!"]


def test_get_session_in_cli_command(tmp_path: Path) -> None:
    """Sessions in Application: ``get_session`` in a CLI command outside any request."""
    cli_block = section_blocks("Sessions in Application")[1]
    driver = textwrap.dedent(
        """
        import click
        from click.testing import CliRunner

        group = click.Group("app")
        ApplicationCore().on_cli_init(group)
        result = CliRunner().invoke(group, ["check-db-status"])
        print(json.dumps([result.exit_code, result.output]))
        """
    )
    assert run_script(tmp_path, cli_block, driver) == [0, "Database is healthy\n"]


def test_alembic_script_location(tmp_path: Path) -> None:
    """Database Migrations: a config naming ``./alembic/`` as its script location."""
    prelude = "from sqlalchemist_litestar import SQLAlchemyAsyncConfig, AlembicAsyncConfig"
    driver = "print(json.dumps(config.alembic_config.script_location))"
    assert run_script(tmp_path, prelude, *section_blocks("Initializing a new project"), driver) == "./alembic/"


def test_repository_only_pattern(tmp_path: Path) -> None:
    """Alternative Patterns: repositories used directly, with the guide's schemas and BookModel supplied."""
    source = section_blocks("Alternative Patterns")[0]
    schemas = "\n".join(
        line for line in section_blocks("Pydantic Schemas")[0].splitlines() if not line.startswith(("from ", "import "))
    )
    models = section_blocks("SQLAlchemy Models")[0]
    model_imports = "\n".join(line for line in models.splitlines() if line.startswith(("from ", "import ")))
    book_model = model_imports + "\n" + models[models.index("class BookModel") :]
    anchor = "# Models\n"
    source = source.replace(anchor, f"import datetime\n{schemas}\n\n{anchor}", 1)
    anchor = "# Repository\n"
    source = source.replace(anchor, f"{book_model}\n\n{anchor}", 1)
    driver = textwrap.dedent(
        """
        from litestar.testing import TestClient
        out = {}
        with TestClient(app) as client:
            r = client.post("/authors", json={"name": "Ada", "dob": "1815-12-10"})
            out["create"] = [r.status_code, r.json()]
            ada = r.json()["id"]
            r = client.get("/authors", params={"pageSize": 5})
            out["list"] = [r.status_code, r.json()]
            r = client.patch(f"/authors/{ada}", json={"name": "Ada King"})
            out["patch"] = [r.status_code, r.json()]
            r = client.get(f"/authors/{ada}")
            out["get"] = [r.status_code, r.json()]
            r = client.delete(f"/authors/{ada}")
            out["delete"] = r.status_code
            r = client.get(f"/authors/{ada}")
            out["gone"] = r.status_code
        print(json.dumps(out))
        """
    )
    out = run_script(tmp_path, source, driver)
    ada = {"id": out["create"][1]["id"], "name": "Ada", "dob": "1815-12-10"}
    assert out["create"] == [201, ada]
    assert out["list"] == [200, {"items": [ada], "limit": 5, "offset": 0, "total": 1}]
    assert out["patch"] == [200, {**ada, "name": "Ada King"}]
    assert out["get"] == [200, {**ada, "name": "Ada King"}]
    assert out["delete"] == 204
    assert out["gone"] == 404
