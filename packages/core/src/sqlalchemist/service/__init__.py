"""Services: business logic over a repository, accepting models, dicts and schema instances as input.

Example::

    class AuthorService(SQLAlchemyAsyncRepositoryService[Author]):
        repository_type = AuthorRepository

    author = await AuthorService(session).create({"name": "Ann"})
"""

from __future__ import annotations

from sqlalchemist.service import pagination
from sqlalchemist.service._async import SQLAlchemyAsyncRepositoryReadService, SQLAlchemyAsyncRepositoryService
from sqlalchemist.service._common import Operation
from sqlalchemist.service._conversion import schema_dump, to_schema
from sqlalchemist.service._sync import SQLAlchemySyncRepositoryReadService, SQLAlchemySyncRepositoryService
from sqlalchemist.service._typing import (
    ModelDictListT,
    ModelDictT,
    ModelT,
    SupportedSchemaModel,
    is_attrs_instance,
    is_attrs_instance_with_field,
    is_attrs_instance_without_field,
    is_dataclass_instance,
    is_dataclass_instance_with_field,
    is_dataclass_instance_without_field,
    is_dict,
    is_dict_with_field,
    is_dict_without_field,
    is_msgspec_struct,
    is_msgspec_struct_with_field,
    is_msgspec_struct_without_field,
    is_pydantic_model,
    is_pydantic_model_with_field,
    is_pydantic_model_without_field,
)
from sqlalchemist.service.pagination import OffsetPagination

__all__ = (
    "ModelDictListT",
    "ModelDictT",
    "ModelT",
    "OffsetPagination",
    "Operation",
    "SQLAlchemyAsyncRepositoryReadService",
    "SQLAlchemyAsyncRepositoryService",
    "SQLAlchemySyncRepositoryReadService",
    "SQLAlchemySyncRepositoryService",
    "SupportedSchemaModel",
    "is_attrs_instance",
    "is_attrs_instance_with_field",
    "is_attrs_instance_without_field",
    "is_dataclass_instance",
    "is_dataclass_instance_with_field",
    "is_dataclass_instance_without_field",
    "is_dict",
    "is_dict_with_field",
    "is_dict_without_field",
    "is_msgspec_struct",
    "is_msgspec_struct_with_field",
    "is_msgspec_struct_without_field",
    "is_pydantic_model",
    "is_pydantic_model_with_field",
    "is_pydantic_model_without_field",
    "pagination",
    "schema_dump",
    "to_schema",
)
