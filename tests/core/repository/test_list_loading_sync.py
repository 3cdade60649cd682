"""``list`` with ``load=`` collections: ``test_list_loading.py`` is the source of ``test_list_loading_sync.py``.

A simple page with one-to-many collections is read over Core; the objects must be those the ORM would give.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import Session

from sqlalchemist.events import scope_listener
from sqlalchemist.filters import LimitOffset, NotInSearchFilter, OrderBy, SearchFilter
from sqlalchemist.repository import SQLAlchemySyncRepository
from tests.core.repository._models import ALL_MODELS, RepoAuthor, RepoBook, RepoSeries, RepoVolume
from tests.statements import StatementLog


class AuthorRepo(SQLAlchemySyncRepository[RepoAuthor]):
    model_type = RepoAuthor


class SeriesRepo(SQLAlchemySyncRepository[RepoSeries]):
    model_type = RepoSeries


@pytest.fixture
def session(sync_engine: Engine, sync_tables: Callable[..., None]) -> Iterator[Session]:
    sync_tables(*ALL_MODELS)
    with Session(sync_engine, expire_on_commit=False) as db_session:
        if sync_engine.dialect.name == "sqlite":
            db_session.execute(text("PRAGMA foreign_keys=ON"))
        yield db_session


def _sync(session: Any) -> Any:
    return getattr(session, "sync_session", session)


def _seed(session: Session) -> dict[str, uuid.UUID]:
    """Authors Ann (2 books), Bob (none), Cid (1 book), Dan (3 books); return the ids by name and title."""
    ids: dict[str, uuid.UUID] = {}
    plan = {"Ann": ["A1", "A2"], "Bob": [], "Cid": ["C1"], "Dan": ["D1", "D2", "D3"]}
    for name, titles in plan.items():
        author = RepoAuthor(id=uuid.uuid4(), name=name, email=f"{name.lower()}@example.com")
        session.add(author)
        ids[name] = author.id
        for title in titles:
            book = RepoBook(id=uuid.uuid4(), title=title, author_id=author.id)
            session.add(book)
            ids[title] = book.id
    session.commit()
    session.expunge_all()
    return ids


def _shape(authors: list[RepoAuthor]) -> list[tuple[str, list[tuple[str, uuid.UUID, uuid.UUID]]]]:
    return [(a.name, sorted((b.title, b.id, b.author_id) for b in a.books)) for a in authors]


def _expected(ids: dict[str, uuid.UUID], *names: str) -> list[tuple[str, list[tuple[str, uuid.UUID, uuid.UUID]]]]:
    titles = {"Ann": ["A1", "A2"], "Bob": [], "Cid": ["C1"], "Dan": ["D1", "D2", "D3"]}
    return [(name, [(title, ids[title], ids[name]) for title in titles[name]]) for name in names]


def _state_of(instance: Any) -> tuple[Any, ...]:
    """What an ORM load leaves on an instance's state, to compare the two paths."""
    state = inspect(instance)
    return (
        state.persistent,
        state.key[0],
        sorted(state.dict),
        sorted(state.unloaded),
        dict(state.committed_state),
        set(state.expired_attributes),
        state.modified,
        state.load_path.natural_path if state.load_path else None,
        [type(option).__name__ for option in state.load_options],
    )


def test_list_loads_collections_in_two_statements(session: Session, sync_engine: Engine) -> None:
    ids = _seed(session)
    with StatementLog(sync_engine) as sent:
        authors = AuthorRepo(session=session).list(OrderBy("name", "asc"), load=[RepoAuthor.books])
    assert sent == ["SELECT", "SELECT"]
    assert _shape(authors) == _expected(ids, "Ann", "Bob", "Cid", "Dan")
    assert authors[1].books == []
    sync = _sync(session)
    assert not sync.dirty
    assert not sync.new
    assert all(inspect(a).persistent and inspect(b).persistent for a in authors for b in a.books)
    assert sync.identity_map.get(inspect(authors[0]).key) is authors[0]
    book = authors[0].books[0]
    assert session.get(RepoBook, book.id) is book
    with pytest.raises(InvalidRequestError):
        _ = book.author  # lazy="raise": selectinload does not set the reverse side, nor does the plain path


def test_list_objects_match_the_orm_path(session: Session) -> None:
    _seed(session)
    plain = AuthorRepo(session=session).list(OrderBy("name", "asc"), load=[RepoAuthor.books])
    plain_states = [(_state_of(a), sorted(_state_of(b) for b in a.books)) for a in plain]
    plain_values = [(a.id, a.name, a.email, a.created_at, a.updated_at) for a in plain]
    session.expunge_all()
    orm_statement = select(RepoAuthor)  # a custom statement: the ORM path
    orm = AuthorRepo(session=session).list(OrderBy("name", "asc"), statement=orm_statement, load=[RepoAuthor.books])
    assert [(_state_of(a), sorted(_state_of(b) for b in a.books)) for a in orm] == plain_states
    assert [(a.id, a.name, a.email, a.created_at, a.updated_at) for a in orm] == plain_values


def test_list_and_count_without_load_match_the_orm_path(session: Session, sync_engine: Engine) -> None:
    _seed(session)
    repo = AuthorRepo(session=session)
    orm_executes: list[str] = []

    def _orm_execute(state: Any) -> None:  # scoped to books: it leaves the authors' Core path open, and sees ORM runs
        orm_executes.append(str(state.statement).split()[0])

    scope_listener(_orm_execute, lambda mapper: mapper.class_ is RepoBook)
    event.listen(_sync(session), "do_orm_execute", _orm_execute)
    try:
        with StatementLog(sync_engine) as sent:
            listed = repo.list(OrderBy("name", "asc"))
            page, total = repo.list_and_count(LimitOffset(2, 1), OrderBy("name", "asc"))
            past_end, past_total = repo.list_and_count(LimitOffset(2, 10), OrderBy("name", "asc"))
    finally:
        event.remove(_sync(session), "do_orm_execute", _orm_execute)
    assert sent == ["SELECT", "SELECT", "SELECT", "SELECT"]  # the empty page past the end counts separately
    assert orm_executes == ["SELECT"]  # only that count went through the ORM: the pages were read over Core
    assert [a.name for a in listed] == ["Ann", "Bob", "Cid", "Dan"]
    assert ([a.name for a in page], total) == (["Bob", "Cid"], 4)
    assert (past_end, past_total) == ([], 4)
    assert page[0] is listed[1]  # the identity map's instance, as an ORM load returns it
    states = [_state_of(a) for a in listed]
    values = [(a.id, a.name, a.email, a.created_at, a.updated_at) for a in listed]
    session.expunge_all()
    orm = repo.list(OrderBy("name", "asc"), statement=select(RepoAuthor))  # a custom statement: the ORM path
    assert [_state_of(a) for a in orm] == states
    assert [(a.id, a.name, a.email, a.created_at, a.updated_at) for a in orm] == values


def test_pages_of_one_filter_shape_reuse_one_statement_with_new_values(session: Session, sync_engine: Engine) -> None:
    _seed(session)
    repo = AuthorRepo(session=session)
    pages: list[Any] = []

    def _record(conn: Any, clause: Any, *args: Any) -> None:
        pages.append(clause)

    event.listen(getattr(sync_engine, "sync_engine", sync_engine), "before_execute", _record)
    try:
        by_name = OrderBy("name")
        first = repo.list_and_count(LimitOffset(2, 0), SearchFilter("name", "N", ignore_case=True), by_name)
        second = repo.list_and_count(LimitOffset(1, 1), SearchFilter("name", "a", ignore_case=True), by_name)
        past_end = repo.list_and_count(LimitOffset(2, 5), SearchFilter("name", "A", ignore_case=True), by_name)
    finally:
        event.remove(getattr(sync_engine, "sync_engine", sync_engine), "before_execute", _record)
    assert ([a.name for a in first[0]], first[1]) == (["Ann", "Dan"], 2)
    assert ([a.name for a in second[0]], second[1]) == (["Dan"], 2)
    assert past_end == ([], 2)  # an empty page past the end: its total from a COUNT
    assert len(pages) == 4
    assert pages[0] is pages[1] is pages[2]  # one statement for the shape; the values travel as parameters
    assert pages[3] is not pages[0]

    both = repo.list(SearchFilter({"name", "email"}, "BOB", ignore_case=True), OrderBy("name", "desc"))
    assert [a.name for a in both] == ["Bob"]
    assert repo.list_and_count(LimitOffset(2, 0), SearchFilter("name", "%", ignore_case=True)) == ([], 0)
    unescaped, unescaped_total = repo.list_and_count(
        LimitOffset(2, 0), SearchFilter("name", "n%", escape=False), OrderBy("name")
    )
    assert ([a.name for a in unescaped], unescaped_total) == (["Ann", "Dan"], 2)  # "%n%%": a wildcard, as asked
    assert [a.name for a in repo.list(NotInSearchFilter("name", "AN", ignore_case=True), OrderBy("name"))] == [
        "Bob",
        "Cid",
    ]
    assert [a.name for a in repo.list(SearchFilter("name", ""), OrderBy("name", "desc"))] == [
        "Dan",
        "Cid",
        "Bob",
        "Ann",
    ]
    assert [a.name for a in repo.list(SearchFilter("name", "nn"), OrderBy("name"))] == ["Ann"]


@dataclass(frozen=True)
class _PrefixSearch(SearchFilter):
    """A subclass that changes the SQL: names starting with the value."""

    def to_where_clause(self, model: type[Any]) -> Any:
        return RepoAuthor.name.startswith(self.value)


def test_a_filter_subclass_and_each_order_spec_are_applied_as_they_say(session: Session) -> None:
    _seed(session)
    repo = AuthorRepo(session=session)
    assert [a.name for a in repo.list(SearchFilter("name", "n"), OrderBy("name"))] == ["Ann", "Dan"]
    assert [a.name for a in repo.list(_PrefixSearch("name", "n"), OrderBy("name"))] == []
    assert [a.name for a in repo.list(SearchFilter("name", "n"), OrderBy("name"))] == ["Ann", "Dan"]
    assert [a.name for a in repo.list(LimitOffset(2, 0), order_by=("name", True))] == ["Dan", "Cid"]
    assert [a.name for a in repo.list(LimitOffset(2, 0), order_by=("name", False))] == ["Ann", "Bob"]
    assert [a.name for a in repo.list(LimitOffset(2, 0), order_by=["email", "name"])] == ["Ann", "Bob"]
    by_expression = repo.list(LimitOffset(1, 0), order_by=RepoAuthor.name.desc())
    assert [a.name for a in by_expression] == ["Dan"]


def test_list_pages_and_filters(session: Session) -> None:
    ids = _seed(session)
    repo = AuthorRepo(session=session)
    page = repo.list(LimitOffset(2, 1), OrderBy("name", "asc"), load=["books"])
    assert _shape(page) == _expected(ids, "Bob", "Cid")
    named = repo.list(OrderBy("name", "desc"), load=[RepoAuthor.books], name=["Dan", "Ann"])
    assert _shape(named) == _expected(ids, "Dan", "Ann")
    assert repo.list(load=[RepoAuthor.books], name="Nobody") == []


def test_list_orders_children_by_the_relationship_order_by(session: Session) -> None:
    series = RepoSeries(id=uuid.uuid4(), name="S")
    session.add_all([series, RepoSeries(id=uuid.uuid4(), name="T")])
    session.add_all([RepoVolume(number=n, series_id=series.id) for n in (2, 3, 1)])
    session.commit()
    session.expunge_all()
    found = SeriesRepo(session=session).list(OrderBy("name", "asc"), load=[RepoSeries.volumes])
    assert [(s.name, [v.number for v in s.volumes]) for s in found] == [("S", [3, 2, 1]), ("T", [])]


def test_list_returns_known_instances_and_keeps_loaded_collections(session: Session) -> None:
    ids = _seed(session)
    repo = AuthorRepo(session=session)
    ann = session.get(RepoAuthor, ids["Ann"])
    book = session.get(RepoBook, ids["C1"])
    assert ann is not None
    assert book is not None
    first = repo.list(OrderBy("name", "asc"), load=[RepoAuthor.books])
    assert first[0] is ann
    assert first[2].books == [book]
    assert _shape(first) == _expected(ids, "Ann", "Bob", "Cid", "Dan")
    ann_books = ann.books
    again = repo.list(OrderBy("name", "asc"), LimitOffset(1, 0), load=[RepoAuthor.books])
    assert again == [ann]
    assert ann.books is ann_books  # an already loaded collection is not replaced, as with selectinload
    assert not _sync(session).dirty


def test_list_with_pending_changes_flushes_through_the_orm(session: Session) -> None:
    ids = _seed(session)
    repo = AuthorRepo(session=session)
    bob = session.get(RepoAuthor, ids["Bob"])
    assert bob is not None
    bob.name = "Abe"  # dirty: autoflush runs before the query, so the new name sorts first
    session.add(RepoBook(id=uuid.uuid4(), title="B1", author_id=ids["Bob"]))
    authors = repo.list(OrderBy("name", "asc"), load=[RepoAuthor.books])
    assert [(a.name, sorted(b.title for b in a.books)) for a in authors] == [
        ("Abe", ["B1"]),
        ("Ann", ["A1", "A2"]),
        ("Cid", ["C1"]),
        ("Dan", ["D1", "D2", "D3"]),
    ]
    assert authors[0] is bob


def test_list_with_session_listeners_goes_through_the_orm(session: Session) -> None:
    ids = _seed(session)
    loaded: list[str] = []

    def _note(db_session: Any, instance: Any) -> None:
        loaded.append(type(instance).__name__)

    event.listen(_sync(session), "loaded_as_persistent", _note)
    try:
        authors = AuthorRepo(session=session).list(OrderBy("name", "asc"), load=[RepoAuthor.books])
    finally:
        event.remove(_sync(session), "loaded_as_persistent", _note)
    assert _shape(authors) == _expected(ids, "Ann", "Bob", "Cid", "Dan")
    assert sorted(loaded) == ["RepoAuthor"] * 4 + ["RepoBook"] * 6


def test_list_with_expired_known_instance_goes_through_the_orm(session: Session) -> None:
    ids = _seed(session)
    ann = session.get(RepoAuthor, ids["Ann"])
    assert ann is not None
    session.expire(ann)
    authors = AuthorRepo(session=session).list(OrderBy("name", "asc"), load=[RepoAuthor.books])
    assert authors[0] is ann
    assert _shape(authors) == _expected(ids, "Ann", "Bob", "Cid", "Dan")


def test_list_auto_expunge_and_uniquify_keep_collections(session: Session) -> None:
    ids = _seed(session)
    repo = AuthorRepo(session=session)
    authors = repo.list(OrderBy("name", "asc"), load=[RepoAuthor.books], auto_expunge=True, uniquify=True)
    assert all(inspect(a).detached for a in authors)
    assert _shape(authors) == _expected(ids, "Ann", "Bob", "Cid", "Dan")
