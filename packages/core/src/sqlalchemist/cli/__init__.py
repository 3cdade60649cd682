"""The framework-free ``sqlalchemist`` command line (``pip install "sqlalchemist[cli]"``).

Example: ``sqlalchemist database --config myapp.db:config make-migrations -m "add authors"``.
Adapters mount the same commands with :func:`build_database_group`, giving it a function that finds the configs.
"""

from __future__ import annotations

from sqlalchemist.cli._configs import AnyConfig, ConfigSource, load_configs, pick_config
from sqlalchemist.cli._group import DATABASE_GROUP_HELP, build_database_group
from sqlalchemist.cli._main import database_group, main, sqlalchemist_group

__all__ = (
    "DATABASE_GROUP_HELP",
    "AnyConfig",
    "ConfigSource",
    "build_database_group",
    "database_group",
    "load_configs",
    "main",
    "pick_config",
    "sqlalchemist_group",
)
