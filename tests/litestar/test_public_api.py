"""``sqlalchemist_litestar`` exports exactly what DESIGN.md lists, and its modules re-export the core's."""

from __future__ import annotations

import importlib

import pytest

import sqlalchemist_litestar

MODULES = ("base", "exceptions", "filters", "mixins", "providers", "repository", "service", "types")


def test_all_is_exactly_the_public_api() -> None:
    assert set(sqlalchemist_litestar.__all__) == {
        "AlembicAsyncConfig",
        "AlembicSyncConfig",
        "AsyncSessionConfig",
        "EngineConfig",
        "SQLAlchemyAsyncConfig",
        "SQLAlchemyDTO",
        "SQLAlchemyDTOConfig",
        "SQLAlchemyInitPlugin",
        "SQLAlchemyPlugin",
        "SQLAlchemySerializationPlugin",
        "SQLAlchemySyncConfig",
        "SyncSessionConfig",
        "__version__",
        "sqlalchemist_exception_handler",
        *MODULES,
    }
    for name in MODULES:
        assert getattr(sqlalchemist_litestar, name) is importlib.import_module(f"sqlalchemist_litestar.{name}")
    classes = set(sqlalchemist_litestar.__all__) - set(MODULES) - {"__version__", "sqlalchemist_exception_handler"}
    assert all(isinstance(getattr(sqlalchemist_litestar, name), type) for name in classes)
    assert callable(sqlalchemist_litestar.sqlalchemist_exception_handler)
    assert sqlalchemist_litestar.__version__ == "0.1.0"


@pytest.mark.parametrize("name", [m for m in MODULES if m != "providers"])
def test_modules_re_export_the_core(name: str) -> None:
    ours = importlib.import_module(f"sqlalchemist_litestar.{name}")
    core = importlib.import_module(f"sqlalchemist.{name}")
    assert tuple(ours.__all__) == tuple(core.__all__)
    for exported in core.__all__:
        assert getattr(ours, exported) is getattr(core, exported)


def test_providers_api() -> None:
    from sqlalchemist_litestar import providers

    assert set(providers.__all__) == {
        "FieldSpec",
        "FilterConfig",
        "create_filter_dependencies",
        "create_service_dependencies",
        "create_service_provider",
    }


def test_config_classes_extend_the_core() -> None:
    from sqlalchemist import config

    assert issubclass(sqlalchemist_litestar.SQLAlchemyAsyncConfig, config.SQLAlchemyAsyncConfig)
    assert issubclass(sqlalchemist_litestar.SQLAlchemySyncConfig, config.SQLAlchemySyncConfig)
    assert sqlalchemist_litestar.AsyncSessionConfig is config.AsyncSessionConfig
