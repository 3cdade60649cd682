"""``SQLAlchemyDTO``: Litestar DTOs for mapped classes (columns, relationships, hybrid and plain properties)."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, Optional, TypeVar, get_args, get_origin

from litestar.dto import AbstractDTO, DTOConfig, DTOField, Mark
from litestar.dto.data_structures import DTOFieldDefinition
from litestar.dto.field import DTO_FIELD_META_KEY
from litestar.types.empty import Empty
from litestar.typing import FieldDefinition
from sqlalchemy import Column, inspect
from sqlalchemy.ext.associationproxy import AssociationProxy
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import ColumnProperty, Mapped, Mapper, RelationshipProperty
from sqlalchemy.orm.attributes import InstrumentedAttribute

if TYPE_CHECKING:
    from collections.abc import Collection, Generator

__all__ = ("SQLAlchemyDTO", "SQLAlchemyDTOConfig", "is_mapped_class")

T = TypeVar("T", bound="Any | Collection[Any]")


@dataclass(frozen=True)
class SQLAlchemyDTOConfig(DTOConfig):
    """DTO settings for mapped classes; ``include_implicit_fields`` controls hybrid and ``@property`` fields."""

    include_implicit_fields: bool | Literal["hybrid-only"] = True
    """True: hybrid properties and ``@property``/``cached_property``; ``"hybrid-only"``: hybrids only; False: none."""


def is_mapped_class(value: Any) -> bool:
    """True when ``value`` is a class mapped by SQLAlchemy's ORM."""
    return isinstance(value, type) and isinstance(inspect(value, raiseerr=False), Mapper)


def _unwrap_mapped(annotation: Any) -> Any:
    """``Mapped[X]`` → ``X``; other annotations unchanged."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap_mapped(get_args(annotation)[0])
    if isinstance(origin, type) and issubclass(origin, Mapped):
        return get_args(annotation)[0]
    return annotation


def _safe_hints(model_type: type[Any]) -> dict[str, Any]:
    """Type hints of the model resolved in its module; an unresolvable model falls back to mapper types."""
    namespace = AbstractDTO.get_model_namespace(model_type)
    try:
        return typing.get_type_hints(model_type, localns=namespace, include_extras=True)
    except (NameError, TypeError):
        hints: dict[str, Any] = {}
        for klass in reversed(model_type.__mro__):
            for name in getattr(klass, "__annotations__", {}):
                try:
                    hints[name] = typing.get_type_hints(klass, localns=namespace, include_extras=True)[name]
                except (NameError, TypeError, KeyError):
                    continue
        return hints


def _python_type(column: Column[Any]) -> Any:
    try:
        python_type: Any = column.type.python_type
    except NotImplementedError:
        python_type = Any
    return Optional[python_type] if column.nullable else python_type  # noqa: UP045


def _column_defaults(column: Column[Any], *, is_optional: bool) -> tuple[Any, Any]:
    """(default, default_factory) for a column, so fields the database can fill are not required on input."""
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg, None  # type: ignore[attr-defined]
    if default is not None and getattr(default, "is_callable", False):
        factory = default.arg  # type: ignore[attr-defined]
        return Empty, lambda: factory(None)
    if (
        column.server_default is not None
        or is_optional
        or column.nullable
        or (column.primary_key and column.autoincrement in (True, "auto"))
    ):
        return None, None
    return Empty, None


def _dto_field(info: Any, *, read_only: bool) -> DTOField:
    if isinstance(info, typing.Mapping) and isinstance(found := info.get(DTO_FIELD_META_KEY), DTOField):
        return found
    return DTOField(mark=Mark.READ_ONLY if read_only else None)


def _field(
    model_type: type[Any],
    name: str,
    annotation: Any,
    *,
    dto_field: DTOField,
    default: Any = Empty,
    default_factory: Any = None,
) -> DTOFieldDefinition:
    return replace(
        DTOFieldDefinition.from_field_definition(
            field_definition=FieldDefinition.from_kwarg(annotation=annotation, name=name),
            model_name=model_type.__name__,
            default_factory=default_factory,
            dto_field=dto_field,
        ),
        name=name,
        default=default,
    )


def _init_false_fields(model_type: type[Any]) -> set[str]:
    """Fields a mapped dataclass does not accept in ``__init__``: they are read-only for the DTO."""
    if not dataclasses.is_dataclass(model_type):
        return set()
    return {f.name for f in dataclasses.fields(model_type) if not f.init}


def _dataclass_defaults(model_type: type[Any]) -> dict[str, tuple[Any, Any]]:
    """``(default, default_factory)`` of a mapped dataclass's fields that have one (SQLAlchemy moves them there)."""
    if not dataclasses.is_dataclass(model_type):
        return {}
    found: dict[str, tuple[Any, Any]] = {}
    for item in dataclasses.fields(model_type):
        if item.default_factory is not dataclasses.MISSING:
            found[item.name] = (Empty, item.default_factory)
        elif item.default is not dataclasses.MISSING:
            found[item.name] = (item.default, None)
    return found


class SQLAlchemyDTO(AbstractDTO[T], Generic[T]):
    """A Litestar DTO for a SQLAlchemy model: ``SQLAlchemyDTO[Author]`` or with ``Annotated[Author, config]``.

    Example::

        class AuthorReadDTO(SQLAlchemyDTO[AuthorModel]):
            config = SQLAlchemyDTOConfig(exclude={"books"}, max_nested_depth=1)
    """

    config: ClassVar[DTOConfig]

    @classmethod
    def generate_field_definitions(cls, model_type: type[Any]) -> Generator[DTOFieldDefinition, None, None]:
        """Yield the DTO fields of ``model_type``: columns, relationships, then implicit (computed) fields."""
        mapper = inspect(model_type)
        hints = _safe_hints(model_type)
        init_false = _init_false_fields(model_type)
        implicit = getattr(cls.config, "include_implicit_fields", True)
        seen: set[str] = set()
        for key, descriptor in mapper.all_orm_descriptors.items():
            if key.startswith("__"):
                continue
            field_def = cls._descriptor_field(
                model_type, key, descriptor, hints=hints, implicit=implicit, init_false=key in init_false
            )
            if field_def is not None:
                seen.add(key)
                yield field_def
        if implicit is True:
            yield from cls._property_fields(model_type, seen | set(mapper.all_orm_descriptors.keys()))

    @classmethod
    def _descriptor_field(
        cls,
        model_type: type[Any],
        key: str,
        descriptor: Any,
        *,
        hints: dict[str, Any],
        implicit: bool | str,
        init_false: bool,
    ) -> DTOFieldDefinition | None:
        if isinstance(descriptor, hybrid_property):
            if implicit is False:
                return None
            annotation = _return_annotation(descriptor.fget, model_type)
            return _field(
                model_type, key, annotation, dto_field=_dto_field(descriptor.info, read_only=descriptor.fset is None)
            )
        if isinstance(descriptor, AssociationProxy):
            return None
        if not isinstance(descriptor, InstrumentedAttribute):
            return None
        prop = descriptor.property
        if isinstance(prop, ColumnProperty):
            columns = [c for c in prop.columns if isinstance(c, Column)]
            if not columns:
                annotation = _unwrap_mapped(hints[key]) if key in hints else Any
                return _field(model_type, key, annotation, dto_field=_dto_field(prop.info, read_only=True))
            column = columns[0]
            annotation = _unwrap_mapped(hints[key]) if key in hints else _python_type(column)
            field_def = FieldDefinition.from_annotation(annotation)
            default, factory = _dataclass_defaults(model_type).get(key) or _column_defaults(
                column, is_optional=field_def.is_optional
            )
            info = prop.info or column.info
            return _field(
                model_type,
                key,
                annotation,
                dto_field=_dto_field(info, read_only=init_false),
                default=default,
                default_factory=factory,
            )
        if isinstance(prop, RelationshipProperty):
            if prop.lazy in ("dynamic", "write_only"):
                return None
            target = prop.mapper.class_
            fallback = list[target] if prop.uselist else Optional[target]  # type: ignore[valid-type]  # noqa: UP045
            annotation = _unwrap_mapped(hints[key]) if key in hints else fallback
            read_only = init_false or prop.viewonly
            if prop.uselist:
                return _field(
                    model_type,
                    key,
                    annotation,
                    dto_field=_dto_field(prop.info, read_only=read_only),
                    default_factory=list,
                )
            return _field(
                model_type, key, annotation, dto_field=_dto_field(prop.info, read_only=read_only), default=None
            )
        return None

    @classmethod
    def _property_fields(cls, model_type: type[Any], skip: set[str]) -> Generator[DTOFieldDefinition, None, None]:
        """``@property`` and ``cached_property`` of the model and its mixins, read-only, typed by return annotation."""
        found: dict[str, Any] = {}
        for klass in reversed(model_type.__mro__):
            if klass is object or klass.__module__.startswith("sqlalchemy"):
                continue
            for name, attr in vars(klass).items():
                if isinstance(attr, property) and attr.fget is not None:
                    found[name] = attr.fget
                elif isinstance(attr, cached_property):
                    found[name] = attr.func
        for name, getter in found.items():
            if name.startswith("_") or name in skip:
                continue
            yield _field(
                model_type,
                name,
                _return_annotation(getter, model_type),
                dto_field=DTOField(mark=Mark.READ_ONLY),
            )

    @classmethod
    def detect_nested_field(cls, field_definition: FieldDefinition) -> bool:
        """A field is nested when its type is a mapped class."""
        return is_mapped_class(field_definition.annotation)


def _return_annotation(fn: Any, model_type: type[Any]) -> Any:
    """The return annotation of ``fn`` resolved in the model's module, or ``Any``."""
    try:
        hints = typing.get_type_hints(fn, localns=AbstractDTO.get_model_namespace(model_type), include_extras=True)
    except (NameError, TypeError):
        return Any
    return hints.get("return", Any)
