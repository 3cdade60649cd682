"""The declarative base and the shared model attributes: automatic table names, ``to_dict`` and bind keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from sqlalchemy.orm import DeclarativeBase, declared_attr, has_inherited_table

from sqlalchemist.base._dataclass import prepare_late_dataclass
from sqlalchemist.base._registry import metadata_registry, orm_registry
from sqlalchemist.utils.text import snake_case

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy import FromClause
    from sqlalchemy.orm import Mapper

__all__ = ("AdvancedDeclarativeBase", "BasicAttributes", "CommonTableAttributes", "ModelProtocol")


@runtime_checkable
class ModelProtocol(Protocol):
    """What every sqlalchemist model offers: a table, a mapper and :meth:`to_dict`."""

    if TYPE_CHECKING:
        __table__: FromClause
        __mapper__: Mapper[Any]
        __name__: str

    def to_dict(self, exclude: Iterable[str] | None = None) -> dict[str, Any]:
        """Return the model's column values by attribute name."""
        ...


class BasicAttributes:
    """Adds :meth:`to_dict` to a mapped class."""

    if TYPE_CHECKING:
        __mapper__: ClassVar[Mapper[Any]]

    def to_dict(self, exclude: Iterable[str] | None = None) -> dict[str, Any]:
        """Return the mapped column values keyed by attribute name, leaving out the names in ``exclude``.

        Example: ``author.to_dict(exclude={"created_at"}) == {"id": ..., "name": "Ann"}``.
        """
        skip = frozenset(exclude or ())
        return {
            attribute.key: getattr(self, attribute.key)
            for attribute in self.__mapper__.column_attrs
            if attribute.key not in skip
        }


class CommonTableAttributes(BasicAttributes):
    """Adds :meth:`to_dict` and a ``__tablename__`` made from the class name (``AuthorModel`` → ``author_model``).

    A subclass of a mapped model gets no table of its own (single-table inheritance) unless it sets ``__tablename__``.
    """

    @declared_attr.directive
    def __tablename__(cls: Any) -> str | None:  # noqa: N805
        if has_inherited_table(cls):
            return None
        return snake_case(cls.__name__)


class AdvancedDeclarativeBase(DeclarativeBase):
    """Declarative base on ``orm_registry``; a model's ``__bind_key__`` picks its metadata in ``metadata_registry``.

    Also accepts ``class Model(SomeBase, MappedAsDataclass)`` and maps such models as native dataclasses.
    """

    registry = orm_registry
    __abstract__ = True
    __bind_key__: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if "metadata" not in cls.__dict__:
            type.__setattr__(cls, "metadata", metadata_registry.get(cls.__bind_key__))
        prepare_late_dataclass(cls, kwargs)
        super().__init_subclass__(**kwargs)
