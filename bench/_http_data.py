"""Seeded rows, database resets and request lists for ``bench/http.py``: identical for both apps."""

from __future__ import annotations

import datetime
import json
import random
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, insert, text
from sqlalchemy.ext.asyncio import AsyncEngine

FIRST = ["Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace", "John", "Niklaus"]
LAST = [
    "Lovelace", "Turing", "Liskov", "Shannon", "Knuth", "Dijkstra", "Allen", "Hopper", "Backus", "Wirth",
    "Hoare", "Ritchie", "Thompson", "Kernighan", "Hamilton", "Lamport", "Milner", "Naur", "Perlis", "Floyd",
]  # fmt: skip
STAMP = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
ENDPOINTS = ("list", "list_search", "get", "create", "patch")
EXPECTED_STATUS = {"list": 200, "list_search": 200, "get": 200, "create": 201, "patch": 200}
PAGE_SIZE = 20

Request = tuple[str, str, str | None]
"""``(method, path with query, JSON body or None)``."""


@dataclass(frozen=True)
class Seed:
    """The seeded rows: authors (id, name, dob) and their books (id, title, author_id, timestamps)."""

    authors: list[dict[str, Any]]
    books: list[dict[str, Any]]

    @property
    def author_ids(self) -> list[uuid.UUID]:
        """Ids of the seeded authors, in insertion order."""
        return [row["id"] for row in self.authors]


def new_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from ``rng`` (reproducible)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def make_seed(authors: int, books_per_author: int, seed: int = 5) -> Seed:
    """``authors`` authors named ``First Last NNNN`` (last names cycle), each with ``books_per_author`` books."""
    rng = random.Random(seed)
    author_rows = [
        {
            "id": new_uuid(rng),
            "name": f"{rng.choice(FIRST)} {LAST[i % len(LAST)]} {i:04d}",
            "dob": None if i % 10 == 0 else datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(36500)),
        }
        for i in range(authors)
    ]
    book_rows = [
        {
            "id": new_uuid(rng),
            "title": f"Book {j} of {author['name']}",
            "author_id": author["id"],
            "created_at": STAMP,
            "updated_at": STAMP,
        }
        for author in author_rows
        for j in range(books_per_author)
    ]
    return Seed(author_rows, book_rows)


async def reset_database(engine: AsyncEngine, author: Table, book: Table, seed: Seed) -> None:
    """Create the tables if missing, empty them and insert the seeded rows (PostgreSQL: TRUNCATE, ANALYZE)."""
    postgres = engine.dialect.name == "postgresql"
    async with engine.begin() as conn:
        await conn.run_sync(author.metadata.create_all, tables=[author, book])
        if postgres:
            await conn.execute(text(f"TRUNCATE {book.name}, {author.name}"))
        else:
            await conn.execute(delete(book))
            await conn.execute(delete(author))
        await conn.execute(insert(author), seed.authors)
        await conn.execute(insert(book), seed.books)
    if postgres:
        async with engine.connect() as conn:
            await conn.execute(text(f"ANALYZE {author.name}"))
            await conn.execute(text(f"ANALYZE {book.name}"))
            await conn.commit()


def random_case(rng: random.Random, word: str) -> str:
    """``word`` with each letter upper- or lower-cased at random."""
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in word)


def build_requests(endpoint: str, count: int, seed: Seed, rng: random.Random) -> list[Request]:
    """``count`` requests of ``endpoint`` (one of ENDPOINTS), drawn from ``rng``."""
    ids = seed.author_ids
    pages = max(1, len(ids) // PAGE_SIZE)
    per_name = max(1, len(ids) // len(LAST))
    search_pages = max(1, -(-per_name // PAGE_SIZE))
    requests: list[Request] = []
    for i in range(count):
        if endpoint == "list":
            requests.append(("GET", f"/authors?currentPage={rng.randint(1, pages)}&pageSize={PAGE_SIZE}", None))
        elif endpoint == "list_search":
            term = random_case(rng, rng.choice(LAST))
            page = rng.randint(1, search_pages)
            requests.append(("GET", f"/authors?currentPage={page}&pageSize={PAGE_SIZE}&searchString={term}", None))
        elif endpoint == "get":
            requests.append(("GET", f"/authors/{rng.choice(ids)}", None))
        elif endpoint == "create":
            dob = datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(36500))
            body = {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)} new {i}", "dob": dob.isoformat()}
            requests.append(("POST", "/authors", json.dumps(body)))
        elif endpoint == "patch":
            body = {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)} renamed {i}"}
            requests.append(("PATCH", f"/authors/{rng.choice(ids)}", json.dumps(body)))
        else:
            msg = f"unknown endpoint {endpoint!r}; expected one of {ENDPOINTS}"
            raise ValueError(msg)
    return requests
