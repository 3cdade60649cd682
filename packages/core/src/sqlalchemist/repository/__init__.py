"""Repositories: typed CRUD, bulk writes, native upserts and pagination for one mapped model.

Example::

    class AuthorRepository(SQLAlchemyAsyncRepository[Author]):
        model_type = Author

    authors, total = await AuthorRepository(session=session).list_and_count(LimitOffset(10, 0))
"""

from __future__ import annotations

from sqlalchemist.repository._async import SQLAlchemyAsyncRepository, SQLAlchemyAsyncSlugRepository
from sqlalchemist.repository._query_async import SQLAlchemyAsyncQueryRepository
from sqlalchemist.repository._query_sync import SQLAlchemySyncQueryRepository
from sqlalchemist.repository._sync import SQLAlchemySyncRepository, SQLAlchemySyncSlugRepository
from sqlalchemist.repository._typing import FilterArg, LoadSpec, ModelT, OrderingPair
from sqlalchemist.repository._util import get_instrumented_attr, model_from_dict

__all__ = (
    "FilterArg",
    "LoadSpec",
    "ModelT",
    "OrderingPair",
    "SQLAlchemyAsyncQueryRepository",
    "SQLAlchemyAsyncRepository",
    "SQLAlchemyAsyncSlugRepository",
    "SQLAlchemySyncQueryRepository",
    "SQLAlchemySyncRepository",
    "SQLAlchemySyncSlugRepository",
    "get_instrumented_attr",
    "model_from_dict",
)
