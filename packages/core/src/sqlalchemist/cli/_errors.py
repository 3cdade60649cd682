"""Turn the errors a database command can raise into one-line click errors."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import click
from sqlalchemy.exc import SQLAlchemyError

from sqlalchemist.exceptions import SQLAlchemistError

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ("one_line_errors",)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextlib.contextmanager
def one_line_errors() -> Iterator[None]:
    """Re-raise alembic, sqlalchemist, SQLAlchemy and missing-file errors as ``click.ClickException``."""
    from alembic.util import CommandError

    try:
        yield
    except (CommandError, SQLAlchemistError, FileNotFoundError) as exc:
        raise click.ClickException(_first_line(exc)) from exc
    except SQLAlchemyError as exc:
        raise click.ClickException(f"{type(exc).__name__}: {_first_line(exc)}") from exc
