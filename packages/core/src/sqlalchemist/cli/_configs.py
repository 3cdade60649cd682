"""Find the sqlalchemist configs a command works on: load ``module:attribute`` and pick one by bind key."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, Union

import click

from sqlalchemist.config import SQLAlchemyAsyncConfig, SQLAlchemySyncConfig

__all__ = ("AnyConfig", "load_configs", "pick_config")

AnyConfig = Union[SQLAlchemyAsyncConfig, SQLAlchemySyncConfig]  # noqa: UP007 - a runtime alias used in isinstance
_EXPECTED = "a SQLAlchemyAsyncConfig or SQLAlchemySyncConfig (or a list of them, or a function returning one)"


def _import_module(spec: str, module_name: str) -> Any:
    cwd = os.getcwd()
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (module_name == exc.name or module_name.startswith(f"{exc.name}.")):
            msg = f"--config {spec!r}: module {module_name!r} not found (looked in {cwd} and sys.path)"
            raise click.ClickException(msg) from None
        msg = f"--config {spec!r}: importing module {module_name!r} failed: {type(exc).__name__}: {exc}"
        raise click.ClickException(msg) from None


def _as_configs(spec: str, value: Any) -> list[AnyConfig]:
    if callable(value) and not isinstance(value, (SQLAlchemyAsyncConfig, SQLAlchemySyncConfig)):
        value = value()
    items = list(value) if isinstance(value, Sequence) and not isinstance(value, str) else [value]
    wrong = [item for item in items if not isinstance(item, (SQLAlchemyAsyncConfig, SQLAlchemySyncConfig))]
    if wrong or not items:
        got = type(wrong[0]).__name__ if wrong else "an empty list"
        msg = f"--config {spec!r}: expected {_EXPECTED}, got {got}"
        raise click.ClickException(msg)
    return items


def load_configs(spec: str | None) -> list[AnyConfig]:
    """Import ``module:attribute`` (the attribute may be dotted) and return the configs it names."""
    if not spec:
        msg = "no config given: pass --config module:attribute (e.g. myapp.db:config) or set SQLALCHEMIST_CONFIG"
        raise click.ClickException(msg)
    module_name, sep, attribute = spec.partition(":")
    if not sep or not module_name or not attribute:
        msg = f"--config {spec!r}: expected 'module:attribute', e.g. 'myapp.db:config'"
        raise click.ClickException(msg)
    value: Any = _import_module(spec, module_name)
    owner = module_name
    for part in attribute.split("."):
        if not hasattr(value, part):
            msg = f"--config {spec!r}: {owner!r} has no attribute {part!r}"
            raise click.ClickException(msg)
        value = getattr(value, part)
        owner = f"{owner}:{part}" if owner == module_name else f"{owner}.{part}"
    return _as_configs(spec, value)


def _key_list(configs: Sequence[AnyConfig]) -> str:
    return ", ".join(repr(config.bind_key) for config in configs)


def pick_config(configs: Sequence[AnyConfig], bind_key: str | None) -> AnyConfig:
    """Return the config with ``bind_key``; without one, the only config or the one whose bind key is None."""
    if bind_key is not None:
        for config in configs:
            if config.bind_key == bind_key:
                return config
        msg = f"no config with bind key {bind_key!r}; the configs' bind keys are {_key_list(configs)}"
        raise click.ClickException(msg)
    if len(configs) == 1:
        return configs[0]
    for config in configs:
        if config.bind_key is None:
            return config
    msg = f"{len(configs)} configs found (bind keys {_key_list(configs)}); pick one with --bind-key"
    raise click.ClickException(msg)


ConfigSource = Callable[[click.Context], Sequence[AnyConfig]]
"""Returns the configs a command may use, given the click context (from ``--config`` or a framework's app)."""
