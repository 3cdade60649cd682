"""Build provider functions whose parameter names and types are chosen at run time, as Litestar's DI reads them."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, NamedTuple, cast

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ("Param", "make_function")


class Param(NamedTuple):
    """One keyword parameter of a generated function."""

    name: str
    annotation: Any
    default: Any = inspect.Parameter.empty


def make_function(
    name: str,
    params: list[Param],
    body: Callable[..., Any],
    return_annotation: Any,
) -> Callable[..., Any]:
    """Return sync ``body`` wrapped so that ``inspect.signature`` and type hints show ``params`` and the return type."""

    def provider(**kwargs: Any) -> Any:
        return body(**kwargs)

    function: Any = provider
    function.__name__ = function.__qualname__ = name
    function.__signature__ = inspect.Signature(
        [
            inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=p.default, annotation=p.annotation)
            for p in params
        ],
        return_annotation=return_annotation,
    )
    function.__annotations__ = {p.name: p.annotation for p in params} | {"return": return_annotation}
    return cast("Callable[..., Any]", function)
