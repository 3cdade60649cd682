"""The I/O-free half of the services, shared by the async and the sync twin: input conversion and options."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeAlias, TypeVar, overload

from sqlalchemy import inspect as sa_inspect

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.service._conversion import is_mapped_instance, schema_dump, to_schema
from sqlalchemist.service._typing import ModelDictT, ModelT

if TYPE_CHECKING:
    from sqlalchemist.service.pagination import OffsetPagination

__all__ = ("Operation", "ServiceBase", "given")

Operation: TypeAlias = Literal["create", "update", "upsert", "delete"]
ItemT = TypeVar("ItemT")
SchemaT = TypeVar("SchemaT")


def given(**options: Any) -> dict[str, Any]:
    """Return the options that were given (not None), so the repository's own defaults apply to the rest."""
    return {name: value for name, value in options.items() if value is not None}


class ServiceBase(Generic[ModelT]):
    """Conversion of service input into models, and of models into schemas."""

    repository_type: ClassVar[type[Any]]
    """The repository class the service builds for each session; set it on every service subclass."""

    @overload
    def to_schema(
        self,
        data: Sequence[ItemT],
        total: int | None = None,
        filters: Sequence[Any] | None = None,
        *,
        schema_type: type[SchemaT],
    ) -> OffsetPagination[SchemaT]: ...
    @overload
    def to_schema(
        self,
        data: Sequence[ItemT],
        total: int | None = None,
        filters: Sequence[Any] | None = None,
        *,
        schema_type: None = None,
    ) -> OffsetPagination[ItemT]: ...
    @overload
    def to_schema(
        self, data: ItemT, total: int | None = None, filters: Sequence[Any] | None = None, *, schema_type: type[SchemaT]
    ) -> SchemaT: ...
    @overload
    def to_schema(
        self, data: ItemT, total: int | None = None, filters: Sequence[Any] | None = None, *, schema_type: None = None
    ) -> ItemT: ...
    def to_schema(
        self,
        data: Any,
        total: int | None = None,
        filters: Sequence[Any] | None = None,
        *,
        schema_type: type[Any] | None = None,
    ) -> Any:
        """Convert a model into ``schema_type``, or a sequence of them into an OffsetPagination (see ``to_schema``)."""
        return to_schema(data, total, filters, schema_type=schema_type)

    @classmethod
    def _repository_class(cls) -> type[Any]:
        repository_type = getattr(cls, "repository_type", None)
        if repository_type is None:
            msg = f"{cls.__name__} has no repository_type; set `repository_type = <your repository class>` on it"
            raise ImproperConfigurationError(msg)
        return repository_type  # type: ignore[no-any-return]

    @property
    def model_type(self) -> type[ModelT]:
        """The model class the service's repository manages."""
        model_type: type[ModelT] = self._repository_class().model_type
        return model_type

    def _model_from(self, data: ModelDictT[ModelT]) -> ModelT:
        """Return ``data`` as a model instance: a model passes through, other input builds a new one."""
        model_type = self.model_type
        if isinstance(data, model_type):
            return data
        values = schema_dump(data)
        if not isinstance(values, Mapping):
            msg = (
                f"{type(self).__name__} expected a {model_type.__name__}, a dict, or a pydantic, msgspec, attrs "
                f"or dataclass instance; got {type(data).__name__}"
            )
            raise TypeError(msg)
        return model_type(**values)

    def _changes_from(self, data: ModelDictT[ModelT]) -> dict[str, Any]:
        """Return the attributes ``data`` sets: a dict's items, a schema's set fields, a model's loaded columns."""
        if is_mapped_instance(data):
            state = sa_inspect(data)
            return {key: getattr(data, key) for key in state.mapper.column_attrs.keys() if key in state.dict}  # noqa: SIM118
        values = schema_dump(data)
        if not isinstance(values, Mapping):
            msg = f"{type(self).__name__}.update expected a model, a dict or a schema instance; got {type(data)!r}"
            raise TypeError(msg)
        return dict(values)

    def _apply_changes(self, instance: ModelT, changes: Mapping[str, Any]) -> ModelT:
        """Set each of ``changes`` on ``instance``; refuse names the model does not have."""
        model_type = type(instance)
        for name, value in changes.items():
            if not hasattr(model_type, name):
                msg = f"{model_type.__name__} has no attribute {name!r} to update"
                raise TypeError(msg)
            setattr(instance, name, value)
        return instance
