"""drop-all, dump-data and load-data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from sqlalchemist.cli._options import bind_key_option, no_prompt_option
from sqlalchemist.cli._run import run_command

if TYPE_CHECKING:
    from sqlalchemist.alembic.commands import AlembicCommands
    from sqlalchemist.cli._configs import ConfigSource

__all__ = ("add_data_commands",)

_TABLES = click.option(
    "--table",
    "tables",
    multiple=True,
    default=("*",),
    show_default=True,
    help="Table name; repeat for several, '*' for every table of the config's metadata.",
)
_DIR = click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("./fixtures"),
    show_default=True,
    help="Folder of the <table>.json files.",
)


def _dump(commands: AlembicCommands, tables: tuple[str, ...], directory: Path) -> None:
    files = commands.dump_data(tables, directory, progress=True)
    for name, path in files.items():
        click.echo(f"Dumped {name} to {path}")


def _load(commands: AlembicCommands, tables: tuple[str, ...], directory: Path) -> None:
    counts = commands.load_data(tables, directory)
    if not counts:
        click.echo(f"No fixture files found in {directory}")
    for name, count in counts.items():
        click.echo(f"Loaded {count} rows into {name}")


def add_data_commands(group: click.Group, source: ConfigSource) -> None:
    """Add the commands that drop, dump and load whole tables to ``group``."""

    @group.command(
        name="drop-all",
        help="Drop all tables from the database.",
        short_help="Drop all tables from the database.",
    )
    @bind_key_option
    @no_prompt_option
    def drop_all(bind_key: str | None, no_prompt: bool) -> None:
        def action(commands: AlembicCommands) -> None:
            dropped = commands.drop_all()
            click.echo(f"Dropped {len(dropped)} tables: {', '.join(dropped)}" if dropped else "No tables to drop")

        run_command(
            source,
            bind_key,
            action,
            confirm="Drop every table of the config's metadata and the version table from {target}?",
            no_prompt=no_prompt,
            every_bind=False,
        )

    @group.command(
        name="dump-data",
        help="Dump specified tables from the database to JSON files.",
        short_help="Dump specified tables from the database to JSON files.",
    )
    @_TABLES
    @_DIR
    @bind_key_option
    @no_prompt_option
    def dump_data(tables: tuple[str, ...], directory: Path, bind_key: str | None, no_prompt: bool) -> None:
        existing = sorted(path.name for path in directory.glob("*.json")) if directory.is_dir() else []
        confirm = f"Overwrite the JSON files in {directory} ({', '.join(existing)})?" if existing else None
        run_command(
            source,
            bind_key,
            lambda commands: _dump(commands, tables, directory),
            confirm=confirm,
            no_prompt=no_prompt,
            every_bind=False,
        )

    @group.command(
        name="load-data",
        help="Load tables from the JSON files that dump-data writes.",
        short_help="Load tables from JSON files into the database.",
    )
    @_TABLES
    @_DIR
    @bind_key_option
    @no_prompt_option
    def load_data(tables: tuple[str, ...], directory: Path, bind_key: str | None, no_prompt: bool) -> None:
        run_command(
            source,
            bind_key,
            lambda commands: _load(commands, tables, directory),
            confirm=f"Insert the rows of {directory}/*.json into {{target}}?",
            no_prompt=no_prompt,
            every_bind=False,
        )
