"""Service and filter dependencies for Litestar, built from a service class and a :class:`FilterConfig`."""

from __future__ import annotations

import datetime
import inspect
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypedDict

from litestar.di import Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.filters import (
    BeforeAfter,
    CollectionFilter,
    FilterTypes,
    LimitOffset,
    NotInCollectionFilter,
    OrderBy,
    SearchFilter,
    SortOrder,
)
from sqlalchemist.pagination import CursorPagination
from sqlalchemist.utils.text import camelize
from sqlalchemist_litestar._signature import Param, make_function

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

__all__ = (
    "FieldSpec",
    "FilterConfig",
    "create_filter_dependencies",
    "create_service_dependencies",
    "create_service_provider",
)

FieldSpec = str | tuple[str, Any]
"""A field for ``in_fields`` / ``not_in_fields``: its name, or ``(name, value_type)``."""


class FilterConfig(TypedDict, total=False):
    """Which filters :func:`create_service_dependencies` reads from the query string.

    Example: ``{"id_filter": UUID, "pagination_type": "limit_offset", "search": "name", "search_ignore_case": True}``.
    """

    id_filter: type[Any]
    """Accept ``?ids=…`` (repeated) parsed to this type; filters ``id_field`` with IN."""
    id_field: str
    """The field ``ids`` filters; default ``"id"``."""
    created_at: bool | str
    """Accept ``createdBefore`` / ``createdAfter`` on ``created_at`` (or the named field)."""
    updated_at: bool | str
    """Accept ``updatedBefore`` / ``updatedAfter`` on ``updated_at`` (or the named field)."""
    pagination_type: Literal["limit_offset", "cursor"]
    """``"limit_offset"``: ``currentPage`` (from 1) and ``pageSize`` into ``filters``; ``"cursor"``: ``cursor`` and
    ``pageSize`` into a separate ``cursor_pagination`` dependency (sorted by ``sort_field`` when set), for
    ``service.paginate(cursor_pagination, *filters)``."""
    pagination_size: int
    """Default ``pageSize``; default 20."""
    max_page_size: int
    """Largest accepted ``pageSize``; default 100."""
    search: str | Collection[str]
    """Field(s) ``searchString`` looks in (a comma-separated string or a collection)."""
    search_ignore_case: bool
    """Default of ``searchIgnoreCase``; default False."""
    sort_field: str | Collection[str]
    """Allowed ``orderBy`` fields; the first is the default."""
    sort_order: SortOrder
    """Default ``sortOrder``; default ``"desc"``."""
    in_fields: Collection[FieldSpec]
    """Fields filtered by ``?<fieldName>In=…``."""
    not_in_fields: Collection[FieldSpec]
    """Fields filtered by ``?<fieldName>NotIn=…``."""


_KNOWN_KEYS = frozenset(FilterConfig.__annotations__)


def _is_async_service(service_class: type[Any]) -> bool:
    return inspect.iscoroutinefunction(getattr(service_class, "get", None))


def create_service_provider(
    service_class: type[Any],
    *,
    session_dependency_key: str = "db_session",
    load: Any = None,
    execution_options: dict[str, Any] | None = None,
    error_messages: Any = None,
    uniquify: bool | None = None,
    count_with_window_function: bool | None = None,
) -> Callable[..., Any]:
    """Return a provider that builds ``service_class`` on the request's session (``db_session`` by default).

    Example: ``dependencies = {"authors_service": Provide(create_service_provider(AuthorService, load=["books"]))}``.
    """
    options = {
        "load": load,
        "execution_options": execution_options,
        "error_messages": error_messages,
        "uniquify": uniquify,
        "count_with_window_function": count_with_window_function,
    }
    kwargs = {name: value for name, value in options.items() if value is not None}
    is_async = _is_async_service(service_class)

    def build(**provided: Any) -> Any:
        return service_class(session=provided[session_dependency_key], **kwargs)

    session_type = AsyncSession if is_async else Session
    return make_function(
        f"provide_{service_class.__name__}",
        [Param(session_dependency_key, session_type)],
        build,
        service_class,
    )


def _fields(value: str | Collection[str], setting: str) -> list[str]:
    names = [part.strip() for part in value.split(",")] if isinstance(value, str) else [str(v) for v in value]
    names = [name for name in names if name]
    if not names:
        msg = f"filters[{setting!r}] must name at least one field; got {value!r}"
        raise ImproperConfigurationError(msg)
    return names


def _check_config(config: FilterConfig) -> None:
    unknown = sorted(set(config) - _KNOWN_KEYS)
    if unknown:
        msg = f"unknown filter setting(s) {unknown}; FilterConfig accepts {sorted(_KNOWN_KEYS)}"
        raise ImproperConfigurationError(msg)
    pagination_type = config.get("pagination_type")
    if pagination_type not in (None, "limit_offset", "cursor"):
        msg = f"filters['pagination_type'] must be 'limit_offset' or 'cursor'; got {pagination_type!r}"
        raise ImproperConfigurationError(msg)
    size, largest = config.get("pagination_size", 20), config.get("max_page_size", 100)
    if not (isinstance(size, int) and isinstance(largest, int) and 1 <= size <= largest):
        msg = (
            "filters need 1 <= pagination_size <= max_page_size; "
            f"got pagination_size={size!r}, max_page_size={largest!r}"
        )
        raise ImproperConfigurationError(msg)
    if config.get("sort_order", "desc") not in ("asc", "desc"):
        msg = f"filters['sort_order'] must be 'asc' or 'desc'; got {config.get('sort_order')!r}"
        raise ImproperConfigurationError(msg)


def _list_of(item_type: Any) -> Any:
    """``list[item_type]`` for a type chosen at run time."""
    return list[item_type]


def _query(default: Any, description: str, **constraints: Any) -> Any:
    return Parameter(default=default, required=False, description=description, **constraints)


class _Filter(NamedTuple):
    """One filter: its dependency key, the setting that asked for it, its query parameters and its builder."""

    key: str
    setting: str
    params: list[Param]
    build: Callable[[dict[str, Any]], Any]
    returns: Any


def _provider(spec: _Filter) -> Callable[..., Any]:
    """The dependency function of one filter: its query parameters as keywords, its value built by ``spec.build``."""
    build = spec.build

    def body(**query: Any) -> Any:
        return build(query)

    return make_function(f"provide_{spec.key}", spec.params, body, spec.returns)


def _id_filter(config: FilterConfig) -> _Filter:
    id_type = config["id_filter"]
    id_field = config.get("id_field", "id")

    def build(query: dict[str, Any]) -> CollectionFilter[Any]:
        return CollectionFilter(field_name=id_field, values=query["ids"])

    param = Param("ids", _list_of(id_type) | None, _query(None, f"Only items whose {id_field} is one of these."))
    return _Filter("id_filter", "id_filter", [param], build, CollectionFilter)


def _date_filter(field_name: str, prefix: str, setting: str) -> _Filter:
    before, after = f"{prefix}Before", f"{prefix}After"

    def build(query: dict[str, Any]) -> BeforeAfter:
        return BeforeAfter(field_name=field_name, before=query[before], after=query[after])

    annotation = datetime.datetime | None
    params = [
        Param(before, annotation, _query(None, f"Only items whose {field_name} is before this instant.")),
        Param(after, annotation, _query(None, f"Only items whose {field_name} is after this instant.")),
    ]
    return _Filter(f"{prefix}_filter", setting, params, build, BeforeAfter)


def _page_size(config: FilterConfig) -> Param:
    size, largest = config.get("pagination_size", 20), config.get("max_page_size", 100)
    return Param("pageSize", int, _query(size, f"Items per page, at most {largest}.", ge=1, le=largest))


def _limit_offset(config: FilterConfig) -> _Filter:
    def build(query: dict[str, Any]) -> LimitOffset:
        return LimitOffset(limit=query["pageSize"], offset=query["pageSize"] * (query["currentPage"] - 1))

    params = [Param("currentPage", int, _query(1, "Page number, from 1.", ge=1)), _page_size(config)]
    return _Filter("limit_offset", "pagination_type", params, build, LimitOffset)


def _search_filter(config: FilterConfig) -> _Filter:
    fields = _fields(config["search"], "search")
    target: str | set[str] = fields[0] if len(fields) == 1 else set(fields)

    def build(query: dict[str, Any]) -> SearchFilter | None:
        if not query["searchString"]:
            return None
        return SearchFilter(field_name=target, value=query["searchString"], ignore_case=bool(query["searchIgnoreCase"]))

    default_ignore = bool(config.get("search_ignore_case", False))
    params = [
        Param("searchString", str | None, _query(None, f"Only items whose {', '.join(fields)} contains this text.")),
        Param("searchIgnoreCase", bool, _query(default_ignore, "Ignore case when searching.")),
    ]
    return _Filter("search_filter", "search", params, build, SearchFilter | None)


def _sort_params(config: FilterConfig) -> list[Param]:
    fields = _fields(config["sort_field"], "sort_field")
    allowed: Any = Literal.__getitem__(tuple(fields))
    return [
        Param("orderBy", allowed, _query(fields[0], "Field to sort by.")),
        Param("sortOrder", SortOrder, _query(config.get("sort_order", "desc"), "Sort direction.")),
    ]


def _order_by(config: FilterConfig) -> _Filter:
    def build(query: dict[str, Any]) -> OrderBy:
        return OrderBy(field_name=query["orderBy"], sort_order=query["sortOrder"])

    return _Filter("order_by", "sort_field", _sort_params(config), build, OrderBy)


def _cursor_pagination(config: FilterConfig) -> _Filter:
    sorted_ = "sort_field" in config
    params = [
        Param("cursor", str | None, _query(None, "Opaque cursor from the previous page (next_cursor/prev_cursor).")),
        _page_size(config),
        *(_sort_params(config) if sorted_ else []),
    ]

    def build(query: dict[str, Any]) -> CursorPagination:
        order_by = [(query["orderBy"], query["sortOrder"])] if sorted_ else []
        return CursorPagination(limit=query["pageSize"], cursor=query["cursor"], order_by=order_by)

    return _Filter("cursor_pagination", "pagination_type", params, build, CursorPagination)


def _membership(spec: FieldSpec, *, negate: bool) -> _Filter:
    name, value_type = (spec, str) if isinstance(spec, str) else spec
    query_name = f"{camelize(name)}{'NotIn' if negate else 'In'}"
    filter_type: Any = NotInCollectionFilter if negate else CollectionFilter

    def build(query: dict[str, Any]) -> Any:
        values = query[query_name]
        return filter_type(field_name=name, values=values) if values is not None else None

    what = "is none of" if negate else "is one of"
    param = Param(query_name, _list_of(value_type) | None, _query(None, f"Only items whose {name} {what} these."))
    setting = f"{'not_in_fields' if negate else 'in_fields'} {name!r}"
    return _Filter(f"{name}_{'not_in' if negate else 'in'}_filter", setting, [param], build, filter_type | None)


def _filters(config: FilterConfig) -> list[_Filter]:
    """The configured filters of the ``filters`` list, in the order they apply (pagination last)."""
    specs: list[_Filter] = []
    if "id_filter" in config:
        specs.append(_id_filter(config))
    for setting, prefix in (("created_at", "created"), ("updated_at", "updated")):
        value = config.get(setting)
        if value:
            specs.append(_date_filter(value if isinstance(value, str) else setting, prefix, setting))
    if "search" in config:
        specs.append(_search_filter(config))
    specs += [_membership(spec, negate=False) for spec in config.get("in_fields", ())]
    specs += [_membership(spec, negate=True) for spec in config.get("not_in_fields", ())]
    if "sort_field" in config and config.get("pagination_type") != "cursor":
        specs.append(_order_by(config))
    if config.get("pagination_type") == "limit_offset":
        specs.append(_limit_offset(config))
    return specs


def _aggregate(specs: list[_Filter]) -> Callable[..., Any]:
    """One dependency function reading every filter's query parameters and returning the filters that apply."""
    owners: dict[str, str] = {}
    params: list[Param] = []
    for spec in specs:
        for param in spec.params:
            if param.name in owners:
                msg = (
                    f"filters {owners[param.name]} and {spec.setting} both read the query parameter {param.name!r}; "
                    "each query parameter can belong to one filter only"
                )
                raise ImproperConfigurationError(msg)
            owners[param.name] = spec.setting
            params.append(param)
    builders = tuple(spec.build for spec in specs)

    def collect(**query: Any) -> list[FilterTypes]:
        found: list[FilterTypes] = []
        for build in builders:
            value = build(query)
            if value is not None:
                found.append(value)
        return found

    return make_function("provide_filters", params, collect, list[FilterTypes])


def create_filter_dependencies(config: FilterConfig, *, aggregate_key: str = "filters") -> dict[str, Provide]:
    """Return ``Provide``s for each configured filter and ``filters``, the list of those that apply.

    ``filters`` reads every filter's query parameters itself: a handler asking only for it resolves one dependency.
    """
    _check_config(config)
    specs = _filters(config)
    aggregate = _aggregate(specs)
    dependencies = {spec.key: Provide(_provider(spec), sync_to_thread=False) for spec in specs}
    dependencies[aggregate_key] = Provide(aggregate, sync_to_thread=False)
    if config.get("pagination_type") == "cursor":
        dependencies["cursor_pagination"] = Provide(_provider(_cursor_pagination(config)), sync_to_thread=False)
    return dependencies


def create_service_dependencies(
    service_class: type[Any],
    key: str,
    *,
    load: Any = None,
    execution_options: dict[str, Any] | None = None,
    filters: FilterConfig | None = None,
    session_dependency_key: str = "db_session",
    error_messages: Any = None,
    uniquify: bool | None = None,
    count_with_window_function: bool | None = None,
) -> dict[str, Provide]:
    """Return the service dependency under ``key`` plus, when ``filters`` is given, the filter dependencies.

    Example::

        dependencies = create_service_dependencies(AuthorService, "authors_service", filters={"id_filter": UUID})
    """
    provider = create_service_provider(
        service_class,
        session_dependency_key=session_dependency_key,
        load=load,
        execution_options=execution_options,
        error_messages=error_messages,
        uniquify=uniquify,
        count_with_window_function=count_with_window_function,
    )
    dependencies = {key: Provide(provider, sync_to_thread=False)}
    if filters is not None:
        dependencies.update(create_filter_dependencies(filters))
    return dependencies
