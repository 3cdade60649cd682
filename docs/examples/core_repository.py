"""A repository over two models on SQLite: bulk add, filtered pages, a partial update and a clear error."""

from __future__ import annotations

import datetime
from uuid import UUID

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sqlalchemist.base import UUIDAuditBase, UUIDBase
from sqlalchemist.config import SQLAlchemySyncConfig
from sqlalchemist.exceptions import NotFoundError
from sqlalchemist.filters import LimitOffset, OrderBy, SearchFilter
from sqlalchemist.repository import SQLAlchemySyncRepository


class DocsAuthor(UUIDBase):
    """An author with books."""

    name: Mapped[str]
    dob: Mapped[datetime.date | None]
    books: Mapped[list[DocsBook]] = relationship(back_populates="author", lazy="selectin")


class DocsBook(UUIDAuditBase):
    """A book written by one author."""

    title: Mapped[str]
    author_id: Mapped[UUID] = mapped_column(ForeignKey("docs_author.id"))
    author: Mapped[DocsAuthor] = relationship(back_populates="books")


class AuthorRepository(SQLAlchemySyncRepository[DocsAuthor]):
    """Repository for authors."""

    model_type = DocsAuthor


EXPECTED = {
    "page": (["Ada Lovelace", "Alan Turing"], 3),
    "dob_kept": datetime.date(1815, 12, 10),
    "error": "NotFoundError",
}


def main() -> dict[str, object]:
    """Create the tables, write and read authors, and show what a missing row raises."""
    config = SQLAlchemySyncConfig(connection_string="sqlite:///docs_example.sqlite")
    config.get_metadata().create_all(config.get_engine(), tables=[DocsAuthor.__table__, DocsBook.__table__])
    with config.get_session() as session:
        repo = AuthorRepository(session=session, auto_commit=True)
        repo.add_many(
            [
                DocsAuthor(name="Ada Lovelace", dob=datetime.date(1815, 12, 10)),
                DocsAuthor(name="Alan Turing"),
                DocsAuthor(name="Grace Hopper"),
            ]
        )
        authors, total = repo.list_and_count(
            SearchFilter("name", "a", ignore_case=True), OrderBy("name", "asc"), LimitOffset(2, 0)
        )
        names = [author.name for author in authors]
        ada = authors[0]
        repo.update(DocsAuthor(id=ada.id, name="Ada King"))
        dob_kept = repo.get(ada.id).dob
        try:
            repo.get(UUID(int=0))
        except NotFoundError as exc:
            error = type(exc).__name__
    config.get_engine().dispose()
    return {"page": (names, total), "dob_kept": dob_kept, "error": error}


if __name__ == "__main__":
    print(main())
