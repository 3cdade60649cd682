"""Run one alembic or data command for the config a click command selected, then release its engine."""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING, TypeVar

import click

from sqlalchemist.cli._configs import pick_config
from sqlalchemist.cli._errors import one_line_errors
from sqlalchemist.config import SQLAlchemyAsyncConfig

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sqlalchemist.alembic.commands import AlembicCommands
    from sqlalchemist.cli._configs import AnyConfig, ConfigSource

__all__ = ("describe", "release", "run_command", "sharing_folder")

T = TypeVar("T")


def describe(config: AnyConfig) -> str:
    """Name the database of ``config`` for prompts: its URL without password, and its bind key if any."""
    url = config.get_engine().url.render_as_string(hide_password=True)
    return url if config.bind_key is None else f"{url} (bind key {config.bind_key!r})"


def release(config: AnyConfig) -> None:
    """Dispose of the config's engine so no connection outlives the command."""
    if isinstance(config, SQLAlchemyAsyncConfig):
        from sqlalchemist.alembic._runner import outside_event_loop

        outside_event_loop(lambda: asyncio.run(config.close_engine()))
    else:
        config.close_engine()


def sharing_folder(configs: Sequence[AnyConfig], config: AnyConfig) -> list[AnyConfig]:
    """The configs whose migrations live in the folder of ``config`` (several make a multidb environment)."""
    from sqlalchemist.alembic._binds import same_folder

    location = config.alembic_config.script_location
    return [item for item in configs if same_folder(item.alembic_config.script_location, location)]


def _describe_all(configs: Sequence[AnyConfig]) -> str:
    return ", ".join(
        describe(config) if config.bind_key is not None else f"{describe(config)} (default)" for config in configs
    )


def _quiet_alembic_plugins() -> None:
    """Alembic logs each of its plugins at INFO on every command; keep that out of CLI output."""
    plugins_logger = logging.getLogger("alembic.runtime.plugins")
    if plugins_logger.level == logging.NOTSET:
        plugins_logger.setLevel(logging.WARNING)


def run_command(
    source: ConfigSource,
    bind_key: str | None,
    action: Callable[[AlembicCommands], T],
    *,
    confirm: str | None = None,
    no_prompt: bool = False,
    every_bind: bool = True,
) -> T:
    """Pick the config, ask ``confirm`` (``{target}`` names the database) unless ``no_prompt``, run ``action``.

    With ``every_bind``, configs sharing the picked config's migrations folder are migrated together (multidb),
    or only the picked one when ``bind_key`` is given.
    """
    configs = source(click.get_current_context())
    config = pick_config(configs, bind_key)
    shared = sharing_folder(configs, config) if every_bind else [config]
    multidb = shared if len(shared) > 1 else []
    _quiet_alembic_plugins()
    with one_line_errors():
        from sqlalchemist.alembic.commands import AlembicCommands

        try:
            commands = AlembicCommands(config, stdout=sys.stdout, multidb=multidb, only_this_bind=bind_key is not None)
            if confirm is not None and not no_prompt:
                target = _describe_all(multidb) if multidb and bind_key is None else describe(config)
                click.confirm(confirm.format(target=target), abort=True)
            return action(commands)
        finally:
            for item in shared:
                release(item)
