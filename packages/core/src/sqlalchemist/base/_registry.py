"""The shared ORM registry, its constraint naming convention, type annotation map and per-bind-key metadata."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, LargeBinary, MetaData, Numeric, String
from sqlalchemy.orm import registry

from sqlalchemist.types import GUID, DateTimeUTC, JsonB

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = (
    "MetaDataRegistry",
    "convention",
    "create_registry",
    "default_type_annotation_map",
    "metadata_registry",
    "orm_registry",
)

convention: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint and index names every sqlalchemist MetaData uses, so migrations get stable names."""

_STRING = String().with_variant(String(255), "mysql", "mariadb")


def default_type_annotation_map() -> dict[Any, Any]:
    """Return a fresh copy of the Python type → column type map used by :func:`create_registry`."""
    return {
        uuid.UUID: GUID,
        datetime.datetime: DateTimeUTC,
        datetime.date: Date,
        dict: JsonB,
        dict[str, Any]: JsonB,
        str: _STRING,
        bytes: LargeBinary,
        decimal.Decimal: Numeric,
    }


def _new_metadata() -> MetaData:
    return MetaData(naming_convention=dict(convention))


def create_registry(*, type_annotation_map: Mapping[Any, Any] | None = None) -> registry:
    """Create an ORM registry with the naming convention and the default type map, updated by ``type_annotation_map``.

    Example: ``my_registry = create_registry(type_annotation_map={Money: Numeric(12, 2)})``.
    """
    annotation_map = default_type_annotation_map()
    if type_annotation_map:
        annotation_map.update(type_annotation_map)
    return registry(metadata=_new_metadata(), type_annotation_map=annotation_map)


orm_registry = create_registry()
"""The registry shared by every sqlalchemist base model."""


class MetaDataRegistry:
    """One :class:`~sqlalchemy.MetaData` per bind key; ``None`` is the default metadata of :data:`orm_registry`.

    Example: ``metadata_registry.get("analytics").create_all(analytics_engine)``.
    """

    def __init__(self, default: MetaData) -> None:
        """Start with ``default`` as the metadata of the ``None`` bind key."""
        self._by_key: dict[str | None, MetaData] = {None: default}

    def get(self, bind_key: str | None = None) -> MetaData:
        """Return the metadata of ``bind_key``, creating one with the naming convention on first use."""
        metadata = self._by_key.get(bind_key)
        if metadata is None:
            metadata = self._by_key[bind_key] = _new_metadata()
        return metadata

    def set(self, bind_key: str | None, value: MetaData) -> None:
        """Use ``value`` as the metadata of ``bind_key``."""
        self._by_key[bind_key] = value

    def items(self) -> Iterator[tuple[str | None, MetaData]]:
        """Iterate over ``(bind_key, metadata)`` pairs."""
        return iter(list(self._by_key.items()))

    def __iter__(self) -> Iterator[str | None]:
        return iter(list(self._by_key))

    def __contains__(self, bind_key: object) -> bool:
        return bind_key in self._by_key

    def __len__(self) -> int:
        return len(self._by_key)

    def __getitem__(self, bind_key: str | None) -> MetaData:
        return self.get(bind_key)


metadata_registry = MetaDataRegistry(orm_registry.metadata)
"""The metadata of each bind key; models pick theirs with ``__bind_key__``."""
