"""Find StoredObject columns on mapped classes and attach their attribute listeners."""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Mapper

from sqlalchemist_storage._file_list import FileObjectList
from sqlalchemist_storage._stored_object import StoredObject

__all__ = ("install_mapper_hooks", "stored_columns")

_COLUMNS: weakref.WeakKeyDictionary[Mapper[Any], tuple[tuple[str, StoredObject, str], ...]] = (
    weakref.WeakKeyDictionary()
)


def stored_columns(mapper: Mapper[Any]) -> tuple[tuple[str, StoredObject, str], ...]:
    """Return ``(attribute key, column type, "table.column")`` for every StoredObject column of ``mapper``."""
    found = _COLUMNS.get(mapper)
    if found is None:
        items: list[tuple[str, StoredObject, str]] = []
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            if isinstance(column.type, StoredObject):
                table = getattr(column.table, "name", "?")
                items.append((prop.key, column.type, f"{table}.{column.name}"))
        found = _COLUMNS[mapper] = tuple(items)
    return found


def _validator(column_type: StoredObject, label: str) -> Any:
    def on_set(target: Any, value: Any, oldvalue: Any, initiator: Any) -> Any:
        for file in column_type.files_of(value):
            if file.has_pending_content:
                column_type.validate(file, column=label)
        return value

    return on_set


def _on_mapper_configured(mapper: Mapper[Any], class_: type[Any]) -> None:
    for key, column_type, label in stored_columns(mapper):
        attribute = getattr(class_, key)
        # active_history: the replaced file is loaded on assignment, so it can be deleted after commit.
        event.listen(attribute, "set", _validator(column_type, label), active_history=True, retval=True)
        if column_type.multiple:
            FileObjectList.associate_with_attribute(attribute)


_installed = False


def install_mapper_hooks() -> None:
    """Listen for mapper configuration (once per process) to wire StoredObject columns."""
    global _installed
    if not _installed:
        event.listen(Mapper, "mapper_configured", _on_mapper_configured)
        _installed = True
