"""Session hooks: save pending files on flush, delete replaced/deleted files after commit, undo saves on rollback."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Mapper, Session, SessionTransaction
from sqlalchemy.util.concurrency import await_only, in_greenlet

from sqlalchemist.events import scope_listener
from sqlalchemist_storage._columns import stored_columns
from sqlalchemist_storage._errors import StorageOperationError
from sqlalchemist_storage._file_list import FileObjectList
from sqlalchemist_storage._registry import storages

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy.orm import ORMExecuteState, UOWTransaction

    from sqlalchemist_storage._file_object import FileObject

__all__ = ("install_session_hooks",)

logger = logging.getLogger("sqlalchemist_storage")
_INFO_KEY = "sqlalchemist_storage.pending"


@dataclass
class _Pending:
    """What one session's current transaction did to the backends, each entry with its (nested) transaction."""

    saved: list[tuple[FileObject, SessionTransaction | None]] = field(default_factory=list)
    to_delete: list[tuple[FileObject, SessionTransaction | None]] = field(default_factory=list)
    lists: list[FileObjectList] = field(default_factory=list)
    committed: bool = False

    def doom(self, files: Iterable[FileObject], transaction: SessionTransaction | None) -> None:
        """Delete ``files`` once the outermost transaction commits (unless ``transaction`` is rolled back)."""
        self.to_delete.extend((file, transaction) for file in files)


def _pending(session: Session) -> _Pending:
    found = session.info.get(_INFO_KEY)
    if found is None:
        found = session.info[_INFO_KEY] = _Pending()
    return found


def _save(file: FileObject) -> None:
    if in_greenlet():
        await_only(file.save_async())
    else:
        file.save()


def _delete(file: FileObject) -> None:
    if in_greenlet():
        await_only(file.delete_async())
    else:
        file.delete()


def _current_transaction(session: Session) -> SessionTransaction | None:
    return session.get_nested_transaction() or session.get_transaction()


def _collect(session: Session, instance: Any, *, deleted: bool, pending: _Pending) -> None:
    state = inspect(instance)
    for key, column_type, label in stored_columns(state.mapper):
        if deleted:
            with session.no_autoflush:
                value = getattr(instance, key)
            pending.doom(column_type.files_of(value), _current_transaction(session))
            continue
        history = state.attrs[key].history  # never loads: set events already loaded replaced values
        live = [file for value in (*history.added, *history.unchanged) for file in column_type.files_of(value)]
        live_ids = {file.identity for file in live}
        for value in history.deleted:
            gone = [f for f in column_type.files_of(value) if f.identity not in live_ids]
            pending.doom(gone, _current_transaction(session))
        for value in (*history.added, *history.unchanged):
            if isinstance(value, FileObjectList):
                pending.doom(value.removed_files(), _current_transaction(session))
                pending.lists.append(value)
        for file in live:
            if file.has_pending_content:
                column_type.validate(file, column=label)
                _save(file)
                pending.saved.append((file, _current_transaction(session)))


def _before_flush(session: Session, flush_context: UOWTransaction, instances: Iterable[Any] | None) -> None:
    if not (session.new or session.dirty or session.deleted):
        return
    pending: _Pending | None = None
    for group, deleted in ((session.new, False), (session.dirty, False), (session.deleted, True)):
        for instance in group:
            if stored_columns(inspect(instance).mapper):
                pending = pending or _pending(session)
                _collect(session, instance, deleted=deleted, pending=pending)


def _do_orm_execute(state: ORMExecuteState) -> None:
    """Before a bulk ``delete(Model).where(...)``, note the files of the rows it will delete."""
    if not state.is_delete or state.execution_options.get("sqlalchemist_storage.scan"):
        return
    mapper = state.bind_mapper
    columns = stored_columns(mapper) if mapper is not None else ()
    if mapper is None or not columns:
        return
    statement: Any = state.statement
    scan: Any = select(*_columns_of(mapper, columns))
    if statement.whereclause is not None:
        scan = scan.where(statement.whereclause)
    params = state.parameters
    param_sets = params if isinstance(params, list) else [params or {}]
    session, pending = state.session, _pending(state.session)
    with session.no_autoflush:
        for param_set in param_sets:
            rows = session.execute(scan, param_set, execution_options={"sqlalchemist_storage.scan": True})
            for row in rows:
                for (_, column_type, _), value in zip(columns, row, strict=True):
                    pending.doom(column_type.files_of(value), _current_transaction(session))


def _columns_of(mapper: Any, columns: tuple[tuple[str, Any, str], ...]) -> list[Any]:
    return [mapper.attrs[key].columns[0] for key, _, _ in columns]


def _cleanup(files: list[FileObject], action: str) -> None:
    failures: list[tuple[FileObject, Exception]] = []
    for file in files:
        try:
            _delete(file)
        except Exception as exc:
            failures.append((file, exc))
    if not failures:
        return
    paths = tuple(f"{file.backend_key}:{file.path}" for file, _ in failures)
    causes = [(file, exc.__cause__ or exc) for file, exc in failures]
    details = "; ".join(f"{file.backend_key}:{file.path} ({type(c).__name__}: {c})" for file, c in causes)
    msg = f"could not delete {len(failures)} stored file(s) {action}: {details}"
    if storages.cleanup_errors == "log":
        logger.error(msg)
        return
    raise StorageOperationError(msg, paths=paths)


def _after_commit(session: Session) -> None:
    pending = session.info.get(_INFO_KEY)
    if isinstance(pending, _Pending):
        pending.committed = True  # cleanup waits for after_transaction_end, when the session is usable again


def _finish_commit(pending: _Pending) -> None:
    kept = {file.identity for file, _ in pending.saved}
    for file_list in pending.lists:
        kept.update(item.identity for item in file_list)
        file_list.mark_committed()
    for file, _ in pending.saved:
        file._release_content()
    doomed: dict[tuple[str, str], FileObject] = {}
    for file, _ in pending.to_delete:
        if file.identity not in kept:
            doomed.setdefault(file.identity, file)
    _cleanup(list(doomed.values()), "after commit")


def _within(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


def _undo(session: Session, pending: _Pending, ended: SessionTransaction | None) -> None:
    undone = [file for file, txn in pending.saved if ended is None or _within(txn, ended)]
    pending.saved = [(f, t) for f, t in pending.saved if ended is not None and not _within(t, ended)]
    pending.to_delete = [(f, t) for f, t in pending.to_delete if ended is not None and not _within(t, ended)]
    for file in undone:
        file._mark_unsaved()
    _cleanup(undone, "after rollback")


def _after_soft_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    pending = session.info.get(_INFO_KEY)
    if isinstance(pending, _Pending) and previous_transaction.nested:
        _undo(session, pending, previous_transaction)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    pending = session.info.pop(_INFO_KEY, None)
    if isinstance(pending, _Pending):
        if pending.committed:
            _finish_commit(pending)
        else:
            _undo(session, pending, None)


def _has_files(mapper: Mapper[Any]) -> bool:
    return bool(stored_columns(mapper))


_installed = False


def install_session_hooks() -> None:
    """Listen on every :class:`~sqlalchemy.orm.Session` (sync, and the one inside AsyncSession) once per process."""
    global _installed
    if not _installed:
        # Only models with StoredObject columns concern these two: repositories keep their fast paths for the rest.
        scope_listener(_before_flush, _has_files)
        scope_listener(_do_orm_execute, _has_files)
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_soft_rollback)
        event.listen(Session, "after_transaction_end", _after_transaction_end)
        event.listen(Session, "do_orm_execute", _do_orm_execute)
        _installed = True
