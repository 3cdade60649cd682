"""Type guards and schema_dump over every accepted input type, and the lazy detection of libraries."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from typing import Any

import attrs
import msgspec
import pydantic
import pytest
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

import sqlalchemist.service as service
from sqlalchemist.service import (
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
    schema_dump,
)


class SvcTypingBase(DeclarativeBase):
    pass


class SvcTypingModel(SvcTypingBase):
    __tablename__ = "svc_typing_model"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class PydanticIn(pydantic.BaseModel):
    name: str | None = None
    age: int | None = None


class StructIn(msgspec.Struct):
    name: str | msgspec.UnsetType = msgspec.UNSET
    age: int | msgspec.UnsetType = msgspec.UNSET


@attrs.define
class AttrsIn:
    name: str
    age: int | None = None


@dataclasses.dataclass
class DataclassIn:
    name: str
    age: Any = msgspec.UNSET


GUARDS: dict[str, tuple[Any, Any, Any]] = {
    "dict": (is_dict, is_dict_with_field, is_dict_without_field),
    "pydantic": (is_pydantic_model, is_pydantic_model_with_field, is_pydantic_model_without_field),
    "msgspec": (is_msgspec_struct, is_msgspec_struct_with_field, is_msgspec_struct_without_field),
    "attrs": (is_attrs_instance, is_attrs_instance_with_field, is_attrs_instance_without_field),
    "dataclass": (is_dataclass_instance, is_dataclass_instance_with_field, is_dataclass_instance_without_field),
}
SAMPLES: dict[str, Any] = {
    "dict": {"name": "Ann"},
    "pydantic": PydanticIn(name="Ann"),
    "msgspec": StructIn(name="Ann"),
    "attrs": AttrsIn(name="Ann"),
    "dataclass": DataclassIn(name="Ann"),
}


@pytest.mark.parametrize("kind", list(GUARDS))
@pytest.mark.parametrize("sample_kind", list(SAMPLES))
def test_each_guard_recognises_only_its_own_kind(kind: str, sample_kind: str) -> None:
    is_kind, with_field, without_field = GUARDS[kind]
    sample = SAMPLES[sample_kind]
    matches = kind == sample_kind
    assert is_kind(sample) is matches
    assert with_field(sample, "name") is matches
    assert with_field(sample, "missing") is False
    assert without_field(sample, "missing") is matches
    assert without_field(sample, "name") is False


@pytest.mark.parametrize("guard", [is_attrs_instance, is_dataclass_instance, is_pydantic_model, is_msgspec_struct])
def test_guards_refuse_classes_and_plain_values(guard: Any) -> None:
    for value in (AttrsIn, DataclassIn, PydanticIn, StructIn, None, 3, "x", SvcTypingModel(name="a")):
        assert guard(value) is False


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param({"name": "Ann", "age": None}, {"name": "Ann", "age": None}, id="dict"),
        pytest.param(PydanticIn(age=3), {"age": 3}, id="pydantic-set-fields"),
        pytest.param(PydanticIn(name=None), {"name": None}, id="pydantic-explicit-none"),
        pytest.param(StructIn(age=4), {"age": 4}, id="msgspec-unset-skipped"),
        pytest.param(AttrsIn(name="Ann"), {"name": "Ann", "age": None}, id="attrs"),
        pytest.param(DataclassIn(name="Ann"), {"name": "Ann"}, id="dataclass-unset-skipped"),
        pytest.param(DataclassIn(name="Ann", age=5), {"name": "Ann", "age": 5}, id="dataclass"),
    ],
)
def test_schema_dump_returns_the_set_fields(data: Any, expected: dict[str, Any]) -> None:
    assert schema_dump(data) == expected


def test_schema_dump_keeps_all_fields_when_asked() -> None:
    assert schema_dump(PydanticIn(age=3), exclude_unset=False) == {"name": None, "age": 3}
    assert schema_dump(StructIn(age=4), exclude_unset=False) == {"name": msgspec.UNSET, "age": 4}


def test_schema_dump_passes_dicts_and_models_through() -> None:
    data = {"name": "Ann"}
    model = SvcTypingModel(name="Ann")
    assert schema_dump(data) is data
    assert schema_dump(model) is model


def test_schema_dump_is_shallow() -> None:
    inner = DataclassIn(name="in")
    assert schema_dump(DataclassIn(name="out", age=inner)) == {"name": "out", "age": inner}


def test_public_api() -> None:
    assert set(service.__all__) == {
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
        *(guard.__name__ for guards in GUARDS.values() for guard in guards),
        "pagination",
        "schema_dump",
        "to_schema",
    }
    for name in service.__all__:
        assert getattr(service, name) is not None
    from sqlalchemist.service.pagination import OffsetPagination

    assert service.OffsetPagination is OffsetPagination


def test_importing_the_service_loads_no_serialization_library() -> None:
    code = (
        "import sys\n"
        "import sqlalchemist, sqlalchemist.service, sqlalchemist.pagination\n"
        "from sqlalchemist.service import schema_dump, is_pydantic_model, is_msgspec_struct, is_attrs_instance\n"
        "assert schema_dump({'a': 1}) == {'a': 1}\n"
        "assert not is_pydantic_model(1) and not is_msgspec_struct(1) and not is_attrs_instance(1)\n"
        "loaded = sorted(m for m in ('pydantic', 'msgspec', 'attrs', 'attr', 'litestar') if m in sys.modules)\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
