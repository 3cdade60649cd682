"""The public names of the migration modules are exactly these."""

from __future__ import annotations

import sqlalchemist.alembic
import sqlalchemist.alembic.commands
import sqlalchemist.cli
import sqlalchemist.utils.fixtures


def test_alembic_exports() -> None:
    assert sqlalchemist.alembic.__all__ == ("AlembicCommandConfig", "AlembicCommands", "render_item")
    assert sqlalchemist.alembic.AlembicCommandConfig is sqlalchemist.alembic.commands.AlembicCommandConfig
    assert set(sqlalchemist.alembic.commands.__all__) == {
        "TEMPLATES_DIRECTORY",
        "AlembicCommandConfig",
        "AlembicCommands",
    }


def test_cli_exports() -> None:
    assert set(sqlalchemist.cli.__all__) == {
        "DATABASE_GROUP_HELP",
        "AnyConfig",
        "ConfigSource",
        "build_database_group",
        "database_group",
        "load_configs",
        "main",
        "pick_config",
        "sqlalchemist_group",
    }


def test_fixtures_exports() -> None:
    assert set(sqlalchemist.utils.fixtures.__all__) == {"fixture_path", "open_fixture", "open_fixture_async"}


def test_templates_ship_both_flavours() -> None:
    folder = sqlalchemist.alembic.commands.TEMPLATES_DIRECTORY
    for flavour in ("asyncio", "sync"):
        assert {p.name for p in (folder / flavour).iterdir() if p.is_file()} == {
            "alembic.ini.mako",
            "env.py",
            "script.py.mako",
            "README",
        }
