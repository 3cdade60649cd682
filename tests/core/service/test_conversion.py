"""to_schema into pydantic, msgspec, attrs and dataclasses; OffsetPagination values; missing libraries."""

from __future__ import annotations

import dataclasses
import datetime
import subprocess
import sys
import uuid
from typing import Any

import attrs
import msgspec
import pydantic
import pytest
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sqlalchemist.exceptions import SerializationError
from sqlalchemist.filters import LimitOffset, SearchFilter
from sqlalchemist.service import OffsetPagination, to_schema


class SvcConvBase(DeclarativeBase):
    pass


class SvcConvAuthor(SvcConvBase):
    __tablename__ = "svc_conv_author"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str]
    dob: Mapped[datetime.date | None]


class AuthorPydantic(pydantic.BaseModel):
    id: uuid.UUID
    name: str
    dob: datetime.date | None = None


class AuthorStruct(msgspec.Struct):
    id: uuid.UUID
    name: str
    dob: datetime.date | None = None


@attrs.define
class AuthorAttrs:
    id: uuid.UUID
    name: str
    dob: datetime.date | None = None


@dataclasses.dataclass
class AuthorDataclass:
    id: uuid.UUID
    name: str
    dob: datetime.date | None = None


SCHEMAS = [AuthorPydantic, AuthorStruct, AuthorAttrs, AuthorDataclass]
ID_1, ID_2 = uuid.UUID(int=1), uuid.UUID(int=2)


def _authors() -> list[SvcConvAuthor]:
    return [
        SvcConvAuthor(id=ID_1, name="Ann", dob=datetime.date(1990, 1, 2)),
        SvcConvAuthor(id=ID_2, name="Bob", dob=None),
    ]


def _fields(obj: Any) -> tuple[Any, ...]:
    return (obj.id, obj.name, obj.dob)


@pytest.mark.parametrize("schema_type", SCHEMAS)
def test_one_model_becomes_the_schema(schema_type: type[Any]) -> None:
    result = to_schema(_authors()[0], schema_type=schema_type)
    assert type(result) is schema_type
    assert _fields(result) == (ID_1, "Ann", datetime.date(1990, 1, 2))


@pytest.mark.parametrize("schema_type", SCHEMAS)
def test_a_dict_becomes_the_schema(schema_type: type[Any]) -> None:
    result = to_schema({"id": ID_2, "name": "Bob"}, schema_type=schema_type)
    assert _fields(result) == (ID_2, "Bob", None)


@pytest.mark.parametrize("schema_type", SCHEMAS)
def test_a_list_with_total_becomes_an_offset_page(schema_type: type[Any]) -> None:
    filters = [SearchFilter("name", "a"), LimitOffset(limit=2, offset=4)]
    page = to_schema(_authors(), 9, filters=filters, schema_type=schema_type)
    assert isinstance(page, OffsetPagination)
    assert (page.limit, page.offset, page.total) == (2, 4, 9)
    assert [type(item) for item in page.items] == [schema_type, schema_type]
    assert [_fields(item) for item in page.items] == [
        (ID_1, "Ann", datetime.date(1990, 1, 2)),
        (ID_2, "Bob", None),
    ]


def test_page_without_limit_offset_spans_its_items() -> None:
    page = to_schema(_authors(), 7, schema_type=AuthorPydantic)
    assert (page.limit, page.offset, page.total) == (2, 0, 7)


def test_page_total_defaults_to_the_item_count_and_zero_stays_zero() -> None:
    assert to_schema(_authors(), schema_type=AuthorStruct).total == 2
    empty = to_schema([], 0, filters=[LimitOffset(10, 30)], schema_type=AuthorPydantic)
    assert (empty.items, empty.limit, empty.offset, empty.total) == ([], 10, 30, 0)
    assert to_schema(_authors(), 0).total == 0


def test_without_schema_type_models_are_returned_as_they_are() -> None:
    authors = _authors()
    assert to_schema(authors[0]) is authors[0]
    page = to_schema(authors, 5, filters=[LimitOffset(2, 0)])
    assert page == OffsetPagination(items=authors, limit=2, offset=0, total=5)


def test_offset_pagination_is_a_generic_dataclass() -> None:
    page = OffsetPagination[int](items=[1, 2], limit=2, offset=0, total=3)
    assert dataclasses.asdict(page) == {"items": [1, 2], "limit": 2, "offset": 0, "total": 3}


def test_pydantic_validation_errors_are_not_hidden() -> None:
    with pytest.raises(pydantic.ValidationError):
        to_schema({"id": "not-a-uuid", "name": "x"}, schema_type=AuthorPydantic)


def test_unsupported_schema_type_is_a_clear_error() -> None:
    with pytest.raises(SerializationError) as info:
        to_schema(_authors()[0], schema_type=int)
    assert str(info.value) == (
        "to_schema: schema_type must be a pydantic model, msgspec Struct, attrs class or dataclass; got <class 'int'>"
    )


def test_a_missing_library_names_the_package_to_install() -> None:
    code = (
        "import sys\n"
        "sys.modules['msgspec'] = None\n"
        "from sqlalchemist.service._conversion import import_optional\n"
        "from sqlalchemist.exceptions import MissingDependencyError\n"
        "try:\n"
        "    import_optional('msgspec', feature='to_schema into a msgspec Struct')\n"
        "except MissingDependencyError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "'msgspec' is required for to_schema into a msgspec Struct but is not installed; "
        'install it with: pip install "msgspec"'
    )
