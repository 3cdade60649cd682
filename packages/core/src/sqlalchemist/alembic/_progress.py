"""A rich progress bar for long table dumps, or a no-op when it is off or rich is not installed."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ("row_progress",)


def _ignore(_: int) -> None:
    return None


@contextlib.contextmanager
def row_progress(label: str, total: int, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(rows)``; with ``enabled`` (and rich installed) it drives a progress bar on stderr."""
    if not enabled:
        yield _ignore
        return
    try:
        from rich.console import Console
        from rich.progress import Progress
    except ImportError:
        yield _ignore
        return
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(f"dumping {label}", total=total)
        yield lambda rows: progress.advance(task, rows)
