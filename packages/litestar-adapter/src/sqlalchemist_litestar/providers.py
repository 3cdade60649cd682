"""Service and filter dependencies built from query parameters: ``create_service_dependencies`` and friends."""

from __future__ import annotations

from sqlalchemist_litestar._providers import (
    FieldSpec,
    FilterConfig,
    create_filter_dependencies,
    create_service_dependencies,
    create_service_provider,
)

__all__ = (
    "FieldSpec",
    "FilterConfig",
    "create_filter_dependencies",
    "create_service_dependencies",
    "create_service_provider",
)
