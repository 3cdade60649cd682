"""Reuse the migration tests' working folder and generated app modules."""

from __future__ import annotations

from tests.core.migrations.conftest import async_app, project_dir, sync_app

__all__ = ("async_app", "project_dir", "sync_app")
