"""The backend registry: register, look up, unregister, and the errors for unknown keys."""

from __future__ import annotations

import pytest

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist_storage import BackendNotRegisteredError, FileObject, MemoryBackend, StorageRegistry, storages


def test_register_get_unregister() -> None:
    registry = StorageRegistry()
    backend = MemoryBackend("stor_a")
    assert registry.register_backend(backend) is backend
    assert registry.is_registered("stor_a")
    assert "stor_a" in registry
    assert registry.get_backend("stor_a") is backend
    assert registry.registered_backends() == ["stor_a"]
    registry.register_backend(backend)  # the same backend again is fine
    assert registry.unregister_backend("stor_a") is backend
    assert not registry.is_registered("stor_a")
    assert len(registry) == 0


def test_unknown_key_names_the_registered_ones() -> None:
    registry = StorageRegistry()
    registry.register_backend(MemoryBackend("stor_b"))
    with pytest.raises(
        BackendNotRegisteredError, match=r"no storage backend is registered as 'nope' \(registered: \['stor_b'\]\)"
    ):
        registry.get_backend("nope")
    with pytest.raises(BackendNotRegisteredError):
        registry.unregister_backend("nope")


def test_a_second_backend_under_the_same_key_needs_replace() -> None:
    registry = StorageRegistry()
    registry.register_backend(MemoryBackend("stor_c"))
    other = MemoryBackend("stor_c")
    with pytest.raises(ImproperConfigurationError, match=r"already registered as 'stor_c'.*pass replace=True"):
        registry.register_backend(other)
    assert registry.register_backend(other, replace=True) is other
    assert registry.get_backend("stor_c") is other


def test_registering_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="register_backend expects a StorageBackend, got str"):
        StorageRegistry().register_backend("memory://")  # type: ignore[arg-type]


def test_a_file_on_an_unregistered_backend_fails_clearly() -> None:
    file = FileObject("stor_never_registered", "a.txt", content=b"a")
    with pytest.raises(BackendNotRegisteredError, match="'stor_never_registered'"):
        file.save()


def test_backend_key_must_be_a_non_empty_string() -> None:
    with pytest.raises(ValueError, match="MemoryBackend: key must be a non-empty string, got ''"):
        MemoryBackend("")
    assert not storages.is_registered("")
