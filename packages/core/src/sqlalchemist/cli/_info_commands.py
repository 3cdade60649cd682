"""Read-only commands: show-current-revision, check, heads, history, branches, show."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from sqlalchemist.cli._options import bind_key_option
from sqlalchemist.cli._run import run_command

if TYPE_CHECKING:
    from sqlalchemist.cli._configs import ConfigSource

__all__ = ("add_info_commands",)

_VERBOSE = click.option("--verbose", is_flag=True, default=False, help="Show more details.")


def add_info_commands(group: click.Group, source: ConfigSource) -> None:
    """Add the commands that report on revisions and the database to ``group``."""

    @group.command(
        name="show-current-revision",
        help="Shows the current revision for the database.",
        short_help="Shows the current revision for the database.",
    )
    @_VERBOSE
    @bind_key_option
    def show_current_revision(verbose: bool, bind_key: str | None) -> None:
        run_command(source, bind_key, lambda commands: commands.current(verbose=verbose))

    @group.command(
        name="check",
        help="Check that the models match the migrations, failing if a new revision would have operations.",
        short_help="Check that the models match the migrations.",
    )
    @bind_key_option
    def check(bind_key: str | None) -> None:
        run_command(source, bind_key, lambda commands: commands.check())

    @group.command(name="heads", help="Show the head revisions.", short_help="Show the head revisions.")
    @_VERBOSE
    @click.option("--resolve-dependencies", is_flag=True, default=False, help="Treat dependencies as down revisions.")
    @bind_key_option
    def heads(verbose: bool, resolve_dependencies: bool, bind_key: str | None) -> None:
        run_command(
            source,
            bind_key,
            lambda commands: commands.heads(verbose=verbose, resolve_dependencies=resolve_dependencies),
        )

    @group.command(name="history", help="List the revisions, newest first.", short_help="List the revisions.")
    @click.option("-r", "--rev-range", default=None, help="Range of revisions to list, as [start]:[end].")
    @_VERBOSE
    @click.option("-i", "--indicate-current", is_flag=True, default=False, help="Mark the current revision.")
    @bind_key_option
    def history(rev_range: str | None, verbose: bool, indicate_current: bool, bind_key: str | None) -> None:
        run_command(
            source,
            bind_key,
            lambda commands: commands.history(rev_range, verbose=verbose, indicate_current=indicate_current),
        )

    @group.command(name="branches", help="Show the branch points.", short_help="Show the branch points.")
    @_VERBOSE
    @bind_key_option
    def branches(verbose: bool, bind_key: str | None) -> None:
        run_command(source, bind_key, lambda commands: commands.branches(verbose=verbose))

    @group.command(name="show", help="Show one revision (default: head).", short_help="Show one revision.")
    @click.argument("revision", default="head", required=False)
    @bind_key_option
    def show(revision: str, bind_key: str | None) -> None:
        run_command(source, bind_key, lambda commands: commands.show(revision))
