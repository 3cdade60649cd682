"""The repository: CRUD, bulk writes and native upserts for one mapped model.

``_async.py`` is the source; ``_sync.py`` is generated from it by ``hatch run generate-sync``.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select

from sqlalchemist.repository._statements import (
    chunked,
    delete_by_ids_statement,
    id_keys,
    ids_parameters,
    keys_per_statement,
    kwargs_clauses,
    primary_key_keys,
    select_by_ids_statement,
)
from sqlalchemist.repository._typing import FilterArg, LoadSpec, ModelT
from sqlalchemist.utils.text import slugify

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.orm import Mapper

    from sqlalchemist.exceptions import (
        ErrorMessages,
    )


from sqlalchemy import inspect as sa_inspect

from sqlalchemist.repository._loading import plain_get_allowed
from sqlalchemist.repository._util import row_instance_maker, sync_session_of, tuple_getter
from sqlalchemist.repository._writes import core_delete_returning, has_flush_hooks
from sqlalchemist.repository._writes_async import AsyncRepositoryWrites

__all__ = ("SQLAlchemyAsyncRepository", "SQLAlchemyAsyncSlugRepository")


class SQLAlchemyAsyncRepository(AsyncRepositoryWrites[ModelT]):
    """Repository for ``model_type``: ``class AuthorRepository(SQLAlchemyAsyncRepository[Author])``.

    Example: ``await AuthorRepository(session=session).list_and_count(LimitOffset(10, 0), name="Ann")``.
    """

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
        **kwargs: Any,
    ) -> tuple[ModelT, bool]:
        """Return ``(instance, created)``: the row matching ``match_fields`` of ``kwargs``, updated, or a new one."""
        existing = await self.get_one_or_none(
            *filters,
            error_messages=error_messages,
            load=load,
            execution_options=execution_options,
            with_for_update=with_for_update,
            **self._match_kwargs(match_fields, kwargs),
        )
        if existing is None:
            created = self.model_type(**kwargs)
            await self.add(
                created,
                auto_commit=auto_commit,
                auto_expunge=auto_expunge,
                auto_refresh=auto_refresh,
                error_messages=error_messages,
            )
            return created, True
        if upsert:
            await self._apply_changes(
                existing,
                kwargs,
                auto_commit=auto_commit,
                auto_refresh=auto_refresh,
                attribute_names=attribute_names,
                error_messages=error_messages,
            )
        self._expunge(existing, auto_expunge)
        return existing, False

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
        **kwargs: Any,
    ) -> tuple[ModelT, bool]:
        """Return ``(instance, updated)`` for the row matching ``match_fields``; NotFoundError when none does."""
        existing = await self.get_one(
            *filters,
            error_messages=error_messages,
            load=load,
            execution_options=execution_options,
            with_for_update=with_for_update,
            **self._match_kwargs(match_fields, kwargs),
        )
        updated = await self._apply_changes(
            existing,
            kwargs,
            auto_commit=auto_commit,
            auto_refresh=auto_refresh,
            attribute_names=attribute_names,
            error_messages=error_messages,
        )
        self._expunge(existing, auto_expunge)
        return existing, updated

    def _match_kwargs(self, match_fields: builtins.list[str] | str | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        fields = match_fields if match_fields is not None else self.match_fields
        if fields is None:
            return kwargs
        names = (fields,) if isinstance(fields, str) else fields
        return {name: kwargs[name] for name in names if name in kwargs} or kwargs

    async def _apply_changes(
        self,
        instance: ModelT,
        values: dict[str, Any],
        *,
        auto_commit: bool | None,
        auto_refresh: bool | None,
        attribute_names: Sequence[str] | None,
        error_messages: ErrorMessages | None,
    ) -> bool:
        changed = False
        for key, value in values.items():
            if getattr(instance, key) != value:
                setattr(instance, key, value)
                changed = True
        if changed:
            with self._wrap(error_messages):
                await self._flush_or_commit(auto_commit)
                await self._refresh(instance, auto_refresh, attribute_names=attribute_names)
        return changed

    async def delete(
        self,
        item_id: Any,
        *,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        id_attribute: str | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
    ) -> ModelT:
        """Delete the instance whose ``id_attribute`` is ``item_id`` and return it; NotFoundError when missing."""
        instance = await self.get(
            item_id,
            id_attribute=id_attribute,
            error_messages=error_messages,
            load=load,
            execution_options=execution_options,
        )
        with self._wrap(error_messages):
            await self.session.delete(instance)
            await self._flush_or_commit(auto_commit)
        self._expunge(instance, auto_expunge)
        return instance

    async def delete_many(
        self,
        item_ids: Sequence[Any],
        *,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        id_attribute: str | None = None,
        chunk_size: int | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
    ) -> builtins.list[ModelT]:
        """Delete the rows with these ids by ``DELETE … WHERE id IN (…)`` in chunks; return the deleted instances."""
        return await self._delete_ids(
            builtins.list(item_ids),
            id_attribute or self.id_attribute,
            auto_commit=auto_commit,
            auto_expunge=auto_expunge,
            chunk_size=chunk_size,
            error_messages=error_messages,
            load=load,
            execution_options=execution_options,
        )

    async def _delete_ids(
        self,
        ids: builtins.list[Any],
        id_attribute: str | None,
        *,
        auto_commit: bool | None,
        auto_expunge: bool | None,
        chunk_size: int | None,
        error_messages: ErrorMessages | None,
        load: LoadSpec | None,
        execution_options: dict[str, Any] | None,
    ) -> builtins.list[ModelT]:
        """Delete the rows whose ``id_attribute`` (None: primary key) is one of ``ids``; return the instances."""
        if not ids:
            return []
        width = len(id_keys(self.model_type, id_attribute))
        size = chunk_size or keys_per_statement(self.dialect_name, width)
        deleted: builtins.list[ModelT] = []
        with self._wrap(error_messages):
            through_session = has_flush_hooks(self.session, self.model_type, ("before_delete", "after_delete"))
            dialect = self.session.get_bind(mapper=self.model_type).dialect
            returning = bool(dialect.delete_returning) and not through_session
            if returning and not load and not self._execution_options(execution_options):
                core_deleted = await self._delete_by_core(ids, id_attribute, size)
                if core_deleted is not None:
                    await self._commit(auto_commit)
                    return core_deleted
            statement = delete_by_ids_statement(self.model_type, id_attribute, returning=returning)
            exec_options = {**self._execution_options(execution_options), "synchronize_session": "fetch"}
            selected = self._finish(select_by_ids_statement(self.model_type, id_attribute), (), load=load)
            for chunk in chunked(ids, size):
                parameters = ids_parameters(chunk)
                if through_session:
                    found = builtins.list((await self.session.execute(selected, parameters)).scalars())
                    for instance in found:
                        await self.session.delete(instance)
                    deleted.extend(found)
                    continue
                if not returning:
                    deleted.extend((await self.session.execute(selected, parameters)).scalars())
                result = await self.session.execute(statement, parameters, execution_options=exec_options)
                if returning:
                    deleted.extend(result.scalars())
            if through_session:
                await self.session.flush()
            await self._commit(auto_commit)
        for instance in deleted:
            self._expunge(instance, auto_expunge)
        return deleted

    async def _delete_by_core(
        self, ids: builtins.list[Any], id_attribute: str | None, size: int
    ) -> builtins.list[Any] | None:
        """Delete with Core ``DELETE … RETURNING`` in chunks and return the rows as detached instances.

        Instances of deleted rows that the session holds leave it, as SQLAlchemy's "fetch" synchronisation does.
        None (nothing sent) for complex mappings or when listeners must see the rows.
        """
        model = self.model_type
        plan = core_delete_returning(model, id_attribute)
        mapper: Mapper[Any] = sa_inspect(model)
        sync_session = sync_session_of(self.session)
        if plan is None or not plain_get_allowed(sync_session, mapper):
            return None
        statement, names = plan
        pk_positions = [names.index(key) for key in primary_key_keys(model)]
        connection = await self.session.connection(bind_arguments={"mapper": model})
        identity_map = sync_session.identity_map
        get_state = identity_map.fast_get_state if identity_map else None  # nothing to find in an empty map
        make = row_instance_maker(mapper)
        identity_class = mapper._identity_class
        identity_of_row = tuple_getter(pk_positions)
        deleted: builtins.list[Any] = []
        gone: builtins.list[Any] = []
        for chunk in chunked(ids, size):
            for row in (await connection.execute(statement, ids_parameters(chunk))).all():
                key = (identity_class, identity_of_row(row), None)
                if get_state is not None:
                    held = get_state(key)
                    if held is not None and held.obj() is not None:
                        gone.append(held)
                deleted.append(make(zip(names, row, strict=True), key))
        if gone:
            sync_session._remove_newly_deleted(gone)
        return deleted

    async def delete_where(
        self,
        *filters: FilterArg,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> builtins.list[ModelT]:
        """Delete every row matching the filters and ``**kwargs``; return the deleted instances."""
        matching = await self.list(*filters, load=load, execution_options=execution_options, **kwargs)
        if not matching:
            return []
        pk_keys = primary_key_keys(self.model_type)
        ids = [
            getattr(item, pk_keys[0]) if len(pk_keys) == 1 else tuple(getattr(item, key) for key in pk_keys)
            for item in matching
        ]
        await self._delete_ids(
            ids,
            None,
            auto_commit=auto_commit,
            auto_expunge=auto_expunge,
            chunk_size=None,
            error_messages=error_messages,
            load=None,
            execution_options=execution_options,
        )
        return matching


class SQLAlchemyAsyncSlugRepository(SQLAlchemyAsyncRepository[ModelT]):
    """Repository for models with a unique ``slug`` column (see ``sqlalchemist.mixins.SlugKey``)."""

    async def get_by_slug(
        self,
        slug: str,
        *,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> ModelT | None:
        """Return the instance with this slug, or None."""
        return await self.get_one_or_none(
            error_messages=error_messages, load=load, execution_options=execution_options, slug=slug, **kwargs
        )

    async def get_available_slug(self, value_to_slugify: str, **kwargs: Any) -> str:
        """Return ``slugify(value)``, or the first free ``slug-2``, ``slug-3`` … when it is taken."""
        slug = slugify(value_to_slugify)
        column = getattr(self.model_type, "slug")  # noqa: B009
        statement = select(column).where(or_(column == slug, column.startswith(f"{slug}-", autoescape=True)))
        clauses = kwargs_clauses(self.model_type, kwargs)
        if clauses:
            statement = statement.where(*clauses)
        with self._wrap(None):
            taken = set((await self.session.execute(statement)).scalars())
        if slug not in taken:
            return slug
        number = 2
        while f"{slug}-{number}" in taken:
            number += 1
        return f"{slug}-{number}"
