"""Options shared by the database commands."""

from __future__ import annotations

import click

__all__ = ("bind_key_option", "no_prompt_option", "sql_option", "tag_option")

bind_key_option = click.option(
    "--bind-key", default=None, help="Use the config with this bind key (needed when there are several)."
)
no_prompt_option = click.option(
    "--no-prompt", is_flag=True, default=False, help="Do not ask for confirmation before writing or destroying."
)
sql_option = click.option("--sql", is_flag=True, default=False, help="Print the SQL instead of running it.")
tag_option = click.option("--tag", default=None, help="An arbitrary tag that custom env.py scripts can read.")
