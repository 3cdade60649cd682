"""Table names, ``to_dict``, the naming convention, the type annotation map and metadata per bind key."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

import pytest
from sqlalchemy import CheckConstraint, Date, ForeignKey, LargeBinary, MetaData, Numeric, String, UniqueConstraint
from sqlalchemy.dialects import mysql, postgresql
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.schema import CreateTable

from sqlalchemist import base
from sqlalchemist.types import GUID, DateTimeUTC, JsonB


class BaseAuthorModel(base.UUIDBase):
    name: Mapped[str] = mapped_column(String(40))


class BaseUUIDv7Thing(base.UUIDv7Base):
    pass


class BaseHTTPRequestLog(base.BigIntBase):
    path: Mapped[str] = mapped_column(String(200))


class BaseNamedByHand(base.UUIDBase):
    __tablename__ = "base_hand_named"


class BaseShape(base.BigIntBase):
    kind: Mapped[str] = mapped_column(String(20))
    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "shape"}  # noqa: RUF012


class BaseCircle(BaseShape):
    radius: Mapped[int | None]
    __mapper_args__ = {"polymorphic_identity": "circle"}  # noqa: RUF012


class BaseTyped(base.UUIDAuditBase):
    __tablename__ = "base_typed"
    label: Mapped[str]
    born: Mapped[datetime.date]
    seen_at: Mapped[datetime.datetime | None]
    other_id: Mapped[uuid.UUID | None]
    payload: Mapped[dict[str, Any]]
    extra: Mapped[dict]  # type: ignore[type-arg]
    blob: Mapped[bytes | None]
    price: Mapped[decimal.Decimal | None]


class BaseNamedParent(base.BigIntBase):
    __tablename__ = "base_np"
    code: Mapped[str] = mapped_column(String(10), unique=True)


class BaseNamedChild(base.BigIntBase):
    __tablename__ = "base_nc"
    __table_args__ = (CheckConstraint("qty > 0", name="qty_positive"), UniqueConstraint("parent_id", "qty"))
    parent_id: Mapped[int] = mapped_column(ForeignKey("base_np.id"), index=True)
    qty: Mapped[int]


class BaseOtherBind(base.BigIntBase):
    __tablename__ = "base_other_bind"
    __bind_key__ = "base_tests_other"
    name: Mapped[str] = mapped_column(String(10))


class BaseOtherBindAbstract(base.UUIDBase):
    __abstract__ = True
    __bind_key__ = "base_tests_abstract"


class BaseOtherBindChild(BaseOtherBindAbstract):
    __tablename__ = "base_other_bind_child"


@pytest.mark.parametrize(
    ("model", "table"),
    [
        (BaseAuthorModel, "base_author_model"),
        (BaseUUIDv7Thing, "base_uuidv7_thing"),
        (BaseHTTPRequestLog, "base_http_request_log"),
        (BaseNamedByHand, "base_hand_named"),
    ],
)
def test_tablename_from_class_name_unless_set(model: type[Any], table: str) -> None:
    assert model.__tablename__ == table
    assert model.__table__.name == table


def test_single_table_subclass_shares_the_parent_table() -> None:
    assert BaseCircle.__table__ is BaseShape.__table__
    assert BaseShape.__table__.name == "base_shape"
    assert [c.name for c in BaseShape.__table__.c] == ["id", "kind", "radius"]


def test_to_dict_returns_columns_by_attribute_name() -> None:
    key = uuid.UUID("12345678-1234-5678-1234-567812345678")
    author = BaseAuthorModel(id=key, name="Ann")
    assert author.to_dict() == {"id": key, "name": "Ann"}
    assert author.to_dict(exclude={"id"}) == {"name": "Ann"}
    assert author.to_dict(exclude=["id", "name"]) == {}
    assert isinstance(author, base.ModelProtocol)


def test_type_annotation_map() -> None:
    columns = BaseTyped.__table__.c
    assert isinstance(columns.id.type, GUID)
    assert isinstance(columns.other_id.type, GUID)
    assert isinstance(columns.created_at.type, DateTimeUTC)
    assert isinstance(columns.seen_at.type, DateTimeUTC)
    assert isinstance(columns.born.type, Date)
    assert isinstance(columns.label.type, String)
    assert columns.payload.type is JsonB
    assert columns.extra.type is JsonB
    assert isinstance(columns.blob.type, LargeBinary)
    assert isinstance(columns.price.type, Numeric)
    assert [(c.name, c.nullable) for c in columns] == [
        ("id", False),
        ("label", False),
        ("born", False),
        ("seen_at", True),
        ("other_id", True),
        ("payload", False),
        ("extra", False),
        ("blob", True),
        ("price", True),
        ("created_at", False),
        ("updated_at", False),
    ]


@pytest.mark.parametrize(("dialect", "expected"), [("mysql", "VARCHAR(255)"), ("postgresql", "VARCHAR")])
def test_plain_str_gets_a_length_only_where_needed(dialect: str, expected: str) -> None:
    dialects = {"mysql": mysql.dialect(), "postgresql": postgresql.dialect()}
    ddl = str(CreateTable(BaseTyped.__table__).compile(dialect=dialects[dialect]))
    assert f"label {expected} NOT NULL" in ddl


def test_constraint_naming_convention() -> None:
    assert base.orm_registry.metadata.naming_convention == {
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }

    parent = str(CreateTable(BaseNamedParent.__table__).compile(dialect=postgresql.dialect()))
    child = str(CreateTable(BaseNamedChild.__table__).compile(dialect=postgresql.dialect()))
    assert "CONSTRAINT pk_base_np PRIMARY KEY (id)" in parent
    assert "CONSTRAINT uq_base_np_code UNIQUE (code)" in parent
    assert "CONSTRAINT pk_base_nc PRIMARY KEY (id)" in child
    assert "CONSTRAINT fk_base_nc_parent_id_base_np FOREIGN KEY(parent_id) REFERENCES base_np (id)" in child
    assert "CONSTRAINT ck_base_nc_qty_positive CHECK (qty > 0)" in child
    assert "CONSTRAINT uq_base_nc_parent_id UNIQUE (parent_id, qty)" in child
    assert {index.name for index in BaseNamedChild.__table__.indexes} == {"ix_base_nc_parent_id"}


def test_models_pick_metadata_by_bind_key() -> None:
    default = base.metadata_registry.get()
    other = base.metadata_registry.get("base_tests_other")
    assert default is base.orm_registry.metadata
    assert base.metadata_registry.get(None) is default
    assert other is not default
    assert other.naming_convention == default.naming_convention
    assert BaseOtherBind.__table__.metadata is other
    assert "base_other_bind" in other.tables
    assert "base_other_bind" not in default.tables
    assert BaseOtherBindChild.__table__.metadata is base.metadata_registry.get("base_tests_abstract")
    assert BaseAuthorModel.__table__.metadata is default
    assert "base_tests_other" in base.metadata_registry
    assert None in list(base.metadata_registry)
    assert base.metadata_registry["base_tests_other"] is other
    assert dict(base.metadata_registry.items())["base_tests_other"] is other


def test_metadata_registry_set_and_fresh_registries() -> None:
    registry = base.MetaDataRegistry(MetaData())
    assert list(registry) == [None]
    replacement = MetaData(schema="reports")
    registry.set("reports", replacement)
    assert registry.get("reports") is replacement
    assert len(registry) == 2
    created = registry.get("new")
    assert created.naming_convention["pk"] == "pk_%(table_name)s"
    assert list(registry) == [None, "reports", "new"]


def test_create_registry_has_convention_and_extra_types() -> None:
    money = Numeric(12, 2)
    registry = base.create_registry(type_annotation_map={decimal.Decimal: money})
    assert registry is not base.orm_registry
    assert registry.metadata is not base.orm_registry.metadata
    assert registry.metadata.naming_convention["fk"] == "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"
    assert registry.type_annotation_map[decimal.Decimal] is money
    assert registry.type_annotation_map[uuid.UUID] is GUID
    assert base.default_type_annotation_map()[datetime.datetime] is DateTimeUTC


class BaseCommentMixin:
    __table_args__ = (CheckConstraint("length(code) > 1", name="code_long"), {"comment": "from mixin"})


class BaseMerged(BaseCommentMixin, base.BigIntBase):
    __tablename__ = "base_merged"
    code: Mapped[str] = mapped_column(String(10))

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> base.TableArgsType:
        return base.merge_table_arguments(cls, table_args=(UniqueConstraint("code"), {"info": {"k": 1}}))


def test_merge_table_arguments() -> None:
    table = BaseMerged.__table__
    assert table.comment == "from mixin"
    assert table.info == {"k": 1}
    assert sorted(c.name for c in table.constraints if c.name) == [
        "ck_base_merged_code_long",
        "pk_base_merged",
        "uq_base_merged_code",
    ]
    assert base.merge_table_arguments(BaseMerged, BaseCommentMixin) == BaseCommentMixin.__table_args__
    assert base.merge_table_arguments(BaseMerged, table_args={"comment": "c"}) == (
        BaseCommentMixin.__table_args__[0],
        {"comment": "c"},
    )
    assert base.merge_table_arguments(BaseDefaultMixinless) == ()
    with pytest.raises(TypeError, match=r"^__table_args__ must be a tuple or a dict, got list: \[1\]$"):
        base.merge_table_arguments(BaseMerged, table_args=[1])  # type: ignore[arg-type]


class BaseDefaultMixinless(base.DefaultBase):
    __tablename__ = "base_mixinless"
    key: Mapped[int] = mapped_column(primary_key=True)


class BaseArgsMixin:
    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> base.TableArgsType:
        return base.merge_table_arguments(cls, table_args={"comment": "mixin"})


class BaseArgsChild(BaseArgsMixin):
    pass


def test_merge_table_arguments_does_not_reenter_itself() -> None:
    assert base.merge_table_arguments(BaseArgsChild) == ({"comment": "mixin"},)
    assert base.merge_table_arguments(BaseArgsChild, table_args=({"info": {}})) == ({"comment": "mixin", "info": {}},)
