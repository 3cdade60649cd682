"""The framework-free ``sqlalchemist`` command: ``sqlalchemist --config myapp.db:config database upgrade``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from sqlalchemist.cli._configs import load_configs
from sqlalchemist.cli._group import build_database_group

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemist.cli._configs import AnyConfig

__all__ = ("database_group", "main", "sqlalchemist_group")

_CONFIG_KEY = "sqlalchemist.config"
_CONFIG_HELP = "Where the config lives, as module:attribute (e.g. myapp.db:config); env SQLALCHEMIST_CONFIG."


def _remember_config(ctx: click.Context, _: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.meta[_CONFIG_KEY] = value
    return value


def _config_option() -> click.Option:
    return click.Option(
        ["--config", "config_path"],
        envvar="SQLALCHEMIST_CONFIG",
        default=None,
        expose_value=False,
        callback=_remember_config,
        help=_CONFIG_HELP,
    )


def _configs_from_option(ctx: click.Context) -> Sequence[AnyConfig]:
    loaded = ctx.meta.get(f"{_CONFIG_KEY}.loaded")
    if loaded is None:
        loaded = ctx.meta[f"{_CONFIG_KEY}.loaded"] = load_configs(ctx.meta.get(_CONFIG_KEY))
    return loaded


@click.group(name="sqlalchemist", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sqlalchemist")
def sqlalchemist_group() -> None:
    """sqlalchemist: database migrations and data commands for SQLAlchemy configs."""


sqlalchemist_group.params.append(_config_option())

database_group = build_database_group(_configs_from_option, params=[_config_option()])
sqlalchemist_group.add_command(database_group)
sqlalchemist_group.add_command(database_group, name="db")


def main() -> None:
    """Run the ``sqlalchemist`` command line."""
    sqlalchemist_group(prog_name="sqlalchemist")
