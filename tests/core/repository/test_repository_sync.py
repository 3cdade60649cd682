"""The repository on every driver: ``test_repository_async.py`` is the source of ``test_repository_sync.py``."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, joinedload, selectinload

from sqlalchemist.events import scope_listener
from sqlalchemist.exceptions import (
    DuplicateKeyError,
    FilterError,
    ForeignKeyError,
    MultipleResultsFoundError,
    NotFoundError,
    RepositoryError,
)
from sqlalchemist.filters import LimitOffset, OrderBy, SearchFilter
from sqlalchemist.repository import (
    SQLAlchemySyncQueryRepository,
    SQLAlchemySyncRepository,
    SQLAlchemySyncSlugRepository,
)
from tests.core.repository._models import (
    ALL_MODELS,
    DELETED_EVENTED,
    RepoAuthor,
    RepoBook,
    RepoCounter,
    RepoDefaulted,
    RepoEdited,
    RepoEditedLine,
    RepoEvented,
    RepoLabelled,
    RepoLedgerLine,
    RepoOrderLine,
    RepoShelf,
    RepoShelfItem,
    RepoStampedLine,
    RepoTag,
    RepoTyped,
)
from tests.statements import StatementLog


class AuthorRepo(SQLAlchemySyncRepository[RepoAuthor]):
    model_type = RepoAuthor


class BookRepo(SQLAlchemySyncRepository[RepoBook]):
    model_type = RepoBook


class CounterRepo(SQLAlchemySyncRepository[RepoCounter]):
    model_type = RepoCounter
    match_fields = "label"


class LineRepo(SQLAlchemySyncRepository[RepoOrderLine]):
    model_type = RepoOrderLine


class EventedRepo(SQLAlchemySyncRepository[RepoEvented]):
    model_type = RepoEvented


class TagRepo(SQLAlchemySyncSlugRepository[RepoTag]):
    model_type = RepoTag


@pytest.fixture
def session(sync_engine: Engine, sync_tables: Callable[..., None]) -> Iterator[Session]:
    sync_tables(*ALL_MODELS)
    with Session(sync_engine, expire_on_commit=False) as db_session:
        if sync_engine.dialect.name == "sqlite":
            db_session.execute(text("PRAGMA foreign_keys=ON"))
        yield db_session


def stored(engine: Engine, model: Any, *order: Any) -> list[Any]:
    """Read every row of ``model`` through a fresh session."""
    with Session(engine) as fresh:
        return list((fresh.execute(select(model).order_by(*order))).scalars())


def seed_authors(session: Session, *names: str) -> list[RepoAuthor]:
    authors = [RepoAuthor(name=name, email=f"{name.lower()}@example.com") for name in names]
    return AuthorRepo(session=session).add_many(authors)


def test_add_returns_persistent_instance_with_generated_values(session: Session, sync_engine: Engine) -> None:
    repo = AuthorRepo(session=session)
    author = repo.add(RepoAuthor(name="Ann", dob=datetime.date(1990, 1, 2)))
    session.commit()
    assert isinstance(author.id, uuid.UUID)
    assert author.created_at is not None
    assert author.email is None
    rows = stored(sync_engine, RepoAuthor)
    assert [(r.id, r.name, r.dob, r.email) for r in rows] == [(author.id, "Ann", datetime.date(1990, 1, 2), None)]


def test_add_many_stamps_created_at_and_updated_at_with_one_instant(session: Session, sync_engine: Engine) -> None:
    added = seed_authors(session, "Ann", "Bob")
    session.commit()
    stamp = added[0].created_at
    assert [(author.created_at, author.updated_at) for author in added] == [(stamp, stamp), (stamp, stamp)]
    rows = stored(sync_engine, RepoAuthor)
    assert sorted((r.id, r.created_at, r.updated_at) for r in rows) == sorted((a.id, stamp, stamp) for a in added)


def test_set_based_writes_stamp_updated_at_with_one_instant_per_call(session: Session, sync_engine: Engine) -> None:
    ann, bob, cid = seed_authors(session, "Ann", "Bob", "Cid")
    session.commit()
    created = ann.created_at
    session.expunge_all()
    repo = AuthorRepo(session=session)
    updated = repo.update_many(
        [RepoAuthor(id=ann.id, name="Anna"), {"id": bob.id, "name": "Bobby"}, RepoAuthor(id=cid.id, dob=None)],
        auto_commit=True,
    )
    stamp = updated[0].updated_at
    assert stamp > created
    assert [(a.name, a.created_at, a.updated_at) for a in updated] == [
        ("Anna", created, stamp),
        ("Bobby", created, stamp),
        ("Cid", created, stamp),
    ]
    upserted = repo.upsert_many(
        [RepoAuthor(name="Ann 2", email="ann@example.com"), RepoAuthor(name="Dee", email="dee@example.com")],
        match_fields="email",
        auto_commit=True,
    )
    again = upserted[0].updated_at
    assert again > stamp
    assert [(a.name, a.updated_at) for a in upserted] == [("Ann 2", again), ("Dee", again)]
    rows = {r.name: r.updated_at for r in stored(sync_engine, RepoAuthor)}
    assert rows == {"Ann 2": again, "Bobby": stamp, "Cid": stamp, "Dee": again}
    later = AuthorRepo(session=session).add(RepoAuthor(name="Eve", email="eve@example.com"), auto_commit=True)
    assert later.created_at != created
    session.expunge_all()
    both = repo.update_many([{"id": later.id, "dob": None}, {"id": cid.id, "dob": None}], auto_commit=True)
    assert [(a.name, a.created_at) for a in both] == [("Eve", later.created_at), ("Cid", created)]
    given = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    mixed = repo.update_many(
        [{"id": ann.id, "name": "Ann 3"}, {"id": bob.id, "name": "Bob 3", "updated_at": given}], auto_commit=True
    )
    assert mixed[0].updated_at > again
    assert [(a.name, a.updated_at) for a in mixed] == [("Ann 3", mixed[0].updated_at), ("Bob 3", given)]
    rows = {r.name: r.updated_at for r in stored(sync_engine, RepoAuthor)}
    assert (rows["Ann 3"], rows["Bob 3"]) == (mixed[0].updated_at, given)


class DefaultedRepo(SQLAlchemySyncRepository[RepoDefaulted]):
    model_type = RepoDefaulted


def test_add_many_makes_python_defaults_and_returns_only_what_the_database_knows(
    session: Session, sync_engine: Engine
) -> None:
    repo = DefaultedRepo(session=session)
    with StatementLog(sync_engine) as sent:
        added = repo.add_many([RepoDefaulted(name="a"), RepoDefaulted(name="b", weight=9, note="n")])
    session.commit()
    session.expunge_all()  # every attribute must be loaded already: no lazy load after this
    assert [(x.name, x.weight, x.code, x.level, x.note) for x in added] == [
        ("a", 3, "A", 7, None),
        ("b", 9, "B", 7, "n"),
    ]
    assert all(isinstance(x.id, uuid.UUID) for x in added)
    assert sent == ["INSERT", "INSERT"]  # one per set of given attributes, RETURNING code and level
    rows = stored(sync_engine, RepoDefaulted, RepoDefaulted.name)
    assert [(r.id, r.weight, r.code, r.level, r.note) for r in rows] == [
        (x.id, x.weight, x.code, x.level, x.note) for x in added
    ]


def test_add_flushes_pending_changes_first_so_their_order_holds(session: Session, sync_engine: Engine) -> None:
    author = RepoAuthor(id=uuid.uuid4(), name="Ann")
    session.add(author)  # pending: its INSERT must come before the book's (foreign key)
    book = BookRepo(session=session).add(RepoBook(title="One", author_id=author.id))
    (second,) = BookRepo(session=session).add_many([RepoBook(title="Two", author_id=author.id)])
    session.commit()
    assert (book.author_id, second.author_id) == (author.id, author.id)
    assert [(b.title, b.author_id) for b in stored(sync_engine, RepoBook, RepoBook.title)] == [
        ("One", author.id),
        ("Two", author.id),
    ]


def test_add_many_without_database_values_sends_a_plain_executemany(session: Session, sync_engine: Engine) -> None:
    authors = [RepoAuthor(name=f"A{i}") for i in range(3)]
    with StatementLog(sync_engine) as sent:
        added = AuthorRepo(session=session).add_many(authors)
    session.commit()
    session.expunge_all()
    assert [(a.name, a.email, a.dob, a.updated_at >= a.created_at) for a in added] == [
        (f"A{i}", None, None, True) for i in range(3)
    ]
    assert sent == ["INSERT"]
    rows = {r.id: r for r in stored(sync_engine, RepoAuthor)}
    assert [(rows[a.id].name, rows[a.id].created_at) for a in added] == [(a.name, a.created_at) for a in added]


def test_get_uses_identity_map_and_reports_missing_id(session: Session) -> None:
    repo = AuthorRepo(session=session)
    (ann,) = seed_authors(session, "Ann")
    assert repo.get(ann.id) is ann
    session.expunge_all()
    loaded = repo.get(ann.id)
    assert (loaded.id, loaded.name) == (ann.id, "Ann")
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as raised:
        repo.get(missing)
    assert str(raised.value) == f"RepoAuthor with id={missing} not found"


def test_get_by_other_id_attribute(session: Session) -> None:
    seed_authors(session, "Ann", "Bob")
    repo = AuthorRepo(session=session)
    assert (repo.get("bob@example.com", id_attribute="email")).name == "Bob"
    with pytest.raises(NotFoundError) as raised:
        repo.get("nobody@example.com", id_attribute="email")
    assert str(raised.value) == "RepoAuthor with email=nobody@example.com not found"


def test_add_many_inserts_all_rows_in_order(session: Session, sync_engine: Engine) -> None:
    authors = seed_authors(session, *(f"Author{i:02}" for i in range(25)))
    session.commit()
    assert [a.name for a in authors] == [f"Author{i:02}" for i in range(25)]
    assert len({a.id for a in authors}) == 25
    assert all(a in session for a in authors)
    rows = stored(sync_engine, RepoAuthor, RepoAuthor.name)
    assert [(r.id, r.name, r.email) for r in rows] == [(a.id, a.name, a.email) for a in authors]
    assert AuthorRepo(session=session).add_many([]) == []


def test_add_many_with_autoincrement_keys(session: Session, sync_engine: Engine) -> None:
    counters = CounterRepo(session=session).add_many([RepoCounter(label=f"c{i}", hits=i) for i in range(5)])
    session.commit()
    assert len({c.id for c in counters}) == 5
    rows = stored(sync_engine, RepoCounter, RepoCounter.id)
    assert sorted((r.id, r.label, r.hits) for r in rows) == sorted((c.id, c.label, c.hits) for c in counters)


def test_add_many_with_related_objects(session: Session, sync_engine: Engine) -> None:
    author = RepoAuthor(name="Ann", books=[RepoBook(title="One"), RepoBook(title="Two")])
    AuthorRepo(session=session).add_many([author])
    session.commit()
    assert sorted(b.title for b in stored(sync_engine, RepoBook)) == ["One", "Two"]


def test_get_one_get_one_or_none_and_kwargs(session: Session) -> None:
    seed_authors(session, "Ann", "Bob")
    repo = AuthorRepo(session=session)
    assert (repo.get_one(name="Bob")).email == "bob@example.com"
    assert (repo.get_one(RepoAuthor.email == "ann@example.com")).name == "Ann"
    assert repo.get_one_or_none(name="Zed") is None
    with pytest.raises(NotFoundError) as raised:
        repo.get_one(name="Zed")
    assert str(raised.value) == "RepoAuthor with name='Zed' not found"
    with pytest.raises(MultipleResultsFoundError) as multiple:
        repo.get_one(RepoAuthor.name.in_(["Ann", "Bob"]))
    assert str(multiple.value) == "RepoAuthor matching 1 filter(s): expected at most one row, found several"
    with pytest.raises(FilterError, match="RepoAuthor has no column 'nam' to filter on"):
        repo.get_one(nam="Ann")


def test_count_exists_and_list(session: Session) -> None:
    seed_authors(session, "Ann", "Bob", "Cid")
    repo = AuthorRepo(session=session)
    assert repo.count() == 3
    assert repo.count(name=["Ann", "Cid"]) == 2
    assert repo.exists(name="Bob") is True
    assert repo.exists(name="Zed") is False
    names = [a.name for a in repo.list(OrderBy("name", "desc"))]
    assert names == ["Cid", "Bob", "Ann"]
    assert [a.name for a in repo.list(order_by=("name", True), name=["Ann", "Bob"])] == ["Bob", "Ann"]
    assert [a.name for a in repo.get_many(SearchFilter("name", "b", ignore_case=True))] == ["Bob"]
    assert [a.name for a in repo.list(LimitOffset(2, 1), order_by="name")] == ["Bob", "Cid"]


def test_list_and_count_pages(session: Session) -> None:
    seed_authors(session, *(f"Author{i:02}" for i in range(12)))
    repo = AuthorRepo(session=session, order_by="name")
    page, total = repo.list_and_count(LimitOffset(5, 10))
    assert ([a.name for a in page], total) == (["Author10", "Author11"], 12)
    assert repo.list_and_count(LimitOffset(5, 20)) == ([], 12)
    page, total = repo.get_many_and_count(LimitOffset(3, 0), count_with_window_function=False)
    assert ([a.name for a in page], total) == (["Author00", "Author01", "Author02"], 12)
    assert repo.list_and_count(name="nobody") == ([], 0)
    page, total = repo.list_and_count(LimitOffset(1, 0), SearchFilter("name", "author1", ignore_case=True))
    assert ([a.name for a in page], total) == (["Author10"], 2)


def test_custom_statement(session: Session) -> None:
    seed_authors(session, "Ann", "Bob", "Abe")
    repo = AuthorRepo(session=session, statement=select(RepoAuthor).where(RepoAuthor.name.startswith("A")))
    assert sorted(a.name for a in repo.list()) == ["Abe", "Ann"]
    assert repo.count() == 2
    page, total = repo.list_and_count(LimitOffset(1, 5))
    assert (page, total) == ([], 2)
    bob = AuthorRepo(session=session).get_one(name="Bob")
    with pytest.raises(NotFoundError):
        repo.get(bob.id)


def test_update_copies_only_set_attributes(session: Session, sync_engine: Engine) -> None:
    repo = AuthorRepo(session=session)
    author = repo.add(RepoAuthor(name="Ann", email="ann@example.com", dob=datetime.date(1990, 1, 2)))
    session.commit()
    session.expunge_all()
    updated = repo.update(RepoAuthor(id=author.id, name="Anna"), auto_commit=True)
    assert (updated.name, updated.email, updated.dob) == ("Anna", "ann@example.com", datetime.date(1990, 1, 2))
    (row,) = stored(sync_engine, RepoAuthor)
    assert (row.name, row.email, row.dob) == ("Anna", "ann@example.com", datetime.date(1990, 1, 2))
    assert row.updated_at >= row.created_at


def test_update_of_missing_row(session: Session) -> None:
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as raised:
        AuthorRepo(session=session).update(RepoAuthor(id=missing, name="Ghost"))
    assert str(raised.value) == f"RepoAuthor with id={missing} not found"


def test_update_many_by_primary_key(session: Session, sync_engine: Engine) -> None:
    ann, bob, cid = seed_authors(session, "Ann", "Bob", "Cid")
    session.commit()
    ann_id, bob_id, cid_id = ann.id, bob.id, cid.id
    session.expunge_all()
    repo = AuthorRepo(session=session)
    updated = repo.update_many(
        [RepoAuthor(id=ann_id, name="Anna"), {"id": bob_id, "dob": datetime.date(2000, 5, 6)}], auto_commit=True
    )
    assert [(a.id, a.name, a.dob) for a in updated] == [
        (ann_id, "Anna", None),
        (bob_id, "Bob", datetime.date(2000, 5, 6)),
    ]
    rows = {r.id: r for r in stored(sync_engine, RepoAuthor)}
    assert (rows[ann_id].name, rows[ann_id].email) == ("Anna", "ann@example.com")
    assert (rows[bob_id].name, rows[bob_id].dob) == ("Bob", datetime.date(2000, 5, 6))
    assert (rows[cid_id].name, rows[cid_id].dob) == ("Cid", None)


class TypedRepo(SQLAlchemySyncRepository[RepoTyped]):
    model_type = RepoTyped


def test_update_many_converts_sent_and_returned_values_as_the_column_types_do(
    session: Session, sync_engine: Engine
) -> None:
    stamp = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone.utc)
    first = {"data": {"a": [1, 2]}, "price": decimal.Decimal("12.50"), "flag": True}
    second = {"blob": b"\x00\xffraw", "ratio": 0.1, "stamp": stamp}
    repo = TypedRepo(session=session)
    one, two = repo.add_many([RepoTyped(**first, **second), RepoTyped(**first, **second)])
    session.commit()
    one_id, two_id = one.id, two.id
    session.expunge_all()
    later = datetime.datetime(2025, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    updated = repo.update_many(
        [
            {"id": one_id, "data": {"b": None}, "price": decimal.Decimal("3.10"), "flag": False},
            {"id": two_id, "blob": b"\x01", "ratio": 2.5, "stamp": later},
        ]
    )
    session.commit()
    expected = [
        (one_id, {"b": None}, decimal.Decimal("3.10"), False, b"\x00\xffraw", 0.1, stamp),
        (two_id, {"a": [1, 2]}, decimal.Decimal("12.50"), True, b"\x01", 2.5, later),
    ]

    def values(item: RepoTyped) -> tuple[Any, ...]:
        return (item.id, item.data, item.price, item.flag, item.blob, item.ratio, item.stamp)

    assert [values(item) for item in updated] == expected
    assert [values(item) for item in stored(sync_engine, RepoTyped, RepoTyped.price)] == expected


def test_update_many_rejects_bad_items(session: Session) -> None:
    repo = AuthorRepo(session=session)
    with pytest.raises(RepositoryError) as missing:
        repo.update_many([{"name": "No id"}])
    assert str(missing.value) == "update_many: item 0 has no value for the primary key of RepoAuthor (id)"
    with pytest.raises(RepositoryError) as unknown:
        repo.update_many([{"id": uuid.uuid4(), "nickname": "x"}])
    assert str(unknown.value) == "update_many: item 0 sets ['nickname'], which are not columns of RepoAuthor"


def test_upsert_inserts_then_updates_keeping_primary_key(session: Session, sync_engine: Engine) -> None:
    repo = AuthorRepo(session=session)
    created = repo.upsert(RepoAuthor(name="Ann", email="ann@example.com"), match_fields=["email"])
    original_id = created.id
    again = repo.upsert(
        RepoAuthor(id=uuid.uuid4(), name="Anna", email="ann@example.com"), match_fields="email", auto_commit=True
    )
    assert (again.id, again.name) == (original_id, "Anna")
    rows = stored(sync_engine, RepoAuthor)
    assert [(r.id, r.name, r.email) for r in rows] == [(original_id, "Anna", "ann@example.com")]


def test_upsert_many_half_existing(session: Session, sync_engine: Engine) -> None:
    repo = CounterRepo(session=session)
    existing = repo.add_many([RepoCounter(label="a", hits=1), RepoCounter(label="b", hits=2)])
    session.commit()
    ids = {c.label: c.id for c in existing}
    result = repo.upsert_many(
        [RepoCounter(label="b", hits=20), RepoCounter(label="c", hits=30), RepoCounter(label="a", hits=10)],
        auto_commit=True,
    )
    assert [(c.label, c.hits) for c in result] == [("b", 20), ("c", 30), ("a", 10)]
    assert (result[0].id, result[2].id) == (ids["b"], ids["a"])
    rows = stored(sync_engine, RepoCounter, RepoCounter.label)
    assert [(r.label, r.hits) for r in rows] == [("a", 10), ("b", 20), ("c", 30)]
    assert (rows[0].id, rows[1].id) == (ids["a"], ids["b"])
    assert repo.upsert_many([]) == []


def test_upsert_many_of_one_row_twice_gives_one_instance(session: Session, sync_engine: Engine) -> None:
    repo = CounterRepo(session=session)
    # the two items carry different attributes, so they go in two statements; the second updates the first's row
    first, second = repo.upsert_many([RepoCounter(label="d", hits=4), RepoCounter(label="d")], auto_commit=True)
    assert first is second
    assert (first.label, first.hits) == ("d", 4)
    rows = stored(sync_engine, RepoCounter)
    assert [(r.id, r.label, r.hits) for r in rows] == [(first.id, "d", 4)]


def test_get_or_upsert_and_get_and_update(session: Session, sync_engine: Engine) -> None:
    repo = AuthorRepo(session=session)
    author, created = repo.get_or_upsert(match_fields=["email"], email="ann@example.com", name="Ann")
    assert created is True
    same, created = repo.get_or_upsert(match_fields=["email"], email="ann@example.com", name="Anna")
    assert (same.id, same.name, created) == (author.id, "Anna", False)
    kept, created = repo.get_or_upsert(match_fields="email", upsert=False, email="ann@example.com", name="X")
    assert (kept.name, created) == ("Anna", False)
    updated, changed = repo.get_and_update(match_fields=["email"], email="ann@example.com", name="Ann B")
    assert (updated.name, changed) == ("Ann B", True)
    _, changed = repo.get_and_update(match_fields=["email"], email="ann@example.com", name="Ann B")
    assert changed is False
    with pytest.raises(NotFoundError) as raised:
        repo.get_and_update(match_fields=["email"], email="nobody@example.com", name="Z")
    assert str(raised.value) == "RepoAuthor with email='nobody@example.com' not found"
    session.commit()
    assert [(r.name, r.email) for r in stored(sync_engine, RepoAuthor)] == [("Ann B", "ann@example.com")]


def test_delete_delete_many_and_delete_where(session: Session, sync_engine: Engine) -> None:
    authors = seed_authors(session, "Ann", "Bob", "Cid", "Dan", "Eve")
    repo = AuthorRepo(session=session)
    deleted = repo.delete(authors[0].id)
    assert deleted.name == "Ann"
    many = repo.delete_many([authors[1].id, authors[2].id], chunk_size=1)
    assert sorted(a.name for a in many) == ["Bob", "Cid"]
    where = repo.delete_where(name="Dan")
    assert [a.name for a in where] == ["Dan"]
    assert repo.delete_many([]) == []
    with pytest.raises(NotFoundError) as raised:
        repo.delete(authors[0].id)
    assert str(raised.value) == f"RepoAuthor with id={authors[0].id} not found"
    session.commit()
    assert [r.name for r in stored(sync_engine, RepoAuthor)] == ["Eve"]


def test_delete_many_returns_the_rows_and_drops_held_instances(session: Session, sync_engine: Engine) -> None:
    ann, bob, cid = seed_authors(session, "Ann", "Bob", "Cid")
    session.commit()
    session.expunge(bob)
    deleted = AuthorRepo(session=session).delete_many([ann.id, bob.id])
    assert sorted((a.id, a.name, a.email) for a in deleted) == sorted(
        [(ann.id, "Ann", "ann@example.com"), (bob.id, "Bob", "bob@example.com")]
    )
    assert all(instance not in session for instance in deleted)
    assert ann not in session  # the held instance of a deleted row left the session
    assert cid in session
    session.commit()
    assert [r.name for r in stored(sync_engine, RepoAuthor)] == ["Cid"]
    assert (AuthorRepo(session=session).count()) == 1


def test_duplicate_key_is_reported(session: Session) -> None:
    repo = AuthorRepo(session=session)
    repo.add(RepoAuthor(name="Ann", email="ann@example.com"))
    with pytest.raises(DuplicateKeyError) as raised:
        repo.add(RepoAuthor(name="Other", email="ann@example.com"))
    assert str(raised.value).startswith("RepoAuthor: duplicate value for repo_author.email")


def test_duplicate_key_in_add_many(session: Session) -> None:
    with pytest.raises(DuplicateKeyError):
        seed_authors(session, "Ann", "Ann")


def test_bulk_paths_report_integrity_errors(session: Session) -> None:
    ann, bob = seed_authors(session, "Ann", "Bob")
    ann_id, bob_id = ann.id, bob.id
    BookRepo(session=session).add(RepoBook(title="One", author_id=ann_id))
    session.commit()
    if session.get_bind().dialect.name == "sqlite":  # the next transaction may use another pooled connection
        session.execute(text("PRAGMA foreign_keys=ON"))
    repo = AuthorRepo(session=session)
    with pytest.raises(ForeignKeyError) as raised:
        repo.delete_many([ann_id])
    assert str(raised.value).startswith("RepoAuthor: foreign key violation")
    session.rollback()
    with pytest.raises(DuplicateKeyError) as duplicate:
        repo.update_many([{"id": bob_id, "email": "ann@example.com"}])
    assert str(duplicate.value).startswith("RepoAuthor: duplicate value for repo_author.email")
    session.rollback()
    clash = RepoAuthor(id=bob_id, name="Bo", email="bo@example.com")  # a new e-mail, but Bob's primary key
    if session.get_bind().dialect.name in ("mysql", "mariadb"):
        # ON DUPLICATE KEY UPDATE fires on any unique key: Bob's row is updated
        (updated,) = repo.upsert_many([clash], match_fields=["email"])
        assert (updated.id, updated.name, updated.email) == (bob_id, "Bo", "bo@example.com")
        return
    with pytest.raises(DuplicateKeyError) as upserted:
        repo.upsert_many([clash], match_fields=["email"])
    assert str(upserted.value).startswith("RepoAuthor: duplicate value for repo_author.id")


def test_foreign_key_is_reported(session: Session) -> None:
    missing = uuid.uuid4()
    with pytest.raises(ForeignKeyError) as raised:
        BookRepo(session=session).add(RepoBook(title="Orphan", author_id=missing))
    assert str(raised.value) == (
        f"RepoBook: foreign key violation on repo_book.author_id ('{missing}'): "
        "referenced row in repo_author does not exist (constraint fk_repo_book_author_id_repo_author)"
    )


def test_error_messages_override(session: Session) -> None:
    repo = AuthorRepo(session=session, error_messages={"duplicate_key": "that email is taken"})
    repo.add(RepoAuthor(name="Ann", email="ann@example.com"))
    with pytest.raises(DuplicateKeyError, match=r"^that email is taken$"):
        repo.add(RepoAuthor(name="Other", email="ann@example.com"))


def test_not_found_message_override(session: Session) -> None:
    repo = AuthorRepo(session=session, error_messages={"not_found": "no {model} in {table} ({detail}){unknown}"})
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as raised:
        repo.get(missing)
    assert str(raised.value) == f"no RepoAuthor in repo_author (id={missing})"


def test_load_relationships(session: Session) -> None:
    author = RepoAuthor(name="Ann", books=[RepoBook(title="One"), RepoBook(title="Two")])
    AuthorRepo(session=session).add(author)
    session.commit()
    author_id = author.id
    session.expunge_all()
    repo = AuthorRepo(session=session, load=[RepoAuthor.books])
    (loaded,) = repo.list()
    assert sorted(b.title for b in loaded.books) == ["One", "Two"]
    for load in ("books", "*", selectinload(RepoAuthor.books)):
        session.expunge_all()
        fetched = AuthorRepo(session=session).get(author_id, load=load)
        assert sorted(b.title for b in fetched.books) == ["One", "Two"]
    session.expunge_all()
    page, total = AuthorRepo(session=session).list_and_count(LimitOffset(5, 0), load=RepoAuthor.books)
    assert (len(page[0].books), total) == (2, 1)
    session.expunge_all()
    books = BookRepo(session=session).list(load=[RepoBook.author], order_by="title")
    assert [(b.title, b.author.name) for b in books] == [("One", "Ann"), ("Two", "Ann")]


def test_composite_primary_key(session: Session, sync_engine: Engine) -> None:
    repo = LineRepo(session=session)
    repo.add_many([RepoOrderLine(order_no=1, line_no=n, sku=f"sku{n}") for n in range(1, 5)])
    assert (repo.get((1, 2))).sku == "sku2"
    with pytest.raises(NotFoundError) as raised:
        repo.get((9, 9))
    assert str(raised.value) == "RepoOrderLine with id=(9, 9) not found"
    repo.update(RepoOrderLine(order_no=1, line_no=2, qty=7))
    repo.delete((1, 1))
    deleted = repo.delete_many([(1, 3), (1, 4)])
    assert sorted(line.line_no for line in deleted) == [3, 4]
    session.commit()
    rows = stored(sync_engine, RepoOrderLine)
    assert [(r.order_no, r.line_no, r.sku, r.qty) for r in rows] == [(1, 2, "sku2", 7)]


class StampedLineRepo(SQLAlchemySyncRepository[RepoStampedLine]):
    model_type = RepoStampedLine


def test_update_many_with_a_composite_key_stamps_one_updated_at_and_keeps_created_at(
    session: Session, sync_engine: Engine
) -> None:
    repo = StampedLineRepo(session=session)
    added = repo.add_many([RepoStampedLine(order_no=1, line_no=n) for n in (1, 2, 3)], auto_commit=True)
    created = added[0].created_at
    session.expunge_all()
    updated = repo.update_many(
        [RepoStampedLine(order_no=1, line_no=3, qty=30), {"order_no": 1, "line_no": 1, "qty": 10}], auto_commit=True
    )
    stamp = updated[0].updated_at
    assert stamp > created
    assert [(u.order_no, u.line_no, u.qty, u.created_at, u.updated_at) for u in updated] == [
        (1, 3, 30, created, stamp),
        (1, 1, 10, created, stamp),
    ]
    rows = stored(sync_engine, RepoStampedLine)
    assert sorted((r.line_no, r.qty, r.updated_at) for r in rows) == [(1, 10, stamp), (2, 1, created), (3, 30, stamp)]


def test_update_many_of_whole_rows_finds_a_missing_one(session: Session, sync_engine: Engine) -> None:
    repo = LineRepo(session=session)
    repo.add_many([RepoOrderLine(order_no=1, line_no=n, sku=f"sku{n}", qty=n) for n in (1, 2)], auto_commit=True)
    session.expunge_all()
    with StatementLog(sync_engine) as sent:
        updated = repo.update_many(
            [{"order_no": 1, "line_no": 2, "sku": "b", "qty": 20}, {"order_no": 1, "line_no": 1, "sku": "a", "qty": 10}]
        )
    assert [(u.line_no, u.sku, u.qty) for u in updated] == [(2, "b", 20), (1, "a", 10)]
    if sync_engine.dialect.name == "sqlite":
        assert sent == ["UPDATE", "SELECT"]  # every column was carried: the SELECT reads the keys found
    session.commit()
    session.expunge_all()
    with pytest.raises(NotFoundError) as raised:
        repo.update_many(
            [{"order_no": 1, "line_no": 1, "sku": "x", "qty": 1}, {"order_no": 1, "line_no": 9, "sku": "y", "qty": 2}]
        )
    assert str(raised.value) == "RepoOrderLine with id=(1, 9) not found"
    session.rollback()
    rows = stored(sync_engine, RepoOrderLine)
    assert sorted((r.line_no, r.sku, r.qty) for r in rows) == [(1, "a", 10), (2, "b", 20)]


class EditedRepo(SQLAlchemySyncRepository[RepoEdited]):
    model_type = RepoEdited


class EditedLineRepo(SQLAlchemySyncRepository[RepoEditedLine]):
    model_type = RepoEditedLine


def test_update_many_applies_an_onupdate_written_in_sql(session: Session, sync_engine: Engine) -> None:
    EditedRepo(session=session).add_many([RepoEdited(id=n, name=f"n{n}") for n in (1, 2)])
    lines = EditedLineRepo(session=session)
    lines.add_many([RepoEditedLine(order_no=1, line_no=n, name=f"l{n}") for n in (1, 2)], auto_commit=True)
    session.expunge_all()
    updated = EditedRepo(session=session).update_many([{"id": 2, "name": "B"}, {"id": 1, "name": "A"}])
    assert [(u.id, u.name, u.edits) for u in updated] == [(2, "B", 1), (1, "A", 1)]
    updated_lines = lines.update_many([{"order_no": 1, "line_no": n, "name": f"L{n}"} for n in (1, 2)])
    assert [(u.line_no, u.name, u.edits) for u in updated_lines] == [(1, "L1", 1), (2, "L2", 1)]
    session.commit()
    assert sorted((r.id, r.name, r.edits) for r in stored(sync_engine, RepoEdited)) == [(1, "A", 1), (2, "B", 1)]
    assert sorted((r.line_no, r.edits) for r in stored(sync_engine, RepoEditedLine)) == [(1, 1), (2, 1)]


def test_update_many_is_undone_by_a_rollback(session: Session, sync_engine: Engine) -> None:
    ann, bob = seed_authors(session, "Ann", "Bob")
    session.commit()
    ann_id, bob_id = ann.id, bob.id
    session.expunge_all()
    AuthorRepo(session=session).update_many([{"id": ann_id, "name": "Anna"}, {"id": bob_id, "name": "Bobby"}])
    session.rollback()
    rows = {r.id: r.name for r in stored(sync_engine, RepoAuthor)}
    assert rows == {ann_id: "Ann", bob_id: "Bob"}


def test_update_many_with_a_key_of_another_type_on_sqlite(session: Session, sync_engine: Engine) -> None:
    if sync_engine.dialect.name != "sqlite":
        pytest.skip("SQLite's type affinity matches '1' to the integer key 1; other databases reject or cast it")
    repo = LineRepo(session=session)
    repo.add_many([RepoOrderLine(order_no=1, line_no=1, sku="a")], auto_commit=True)
    session.expunge_all()
    with pytest.raises(RepositoryError) as raised:
        repo.update_many([{"order_no": "1", "line_no": 1, "sku": "b", "qty": 2}])
    assert str(raised.value) == (
        "update_many: the database matched the stored primary key (1, 1) to none of the keys sent as they were "
        "given; pass key values of the column's Python type (for example 2, not '2')"
    )


def test_composite_keys_in_batches_larger_than_one_statement_carries(session: Session, sync_engine: Engine) -> None:
    # Beyond SQLite's 32,756 parameters per statement (two per key) and PostgreSQL's row-IN parse depth.
    count = 16_400
    repo = StampedLineRepo(session=session)
    added = repo.add_many([RepoStampedLine(order_no=7, line_no=n) for n in range(count)], auto_commit=True)
    created = added[0].created_at
    session.expunge_all()
    with StatementLog(sync_engine) as sent:
        updated = repo.update_many([{"order_no": 7, "line_no": n, "qty": n} for n in reversed(range(count))])
    if sync_engine.dialect.name == "sqlite":
        assert sent == ["UPDATE", "SELECT", "SELECT"]  # created_at of 16,400 keys read back in two statements
    assert [(u.line_no, u.qty, u.created_at) for u in updated] == [(n, n, created) for n in reversed(range(count))]
    assert len({u.updated_at for u in updated}) == 1
    session.commit()
    session.expunge_all()
    upserted = repo.upsert_many(
        [RepoStampedLine(order_no=7, line_no=n, qty=-n) for n in range(1, count + 1)],
        match_fields=["order_no", "line_no"],
    )
    assert [(u.line_no, u.qty) for u in upserted] == [(n, -n) for n in range(1, count + 1)]
    assert [u.created_at == created for u in (upserted[0], upserted[-1])] == [True, False]
    session.commit()
    deleted = repo.delete_many([(7, n) for n in range(0, count + 1, 2)], auto_commit=True)
    assert len(deleted) == count // 2 + 1
    rows = stored(sync_engine, RepoStampedLine)
    assert sorted((r.line_no, r.qty) for r in rows) == [(n, -n) for n in range(1, count + 1, 2)]


class LabelledRepo(SQLAlchemySyncRepository[RepoLabelled]):
    model_type = RepoLabelled


def test_update_many_gives_each_instance_its_own_mutable_values(session: Session) -> None:
    repo = LabelledRepo(session=session)
    added = repo.add_many([RepoLabelled(name=n, labels=["red", "blue"]) for n in ("a", "b")], auto_commit=True)
    session.expunge_all()
    updated = repo.update_many([{"id": item.id, "name": item.name.upper()} for item in added])
    assert [(u.name, u.labels) for u in updated] == [("A", ["red", "blue"]), ("B", ["red", "blue"])]
    assert updated[0].labels is not updated[1].labels
    updated[0].labels.append("green")
    assert updated[1].labels == ["red", "blue"]


class LedgerRepo(SQLAlchemySyncRepository[RepoLedgerLine]):
    model_type = RepoLedgerLine


def test_composite_primary_key_beside_a_column_named_id(session: Session, sync_engine: Engine) -> None:
    # Each line's ``id`` equals another line's line_no, so matching on ``id`` instead of the key would hit other rows.
    repo = LedgerRepo(session=session)
    repo.add_many([RepoLedgerLine(ledger=ledger, line_no=n, id=3 - n) for ledger in ("a", "b") for n in (1, 2)])
    session.commit()
    session.expunge_all()
    seen: list[list[tuple[str, int]]] = []

    def listener(flushing: Any, context: Any, instances: Any) -> None:
        seen.append(sorted((item.ledger, item.line_no) for item in flushing.dirty))

    target = _session_of(session)
    event.listen(target, "before_flush", listener)  # sends update_many through the flush: lines loaded by key
    try:
        updated = repo.update_many([{"ledger": "a", "line_no": 1, "amount": 5}])
        session.commit()
    finally:
        event.remove(target, "before_flush", listener)
    assert [(u.ledger, u.line_no, u.id, u.amount) for u in updated] == [("a", 1, 2, 5)]
    assert seen[0] == [("a", 1)]
    session.expunge_all()
    deleted = repo.delete_where(ledger="b", auto_commit=True)
    assert sorted((d.ledger, d.line_no, d.id) for d in deleted) == [("b", 1, 2), ("b", 2, 1)]
    rows = stored(sync_engine, RepoLedgerLine, RepoLedgerLine.line_no)
    assert [(r.ledger, r.line_no, r.id, r.amount) for r in rows] == [("a", 1, 2, 5), ("a", 2, 1, 0)]


def test_auto_commit_and_auto_expunge(session: Session, sync_engine: Engine) -> None:
    repo = AuthorRepo(session=session, auto_commit=True, auto_expunge=True)
    author = repo.add(RepoAuthor(name="Ann"))
    assert author not in session
    assert [r.name for r in stored(sync_engine, RepoAuthor)] == ["Ann"]
    fetched = repo.get(author.id)
    assert fetched not in session
    assert fetched.name == "Ann"


def test_with_for_update_and_execution_options(session: Session) -> None:
    (ann,) = seed_authors(session, "Ann")
    repo = AuthorRepo(session=session, execution_options={"populate_existing": True})
    assert (repo.get(ann.id, with_for_update=True)).name == "Ann"
    assert [a.name for a in repo.list(with_for_update=True)] == ["Ann"]
    page, total = repo.list_and_count(with_for_update=True)
    assert ([a.name for a in page], total) == (["Ann"], 1)


def test_check_health(session: Session) -> None:
    assert AuthorRepo.check_health(session) is True


def test_slug_repository(session: Session) -> None:
    repo = TagRepo(session=session)
    assert repo.get_available_slug("Hello World!") == "hello-world"
    repo.add(RepoTag(name="Hello World", slug="hello-world"))
    assert repo.get_available_slug("Hello World") == "hello-world-2"
    repo.add(RepoTag(name="Hello World", slug="hello-world-2"))
    assert repo.get_available_slug("Hello   world") == "hello-world-3"
    assert repo.get_available_slug("Hello World", group="other") == "hello-world"
    found = repo.get_by_slug("hello-world-2")
    assert found is not None
    assert found.slug == "hello-world-2"
    assert repo.get_by_slug("missing") is None


def test_query_repository(session: Session) -> None:
    seed_authors(session, "Ann", "Bob", "Cid")
    query = SQLAlchemySyncQueryRepository(session=session)
    names = select(RepoAuthor.name).order_by(RepoAuthor.name)
    assert [row.name for row in query.list(names)] == ["Ann", "Bob", "Cid"]
    assert (query.get_one(select(RepoAuthor.name), name="Bob")).name == "Bob"
    assert query.get_one_or_none(select(RepoAuthor.name), name="Zed") is None
    with pytest.raises(NotFoundError):
        query.get_one(select(RepoAuthor.name), name="Zed")
    with pytest.raises(MultipleResultsFoundError):
        query.get_one(select(RepoAuthor.name))
    assert query.count(select(RepoAuthor.id)) == 3
    rows, total = query.list_and_count(names.limit(1).offset(1))
    assert ([row.name for row in rows], total) == (["Bob"], 3)
    result = query.execute(select(func.count()).select_from(RepoAuthor))
    assert result.scalar_one() == 3


def test_models_with_mapper_events_go_through_the_unit_of_work(session: Session, sync_engine: Engine) -> None:
    repo = EventedRepo(session=session)
    added = repo.add_many([RepoEvented(name="a"), RepoEvented(name="b"), RepoEvented(name="c")])
    assert [e.note for e in added] == ["inserted", "inserted", "inserted"]
    session.commit()
    ids = [e.id for e in added]
    session.expunge_all()
    updated = repo.update_many([{"id": ids[0], "name": "a2"}, RepoEvented(id=ids[1], name="b2")])
    assert [(e.name, e.note) for e in updated] == [("a2", "updated"), ("b2", "updated")]
    DELETED_EVENTED.clear()
    deleted = repo.delete_many([ids[0], ids[2]])
    assert sorted(e.name for e in deleted) == ["a2", "c"]
    assert sorted(DELETED_EVENTED) == ["a2", "c"]
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as raised:
        repo.update_many([{"id": missing, "name": "x"}])
    assert str(raised.value) == f"RepoEvented with id={missing} not found"
    session.commit()
    assert [(r.name, r.note) for r in stored(sync_engine, RepoEvented)] == [("b2", "updated")]


def test_update_many_of_a_missing_row(session: Session) -> None:
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as raised:
        AuthorRepo(session=session).update_many([{"id": missing, "name": "x"}])
    assert str(raised.value) == f"RepoAuthor with id={missing} not found"


def test_auto_commit_reloads_what_the_commit_expired(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(*ALL_MODELS)
    with Session(sync_engine) as expiring:
        repo = AuthorRepo(session=expiring, auto_commit=True)
        author = repo.add(RepoAuthor(name="Ann", email="ann@example.com"))
        assert (author.name, author.email) == ("Ann", "ann@example.com")
        updated = repo.update(RepoAuthor(id=author.id, name="Anna"))
        assert (updated.name, updated.email) == ("Anna", "ann@example.com")


def test_uniquify_with_joined_collection(session: Session) -> None:
    AuthorRepo(session=session).add(RepoAuthor(name="Ann", books=[RepoBook(title="1"), RepoBook(title="2")]))
    session.expunge_all()
    repo = AuthorRepo(session=session, uniquify=True)
    authors = repo.list(load=joinedload(RepoAuthor.books))
    assert [(a.name, len(a.books)) for a in authors] == [("Ann", 2)]
    page, total = repo.list_and_count(load=joinedload(RepoAuthor.books))
    assert ([a.name for a in page], total) == (["Ann"], 1)


def _session_of(session: Any) -> Any:
    return getattr(session, "sync_session", session)


def test_update_many_completes_partial_rows_and_attaches_them(session: Session, sync_engine: Engine) -> None:
    ann, bob = seed_authors(session, "Ann", "Bob")
    session.commit()
    ann_id, bob_id, stamp = ann.id, bob.id, ann.created_at
    session.expunge_all()
    repo = AuthorRepo(session=session)
    partial = RepoAuthor(id=ann_id, name="Anna")
    with StatementLog(sync_engine) as sent:
        updated = repo.update_many([partial, {"id": bob_id, "dob": datetime.date(2000, 5, 6)}])
    # Columns the input did not carry come from the row. Whether the caller's own instance becomes the persistent
    # one depends on session-wide attach listeners (another package may register some), so only values are asserted.
    anna = updated[0]
    assert all(item in session for item in updated)
    assert (anna.id, anna.name, anna.email, anna.created_at) == (ann_id, "Anna", "ann@example.com", stamp)
    assert (updated[1].name, updated[1].email, updated[1].dob) == ("Bob", "bob@example.com", datetime.date(2000, 5, 6))
    assert anna.updated_at >= stamp
    # sqlalchemist_storage's session-wide listeners are scoped to models with files, so this stays set-based.
    if sync_engine.dialect.name == "postgresql":
        assert sent == ["UPDATE", "UPDATE"]  # one UPDATE … FROM unnest(…) RETURNING per set of columns
    elif sync_engine.dialect.name == "sqlite":
        assert sent == ["UPDATE", "SELECT", "UPDATE", "SELECT"]  # per set: an executemany, the other columns by key
    else:
        assert sent.count("UPDATE") == 2
        assert "SELECT" in sent
    assert repo.get(ann_id) is anna
    session.commit()
    rows = {r.id: r for r in stored(sync_engine, RepoAuthor)}
    assert (rows[ann_id].name, rows[bob_id].dob) == ("Anna", datetime.date(2000, 5, 6))
    assert [rows[ann_id].updated_at, rows[bob_id].updated_at] == [item.updated_at for item in updated]
    assert all(item.updated_at > stamp for item in updated)


@pytest.mark.parametrize(("scope", "flushed"), [(None, ["RepoAuthor"]), (RepoBook, []), (RepoAuthor, ["RepoAuthor"])])
def test_update_many_goes_through_the_flush_only_for_listeners_that_concern_the_model(
    session: Session, sync_engine: Engine, scope: type[Any] | None, flushed: list[str]
) -> None:
    (ann,) = seed_authors(session, "Ann")
    session.commit()
    ann_id = ann.id
    session.expunge_all()
    seen: list[list[str]] = []

    def listener(flushing: Any, context: Any, instances: Any) -> None:
        seen.append(sorted(type(item).__name__ for item in flushing.dirty))

    if scope is not None:
        scope_listener(listener, lambda mapper: mapper.class_ is scope)
    target = _session_of(session)
    event.listen(target, "before_flush", listener)
    try:
        (updated,) = AuthorRepo(session=session).update_many([{"id": ann_id, "name": "Anna"}])
        session.commit()
    finally:
        event.remove(target, "before_flush", listener)
    assert updated.name == "Anna"
    assert [names for names in seen if names] == ([flushed] if flushed else [])
    assert [r.name for r in stored(sync_engine, RepoAuthor)] == ["Anna"]


class ShelfRepo(SQLAlchemySyncRepository[RepoShelf]):
    model_type = RepoShelf


def test_eagerly_mapped_collections_are_loaded_by_every_read_and_write(session: Session) -> None:
    shelf = RepoShelf(id=uuid.uuid4(), name="s")
    session.add_all([shelf, RepoShelfItem(label="a", shelf_id=shelf.id), RepoShelfItem(label="b", shelf_id=shelf.id)])
    session.commit()
    shelf_id = shelf.id
    session.expunge_all()
    repo = ShelfRepo(session=session)
    for load in (None, [RepoShelf.items]):
        got = repo.get(shelf_id, load=load)
        assert sorted(item.label for item in got.items) == ["a", "b"]
        session.expunge_all()
        (updated,) = repo.update_many([{"id": shelf_id, "name": "t"}], load=load)
        assert (updated.name, sorted(item.label for item in updated.items)) == ("t", ["a", "b"])
        session.expunge_all()
        listed = repo.list(load=load)
        assert [sorted(item.label for item in s.items) for s in listed] == [["a", "b"]]
        session.expunge_all()


def test_update_many_of_a_detached_loaded_instance(session: Session) -> None:
    (ann,) = seed_authors(session, "Ann")
    session.commit()
    session.expunge(ann)
    ann.name = "Anna"
    repo = AuthorRepo(session=session)
    (updated,) = repo.update_many([ann])
    assert updated is not ann
    assert (updated.id, updated.name, updated.email) == (ann.id, "Anna", "ann@example.com")
    assert updated in session


def test_get_builds_attached_instances_and_respects_pending_changes(session: Session) -> None:
    (ann,) = seed_authors(session, "Ann")
    session.commit()
    ann_id = ann.id
    session.expunge_all()
    repo = AuthorRepo(session=session)
    loaded = repo.get(ann_id)
    assert (loaded.name, loaded.email, loaded.created_at is not None) == ("Ann", "ann@example.com", True)
    assert loaded in session
    assert repo.get(ann_id) is loaded
    loaded.name = "Anna"
    assert (repo.get(ann_id)).name == "Anna"
    fresh = RepoAuthor(name="Pending", email="pending@example.com")
    session.add(fresh)
    session.flush()
    session.expunge(fresh)
    found = repo.get(fresh.id)
    assert (found.name, found is fresh) == ("Pending", False)
    pending = RepoAuthor(id=uuid.uuid4(), name="Unflushed")
    session.add(pending)
    assert repo.get(pending.id) is pending  # autoflush, as Session.get does
    session.expunge_all()
    assert (AuthorRepo(session=session, load="books").get(ann_id)).books == []


def test_get_lets_orm_execute_listeners_see_the_load(session: Session) -> None:
    (ann,) = seed_authors(session, "Ann")
    session.commit()
    session.expunge_all()
    seen: list[bool] = []

    def listener(state: Any) -> None:
        seen.append(state.is_select)

    target = getattr(session, "sync_session", session)
    event.listen(target, "do_orm_execute", listener)
    try:
        assert (AuthorRepo(session=session).get(ann.id)).name == "Ann"
    finally:
        event.remove(target, "do_orm_execute", listener)
    assert seen == [True]


def test_add_many_keeps_given_values_and_loads_generated_ones(session: Session) -> None:
    given = uuid.uuid4()
    added = AuthorRepo(session=session).add_many(
        [RepoAuthor(id=given, name="Ann"), RepoAuthor(name="Bob", email="bob@example.com")]
    )
    assert added[0].id == given
    assert isinstance(added[1].id, uuid.UUID)
    assert all(a.created_at is not None and a.updated_at is not None for a in added)
    assert (added[0].email, added[1].email) == (None, "bob@example.com")
    assert all(a in session for a in added)
    session.commit()
