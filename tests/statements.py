"""A test helper shared by packages: record the statements an engine sends."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event


class StatementLog:
    """Record the first word of each SQL statement an engine (sync, or the one behind an async engine) sends."""

    def __init__(self, engine: Any) -> None:
        self.engine = getattr(engine, "sync_engine", engine)
        self.sent: list[str] = []

    def __enter__(self) -> list[str]:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self.sent

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)

    def _record(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.sent.append(statement.split(None, 1)[0].upper())
