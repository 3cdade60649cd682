"""A Litestar app on sqlalchemist: the plugin, a service dependency with filters, and errors mapped to statuses."""

from __future__ import annotations

from litestar import Litestar, get, post
from litestar.testing import TestClient
from pydantic import BaseModel
from sqlalchemy.orm import Mapped

from sqlalchemist_litestar import (
    AsyncSessionConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemyPlugin,
    base,
    filters,
    providers,
    repository,
    service,
)


class DocsNote(base.BigIntAuditBase):
    """A short note."""

    text: Mapped[str]


class Note(BaseModel):
    """Note response schema."""

    id: int
    text: str


class NoteCreate(BaseModel):
    """Schema for creating notes."""

    text: str


class NoteService(service.SQLAlchemyAsyncRepositoryService[DocsNote]):
    """Note service."""

    class Repo(repository.SQLAlchemyAsyncRepository[DocsNote]):
        """Note repository."""

        model_type = DocsNote

    repository_type = Repo


dependencies = providers.create_service_dependencies(
    NoteService, "notes", filters={"pagination_type": "limit_offset", "search": "text", "search_ignore_case": True}
)


@get("/notes", dependencies=dependencies)
async def list_notes(notes: NoteService, filters: list[filters.FilterTypes]) -> service.OffsetPagination[Note]:
    """List notes a page at a time."""
    results, total = await notes.list_and_count(*filters)
    return notes.to_schema(results, total, filters=filters, schema_type=Note)


@post("/notes", dependencies=dependencies)
async def create_note(notes: NoteService, data: NoteCreate) -> Note:
    """Create a note."""
    return notes.to_schema(await notes.create(data), schema_type=Note)


@get("/notes/{note_id:int}", dependencies=dependencies)
async def get_note(notes: NoteService, note_id: int) -> Note:
    """Get one note; a missing one answers 404."""
    return notes.to_schema(await notes.get(note_id), schema_type=Note)


EXPECTED = {"created": 201, "page": (1, ["Buy milk"]), "missing": 404}


def main() -> dict[str, object]:
    """Run the app in a test client: create, search, and ask for a note that is not there."""
    config = SQLAlchemyAsyncConfig(
        connection_string="sqlite+aiosqlite:///docs_notes.sqlite",
        before_send_handler="autocommit",
        session_config=AsyncSessionConfig(expire_on_commit=False),
    )
    app = Litestar(route_handlers=[list_notes, create_note, get_note], plugins=[SQLAlchemyPlugin(config=config)])

    async def create_table() -> None:
        async with config.get_engine().begin() as conn:
            await conn.run_sync(DocsNote.__table__.create, checkfirst=True)

    app.on_startup.insert(0, create_table)
    with TestClient(app) as client:
        created = client.post("/notes", json={"text": "Buy milk"}).status_code
        client.post("/notes", json={"text": "Call Ada"})
        page = client.get("/notes", params={"searchString": "MILK"}).json()
        missing = client.get("/notes/999").status_code
    return {"created": created, "page": (page["total"], [n["text"] for n in page["items"]]), "missing": missing}


if __name__ == "__main__":
    print(main())
