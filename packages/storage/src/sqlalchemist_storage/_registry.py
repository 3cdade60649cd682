"""The registry of named storage backends that columns and FileObjects refer to by key."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist_storage._backend import StorageBackend
from sqlalchemist_storage._errors import BackendNotRegisteredError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ("ErrorPolicy", "StorageRegistry", "storages")

ErrorPolicy = Literal["raise", "log"]


class StorageRegistry:
    """Backends by key. ``cleanup_errors`` says whether failed deletions after commit/rollback raise or log.

    Example: ``storages.register_backend(ObstoreBackend(key="local", fs="file:///srv/files"))``.
    """

    def __init__(self, *, cleanup_errors: ErrorPolicy = "raise") -> None:
        """Start empty."""
        self._backends: dict[str, StorageBackend] = {}
        self.cleanup_errors: ErrorPolicy = cleanup_errors

    def register_backend(self, backend: StorageBackend, *, replace: bool = False) -> StorageBackend:
        """Register ``backend`` under its key and return it; another backend under that key needs ``replace=True``."""
        candidate: object = backend
        if not isinstance(candidate, StorageBackend):
            msg = f"register_backend expects a StorageBackend, got {type(backend).__name__}: {backend!r}"
            raise TypeError(msg)
        current = self._backends.get(backend.key)
        if current is not None and current is not backend and not replace:
            msg = (
                f"a storage backend is already registered as {backend.key!r} ({current!r}); "
                f"pass replace=True to register {backend!r} in its place"
            )
            raise ImproperConfigurationError(msg)
        self._backends[backend.key] = backend
        return backend

    def get_backend(self, key: str) -> StorageBackend:
        """Return the backend registered as ``key``; BackendNotRegisteredError naming the known keys otherwise."""
        try:
            return self._backends[key]
        except KeyError:
            known = sorted(self._backends)
            msg = (
                f"no storage backend is registered as {key!r} (registered: {known}); "
                f"register one with storages.register_backend(...)"
            )
            raise BackendNotRegisteredError(msg) from None

    def is_registered(self, key: str) -> bool:
        """Return whether a backend is registered as ``key``."""
        return key in self._backends

    def unregister_backend(self, key: str) -> StorageBackend:
        """Remove and return the backend registered as ``key``."""
        backend = self.get_backend(key)
        del self._backends[key]
        return backend

    def registered_backends(self) -> list[str]:
        """Return the sorted keys of every registered backend."""
        return sorted(self._backends)

    def __contains__(self, key: object) -> bool:
        return key in self._backends

    def __iter__(self) -> Iterator[str]:
        return iter(self.registered_backends())

    def __len__(self) -> int:
        return len(self._backends)


storages = StorageRegistry()
"""The process-wide registry that ``StoredObject(backend="key")`` columns look backends up in."""
