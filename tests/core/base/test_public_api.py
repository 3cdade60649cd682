"""The public names of sqlalchemist.base, sqlalchemist.mixins and sqlalchemist.utils.text."""

from __future__ import annotations

from sqlalchemist import base, mixins
from sqlalchemist.utils import text


def test_base_exports() -> None:
    assert set(base.__all__) == {
        "AdvancedDeclarativeBase",
        "BasicAttributes",
        "BigIntAuditBase",
        "BigIntBase",
        "CommonTableAttributes",
        "DefaultBase",
        "IdentityAuditBase",
        "IdentityBase",
        "MetaDataRegistry",
        "ModelProtocol",
        "NanoIDAuditBase",
        "NanoIDBase",
        "TableArgsType",
        "UUIDAuditBase",
        "UUIDBase",
        "UUIDv6AuditBase",
        "UUIDv6Base",
        "UUIDv7AuditBase",
        "UUIDv7Base",
        "convention",
        "create_registry",
        "default_type_annotation_map",
        "merge_table_arguments",
        "metadata_registry",
        "orm_registry",
    }
    for name in base.__all__:
        assert getattr(base, name) is not None


def test_mixins_exports() -> None:
    assert set(mixins.__all__) == {
        "AuditColumns",
        "BigIntPrimaryKey",
        "IdentityPrimaryKey",
        "NanoIDPrimaryKey",
        "SentinelMixin",
        "SlugKey",
        "UUIDPrimaryKey",
        "UUIDv6PrimaryKey",
        "UUIDv7PrimaryKey",
        "UniqueMixin",
    }
    for name in mixins.__all__:
        assert getattr(mixins, name) is not None


def test_utils_text_exports() -> None:
    assert set(text.__all__) == {"camelize", "check_email", "slugify", "snake_case"}
