"""In-memory storage backend for tests and examples."""

from __future__ import annotations

from sqlalchemist_storage._memory import MemoryBackend

__all__ = ("MemoryBackend",)
