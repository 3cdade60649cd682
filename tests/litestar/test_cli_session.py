"""The guide's ``get_session`` in a CLI command: a new session outside any request."""

from __future__ import annotations

from pathlib import Path

import anyio
from click import Group
from click.testing import CliRunner
from litestar import Litestar
from litestar.plugins import CLIPluginProtocol
from sqlalchemy import text

from sqlalchemist_litestar import AsyncSessionConfig, SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from tests.conftest import Backend


def test_get_session_in_a_cli_command(async_backend: Backend, tmp_path: Path) -> None:
    alchemy_config = SQLAlchemyAsyncConfig(
        connection_string=async_backend.url(tmp_path),
        before_send_handler="autocommit",
        session_config=AsyncSessionConfig(expire_on_commit=False),
    )

    class ApplicationCore(CLIPluginProtocol):
        def on_cli_init(self, cli: Group) -> None:
            @cli.command("check-db-status")
            def check_db_status() -> None:
                async def _check_db_status() -> None:
                    async with alchemy_config.get_session() as db_session:
                        a_value = await db_session.execute(text("SELECT 1"))
                        if a_value.scalar_one() == 1:
                            print("Database is healthy")
                        else:
                            print("Database is not healthy")
                    await alchemy_config.get_engine().dispose()

                anyio.run(_check_db_status)

    core = ApplicationCore()
    app = Litestar(plugins=[SQLAlchemyPlugin(config=alchemy_config), core])
    cli = Group()
    for plugin in app.plugins.cli:
        plugin.on_cli_init(cli)
    result = CliRunner().invoke(cli, ["check-db-status"])
    assert result.exit_code == 0, result.output
    assert result.output == "Database is healthy\n"


def test_the_plugin_mounts_the_database_commands() -> None:
    plugin = SQLAlchemyPlugin(config=SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite://"))
    cli = Group()
    plugin.on_cli_init(cli)
    assert {"database", "db"} <= set(cli.commands)
