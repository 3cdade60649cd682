"""The sync config: a ``Session`` per request, committed or rolled back by status, and ``get_session``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from litestar import Litestar, get, post
from litestar.exceptions import ClientException
from litestar.params import Dependency
from litestar.testing import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from sqlalchemist.filters import FilterTypes
from sqlalchemist_litestar import (
    SQLAlchemyPlugin,
    SQLAlchemySyncConfig,
    SyncSessionConfig,
    providers,
    repository,
    service,
)
from tests.conftest import Backend
from tests.litestar.models import LsNote, LsTag


@post("/notes/{status_code:int}", status_code=201, sync_to_thread=True)
def add_note(db_session: Session, db_engine: Engine, status_code: int) -> dict[str, str]:
    db_session.add(LsNote(text=f"status {status_code}"))
    db_session.flush()
    if status_code >= 400:
        raise ClientException("refused on purpose", status_code=status_code)
    return {"dialect": db_engine.dialect.name}


def test_sync_autocommit(
    sync_backend: Backend, tmp_path: Path, sync_tables: Callable[..., None], sync_engine: Engine
) -> None:
    sync_tables(LsNote)
    config = SQLAlchemySyncConfig(
        connection_string=sync_backend.url(tmp_path),
        before_send_handler="autocommit",
        session_config=SyncSessionConfig(expire_on_commit=False),
    )
    app = Litestar(route_handlers=[add_note], plugins=[SQLAlchemyPlugin(config=config)])
    with TestClient(app) as client:
        created = client.post("/notes/201")
        refused = client.post("/notes/422")
    assert created.status_code == 201
    assert created.json() == {"dialect": sync_engine.dialect.name}
    assert refused.json() == {"status_code": 422, "detail": "refused on purpose"}
    with sync_engine.connect() as conn:
        assert conn.execute(select(LsNote.text)).scalars().all() == ["status 201"]
        assert conn.execute(select(func.count()).select_from(LsNote)).scalar_one() == 1


@post("/tags/{label:str}", status_code=201, sync_to_thread=True)
def add_tag(db_session: Session, label: str) -> None:
    db_session.add(LsTag(label=label))


@post("/tags-flushed/{label:str}", status_code=201, sync_to_thread=True)
def add_tag_flushed(db_session: Session, label: str) -> None:
    db_session.add(LsTag(label=label))
    db_session.flush()


def test_sync_failing_commit_is_a_409_naming_the_column(
    sync_backend: Backend, tmp_path: Path, sync_tables: Callable[..., None], sync_engine: Engine
) -> None:
    sync_tables(LsTag)
    config = SQLAlchemySyncConfig(
        connection_string=sync_backend.url(tmp_path),
        before_send_handler="autocommit",
        session_config=SyncSessionConfig(expire_on_commit=False),
        metadata=LsTag.metadata,
    )
    app = Litestar(route_handlers=[add_tag, add_tag_flushed], plugins=[SQLAlchemyPlugin(config=config)])
    with TestClient(app) as client:
        assert client.post("/tags/red").status_code == 201
        at_commit = client.post("/tags/red")
        at_flush = client.post("/tags-flushed/red")
    for response in (at_commit, at_flush):
        assert (response.status_code, response.json()) == (
            409,
            {"status_code": 409, "detail": "duplicate value for ls_tag.label ('red')"},
        )
    with sync_engine.connect() as conn:
        assert conn.execute(select(LsTag.label)).scalars().all() == ["red"]


def test_sync_get_session_outside_a_request(sync_backend: Backend, tmp_path: Path) -> None:
    config = SQLAlchemySyncConfig(connection_string=sync_backend.url(tmp_path))
    with config.get_session() as db_session:
        assert db_session.execute(text("SELECT 1")).scalar_one() == 1
    config.get_engine().dispose()


class LsNoteSyncService(service.SQLAlchemySyncRepositoryService[LsNote]):
    class Repo(repository.SQLAlchemySyncRepository[LsNote]):
        model_type = LsNote

    repository_type = Repo


@get(
    "/sync-notes",
    sync_to_thread=True,
    dependencies=providers.create_service_dependencies(
        LsNoteSyncService,
        "notes_service",
        filters={"pagination_type": "limit_offset", "pagination_size": 2, "sort_field": "text", "sort_order": "asc"},
    ),
)
def list_notes(
    notes_service: LsNoteSyncService, filters: Annotated[list[FilterTypes], Dependency(skip_validation=True)]
) -> dict[str, object]:
    results, total = notes_service.list_and_count(*filters)
    return {"texts": [note.text for note in results], "total": total}


def test_sync_service_dependencies(
    sync_backend: Backend, tmp_path: Path, sync_tables: Callable[..., None], sync_engine: Engine
) -> None:
    sync_tables(LsNote)
    with Session(sync_engine) as session:
        session.add_all([LsNote(text=text) for text in ("c", "a", "b")])
        session.commit()
    config = SQLAlchemySyncConfig(connection_string=sync_backend.url(tmp_path))
    app = Litestar(route_handlers=[list_notes], plugins=[SQLAlchemyPlugin(config=config)])
    with TestClient(app) as client:
        first = client.get("/sync-notes").json()
        second = client.get("/sync-notes", params={"currentPage": 2}).json()
    assert first == {"texts": ["a", "b"], "total": 3}
    assert second == {"texts": ["c"], "total": 3}
