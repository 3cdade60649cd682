"""The repository's configuration and shared plumbing. ``_core_async.py`` is the source of ``_core_sync.py``."""

from __future__ import annotations

import builtins
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any, Generic

from sqlalchemy import Select, select
from sqlalchemy.orm.attributes import instance_state

from sqlalchemist.exceptions import (
    ErrorMessages,
    ImproperConfigurationError,
    wrap_sqlalchemy_exception,
)
from sqlalchemist.repository._loading import loader_options
from sqlalchemist.repository._statements import (
    apply_filters,
    apply_order_by,
    default_statement,
    id_keys,
    kwargs_clauses,
    primary_key_keys,
    split_filters,
)
from sqlalchemist.repository._typing import FilterArg, LoadSpec, ModelT, OrderBySpec
from sqlalchemist.repository._util import (
    column_keys,
    merge_error_messages,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy.engine import Result
    from sqlalchemy.ext.asyncio import AsyncSession, async_scoped_session
    from sqlalchemy.orm import InstanceState
    from sqlalchemy.sql.base import ExecutableOption


__all__ = ("AsyncRepositoryCore",)


class AsyncRepositoryCore(Generic[ModelT]):
    """Configuration and shared plumbing of the repository: sessions, options, refresh, expunge."""

    model_type: type[ModelT]
    id_attribute: str = "id"
    match_fields: builtins.list[str] | str | None = None
    error_messages: ErrorMessages | None = None
    uniquify: bool = False
    inherit_lazy_relationships: bool = True
    count_with_window_function: bool = True
    loader_options: LoadSpec | None = None

    def __init__(
        self,
        *,
        session: AsyncSession | async_scoped_session[AsyncSession],
        statement: Select[Any] | None = None,
        auto_expunge: bool = False,
        auto_refresh: bool = True,
        auto_commit: bool = False,
        order_by: OrderBySpec | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        wrap_exceptions: bool = True,
        uniquify: bool | None = None,
        count_with_window_function: bool | None = None,
    ) -> None:
        model = getattr(type(self), "model_type", None)
        if model is None:
            msg = f"{type(self).__name__}.model_type is not set; add `model_type = YourModel` to the class"
            raise ImproperConfigurationError(msg)
        self.session = session
        self.auto_expunge = auto_expunge
        self.auto_refresh = auto_refresh
        self.auto_commit = auto_commit
        self.order_by = order_by
        self.error_messages = merge_error_messages(type(self).error_messages, error_messages)
        self.wrap_exceptions = wrap_exceptions
        self.execution_options = dict(execution_options or {})
        self.uniquify = type(self).uniquify if uniquify is None else uniquify
        if count_with_window_function is not None:
            self.count_with_window_function = count_with_window_function
        self._custom_statement = statement is not None
        self.statement: Select[Any] = statement if statement is not None else default_statement(model)
        self._load = loader_options(model, load or self.loader_options, inherit_lazy=self.inherit_lazy_relationships)
        self._dialect_name: str | None = None

    @property
    def dialect_name(self) -> str:
        """Name of the session's dialect for this model (``postgresql``, ``sqlite``, ``mysql`` ...)."""
        if self._dialect_name is None:
            self._dialect_name = self.session.get_bind(mapper=self.model_type).dialect.name
        return self._dialect_name

    @staticmethod
    async def check_health(session: AsyncSession | async_scoped_session[AsyncSession]) -> bool:
        """Return True when the database answers ``SELECT 1``."""
        result = await session.execute(select(1))
        return bool(result.scalar_one() == 1)

    def _wrap(self, error_messages: ErrorMessages | None) -> AbstractContextManager[None]:
        if not self.wrap_exceptions:
            return nullcontext()
        messages = merge_error_messages(self.error_messages, error_messages)
        return wrap_sqlalchemy_exception(model=self.model_type, error_messages=messages)

    def _options(self, load: LoadSpec | None) -> tuple[ExecutableOption, ...]:
        if load is None:
            return self._load
        return loader_options(self.model_type, load, inherit_lazy=self.inherit_lazy_relationships)

    def _execution_options(self, execution_options: dict[str, Any] | None) -> dict[str, Any]:
        return {**self.execution_options, **execution_options} if execution_options else self.execution_options

    def _where(
        self, statement: Select[Any] | None, filters: Sequence[FilterArg], kwargs: dict[str, Any]
    ) -> tuple[Select[Any], builtins.list[FilterArg], bool]:
        """Return the base statement with the row-restricting filters, the shaping filters, and if it is custom."""
        base = self.statement if statement is None else statement
        where, shaping = split_filters(filters)
        base = apply_filters(base, self.model_type, where)
        clauses = kwargs_clauses(self.model_type, kwargs)
        if clauses:
            base = base.where(*clauses)
        return base, shaping, statement is not None or self._custom_statement

    def _finish(
        self,
        statement: Select[Any],
        shaping: Sequence[FilterArg],
        *,
        order_by: OrderBySpec | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
    ) -> Select[Any]:
        statement = apply_order_by(statement, self.model_type, self.order_by if order_by is None else order_by)
        statement = apply_filters(statement, self.model_type, shaping)
        options = self._options(load)
        if options:
            statement = statement.options(*options)
        exec_options = self._execution_options(execution_options)
        if exec_options:
            statement = statement.execution_options(**exec_options)
        if with_for_update:
            statement = statement.with_for_update(**({} if with_for_update is True else with_for_update))
        return statement

    def _scalars(self, result: Result[Any], uniquify: bool | None) -> Any:
        scalars = result.scalars()
        return scalars.unique() if (self.uniquify if uniquify is None else uniquify) else scalars

    async def _flush_or_commit(self, auto_commit: bool | None) -> None:
        if self.auto_commit if auto_commit is None else auto_commit:
            await self.session.commit()
        else:
            await self.session.flush()

    async def _commit(self, auto_commit: bool | None) -> None:
        if self.auto_commit if auto_commit is None else auto_commit:
            await self.session.commit()

    async def _refresh(
        self,
        instance: ModelT,
        auto_refresh: bool | None,
        *,
        attribute_names: Sequence[str] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
    ) -> None:
        """Reload only what the database generated or a commit expired; nothing when every column is known."""
        if not (self.auto_refresh if auto_refresh is None else auto_refresh):
            return
        state: InstanceState[Any] = instance_state(instance)
        missing = column_keys(self.model_type).difference(state.dict)  # the columns among state.unloaded
        if state.key is None or not (missing or attribute_names):
            return
        names = builtins.list(attribute_names) if attribute_names else builtins.list(missing)
        await self.session.refresh(instance, attribute_names=names, with_for_update=with_for_update)

    def _expunge(self, instance: Any, auto_expunge: bool | None) -> None:
        if (self.auto_expunge if auto_expunge is None else auto_expunge) and instance in self.session:
            self.session.expunge(instance)

    def _is_primary_key(self, id_attribute: str) -> bool:
        return id_keys(self.model_type, id_attribute) == primary_key_keys(self.model_type)
