"""The query repository: run arbitrary SELECT statements with the repository's error handling.

``_query_async.py`` is the source; ``_query_sync.py`` is generated from it by ``hatch run generate-sync``.
"""

from __future__ import annotations

import builtins
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy import exc as sa_exc

from sqlalchemist.exceptions import ErrorMessages, MultipleResultsFoundError, NotFoundError, wrap_sqlalchemy_exception
from sqlalchemist.repository._statements import describe_criteria

if TYPE_CHECKING:
    from sqlalchemy.engine import Result
    from sqlalchemy.orm import Session, scoped_session
    from sqlalchemy.sql import Executable

__all__ = ()


class SQLAlchemySyncQueryRepository:
    """Run any SELECT: ``SQLAlchemySyncQueryRepository(session=s).list(select(Author.name))``.

    Keyword arguments of the methods are equality filters (``filter_by``) on the statement's primary entity.
    """

    def __init__(
        self,
        *,
        session: Session | scoped_session[Session],
        error_messages: ErrorMessages | None = None,
        wrap_exceptions: bool = True,
    ) -> None:
        self.session = session
        self.error_messages = error_messages
        self.wrap_exceptions = wrap_exceptions

    def _wrap(self) -> AbstractContextManager[None]:
        if not self.wrap_exceptions:
            return nullcontext()
        return wrap_sqlalchemy_exception(error_messages=self.error_messages)

    def get_one_or_none(self, statement: Select[Any], **kwargs: Any) -> Row[Any] | None:
        """Return the one row of ``statement`` filtered by ``kwargs``, or None; several raise an error."""
        with self._wrap():
            result = self.session.execute(statement.filter_by(**kwargs) if kwargs else statement)
            try:
                row: Row[Any] | None = result.one_or_none()
                return row
            except sa_exc.MultipleResultsFound:
                msg = f"query matching {describe_criteria(kwargs, ())}: expected at most one row, found several"
                raise MultipleResultsFoundError(msg) from None

    def get_one(self, statement: Select[Any], **kwargs: Any) -> Row[Any]:
        """Return the one row of ``statement`` filtered by ``kwargs``; NotFoundError when there is none."""
        row = self.get_one_or_none(statement, **kwargs)
        if row is None:
            msg = f"no row found for the query matching {describe_criteria(kwargs, ())}"
            raise NotFoundError(msg)
        return row

    def count(self, statement: Select[Any], **kwargs: Any) -> int:
        """Return how many rows ``statement`` filtered by ``kwargs`` produces."""
        filtered = statement.filter_by(**kwargs) if kwargs else statement
        with self._wrap():
            total = self.session.scalar(select(func.count()).select_from(filtered.order_by(None).subquery()))
        return int(total or 0)

    def list(self, statement: Select[Any], **kwargs: Any) -> builtins.list[Row[Any]]:
        """Return every row of ``statement`` filtered by ``kwargs``."""
        with self._wrap():
            result = self.session.execute(statement.filter_by(**kwargs) if kwargs else statement)
            return builtins.list(result.all())

    def list_and_count(self, statement: Select[Any], **kwargs: Any) -> tuple[builtins.list[Row[Any]], int]:
        """Return the rows of ``statement`` and the total number of rows it matches, without LIMIT/OFFSET."""
        filtered = statement.filter_by(**kwargs) if kwargs else statement
        with self._wrap():
            total = self.session.scalar(
                select(func.count()).select_from(filtered.order_by(None).limit(None).offset(None).subquery())
            )
            result = self.session.execute(filtered)
            return builtins.list(result.all()), int(total or 0)

    def execute(self, statement: Executable, **kwargs: Any) -> Result[Any]:
        """Execute ``statement`` with ``kwargs`` as bound parameters and return the result."""
        with self._wrap():
            return self.session.execute(statement, kwargs or None)
