"""The ``filters`` dependency reads the query string itself: one dependency, the same parameters, filters and 400s."""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable
from typing import Annotated, Any, cast
from uuid import UUID

import pytest
from litestar import Litestar, get
from litestar.di import Provide
from litestar.params import Dependency
from litestar.routes import HTTPRoute
from litestar.testing import TestClient

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.filters import (
    BeforeAfter,
    CollectionFilter,
    LimitOffset,
    NotInCollectionFilter,
    OrderBy,
    SearchFilter,
)
from sqlalchemist.pagination import CursorPagination
from sqlalchemist_litestar import providers

FULL: Any = {
    "id_filter": UUID,
    "created_at": True,
    "updated_at": "modified_at",
    "pagination_type": "limit_offset",
    "pagination_size": 3,
    "max_page_size": 4,
    "search": "name,bio",
    "search_ignore_case": True,
    "sort_field": ["name", "dob"],
    "sort_order": "asc",
    "in_fields": ["name", ("rating", int)],
    "not_in_fields": ["name", ("author_id", UUID)],
}
CURSOR: Any = {
    "pagination_type": "cursor",
    "pagination_size": 2,
    "max_page_size": 9,
    "sort_field": "name",
    "search": "name",
    "in_fields": [("rating", int)],
}
FULL_KEYS = [
    "id_filter",
    "created_filter",
    "updated_filter",
    "search_filter",
    "name_in_filter",
    "rating_in_filter",
    "name_not_in_filter",
    "author_id_not_in_filter",
    "order_by",
    "limit_offset",
    "filters",
]
CURSOR_KEYS = ["search_filter", "rating_in_filter", "filters", "cursor_pagination"]
Seen = dict[str, dict[str, Any]]


def _handler(path: str, keys: list[str], dependencies: dict[str, Provide], seen: Seen) -> Any:
    """A GET handler at ``path`` taking the dependencies ``keys`` and recording what it got in ``seen[path]``."""

    def body(**values: Any) -> None:
        seen[path] = values

    annotation = Annotated[Any, Dependency(skip_validation=True)]
    handler: Any = body
    handler.__name__ = "handler_" + path.strip("/").replace("/", "_").replace("-", "_")
    handler.__signature__ = inspect.Signature(
        [inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, annotation=annotation) for key in keys],
        return_annotation=None,
    )
    handler.__annotations__ = dict.fromkeys(keys, annotation) | {"return": None}
    return get(path, dependencies=dependencies, sync_to_thread=False)(handler)


def _app(seen: Seen) -> Litestar:
    """Every dependency key of ``FULL`` and ``CURSOR`` alone, all of them together, and ``filters`` alone."""
    full = providers.create_filter_dependencies(FULL)
    cursor = providers.create_filter_dependencies(CURSOR)
    handlers = [_handler(f"/full/{key}", [key], full, seen) for key in full]
    handlers += [_handler(f"/cursor/{key}", [key], cursor, seen) for key in cursor]
    handlers += [_handler("/full-all", list(full), full, seen), _handler("/cursor-all", list(cursor), cursor, seen)]
    return Litestar(route_handlers=handlers)


@pytest.fixture
def seen() -> Seen:
    return {}


@pytest.fixture
def client(seen: Seen) -> Any:
    with TestClient(_app(seen)) as test_client:
        yield test_client


def test_dependency_keys_are_unchanged() -> None:
    assert list(providers.create_filter_dependencies(FULL)) == FULL_KEYS
    assert list(providers.create_filter_dependencies(CURSOR)) == CURSOR_KEYS


def _batches(app: Litestar, path: str) -> list[set[str]]:
    route = next(route for route in app.routes if route.path == path)
    _, kwargs_model = cast("HTTPRoute", route).route_handler_map["GET"]
    return [{dependency.key for dependency in batch} for batch in kwargs_model.dependency_batches]


def test_filters_alone_resolve_one_dependency() -> None:
    app = _app({})
    assert _batches(app, "/full/filters") == [{"filters"}]
    assert _batches(app, "/cursor/filters") == [{"filters"}]
    assert _batches(app, "/full/limit_offset") == [{"limit_offset"}]
    assert _batches(app, "/full-all") == [set(FULL_KEYS)]


def test_filters_provider_runs_once_per_request() -> None:
    calls: list[dict[str, Any]] = []
    dependencies = providers.create_filter_dependencies(FULL)
    inner = dependencies["filters"].dependency

    def counted(**query: Any) -> Any:
        calls.append(query)
        return inner(**query)

    counting: Any = counted
    counting.__signature__ = inspect.signature(inner)
    counting.__annotations__ = inner.__annotations__
    dependencies["filters"] = Provide(counting, sync_to_thread=False)
    seen: Seen = {}
    with TestClient(Litestar(route_handlers=[_handler("/f", ["filters"], dependencies, seen)])) as test_client:
        assert test_client.get("/f", params={"pageSize": 2, "searchString": "x"}).status_code == 200
    assert len(calls) == 1
    assert (calls[0]["pageSize"], calls[0]["searchString"], calls[0]["currentPage"]) == (2, "x", 1)
    assert [type(item) for item in seen["/f"]["filters"]] == [
        CollectionFilter,
        BeforeAfter,
        BeforeAfter,
        SearchFilter,
        OrderBy,
        LimitOffset,
    ]


ID1, ID2 = UUID(int=1), UUID(int=2)
AT = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
QUERY: dict[str, Any] = {
    "ids": [str(ID1), str(ID2)],
    "createdAfter": AT.isoformat(),
    "updatedBefore": AT.isoformat(),
    "searchString": "Ann",
    "searchIgnoreCase": "false",
    "nameIn": ["a", "b"],
    "ratingIn": ["3"],
    "nameNotIn": ["c"],
    "authorIdNotIn": [str(ID1)],
    "orderBy": "dob",
    "sortOrder": "desc",
    "currentPage": "3",
    "pageSize": "4",
}
EXPECTED: dict[str, Any] = {
    "id_filter": CollectionFilter(field_name="id", values=[ID1, ID2]),
    "created_filter": BeforeAfter(field_name="created_at", before=None, after=AT),
    "updated_filter": BeforeAfter(field_name="modified_at", before=AT, after=None),
    "search_filter": SearchFilter(field_name={"name", "bio"}, value="Ann", ignore_case=False),
    "name_in_filter": CollectionFilter(field_name="name", values=["a", "b"]),
    "rating_in_filter": CollectionFilter(field_name="rating", values=[3]),
    "name_not_in_filter": NotInCollectionFilter(field_name="name", values=["c"]),
    "author_id_not_in_filter": NotInCollectionFilter(field_name="author_id", values=[ID1]),
    "order_by": OrderBy(field_name="dob", sort_order="desc"),
    "limit_offset": LimitOffset(limit=4, offset=8),
}
DEFAULTS: dict[str, Any] = {
    "id_filter": CollectionFilter(field_name="id", values=None),
    "created_filter": BeforeAfter(field_name="created_at", before=None, after=None),
    "updated_filter": BeforeAfter(field_name="modified_at", before=None, after=None),
    "search_filter": None,
    "name_in_filter": None,
    "rating_in_filter": None,
    "name_not_in_filter": None,
    "author_id_not_in_filter": None,
    "order_by": OrderBy(field_name="name", sort_order="asc"),
    "limit_offset": LimitOffset(limit=3, offset=0),
}


@pytest.mark.parametrize(("query", "expected"), [(QUERY, EXPECTED), ({}, DEFAULTS)], ids=["query", "defaults"])
def test_each_key_and_filters_build_the_same_objects(
    client: Any, seen: Seen, query: dict[str, Any], expected: dict[str, Any]
) -> None:
    for key, value in expected.items():
        assert client.get(f"/full/{key}", params=query).status_code == 200
        assert seen[f"/full/{key}"] == {key: value}
    assert client.get("/full/filters", params=query).status_code == 200
    assert seen["/full/filters"]["filters"] == [value for value in expected.values() if value is not None]
    assert client.get("/full-all", params=query).status_code == 200
    assert seen["/full-all"] == expected | {"filters": seen["/full/filters"]["filters"]}


def test_cursor_keys(client: Any, seen: Seen) -> None:
    query = {"cursor": "abc", "pageSize": "9", "sortOrder": "asc", "searchString": "x", "ratingIn": ["1", "2"]}
    assert client.get("/cursor-all", params=query).status_code == 200
    search = SearchFilter(field_name="name", value="x", ignore_case=False)
    rating = CollectionFilter(field_name="rating", values=[1, 2])
    assert seen["/cursor-all"] == {
        "search_filter": search,
        "rating_in_filter": rating,
        "filters": [search, rating],
        "cursor_pagination": CursorPagination(limit=9, cursor="abc", order_by=[("name", "asc")]),
    }
    assert client.get("/cursor/filters").status_code == 200
    assert seen["/cursor/filters"] == {"filters": []}
    assert client.get("/cursor/cursor_pagination").status_code == 200
    assert seen["/cursor/cursor_pagination"] == {
        "cursor_pagination": CursorPagination(limit=2, cursor=None, order_by=[("name", "desc")])
    }


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"ids": "nope"}, {"message": "Invalid UUID", "key": "ids", "source": "query"}),
        ({"pageSize": "5"}, {"message": "Expected `int` <= 4", "key": "pageSize", "source": "query"}),
        ({"currentPage": "0"}, {"message": "Expected `int` >= 1", "key": "currentPage", "source": "query"}),
        ({"orderBy": "bio"}, {"message": "Invalid enum value 'bio'", "key": "orderBy", "source": "query"}),
        ({"ratingIn": "x"}, {"message": "Expected `int`, got `str`", "key": "ratingIn", "source": "query"}),
        (
            {"createdBefore": "soon"},
            {"message": "Invalid RFC3339 encoded datetime", "key": "createdBefore", "source": "query"},
        ),
    ],
)
def test_bad_values_are_400s_naming_the_parameter(client: Any, params: dict[str, str], error: dict[str, str]) -> None:
    for path in ("/full/filters", "/full-all", *(f"/full/{key}" for key in FULL_KEYS)):
        response = client.get(path, params=params)
        reads = path in ("/full/filters", "/full-all") or error["key"] in _query_names(path)
        if reads:
            assert response.status_code == 400, path
            assert response.json()["extra"] == [error], path
        else:
            assert response.status_code == 200, path


def _query_names(path: str) -> set[str]:
    key = path.rsplit("/", 1)[-1]
    provider = providers.create_filter_dependencies(FULL)[key].dependency
    return set(inspect.signature(provider).parameters)


def _param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    """An optional query parameter of the OpenAPI document as the filter dependencies declare it."""
    return {
        "name": name,
        "in": "query",
        "schema": {**schema, "description": description},
        "description": description,
        "required": False,
        "deprecated": False,
        "allowEmptyValue": False,
        "allowReserved": False,
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return _nullable({"items": items, "type": "array"})


STRING, UUIDS, DATE = (
    {"type": "string"},
    {"type": "string", "format": "uuid"},
    {"type": "string", "format": "date-time"},
)
FULL_PARAMS = {
    "ids": _param("ids", _list(UUIDS), "Only items whose id is one of these."),
    "createdBefore": _param("createdBefore", _nullable(DATE), "Only items whose created_at is before this instant."),
    "createdAfter": _param("createdAfter", _nullable(DATE), "Only items whose created_at is after this instant."),
    "updatedBefore": _param("updatedBefore", _nullable(DATE), "Only items whose modified_at is before this instant."),
    "updatedAfter": _param("updatedAfter", _nullable(DATE), "Only items whose modified_at is after this instant."),
    "searchString": _param("searchString", _nullable(STRING), "Only items whose name, bio contains this text."),
    "searchIgnoreCase": _param("searchIgnoreCase", {"type": "boolean", "default": True}, "Ignore case when searching."),
    "nameIn": _param("nameIn", _list(STRING), "Only items whose name is one of these."),
    "ratingIn": _param("ratingIn", _list({"type": "integer"}), "Only items whose rating is one of these."),
    "nameNotIn": _param("nameNotIn", _list(STRING), "Only items whose name is none of these."),
    "authorIdNotIn": _param("authorIdNotIn", _list(UUIDS), "Only items whose author_id is none of these."),
    "orderBy": _param("orderBy", {"type": "string", "enum": ["name", "dob"], "default": "name"}, "Field to sort by."),
    "sortOrder": _param("sortOrder", {"type": "string", "enum": ["asc", "desc"], "default": "asc"}, "Sort direction."),
    "currentPage": _param("currentPage", {"type": "integer", "minimum": 1.0, "default": 1}, "Page number, from 1."),
    "pageSize": _param(
        "pageSize",
        {"type": "integer", "maximum": 4.0, "minimum": 1.0, "default": 3},
        "Items per page, at most 4.",
    ),
}
CURSOR_PARAMS = {
    "searchString": _param("searchString", _nullable(STRING), "Only items whose name contains this text."),
    "searchIgnoreCase": _param(
        "searchIgnoreCase", {"type": "boolean", "default": False}, "Ignore case when searching."
    ),
    "ratingIn": FULL_PARAMS["ratingIn"],
    "cursor": _param("cursor", _nullable(STRING), "Opaque cursor from the previous page (next_cursor/prev_cursor)."),
    "pageSize": _param(
        "pageSize",
        {"type": "integer", "maximum": 9.0, "minimum": 1.0, "default": 2},
        "Items per page, at most 9.",
    ),
    "orderBy": _param("orderBy", {"type": "string", "const": "name", "default": "name"}, "Field to sort by."),
    "sortOrder": _param("sortOrder", {"type": "string", "enum": ["asc", "desc"], "default": "desc"}, "Sort direction."),
}
FULL_FILTERS = list(FULL_PARAMS)
OPENAPI: dict[str, list[str]] = {
    "/full/id_filter": ["ids"],
    "/full/created_filter": ["createdBefore", "createdAfter"],
    "/full/updated_filter": ["updatedBefore", "updatedAfter"],
    "/full/search_filter": ["searchString", "searchIgnoreCase"],
    "/full/name_in_filter": ["nameIn"],
    "/full/rating_in_filter": ["ratingIn"],
    "/full/name_not_in_filter": ["nameNotIn"],
    "/full/author_id_not_in_filter": ["authorIdNotIn"],
    "/full/order_by": ["orderBy", "sortOrder"],
    "/full/limit_offset": ["currentPage", "pageSize"],
    "/full/filters": FULL_FILTERS,
    "/full-all": FULL_FILTERS,
    "/cursor/search_filter": ["searchString", "searchIgnoreCase"],
    "/cursor/rating_in_filter": ["ratingIn"],
    "/cursor/filters": ["searchString", "searchIgnoreCase", "ratingIn"],
    "/cursor/cursor_pagination": ["cursor", "pageSize", "orderBy", "sortOrder"],
    "/cursor-all": ["searchString", "searchIgnoreCase", "ratingIn", "cursor", "pageSize", "orderBy", "sortOrder"],
}


def test_openapi_parameters_are_unchanged(client: Any) -> None:
    document = client.get("/schema/openapi.json").json()
    parameters = {path: item["get"].get("parameters", []) for path, item in document["paths"].items()}
    expected = {
        path: [(CURSOR_PARAMS if path.startswith("/cursor") else FULL_PARAMS)[name] for name in names]
        for path, names in OPENAPI.items()
    }
    assert parameters == expected
    assert document.get("components", {}).get("schemas", {}) == {}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"in_fields": ["name", "name"]},
            "filters in_fields 'name' and in_fields 'name' both read the query parameter 'nameIn'; "
            "each query parameter can belong to one filter only",
        ),
        (
            {"in_fields": ["author_id", ("authorId", UUID)]},
            "filters in_fields 'author_id' and in_fields 'authorId' both read the query parameter 'authorIdIn'; "
            "each query parameter can belong to one filter only",
        ),
        (
            {"in_fields": ["x_not"], "not_in_fields": ["x"]},
            "filters in_fields 'x_not' and not_in_fields 'x' both read the query parameter 'xNotIn'; "
            "each query parameter can belong to one filter only",
        ),
    ],
)
def test_two_filters_reading_one_query_parameter_are_refused(config: Any, message: str) -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        providers.create_filter_dependencies(config)
    assert str(info.value) == message
    with pytest.raises(ImproperConfigurationError):
        providers.create_service_dependencies(object, "svc", filters=config)


def test_providers_are_plain_functions_of_their_query_parameters() -> None:
    dependencies = providers.create_filter_dependencies(FULL)
    provide_filters: Callable[..., Any] = dependencies["filters"].dependency
    assert provide_filters.__name__ == "provide_filters"
    assert list(inspect.signature(provide_filters).parameters) == FULL_FILTERS
    limit_offset: Callable[..., Any] = dependencies["limit_offset"].dependency
    assert limit_offset.__name__ == "provide_limit_offset"
    assert limit_offset(currentPage=2, pageSize=3) == LimitOffset(limit=3, offset=3)
