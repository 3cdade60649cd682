"""The repository's reads: get, get_one, count, list. ``_reads_async.py`` is the source of ``_reads_sync.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select
from sqlalchemy import exc as sa_exc

from sqlalchemist.exceptions import (
    ErrorMessages,
    MultipleResultsFoundError,
)
from sqlalchemist.repository._core_async import AsyncRepositoryCore
from sqlalchemist.repository._greenlet import in_greenlet
from sqlalchemist.repository._loading import (
    MISSING,
    PlainListPlan,
    plain_get,
    plain_get_statement,
    plain_list,
    plain_list_plan,
)
from sqlalchemist.repository._statements import (
    count_statement,
    describe_criteria,
    ids_clause,
    is_paginating,
)
from sqlalchemist.repository._templates import TOTAL_LABEL, page_template
from sqlalchemist.repository._typing import FilterArg, LoadSpec, ModelT, OrderBySpec
from sqlalchemist.repository._util import (
    merge_error_messages,
    not_found_error,
    sync_session_of,
)
from sqlalchemist.repository._writes import (
    describe_id,
)

if TYPE_CHECKING:
    import builtins
    from collections.abc import Sequence

__all__ = ("AsyncRepositoryReads",)


class AsyncRepositoryReads(AsyncRepositoryCore[ModelT]):
    """The read methods of the repository."""

    async def get(
        self,
        item_id: Any,
        *,
        auto_expunge: bool | None = None,
        statement: Select[Any] | None = None,
        id_attribute: str | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        uniquify: bool | None = None,
    ) -> ModelT:
        """Return the instance whose ``id_attribute`` is ``item_id``; the identity map is looked at first.

        Raises NotFoundError (``Author with id=… not found``) when there is none.
        """
        id_attribute = id_attribute or self.id_attribute
        with self._wrap(error_messages):
            instance: ModelT | None
            if statement is None and not self._custom_statement and self._is_primary_key(id_attribute):
                instance = None
                plain = (
                    load is None
                    and not self._load
                    and not with_for_update
                    and not execution_options
                    and not self.execution_options
                )
                if plain:
                    instance = await self._plain_get(item_id)
                if instance is None:
                    instance = await self._session_get(item_id, load, with_for_update, execution_options)
            else:
                base = (self.statement if statement is None else statement).where(
                    ids_clause(self.model_type, id_attribute, item_id)
                )
                stmt = self._finish(
                    base, (), load=load, execution_options=execution_options, with_for_update=with_for_update
                )
                instance = self._one_or_none(
                    self._scalars(await self.session.execute(stmt), uniquify), describe_id(id_attribute, item_id)
                )
        if instance is None or instance is MISSING:
            messages = merge_error_messages(self.error_messages, error_messages)
            raise not_found_error(self.model_type, describe_id(id_attribute, item_id), messages)
        self._expunge(instance, auto_expunge)
        return instance

    async def _session_get(
        self,
        item_id: Any,
        load: LoadSpec | None,
        with_for_update: bool | dict[str, Any] | None,
        execution_options: dict[str, Any] | None,
    ) -> Any:
        return await self.session.get(
            self.model_type,
            item_id,
            options=self._options(load),  # type: ignore[arg-type]
            with_for_update=with_for_update,
            execution_options=self._execution_options(execution_options),
        )

    async def _plain_get(self, item_id: Any) -> Any:
        """Load a row by primary key with a prebuilt Core SELECT and make it a persistent instance.

        Used for simple mappings only (see ``plain_get_statement``), in one greenlet hop; anything unusual returns
        None so that ``Session.get`` handles it, and a missing row returns the ``MISSING`` marker (see ``plain_get``).
        """
        if plain_get_statement(self.model_type) is None or isinstance(item_id, (tuple, list, dict)):
            return None
        return await in_greenlet(plain_get, sync_session_of(self.session), self.model_type, item_id)

    def _one_or_none(self, scalars: Any, criteria: str) -> Any:
        try:
            return scalars.one_or_none()
        except sa_exc.MultipleResultsFound:
            msg = f"{self.model_type.__name__} matching {criteria}: expected at most one row, found several"
            raise MultipleResultsFoundError(msg) from None

    async def get_one_or_none(
        self,
        *filters: FilterArg,
        auto_expunge: bool | None = None,
        statement: Select[Any] | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        uniquify: bool | None = None,
        **kwargs: Any,
    ) -> ModelT | None:
        """Return the one instance matching the filters and ``**kwargs``, or None; several raise an error."""
        base, shaping, _ = self._where(statement, filters, kwargs)
        stmt = self._finish(
            base, shaping, load=load, execution_options=execution_options, with_for_update=with_for_update
        )
        with self._wrap(error_messages):
            result = await self.session.execute(stmt)
            instance: ModelT | None = self._one_or_none(
                self._scalars(result, uniquify), describe_criteria(kwargs, filters)
            )
        if instance is not None:
            self._expunge(instance, auto_expunge)
        return instance

    async def get_one(
        self,
        *filters: FilterArg,
        auto_expunge: bool | None = None,
        statement: Select[Any] | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        uniquify: bool | None = None,
        **kwargs: Any,
    ) -> ModelT:
        """Return the one instance matching the filters and ``**kwargs``; raise NotFoundError when none does."""
        instance = await self.get_one_or_none(
            *filters,
            auto_expunge=auto_expunge,
            statement=statement,
            error_messages=error_messages,
            load=load,
            execution_options=execution_options,
            with_for_update=with_for_update,
            uniquify=uniquify,
            **kwargs,
        )
        if instance is None:
            messages = merge_error_messages(self.error_messages, error_messages)
            raise not_found_error(self.model_type, describe_criteria(kwargs, filters), messages)
        return instance

    async def count(
        self,
        *filters: FilterArg,
        statement: Select[Any] | None = None,
        error_messages: ErrorMessages | None = None,
        execution_options: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> int:
        """Return how many rows match the filters and ``**kwargs``."""
        base, _, is_custom = self._where(statement, filters, kwargs)
        stmt = count_statement(base, is_custom=is_custom)
        with self._wrap(error_messages):
            total = await self.session.scalar(stmt, execution_options=self._execution_options(execution_options))
        return int(total or 0)

    async def exists(
        self,
        *filters: FilterArg,
        statement: Select[Any] | None = None,
        error_messages: ErrorMessages | None = None,
        execution_options: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> bool:
        """Return whether any row matches the filters and ``**kwargs`` (reads at most one row)."""
        base, _, is_custom = self._where(statement, filters, kwargs)
        one: ColumnElement[Any] = literal_column("1")
        if is_custom:
            stmt = select(one).select_from(base.order_by(None).subquery()).limit(1)
        else:
            stmt = base.with_only_columns(one, maintain_column_froms=True).order_by(None).limit(1)
        with self._wrap(error_messages):
            result = await self.session.execute(stmt, execution_options=self._execution_options(execution_options))
            return result.first() is not None

    async def list(
        self,
        *filters: FilterArg,
        auto_expunge: bool | None = None,
        statement: Select[Any] | None = None,
        order_by: OrderBySpec | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        uniquify: bool | None = None,
        **kwargs: Any,
    ) -> builtins.list[ModelT]:
        """Return the instances matching the filters and ``**kwargs`` (equality, or IN for a list value)."""
        instances: builtins.list[ModelT] | None = None
        plan = self._plain_plan(statement, load, execution_options, with_for_update)
        if plan is not None:  # the same filters on SELECT <columns>, the rows made into instances as the ORM would
            page = self._plain_page(plan, filters, kwargs, order_by, counted=False)
            unique = self.uniquify if uniquify is None else uniquify
            with self._wrap(error_messages):
                made = await in_greenlet(plain_list, sync_session_of(self.session), page, plan, unique)
            instances = None if made is None else made[0]
        if instances is None:
            base, shaping, _ = self._where(statement, filters, kwargs)
            stmt = self._finish(
                base,
                shaping,
                order_by=order_by,
                load=load,
                execution_options=execution_options,
                with_for_update=with_for_update,
            )
            with self._wrap(error_messages):
                instances = self._scalars(await self.session.execute(stmt), uniquify).all()
        for instance in instances:
            self._expunge(instance, auto_expunge)
        return instances

    async def list_and_count(
        self,
        *filters: FilterArg,
        auto_expunge: bool | None = None,
        statement: Select[Any] | None = None,
        order_by: OrderBySpec | None = None,
        count_with_window_function: bool | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        uniquify: bool | None = None,
        **kwargs: Any,
    ) -> tuple[builtins.list[ModelT], int]:
        """Return one page of matching instances and the total number of matches.

        One query with ``count(*) OVER ()``; a separate COUNT for an empty page past the end, or with ``uniquify`` or
        ``with_for_update`` (where joined rows or locking rule the window out).
        """
        use_window = (
            self.count_with_window_function if count_with_window_function is None else count_with_window_function
        )
        unique = self.uniquify if uniquify is None else uniquify
        plan = self._plain_plan(statement, load, execution_options, with_for_update) if use_window else None
        if plan is not None and not unique:  # as in list(): SELECT <columns>, COUNT(*) OVER (), rows made instances
            page = self._plain_page(plan, filters, kwargs, order_by, counted=True)
            with self._wrap(error_messages):
                made = await in_greenlet(plain_list, sync_session_of(self.session), page, plan, False, 1)
                if made is not None:
                    page_instances, page_rows = made
                    if page_rows:
                        page_total = int(page_rows[0][-1])
                    else:  # whether the empty page skipped rows decides if a COUNT is needed
                        page_base, page_shaping, _ = self._where(plan.select, filters, kwargs)
                        page_total = await self._window_total(page_rows, page_base, page_shaping, is_custom=False)
                    for instance in page_instances:
                        self._expunge(instance, auto_expunge)
                    return page_instances, page_total
        base, shaping, is_custom = self._where(statement, filters, kwargs)
        stmt = self._finish(
            base,
            shaping,
            order_by=order_by,
            load=load,
            execution_options=execution_options,
            with_for_update=with_for_update,
        )
        with self._wrap(error_messages):
            if use_window and not with_for_update and not unique:
                result = await self.session.execute(stmt.add_columns(func.count().over().label(TOTAL_LABEL)))
                rows = result.all()
                instances: builtins.list[ModelT] = [row[0] for row in rows]
                total = await self._window_total(rows, base, shaping, is_custom=is_custom)
            else:
                total = int(await self.session.scalar(count_statement(base, is_custom=is_custom)) or 0)
                instances = self._scalars(await self.session.execute(stmt), uniquify).all()
        for instance in instances:
            self._expunge(instance, auto_expunge)
        return instances, total

    get_many = list
    get_many_and_count = list_and_count

    async def _window_total(
        self, rows: Sequence[Any], base: Select[Any], shaping: Sequence[FilterArg], *, is_custom: bool
    ) -> int:
        """Return the total a page read with ``COUNT(*) OVER ()`` (its last column) gives; an empty page says
        nothing when it skipped rows or the statement is custom, so then the rows of ``base`` are counted."""
        if rows:
            return int(rows[0][-1])
        if is_paginating(shaping) or is_custom:
            return int(await self.session.scalar(count_statement(base, is_custom=is_custom)) or 0)
        return 0

    def _plain_page(
        self,
        plan: PlainListPlan,
        filters: Sequence[FilterArg],
        kwargs: dict[str, Any],
        order_by: OrderBySpec | None,
        *,
        counted: bool,
    ) -> tuple[Select[Any], dict[str, Any] | None]:
        """Return the page statement of ``plan`` for the filters and its parameters: a statement built once per
        shape of the filters when they allow it (``page_template``), else one built for this call."""
        effective_order = self.order_by if order_by is None else order_by
        templated = None if kwargs else page_template(plan, filters, effective_order, counted=counted)
        if templated is not None:
            return templated
        page_base, page_shaping, _ = self._where(plan.select, filters, kwargs)
        page = self._finish(page_base, page_shaping, order_by=order_by, load=())
        return (page.add_columns(func.count().over().label(TOTAL_LABEL)) if counted else page), None

    def _plain_plan(
        self,
        statement: Select[Any] | None,
        load: LoadSpec | None,
        execution_options: dict[str, Any] | None,
        with_for_update: bool | dict[str, Any] | None,
    ) -> PlainListPlan | None:
        """Return the plan to read a list over Core (see ``plain_list``), or None when the ORM must: a custom
        statement, locking, execution options, lazy relationships not inherited, or default loader options."""
        if (
            statement is not None
            or self._custom_statement
            or with_for_update
            or execution_options
            or self.execution_options
            or not self.inherit_lazy_relationships
            or (load is None and self._load)
        ):
            return None
        return plain_list_plan(self.model_type, load)
