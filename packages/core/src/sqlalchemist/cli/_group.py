"""Build the ``database`` click group from a source of configs; the core CLI and framework adapters share it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from sqlalchemist.cli._data_commands import add_data_commands
from sqlalchemist.cli._info_commands import add_info_commands
from sqlalchemist.cli._migration_commands import add_migration_commands

if TYPE_CHECKING:
    from sqlalchemist.cli._configs import ConfigSource

__all__ = ("DATABASE_GROUP_HELP", "build_database_group")

DATABASE_GROUP_HELP = "Manage SQLAlchemy database components."


def build_database_group(
    source: ConfigSource,
    *,
    name: str = "database",
    group_class: type[click.Group] = click.Group,
    params: list[click.Parameter] | None = None,
) -> click.Group:
    """Return a ``database`` group whose commands use the configs ``source`` returns for the click context.

    Example: ``cli.add_command(build_database_group(lambda ctx: [config]))``.
    """
    group = group_class(
        name=name,
        help=DATABASE_GROUP_HELP,
        short_help=DATABASE_GROUP_HELP,
        params=params or [],
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    add_migration_commands(group, source)
    add_info_commands(group, source)
    add_data_commands(group, source)
    return group
