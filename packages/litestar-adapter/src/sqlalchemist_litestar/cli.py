"""``litestar database`` (alias ``db``): the sqlalchemist migration and data commands, configs found in the app.

The plugin mounts it from ``on_cli_init``: ``register_database_commands(cli)``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from sqlalchemist.cli import build_database_group
from sqlalchemist.config import SQLAlchemyConfigBase

if TYPE_CHECKING:
    from sqlalchemist.cli import AnyConfig

__all__ = ("configs_from_app", "database_group", "register_database_commands")


def _app_of(ctx: click.Context) -> Any:
    """Return the Litestar app the root command loaded (Litestar stores its env, or a loader of it, in ``obj``)."""
    root = ctx.find_root()
    env = root.obj
    if env is not None and not hasattr(env, "app") and callable(env):
        env = root.obj = env()
    app = getattr(env, "app", None)
    if app is None:
        msg = "no Litestar app found; pass --app module:app or set LITESTAR_APP"
        raise click.ClickException(msg)
    return app


def _plugin_configs(plugin: object) -> list[Any]:
    config = getattr(plugin, "config", None)
    items = list(config) if isinstance(config, Sequence) else [config]
    return [item for item in items if isinstance(item, SQLAlchemyConfigBase)]


def configs_from_app(ctx: click.Context) -> list[AnyConfig]:
    """Return the sqlalchemist configs of the app's SQLAlchemy plugins, in plugin order."""
    app = _app_of(ctx)
    configs: list[AnyConfig] = []
    for plugin in getattr(app.plugins, "init", ()):
        configs.extend(config for config in _plugin_configs(plugin) if config not in configs)
    if not configs:
        msg = "the Litestar app has no SQLAlchemyPlugin (or SQLAlchemyInitPlugin) config; add one to its plugins"
        raise click.ClickException(msg)
    return configs


def _group_class() -> type[click.Group]:
    try:
        from rich_click import RichGroup
    except ImportError:
        return click.Group
    return RichGroup


def database_group() -> click.Group:
    """Return a new ``database`` group reading its configs from the Litestar app."""
    return build_database_group(configs_from_app, group_class=_group_class())


def register_database_commands(cli: click.Group) -> None:
    """Add ``database`` and its alias ``db`` to the Litestar CLI (call from ``on_cli_init``)."""
    group = database_group()
    alias = copy.copy(group)  # some Litestar versions ignore add_command's name, so the alias carries its own
    alias.name = "db"
    alias.hidden = True
    cli.add_command(group, name="database")
    cli.add_command(alias, name="db")
