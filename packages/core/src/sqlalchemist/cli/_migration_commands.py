"""init, make-migrations, upgrade, downgrade, stamp-migration and merge-migrations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from sqlalchemist.cli._configs import pick_config
from sqlalchemist.cli._errors import one_line_errors
from sqlalchemist.cli._options import bind_key_option, no_prompt_option, sql_option, tag_option
from sqlalchemist.cli._run import describe, release, run_command, sharing_folder

if TYPE_CHECKING:
    from sqlalchemist.alembic.commands import InitResult
    from sqlalchemist.cli._configs import AnyConfig, ConfigSource

__all__ = ("add_migration_commands",)

# Lets a relative revision such as ``-1`` be given without ``--``.
_REVISION_SETTINGS = {"ignore_unknown_options": True}


def _next_command(bind_key: str | None, subcommand: str) -> str:
    """The command line to run ``subcommand`` of this group (``sqlalchemist database`` or ``litestar database``)."""
    ctx = click.get_current_context()
    group = ctx.parent.command_path if ctx.parent is not None else "sqlalchemist database"
    bind = f" --bind-key {bind_key}" if bind_key is not None else ""
    return f"{group} {subcommand}{bind}"


def _report_init(configs: list[AnyConfig], result: InitResult, *, bind_key: str | None) -> None:
    """Say what ``init`` created and which command comes next, with rich."""
    from rich.console import Console
    from rich.text import Text

    from sqlalchemist.alembic._binds import bind_name

    console = Console(highlight=False, soft_wrap=True)
    ini = "created" if result.config_file_created else "kept the existing"
    if len(configs) == 1:
        target = describe(configs[0])
    else:
        target = f"{len(configs)} binds: " + ", ".join(
            f"{bind_name(config.bind_key)} ({config.get_engine().url.render_as_string(hide_password=True)})"
            for config in configs
        )
    console.print(
        Text.assemble(
            "Created migrations in ",
            (str(result.directory), "bold"),
            f" ({', '.join(result.files)}); {ini} ",
            (str(result.config_file), "bold"),
            f" for {target}.",
        )
    )
    console.print(
        Text.assemble(
            "The engine and metadata come from your config. Next, create the first revision: ",
            (f'{_next_command(bind_key, "make-migrations")} -m "initial"', "bold cyan"),
        )
    )


def _init_one(config: AnyConfig, directory: str | None, *, package: bool, no_prompt: bool) -> None:
    from sqlalchemist.alembic.commands import AlembicCommands

    target = directory or config.alembic_config.script_location
    try:
        if not no_prompt:
            click.confirm(f"Initialize migrations in {target} for {describe(config)}?", abort=True)
        result = AlembicCommands(config).init(target, package=package)
        _report_init([config], result, bind_key=config.bind_key)
    finally:
        release(config)


def _init_multidb(configs: list[AnyConfig], *, package: bool, no_prompt: bool) -> None:
    from sqlalchemist.alembic.commands import AlembicCommands

    primary = next((config for config in configs if config.bind_key is None), None)
    if primary is None:
        keys = ", ".join(repr(config.bind_key) for config in configs)
        msg = (
            "--multidb needs one config without a bind key (the default bind), through which the commands run "
            f"every bind; the configs' bind keys are {keys}"
        )
        raise click.ClickException(msg)
    shared = sharing_folder(configs, primary)
    if len(shared) != len(configs):
        locations = ", ".join(
            f"{config.alembic_config.script_location!r} (bind key {config.bind_key!r})" for config in configs
        )
        msg = (
            "--multidb serves every config from one migrations folder, so they need the same "
            f"alembic_config.script_location; got {locations}"
        )
        raise click.ClickException(msg)
    target = primary.alembic_config.script_location
    try:
        if not no_prompt:
            listing = ", ".join(describe(config) for config in configs)
            click.confirm(f"Initialize one multidb migrations folder in {target} for {listing}?", abort=True)
        result = AlembicCommands(primary, multidb=configs).init(target, package=package)
        _report_init(configs, result, bind_key=None)
    finally:
        for config in configs:
            release(config)


def add_migration_commands(group: click.Group, source: ConfigSource) -> None:
    """Add the commands that create and apply revisions to ``group``."""

    @group.command(
        name="init",
        help="Initialize migrations for the project.",
        short_help="Initialize migrations for the project.",
    )
    @click.argument("directory", required=False)
    @click.option(
        "--multidb", is_flag=True, default=False, help="One migrations folder and env.py for every config (bind key)."
    )
    @click.option("--package", is_flag=True, default=False, help="Write __init__.py files into the new folders.")
    @bind_key_option
    @no_prompt_option
    def init(directory: str | None, multidb: bool, package: bool, bind_key: str | None, no_prompt: bool) -> None:
        configs = list(source(click.get_current_context()))
        with one_line_errors():
            if multidb:
                if directory is not None:
                    msg = "--multidb initializes the configs' shared script_location; do not pass DIRECTORY with it"
                    raise click.ClickException(msg)
                _init_multidb(configs, package=package, no_prompt=no_prompt)
            else:
                _init_one(pick_config(configs, bind_key), directory, package=package, no_prompt=no_prompt)

    @group.command(
        name="make-migrations",
        help="Create a new migration revision.",
        short_help="Create a new migration revision.",
    )
    @click.option("-m", "--message", default=None, help="Revision message.")
    @click.option(
        "--autogenerate/--no-autogenerate",
        default=True,
        help="Compare the models with the database to fill the revision (default on).",
    )
    @click.option(
        "--sql",
        is_flag=True,
        default=False,
        help="Write the revision offline (implies --no-autogenerate).",
    )
    @click.option("--head", default="head", show_default=True, help="Base the new revision on this head.")
    @click.option("--splice", is_flag=True, default=False, help="Allow a non-head revision as the --head.")
    @click.option("--branch-label", default=None, help="Branch label to apply to the new revision.")
    @click.option("--version-path", default=None, help="Folder to write the new revision into.")
    @click.option("--rev-id", default=None, help="Revision id to use instead of a generated one.")
    @bind_key_option
    @no_prompt_option
    def make_migrations(
        *,
        message: str | None,
        autogenerate: bool,
        sql: bool,
        head: str,
        splice: bool,
        branch_label: str | None,
        version_path: str | None,
        rev_id: str | None,
        bind_key: str | None,
        no_prompt: bool,
    ) -> None:
        if message is None and not no_prompt:
            message = click.prompt("Revision message", default="", show_default=False) or None
        run_command(
            source,
            bind_key,
            lambda commands: commands.revision(
                message,
                autogenerate=autogenerate and not sql,
                sql=sql,
                head=head,
                splice=splice,
                branch_label=branch_label,
                version_path=version_path,
                rev_id=rev_id,
            ),
            confirm="Create a new migration revision for {target}?",
            no_prompt=no_prompt,
        )

    @group.command(
        name="upgrade",
        help="Upgrade database to a specific revision.",
        short_help="Upgrade database to a specific revision.",
        context_settings=_REVISION_SETTINGS,
    )
    @click.argument("revision", default="head", required=False)
    @sql_option
    @tag_option
    @bind_key_option
    @no_prompt_option
    def upgrade(revision: str, sql: bool, tag: str | None, bind_key: str | None, no_prompt: bool) -> None:
        run_command(
            source,
            bind_key,
            lambda commands: commands.upgrade(revision, sql=sql, tag=tag),
            confirm=f"Upgrade {{target}} to {revision}?",
            no_prompt=no_prompt or sql,
        )

    @group.command(
        name="downgrade",
        help="Downgrade database to a specific revision.",
        short_help="Downgrade database to a specific revision.",
        context_settings=_REVISION_SETTINGS,
    )
    @click.argument("revision", default="-1", required=False)
    @sql_option
    @tag_option
    @bind_key_option
    @no_prompt_option
    def downgrade(revision: str, sql: bool, tag: str | None, bind_key: str | None, no_prompt: bool) -> None:
        run_command(
            source,
            bind_key,
            lambda commands: commands.downgrade(revision, sql=sql, tag=tag),
            confirm=f"Downgrade {{target}} to {revision}?",
            no_prompt=no_prompt or sql,
        )

    @group.command(
        name="stamp-migration",
        help="Mark (Stamp) a specific revision as current without applying the migrations.",
        short_help="Mark (Stamp) a specific revision as current without applying the migrations.",
        context_settings=_REVISION_SETTINGS,
    )
    @click.argument("revision")
    @sql_option
    @tag_option
    @click.option("--purge", is_flag=True, default=False, help="Empty the version table before stamping.")
    @bind_key_option
    @no_prompt_option
    def stamp_migration(
        *, revision: str, sql: bool, tag: str | None, purge: bool, bind_key: str | None, no_prompt: bool
    ) -> None:
        run_command(
            source,
            bind_key,
            lambda commands: commands.stamp(revision, sql=sql, tag=tag, purge=purge),
            confirm=f"Stamp {{target}} as {revision}?",
            no_prompt=no_prompt or sql,
        )

    @group.command(
        name="merge-migrations",
        help="Merge multiple revisions into a single new revision.",
        short_help="Merge multiple revisions into a single new revision.",
    )
    @click.argument("revisions", nargs=-1)
    @click.option("-m", "--message", default=None, help="Revision message.")
    @click.option("--branch-label", default=None, help="Branch label to apply to the new revision.")
    @click.option("--rev-id", default=None, help="Revision id to use instead of a generated one.")
    @bind_key_option
    @no_prompt_option
    def merge_migrations(
        *,
        revisions: tuple[str, ...],
        message: str | None,
        branch_label: str | None,
        rev_id: str | None,
        bind_key: str | None,
        no_prompt: bool,
    ) -> None:
        targets: str | list[str] = list(revisions) if revisions else "heads"
        run_command(
            source,
            bind_key,
            lambda commands: commands.merge(targets, message=message, branch_label=branch_label, rev_id=rev_id),
            confirm=f"Merge {', '.join(revisions) if revisions else 'the current heads'} for {{target}}?",
            no_prompt=no_prompt,
        )
