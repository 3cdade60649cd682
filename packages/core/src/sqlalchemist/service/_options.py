"""Typed keyword options that service methods pass on to the repository unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Select

    from sqlalchemist.exceptions import ErrorMessages
    from sqlalchemist.repository import LoadSpec

__all__ = (
    "AddManyOptions",
    "AddOptions",
    "DeleteManyOptions",
    "DeleteOptions",
    "GetOptions",
    "UpdateManyOptions",
    "UpdateOptions",
    "UpsertManyOptions",
    "UpsertOptions",
)


class _Loading(TypedDict, total=False):
    error_messages: ErrorMessages | None
    load: LoadSpec | None
    execution_options: dict[str, Any] | None


class GetOptions(_Loading, total=False):
    """Options of ``get``."""

    auto_expunge: bool | None
    statement: Select[Any] | None
    id_attribute: str | None
    with_for_update: bool | dict[str, Any] | None
    uniquify: bool | None


class AddOptions(TypedDict, total=False):
    """Options of ``create``."""

    auto_commit: bool | None
    auto_expunge: bool | None
    auto_refresh: bool | None
    error_messages: ErrorMessages | None


class AddManyOptions(TypedDict, total=False):
    """Options of ``create_many``."""

    auto_commit: bool | None
    auto_expunge: bool | None
    error_messages: ErrorMessages | None


class UpdateManyOptions(_Loading, total=False):
    """Options of ``update_many``."""

    auto_commit: bool | None
    auto_expunge: bool | None


class UpdateOptions(UpdateManyOptions, total=False):
    """Options of ``update``."""

    attribute_names: Sequence[str] | None
    with_for_update: bool | dict[str, Any] | None
    auto_refresh: bool | None


class UpsertManyOptions(UpdateManyOptions, total=False):
    """Options of ``upsert_many``."""

    match_fields: list[str] | str | None


class UpsertOptions(UpsertManyOptions, total=False):
    """Options of ``upsert``."""

    attribute_names: Sequence[str] | None
    with_for_update: bool | dict[str, Any] | None
    auto_refresh: bool | None


class DeleteOptions(UpdateManyOptions, total=False):
    """Options of ``delete``."""

    id_attribute: str | None


class DeleteManyOptions(DeleteOptions, total=False):
    """Options of ``delete_many``."""

    chunk_size: int | None
