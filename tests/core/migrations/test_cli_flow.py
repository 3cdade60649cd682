"""The whole migration life cycle through ``sqlalchemist database ...`` on every driver."""

from __future__ import annotations

import datetime
import json
import re
import uuid
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, Table, delete, insert, select

from tests.core.migrations._support import AppModule
from tests.core.migrations.conftest import RunCli, make_runner

BORN = datetime.datetime(1990, 5, 17, 8, 30, 15, 123456, tzinfo=datetime.timezone.utc)


def _revision_files(folder: Path) -> list[Path]:
    return sorted((folder / "versions").glob("*.py"))


def _revision_id(path: Path) -> str:
    match = re.search(r"^revision: str = '(\w+)'", path.read_text(), re.MULTILINE)
    assert match is not None
    return match.group(1)


def _seed(app: AppModule) -> list[dict[str, object]]:
    module = app.load()
    tables = module.config.metadata.tables
    authors = [
        {"id": uuid.uuid4(), "name": f"author {n}", "born": BORN, "data": {"n": n, "tags": ["a"]}, "secret": f"s{n}"}
        for n in range(3)
    ]
    engine = app.sync_engine()
    with engine.begin() as conn:
        conn.execute(insert(tables["mig_author"]), authors)
        conn.execute(insert(tables["mig_book"]), [{"author_id": authors[0]["id"], "title": "first book"}])
    engine.dispose()
    return authors


def _as_json(author: dict[str, object]) -> dict[str, object]:
    born = author["born"]
    assert isinstance(born, datetime.datetime)
    return {**author, "id": str(author["id"]), "born": born.isoformat()}


def _life_cycle(app: AppModule, run: RunCli, project: Path) -> None:
    migrations = project / "migrations"

    run("init", "--no-prompt")
    assert {p.name for p in migrations.iterdir()} >= {"env.py", "script.py.mako", "README", "versions"}
    assert (project / "alembic.ini").is_file()

    run("make-migrations", "-m", "first", "--no-prompt")
    [first] = _revision_files(migrations)
    source = first.read_text()
    for expected in (
        "op.create_table('mig_author'",
        "op.create_table('mig_book'",
        "import sqlalchemist.types",
        "sqlalchemist.types.GUID()",
        "sqlalchemist.types.DateTimeUTC()",
        "sqlalchemist.types.JsonB",
        "sqlalchemist.types.BigIntIdentity",
        "sa.String(length=255)",
    ):
        assert expected in source
    head = _revision_id(first)

    run("upgrade", "--no-prompt")
    assert app.table_names() == {"mig_author", "mig_book", app.version_table}

    assert run("show-current-revision").output.strip().endswith(f"{head} (head)")

    authors = _seed(app)
    run("dump-data", "--dir", "dumped", "--no-prompt")
    dumped = json.loads((project / "dumped" / "mig_author.json").read_text())
    assert sorted(dumped, key=lambda row: row["name"]) == [_as_json(author) for author in authors]
    books = json.loads((project / "dumped" / "mig_book.json").read_text())
    assert books == [{"id": 1, "author_id": str(authors[0]["id"]), "title": "first book"}]

    engine = app.sync_engine()
    tables = app.load().config.metadata.tables
    with engine.begin() as conn:
        conn.execute(delete(tables["mig_book"]))
        conn.execute(delete(tables["mig_author"]))
    assert "Loaded 3 rows into mig_author" in run("load-data", "--dir", "dumped", "--no-prompt").output
    with engine.connect() as conn:
        rows = conn.execute(select(tables["mig_author"]).order_by(tables["mig_author"].c.name)).mappings().all()
    engine.dispose()
    assert [dict(row) for row in rows] == authors

    run("make-migrations", "-m", "second", "--no-prompt", attr="config_v2")
    second = next(path for path in _revision_files(migrations) if path != first)
    assert "op.create_table('mig_account'" in second.read_text()
    assert f"down_revision: str | Sequence[str] | None = '{head}'" in second.read_text()
    run("upgrade", "--no-prompt", attr="config_v2")
    assert "mig_account" in app.table_names()
    assert f"{_revision_id(second)} (head)" in run("show-current-revision", attr="config_v2").output

    run("downgrade", "base", "--no-prompt", attr="config_v2")
    assert app.table_names() == {app.version_table}

    run("upgrade", "--no-prompt", attr="config_v2")
    unrelated = Table("mig_unrelated", MetaData(), Column("id", Integer, primary_key=True))
    engine = app.sync_engine()
    unrelated.create(engine)
    declined = run("drop-all", attr="config_v2", input="n\n", ok=False)
    assert declined.exit_code == 1
    assert "mig_author" in app.table_names()
    dropped = run("drop-all", attr="config_v2", input="y\n")
    assert "Drop every table of the config's metadata" in dropped.output
    assert app.table_names() == {"mig_unrelated"}, "drop-all drops only the config's tables and the version table"
    unrelated.drop(engine)
    engine.dispose()
    assert app.table_names() == set()


def test_life_cycle_async(async_app: AppModule, project_dir: Path) -> None:
    _life_cycle(async_app, make_runner(async_app), project_dir)


def test_life_cycle_sync(sync_app: AppModule, project_dir: Path) -> None:
    _life_cycle(sync_app, make_runner(sync_app), project_dir)
