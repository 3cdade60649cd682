"""FileObjectList: the value of a ``StoredObject(multiple=True)`` column, a list whose changes the ORM sees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.mutable import MutableList

from sqlalchemist_storage._file_object import FileObject

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ("FileObjectList",)


class FileObjectList(MutableList[FileObject]):
    """A list of FileObjects; appends, removals and replacements mark the row changed.

    Files removed from the list are deleted from their backend when the row's transaction commits.
    """

    def __init__(self, items: Iterable[FileObject] = ()) -> None:
        """Start with ``items``; they count as already stored."""
        super().__init__(items)
        self._committed: list[FileObject] = list(self)

    @classmethod
    def coerce(cls, key: str, value: Any) -> Any:
        """Turn a plain list (or None) assigned to the column into a FileObjectList."""
        if value is None or isinstance(value, cls):
            return value
        if isinstance(value, (list, tuple)):
            items = list(value)
            for item in items:
                if not isinstance(item, FileObject):
                    msg = f"{key}: expected a list of FileObject, got an item of type {type(item).__name__}"
                    raise TypeError(msg)
            fresh = cls(items)
            fresh._committed = []
            return fresh
        return super().coerce(key, value)

    def removed_files(self) -> list[FileObject]:
        """Files that were in the list when it was loaded or last committed and are no longer in it."""
        current = {item.identity for item in self}
        return [item for item in self._committed if item.identity not in current]

    def mark_committed(self) -> None:
        """Treat the current items as the stored state (called after commit)."""
        self._committed = list(self)
