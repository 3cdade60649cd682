"""sqlalchemist errors become Litestar's standard error bodies: 404, 409, 400, or a generic 500."""

from __future__ import annotations

from typing import Any

import pytest
from litestar import Litestar, Request, Response, get
from litestar.testing import TestClient

from sqlalchemist.exceptions import (
    DuplicateKeyError,
    FilterError,
    ForeignKeyError,
    IntegrityError,
    MultipleResultsFoundError,
    NotFoundError,
    RepositoryError,
    SQLAlchemistError,
)
from sqlalchemist_litestar import SQLAlchemyAsyncConfig, SQLAlchemyPlugin

ERRORS: dict[str, SQLAlchemistError] = {
    "not-found": NotFoundError("LsAuthor with id=3 not found"),
    "duplicate": DuplicateKeyError("duplicate value for ls_author.name ('Ann')"),
    "integrity": IntegrityError("ls_author.name may not be NULL"),
    "foreign-key": ForeignKeyError("ls_book.author_id refers to a missing ls_author"),
    "filter": FilterError("OrderBy.sort_order must be 'asc' or 'desc'; got 'up'"),
    "repository": RepositoryError("connection pool exhausted: secret internals"),
    "multiple": MultipleResultsFoundError("LsAuthor: 2 rows matched name='Ann'"),
}


@get("/raise/{kind:str}")
async def raise_error(kind: str) -> None:
    raise ERRORS[kind]


def _app(*, debug: bool = False, **config_kwargs: object) -> Litestar:
    config = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://", **config_kwargs)  # type: ignore[arg-type]
    return Litestar(route_handlers=[raise_error], plugins=[SQLAlchemyPlugin(config=config)], debug=debug)


@pytest.mark.parametrize(
    ("kind", "status_code"),
    [("not-found", 404), ("duplicate", 409), ("integrity", 409), ("foreign-key", 409), ("filter", 400)],
)
def test_client_errors_carry_the_core_message(kind: str, status_code: int) -> None:
    with TestClient(_app()) as client:
        response = client.get(f"/raise/{kind}")
    assert response.status_code == status_code
    assert response.json() == {"status_code": status_code, "detail": str(ERRORS[kind])}


@pytest.mark.parametrize("kind", ["repository", "multiple"])
def test_other_repository_errors_are_a_generic_500(kind: str) -> None:
    with TestClient(_app()) as client:
        response = client.get(f"/raise/{kind}")
    assert response.status_code == 500
    assert response.json() == {"status_code": 500, "detail": "Internal Server Error"}


def test_debug_shows_the_error_on_500() -> None:
    with TestClient(_app(debug=True)) as client:
        response = client.get("/raise/repository", headers={"Accept": "application/json"})
    assert response.status_code == 500
    assert "connection pool exhausted: secret internals" in response.text


def test_handler_can_be_turned_off() -> None:
    with TestClient(_app(set_default_exception_handler=False)) as client:
        response = client.get("/raise/not-found")
    assert response.json() == {"status_code": 500, "detail": "Internal Server Error"}


def test_app_handlers_win_over_the_default() -> None:
    def teapot(_: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, str]]:
        return Response({"mine": str(exc)}, status_code=418)

    config = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://")
    app = Litestar(
        route_handlers=[raise_error],
        plugins=[SQLAlchemyPlugin(config=config)],
        exception_handlers={RepositoryError: teapot},
    )
    with TestClient(app) as client:
        not_found = client.get("/raise/not-found")
        bad_filter = client.get("/raise/filter")
    assert (not_found.status_code, not_found.json()) == (418, {"mine": "LsAuthor with id=3 not found"})
    assert (bad_filter.status_code, bad_filter.json()) == (
        400,
        {"status_code": 400, "detail": "OrderBy.sort_order must be 'asc' or 'desc'; got 'up'"},
    )
