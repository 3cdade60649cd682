"""SQLAlchemySyncRepositoryService (generated twin): every method, input kinds, hooks and partial updates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from sqlalchemist.exceptions import ImproperConfigurationError, NotFoundError
from sqlalchemist.filters import LimitOffset, OrderBy
from sqlalchemist.pagination import CursorPagination
from sqlalchemist.repository import SQLAlchemySyncRepository
from sqlalchemist.service import OffsetPagination, SQLAlchemySyncRepositoryReadService, SQLAlchemySyncRepositoryService

from .schemas import DOB, KINDS, AuthorStruct, SvcAuthor, make


class SvcAuthorSyncRepo(SQLAlchemySyncRepository[SvcAuthor]):
    model_type = SvcAuthor


class SvcAuthorSyncService(SQLAlchemySyncRepositoryService[SvcAuthor]):
    repository_type = SvcAuthorSyncRepo


class SvcAuthorSyncReadService(SQLAlchemySyncRepositoryReadService[SvcAuthor]):
    repository_type = SvcAuthorSyncRepo


class SvcHookedSyncService(SvcAuthorSyncService):
    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.calls: list[str] = []

    def to_model_on_create(self, data: Any) -> Any:
        self.calls.append("create")
        return {**data, "bio": "created by hook"}

    def to_model_on_update(self, data: Any) -> Any:
        self.calls.append("update")
        return {**data, "bio": "updated by hook"}

    def to_model_on_upsert(self, data: Any) -> Any:
        self.calls.append("upsert")
        return {**data, "bio": "upserted by hook"}

    def to_model_on_delete(self, data: Any) -> Any:
        self.calls.append("delete")
        return data


Row = tuple[int, str, Any, Any]


@pytest.fixture
def session(sync_engine: Engine, sync_tables: Callable[..., None]) -> Iterator[Session]:
    sync_tables(SvcAuthor)
    with Session(sync_engine, expire_on_commit=False) as db_session:
        yield db_session


def stored(session: Session) -> list[Row]:
    with Session(session.bind) as fresh:
        rows = fresh.execute(select(SvcAuthor.id, SvcAuthor.name, SvcAuthor.dob, SvcAuthor.bio).order_by("id"))
        return [tuple(row) for row in rows]  # type: ignore[misc]


def seed(service: SvcAuthorSyncService, count: int = 3) -> None:
    rows = [{"id": i, "name": f"author {i}", "dob": DOB, "bio": f"bio {i}"} for i in range(1, count + 1)]
    service.create_many(rows, auto_commit=True)


@pytest.mark.parametrize("kind", KINDS)
def test_create_and_partial_update_from_every_input_kind(session: Session, kind: str) -> None:
    service = SvcAuthorSyncService(session)
    author = service.create(make(kind, id=7, name="Ann", dob=DOB, bio="b"), auto_commit=True)
    assert (author.id, author.name) == (7, "Ann")
    service.update(make(kind, bio="new"), item_id=7, auto_commit=True)
    assert stored(session) == [(7, "Ann", DOB, "new")]


@pytest.mark.parametrize("kind", KINDS)
def test_bulk_writes_from_every_input_kind(session: Session, kind: str) -> None:
    service = SvcAuthorSyncService(session)
    service.create_many([make(kind, id=1, name="a"), make(kind, id=2, name="b")], auto_commit=True)
    session.expunge_all()
    service.update_many([make(kind, id=1, bio="x"), make(kind, id=2, bio="y")], auto_commit=True)
    session.expunge_all()
    service.upsert_many([make(kind, id=2, name="b", dob=DOB), make(kind, id=3, name="c")], auto_commit=True)
    session.expunge_all()
    service.upsert(make(kind, id=9, name="a", bio="z"), match_fields=["name"], auto_commit=True)
    assert stored(session) == [(1, "a", None, "z"), (2, "b", DOB, "y"), (3, "c", None, None)]


def test_read_methods_and_to_schema(session: Session) -> None:
    service = SvcAuthorSyncService(session)
    seed(service, 4)
    assert service.get(2).name == "author 2"
    assert service.get_one(name="author 3").id == 3
    assert service.get_one_or_none(name="nobody") is None
    assert (service.count(), service.exists(name="author 1"), service.exists(name="x")) == (4, True, False)
    assert [a.id for a in service.list(OrderBy("id", "desc"))] == [4, 3, 2, 1]
    filters = [LimitOffset(2, 2), OrderBy("id", "asc")]
    results, total = service.list_and_count(*filters)
    page = service.to_schema(results, total, filters=filters, schema_type=AuthorStruct)
    assert page == OffsetPagination(
        items=[
            AuthorStruct(id=3, name="author 3", dob=DOB, bio="bio 3"),
            AuthorStruct(id=4, name="author 4", dob=DOB, bio="bio 4"),
        ],
        limit=2,
        offset=2,
        total=4,
    )
    with pytest.raises(NotFoundError):
        service.get(99)


def test_get_or_upsert_get_and_update_and_deletes(session: Session) -> None:
    service = SvcAuthorSyncService(session)
    seed(service, 4)
    author, created = service.get_or_upsert(match_fields="name", id=5, name="five", auto_commit=True)
    assert (author.id, created) == (5, True)
    changed, updated = service.get_and_update(match_fields="name", name="five", bio="5", auto_commit=True)
    assert (changed.bio, updated) == ("5", True)
    assert service.delete(1, auto_commit=True).id == 1
    assert sorted(a.id for a in service.delete_many([2, 3], auto_commit=True)) == [2, 3]
    assert [a.id for a in service.delete_where(name="author 4", auto_commit=True)] == [4]
    assert stored(session) == [(5, "five", None, "5")]


def test_hooks_run_before_conversion(session: Session) -> None:
    service = SvcHookedSyncService(session)
    service.create({"id": 1, "name": "Ann"}, auto_commit=True)
    service.update({"name": "Ann B"}, item_id=1, auto_commit=True)
    service.upsert({"id": 2, "name": "Bob"}, auto_commit=True)
    service.to_model({"id": 3, "name": "x"}, "delete")
    assert service.calls == ["create", "update", "upsert", "delete"]
    assert stored(session) == [(1, "Ann B", None, "updated by hook"), (2, "Bob", None, "upserted by hook")]


def test_new_and_paginate(session: Session, sync_engine: Engine) -> None:
    from sqlalchemist.config import SQLAlchemySyncConfig

    with SvcAuthorSyncService.new(session=session) as service:
        seed(service, 3)
    with SvcAuthorSyncReadService.new(config=SQLAlchemySyncConfig(engine_instance=sync_engine)) as reader:
        first = reader.paginate(CursorPagination(2, order_by=[("name", "desc")]), with_total=True)
        assert ([a.id for a in first.items], first.total) == ([3, 2], 3)
        rest = reader.paginate(CursorPagination(2, order_by=[("name", "desc")], cursor=first.next_cursor))
        assert ([a.id for a in rest.items], rest.has_next, rest.has_prev) == ([1], False, True)
    with pytest.raises(ImproperConfigurationError), SvcAuthorSyncService.new():
        pass
