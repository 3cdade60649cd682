"""Deterministic input data: the same seed gives the same rows, ids included, for Core and the repository."""

from __future__ import annotations

import datetime
import random
import uuid
from typing import Any

FIRST_NAMES = ("Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus")
LAST_NAMES = ("Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Wirth")
# Rows created by a setup carry this timestamp, so a snapshot can tell "kept", "bumped" and "new" apart.
SETUP_TS = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
_EPOCH = datetime.date(1940, 1, 1)


def new_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from ``rng`` (reproducible, unlike ``uuid.uuid4``)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def author_name(rng: random.Random, index: int) -> str:
    """A unique name: ``"<first> <last> <index>"``; searching a last name matches about a tenth of the rows."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {index:07d}"


def author_email(index: int) -> str:
    """The unique e-mail of the ``index``-th author."""
    return f"author{index:07d}@bench.example"


def random_dob(rng: random.Random) -> datetime.date:
    """A date of birth between 1940 and 1995."""
    return _EPOCH + datetime.timedelta(days=rng.randrange(20_000))


def setup_authors(count: int, seed: int, *, start: int = 0) -> list[dict[str, Any]]:
    """Rows for a setup: explicit ids and setup timestamps, indexes ``start .. start + count - 1``."""
    rng = random.Random(seed)
    return [
        {
            "id": new_uuid(rng),
            "name": author_name(rng, i),
            "email": author_email(i),
            "dob": random_dob(rng),
            "created_at": SETUP_TS,
            "updated_at": SETUP_TS,
        }
        for i in range(start, start + count)
    ]


def setup_books(authors: list[dict[str, Any]], per_author: int, seed: int) -> list[dict[str, Any]]:
    """``per_author`` books for each author row, with explicit ids and setup timestamps."""
    rng = random.Random(seed)
    return [
        {
            "id": new_uuid(rng),
            "title": f"Book {n} of {author['email']}",
            "author_id": author["id"],
            "created_at": SETUP_TS,
            "updated_at": SETUP_TS,
        }
        for author in authors
        for n in range(per_author)
    ]


def new_author_values(count: int, seed: int, *, start: int) -> list[dict[str, Any]]:
    """Values a caller would pass to create authors: no id, no timestamps (the column defaults fill them)."""
    rng = random.Random(seed)
    return [
        {"name": author_name(rng, i), "email": author_email(i), "dob": random_dob(rng)}
        for i in range(start, start + count)
    ]
