"""The ``Empty`` marker: an option left unset, so SQLAlchemy's own default applies."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any, Final, Literal, TypeAlias

__all__ = ("Empty", "EmptyType", "options_repr", "set_options")


class _EmptyEnum(Enum):
    """Holds the single ``Empty`` value, so type checkers can narrow ``x is Empty``."""

    EMPTY = "Empty"

    def __repr__(self) -> str:
        return "Empty"

    def __bool__(self) -> bool:
        return False


EmptyType: TypeAlias = Literal[_EmptyEnum.EMPTY]
Empty: Final = _EmptyEnum.EMPTY


def set_options(options: Any, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Return the fields of the dataclass ``options`` that were given a value (not ``Empty``)."""
    values: dict[str, Any] = {}
    for option in dataclasses.fields(options):
        value = getattr(options, option.name)
        if value is not Empty and option.name not in exclude:
            values[option.name] = value
    return values


def options_repr(options: Any) -> str:
    """Render a dataclass of options showing only the ones that were set."""
    shown = ", ".join(f"{name}={value!r}" for name, value in set_options(options).items())
    return f"{type(options).__name__}({shown})"
