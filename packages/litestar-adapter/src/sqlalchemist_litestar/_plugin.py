"""Litestar plugins: DI, lifespan and hooks (init); mapped instances in and out of handlers (serialization)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from litestar.di import Provide
from litestar.plugins import CLIPluginProtocol, InitPluginProtocol, SerializationPlugin
from sqlalchemy import Engine, Select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

from sqlalchemist import filters
from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.service.pagination import OffsetPagination
from sqlalchemist_litestar._config import SQLAlchemyAsyncConfig, SQLAlchemySyncConfig, litestar_keys
from sqlalchemist_litestar._dto import SQLAlchemyDTO, is_mapped_class
from sqlalchemist_litestar._exception_handler import (
    HANDLED_EXCEPTIONS,
    METADATA_STATE_KEY,
    sqlalchemist_exception_handler,
)
from sqlalchemist_litestar._transaction import chain_after_request, chain_before_request

if TYPE_CHECKING:
    from click import Group
    from litestar.config.app import AppConfig
    from litestar.dto import AbstractDTO
    from litestar.typing import FieldDefinition

__all__ = ("SQLAlchemyInitPlugin", "SQLAlchemyPlugin", "SQLAlchemySerializationPlugin")

AnyConfig = SQLAlchemyAsyncConfig | SQLAlchemySyncConfig


def _signature_namespace() -> dict[str, Any]:
    """Names handlers may use in string annotations (``from __future__ import annotations``)."""
    namespace: dict[str, Any] = {
        "AsyncEngine": AsyncEngine,
        "AsyncSession": AsyncSession,
        "Engine": Engine,
        "Session": Session,
        "Select": Select,
        "async_sessionmaker": async_sessionmaker,
        "sessionmaker": sessionmaker,
        "OffsetPagination": OffsetPagination,
        "SQLAlchemyAsyncConfig": SQLAlchemyAsyncConfig,
        "SQLAlchemySyncConfig": SQLAlchemySyncConfig,
    }
    namespace.update({name: getattr(filters, name) for name in filters.__all__ if name[0].isupper()})
    return namespace


def _as_config_list(config: AnyConfig | Sequence[AnyConfig]) -> list[AnyConfig]:
    configs = list(config) if isinstance(config, Sequence) else [config]
    for item in configs:
        if not isinstance(cast("object", item), (SQLAlchemyAsyncConfig, SQLAlchemySyncConfig)):
            msg = (
                "SQLAlchemy plugin config must be sqlalchemist_litestar.SQLAlchemyAsyncConfig or SQLAlchemySyncConfig "
                f"(the core sqlalchemist.config classes lack the Litestar settings); got {type(item).__qualname__}"
            )
            raise ImproperConfigurationError(msg)
    if not configs:
        msg = "SQLAlchemy plugin needs at least one config; got an empty list"
        raise ImproperConfigurationError(msg)
    return configs


def _check_unique_keys(configs: list[AnyConfig]) -> None:
    """Refuse two configs that claim the same dependency, app-state or scope key."""
    owners: dict[tuple[str, str], tuple[int, str]] = {}
    for index, config in enumerate(configs):
        for namespace, setting, key in litestar_keys(config):
            if (namespace, key) in owners:
                other_index, other_setting = owners[namespace, key]
                msg = (
                    f"SQLAlchemy configs #{other_index} and #{index} both use the {namespace} key {key!r} "
                    f"({other_setting} of #{other_index}, {setting} of #{index}); give each config its own "
                    f"{setting}, e.g. {setting}='{key}_{index}'"
                )
                raise ImproperConfigurationError(msg)
            owners[namespace, key] = (index, setting)


def _register_cli(cli: Group) -> None:
    """Mount ``litestar database`` (alias ``db``) on the Litestar CLI."""
    from sqlalchemist_litestar.cli import register_database_commands

    register_database_commands(cli)


class SQLAlchemyInitPlugin(InitPluginProtocol, CLIPluginProtocol):
    """Registers ``db_session``/``db_engine`` dependencies, lifespan, ``before_send``, the error handler and CLI.

    Example: ``Litestar(plugins=[SQLAlchemyInitPlugin(config=SQLAlchemyAsyncConfig(connection_string=...))])``.
    """

    __slots__ = ("_configs",)

    def __init__(self, config: AnyConfig | Sequence[AnyConfig]) -> None:
        self._configs = _as_config_list(config)

    @property
    def config(self) -> list[AnyConfig]:
        """The configs this plugin serves."""
        return self._configs

    def on_cli_init(self, cli: Group) -> None:
        """Add ``litestar database`` (alias ``db``): migrations and data commands for this app's configs."""
        _register_cli(cli)

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        """Register dependencies, signature names, lifespan, ``before_send`` hooks and exception handlers."""
        _check_unique_keys(self._configs)
        for name, value in _signature_namespace().items():
            app_config.signature_namespace.setdefault(name, value)
        for config in self._configs:
            app_config.dependencies[config.engine_dependency_key] = Provide(config.provide_engine, sync_to_thread=False)
            app_config.dependencies[config.session_dependency_key] = Provide(
                config.provide_session, sync_to_thread=False
            )
            app_config.lifespan.append(config.lifespan)
            app_config.before_send.append(config.before_send)
            if config.set_default_exception_handler:
                for exc_type in HANDLED_EXCEPTIONS:
                    app_config.exception_handlers.setdefault(exc_type, sqlalchemist_exception_handler)
        metadata = tuple(dict.fromkeys(config.metadata for config in self._configs if config.metadata is not None))
        app_config.state.setdefault(METADATA_STATE_KEY, metadata)
        committing = [config for config in self._configs if isinstance(config.before_send_handler, str)]
        if committing:
            app_config.before_request = chain_before_request(app_config.before_request)
            app_config.after_request = chain_after_request(app_config.after_request, committing)
        return app_config


class SQLAlchemySerializationPlugin(SerializationPlugin):
    """Lets handlers accept and return mapped instances (and lists of them) through :class:`SQLAlchemyDTO`."""

    __slots__ = ("_dtos",)

    def __init__(self) -> None:
        self._dtos: dict[Any, type[SQLAlchemyDTO[Any]]] = {}

    def supports_type(self, field_definition: FieldDefinition) -> bool:
        """True for a mapped class or a collection of one."""
        if field_definition.is_collection and not field_definition.is_mapping:
            return any(is_mapped_class(inner.annotation) for inner in field_definition.inner_types)
        return is_mapped_class(field_definition.annotation)

    def create_dto_for_type(self, field_definition: FieldDefinition) -> type[AbstractDTO[Any]]:
        """Return (and cache) ``SQLAlchemyDTO[Model]`` for the mapped class in ``field_definition``."""
        annotation = field_definition.annotation
        if field_definition.is_collection:
            annotation = next(
                inner.annotation for inner in field_definition.inner_types if is_mapped_class(inner.annotation)
            )
        dto = self._dtos.get(annotation)
        if dto is None:
            dto = self._dtos[annotation] = SQLAlchemyDTO[annotation]  # type: ignore[valid-type]
        return dto


class SQLAlchemyPlugin(InitPluginProtocol, CLIPluginProtocol, SerializationPlugin):
    """The init and serialization plugins in one: ``Litestar(plugins=[SQLAlchemyPlugin(config=config)])``."""

    __slots__ = ("_init", "_serialization")

    def __init__(self, config: AnyConfig | Sequence[AnyConfig]) -> None:
        self._init = SQLAlchemyInitPlugin(config=config)
        self._serialization = SQLAlchemySerializationPlugin()

    @property
    def config(self) -> list[AnyConfig]:
        """The configs this plugin serves."""
        return self._init.config

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        """Register dependencies, signature names, lifespan, ``before_send`` hooks and exception handlers."""
        return self._init.on_app_init(app_config)

    def on_cli_init(self, cli: Group) -> None:
        """Add ``litestar database`` (alias ``db``): migrations and data commands for this app's configs."""
        _register_cli(cli)

    def supports_type(self, field_definition: FieldDefinition) -> bool:
        """True for a mapped class or a collection of one."""
        return self._serialization.supports_type(field_definition)

    def create_dto_for_type(self, field_definition: FieldDefinition) -> type[AbstractDTO[Any]]:
        """Return (and cache) ``SQLAlchemyDTO[Model]`` for the mapped class in ``field_definition``."""
        return self._serialization.create_dto_for_type(field_definition)
