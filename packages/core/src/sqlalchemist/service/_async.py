"""Repository services: a read-only one and a full CRUD one, each wrapping a repository built per session.

Edit ``_async.py`` only: ``_sync.py`` is generated from it by ``hatch run generate-sync``.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import Self, Unpack

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.pagination import CursorPage, CursorPagination, paginate_async
from sqlalchemist.repository._statements import apply_filters
from sqlalchemist.service._common import Operation, ServiceBase, given
from sqlalchemist.service._typing import ModelDictListT, ModelDictT, ModelT

if TYPE_CHECKING:
    import builtins
    from collections.abc import AsyncIterator, Iterable, Sequence

    from sqlalchemy import Select
    from sqlalchemy.ext.asyncio import AsyncSession, async_scoped_session

    from sqlalchemist.exceptions import ErrorMessages
    from sqlalchemist.repository import FilterArg, LoadSpec, SQLAlchemyAsyncRepository
    from sqlalchemist.service._options import (
        AddManyOptions,
        AddOptions,
        DeleteManyOptions,
        DeleteOptions,
        GetOptions,
        UpdateManyOptions,
        UpdateOptions,
        UpsertManyOptions,
        UpsertOptions,
    )


class SQLAlchemyAsyncRepositoryReadService(ServiceBase[ModelT]):
    """Read operations over one model through its repository: ``get``, ``list``, ``count`` and friends.

    Example: ``class AuthorService(SQLAlchemyAsyncRepositoryReadService[Author]): repository_type = AuthorRepo``.
    """

    repository_type: ClassVar[type[SQLAlchemyAsyncRepository[Any]]]
    loader_options: ClassVar[LoadSpec | None] = None
    """Default ``load`` for the repository when none is passed to the constructor."""

    def __init__(
        self,
        session: AsyncSession | async_scoped_session[AsyncSession],
        *,
        statement: Select[Any] | None = None,
        auto_expunge: bool = False,
        auto_refresh: bool = True,
        auto_commit: bool = False,
        order_by: Any = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        **repo_kwargs: Any,
    ) -> None:
        options = given(
            statement=statement,
            order_by=order_by,
            error_messages=error_messages,
            load=load if load is not None else self.loader_options,
            execution_options=execution_options,
        )
        self._repository: SQLAlchemyAsyncRepository[ModelT] = self._repository_class()(
            session=session,
            auto_expunge=auto_expunge,
            auto_refresh=auto_refresh,
            auto_commit=auto_commit,
            **options,
            **repo_kwargs,
        )

    @property
    def repository(self) -> SQLAlchemyAsyncRepository[ModelT]:
        """The repository this service wraps."""
        return self._repository

    @classmethod
    @asynccontextmanager
    async def new(
        cls,
        session: AsyncSession | async_scoped_session[AsyncSession] | None = None,
        statement: Select[Any] | None = None,
        config: Any = None,
        *,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        **service_kwargs: Any,
    ) -> AsyncIterator[Self]:
        """Yield a service on ``session``, or on a new session from ``config.get_session()`` closed afterwards.

        Example: ``async with AuthorService.new(config=alchemy_config) as service: await service.count()``.
        """
        options = given(statement=statement, error_messages=error_messages, load=load)
        options.update(given(execution_options=execution_options), **service_kwargs)
        if session is not None:
            yield cls(session, **options)
        elif config is not None:
            async with config.get_session() as db_session:
                yield cls(db_session, **options)
        else:
            msg = f"{cls.__name__}.new() needs a session or a config (an object with get_session()); got neither"
            raise ImproperConfigurationError(msg)

    async def get(self, item_id: Any, **options: Unpack[GetOptions]) -> ModelT:
        """Return the row with primary key ``item_id``; raise NotFoundError when there is none."""
        return await self.repository.get(item_id, **options)

    async def get_one(self, *filters: FilterArg, **kwargs: Any) -> ModelT:
        """Return the one row matching ``filters`` and ``kwargs``; raise NotFoundError when there is none."""
        return await self.repository.get_one(*filters, **kwargs)

    async def get_one_or_none(self, *filters: FilterArg, **kwargs: Any) -> ModelT | None:
        """Return the one row matching ``filters`` and ``kwargs``, or None."""
        return await self.repository.get_one_or_none(*filters, **kwargs)

    async def count(self, *filters: FilterArg, **kwargs: Any) -> int:
        """Return the number of rows matching ``filters`` and ``kwargs``."""
        return await self.repository.count(*filters, **kwargs)

    async def exists(self, *filters: FilterArg, **kwargs: Any) -> bool:
        """Return True when a row matches ``filters`` and ``kwargs``."""
        return await self.repository.exists(*filters, **kwargs)

    async def list(self, *filters: FilterArg, **kwargs: Any) -> Sequence[ModelT]:
        """Return the rows matching ``filters`` and ``kwargs``."""
        return await self.repository.list(*filters, **kwargs)

    async def list_and_count(self, *filters: FilterArg, **kwargs: Any) -> tuple[Sequence[ModelT], int]:
        """Return one page of rows matching ``filters`` and the count of all matching rows."""
        return await self.repository.list_and_count(*filters, **kwargs)

    async def paginate(
        self, pagination: CursorPagination, *filters: FilterArg, with_total: bool = False
    ) -> CursorPage[ModelT]:
        """Return one keyset page of the rows matching ``filters`` (a WHERE on the key, never an OFFSET)."""
        statement = apply_filters(self.repository.statement, self.model_type, filters)
        return await paginate_async(self.repository.session, statement, pagination, with_total=with_total)


class SQLAlchemyAsyncRepositoryService(SQLAlchemyAsyncRepositoryReadService[ModelT]):
    """Create, read, update and delete one model, from model instances, dicts or schema instances.

    Input may be a model, a dict, a pydantic model, a msgspec Struct, an attrs instance or a dataclass; only
    the fields that were set are used, so a PATCH with one field changes one column.
    """

    async def to_model_on_create(self, data: ModelDictT[ModelT]) -> ModelDictT[ModelT]:
        """Hook run on create input before it is converted to a model; override to adjust it."""
        return data

    async def to_model_on_update(self, data: ModelDictT[ModelT]) -> ModelDictT[ModelT]:
        """Hook run on update input before it is converted to a model; override to adjust it."""
        return data

    async def to_model_on_upsert(self, data: ModelDictT[ModelT]) -> ModelDictT[ModelT]:
        """Hook run on upsert input before it is converted to a model; override to adjust it."""
        return data

    async def to_model_on_delete(self, data: ModelDictT[ModelT]) -> ModelDictT[ModelT]:
        """Hook run by ``to_model(data, "delete")`` before conversion; override to adjust it."""
        return data

    async def _run_hook(self, data: ModelDictT[ModelT], operation: Operation | None) -> ModelDictT[ModelT]:
        if operation == "create":
            return await self.to_model_on_create(data)
        if operation == "update":
            return await self.to_model_on_update(data)
        if operation == "upsert":
            return await self.to_model_on_upsert(data)
        if operation == "delete":
            return await self.to_model_on_delete(data)
        return data

    async def to_model(self, data: ModelDictT[ModelT], operation: Operation | None = None) -> ModelT:
        """Run the hook of ``operation`` on ``data``, then convert the result into a model instance."""
        return self._model_from(await self._run_hook(data, operation))

    async def create(self, data: ModelDictT[ModelT], **options: Unpack[AddOptions]) -> ModelT:
        """Insert one row built from ``data`` and return it."""
        return await self.repository.add(await self.to_model(data, "create"), **options)

    async def create_many(self, data: ModelDictListT[ModelT], **options: Unpack[AddManyOptions]) -> Sequence[ModelT]:
        """Insert the rows built from ``data`` in one batch and return them."""
        models = [await self.to_model(item, "create") for item in data]
        return await self.repository.add_many(models, **options)

    async def update(
        self,
        data: ModelDictT[ModelT],
        item_id: Any | None = None,
        *,
        id_attribute: str | None = None,
        **options: Unpack[UpdateOptions],
    ) -> ModelT:
        """Update a row from ``data``; with ``item_id``, load that row and set only the fields ``data`` sets.

        Example: ``await service.update({"name": "Ann"}, item_id=author_id, auto_commit=True)``.
        """
        data = await self.to_model_on_update(data)
        if item_id is None:
            return await self.repository.update(self._model_from(data), **given(id_attribute=id_attribute), **options)
        changes = self._changes_from(data)
        instance = await self.repository.get(
            item_id,
            **given(
                id_attribute=id_attribute,
                with_for_update=options.get("with_for_update"),
                load=options.get("load"),
                execution_options=options.get("execution_options"),
                error_messages=options.get("error_messages"),
            ),
        )
        return await self.repository.update(self._apply_changes(instance, changes), **options)

    async def update_many(self, data: ModelDictListT[ModelT], **options: Unpack[UpdateManyOptions]) -> Sequence[ModelT]:
        """Update the rows built from ``data`` (each carrying its primary key) and return them."""
        models = [await self.to_model(item, "update") for item in data]
        return await self.repository.update_many(models, **options)

    async def upsert(
        self,
        data: ModelDictT[ModelT],
        item_id: Any | None = None,
        *,
        id_attribute: str | None = None,
        **options: Unpack[UpsertOptions],
    ) -> ModelT:
        """Insert a row built from ``data``, or update the existing one it matches; ``item_id`` sets its key."""
        model = await self.to_model(data, "upsert")
        if item_id is not None:
            setattr(model, id_attribute or self.repository.id_attribute, item_id)
        return await self.repository.upsert(model, **options)

    async def upsert_many(self, data: ModelDictListT[ModelT], **options: Unpack[UpsertManyOptions]) -> Sequence[ModelT]:
        """Insert or update the rows built from ``data`` and return them."""
        models = [await self.to_model(item, "upsert") for item in data]
        return await self.repository.upsert_many(models, **options)

    async def _hooked_fields(self, fields: dict[str, Any], operation: Operation) -> dict[str, Any]:
        data = await self._run_hook(fields, operation)
        return data if isinstance(data, dict) else self._changes_from(data)

    async def get_or_upsert(
        self,
        *filters: FilterArg,
        match_fields: builtins.list[str] | str | None = None,
        upsert: bool = True,
        attribute_names: Sequence[str] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        auto_refresh: bool | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        **fields: Any,
    ) -> tuple[ModelT, bool]:
        """Return ``(row, created)`` for the row matching ``fields`` on ``match_fields``, creating it if missing.

        With ``upsert=True`` an existing row is updated with ``fields``; the upsert hook runs on ``fields`` first.
        """
        values = await self._hooked_fields(fields, "upsert")
        options = given(
            match_fields=match_fields,
            attribute_names=attribute_names,
            with_for_update=with_for_update,
            auto_commit=auto_commit,
            auto_expunge=auto_expunge,
            auto_refresh=auto_refresh,
            error_messages=error_messages,
            load=load,
            execution_options=execution_options,
        )
        return await self.repository.get_or_upsert(*filters, upsert=upsert, **options, **values)

    async def get_and_update(
        self,
        *filters: FilterArg,
        match_fields: builtins.list[str] | str | None = None,
        attribute_names: Sequence[str] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        auto_refresh: bool | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        **fields: Any,
    ) -> tuple[ModelT, bool]:
        """Return ``(row, updated)``: the row matching ``fields`` on ``match_fields``, updated with ``fields``.

        The update hook runs on ``fields`` first; NotFoundError when no row matches.
        """
        values = await self._hooked_fields(fields, "update")
        options = given(
            match_fields=match_fields,
            attribute_names=attribute_names,
            with_for_update=with_for_update,
            auto_commit=auto_commit,
            auto_expunge=auto_expunge,
            auto_refresh=auto_refresh,
            error_messages=error_messages,
            load=load,
            execution_options=execution_options,
        )
        return await self.repository.get_and_update(*filters, **options, **values)

    async def delete(self, item_id: Any, **options: Unpack[DeleteOptions]) -> ModelT:
        """Delete the row with primary key ``item_id`` and return it; raise NotFoundError when there is none."""
        return await self.repository.delete(item_id, **options)

    async def delete_many(self, item_ids: Iterable[Any], **options: Unpack[DeleteManyOptions]) -> Sequence[ModelT]:
        """Delete the rows with the given primary keys and return them."""
        return await self.repository.delete_many(list(item_ids), **options)

    async def delete_where(self, *filters: FilterArg, **kwargs: Any) -> Sequence[ModelT]:
        """Delete the rows matching ``filters`` and ``kwargs`` and return them."""
        return await self.repository.delete_where(*filters, **kwargs)
