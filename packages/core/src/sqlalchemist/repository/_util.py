"""Instance helpers shared by the async and sync repositories: which attributes are set, identity, messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import instance_state, set_committed_value
from sqlalchemy.sql import schema as sa_schema

from sqlalchemist._clock import utcnow
from sqlalchemist.exceptions import ErrorMessages, NotFoundError, RepositoryError
from sqlalchemist.repository._statements import memoize, primary_key_keys

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from sqlalchemy.orm import InstanceState, Mapper

__all__ = (
    "apply_committed",
    "attach_loaded_states",
    "attach_persistent",
    "column_keys",
    "get_instrumented_attr",
    "identity_of",
    "merge_error_messages",
    "model_from_dict",
    "not_found_error",
    "is_clock",
    "make_for_call",
    "onupdate_makers",
    "python_default_maker",
    "persist_as_loaded",
    "row_instance_maker",
    "set_column_values",
    "set_relationship_values",
    "sync_session_of",
    "tuple_getter",
)


@memoize
def column_keys(model: type[Any]) -> frozenset[str]:
    """Return the attribute names of the model's mapped columns."""
    mapper: Mapper[Any] = sa_inspect(model)
    return frozenset(attr.key for attr in mapper.column_attrs)


def set_column_values(instance: Any) -> dict[str, Any]:
    """Return the column values that were set on ``instance`` (or loaded into it): the ones to write.

    Attributes never assigned on a new instance are left out, so writing the result never nulls other columns.
    """
    values = instance.__dict__  # the state's dict
    return {key: values[key] for key in _column_key_order(type(instance)) if key in values}


@memoize
def _column_key_order(model: type[Any]) -> tuple[str, ...]:
    mapper: Mapper[Any] = sa_inspect(model)
    return tuple(attr.key for attr in mapper.column_attrs)


def set_relationship_values(instance: Any) -> dict[str, Any]:
    """Return the relationships explicitly assigned on ``instance``."""
    state: InstanceState[Any] = instance_state(instance)
    return {
        prop.key: state.dict[prop.key]
        for prop in state.mapper.relationships
        if prop.key in state.dict and state.attrs[prop.key].history.has_changes()
    }


def model_from_dict(model: type[Any], **kwargs: Any) -> Any:
    """Return a new ``model`` instance from the keyword arguments that name its mapped attributes."""
    mapper: Mapper[Any] = sa_inspect(model)
    return model(**{key: value for key, value in kwargs.items() if key in mapper.attrs})


def get_instrumented_attr(model: type[Any], key: str | Any) -> Any:
    """Return ``model.key`` for a name; an attribute passes through unchanged."""
    return getattr(model, key) if isinstance(key, str) else key


def identity_of(model: type[Any], values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """Return the primary key tuple found in ``values``, or None when a part of it is missing."""
    identity = tuple([values.get(key) for key in primary_key_keys(model)])
    return None if None in identity else identity


def python_default_maker(default: Any) -> Callable[[], Any] | None:
    """Return a zero-argument maker for a column default or onupdate computed in Python, else None.

    None for what the database computes (SQL expressions, sequences) and for callables that read the execution
    context: those are left to SQLAlchemy.
    """
    if getattr(default, "is_scalar", False):
        value = default.arg
        return lambda: value
    if not getattr(default, "is_callable", False):
        return None
    function = default.arg
    wrapped = getattr(function, "__wrapped__", None)
    if wrapped is not None:
        return cast("Callable[[], Any]", wrapped)  # SQLAlchemy wrapped a callable that takes no context
    if getattr(getattr(function, "__code__", None), "co_filename", "") == _SCHEMA_FILE:
        return lambda: function(None)  # the same wrapper, around an object without a __name__
    return None


_SCHEMA_FILE = sa_schema.__file__


def is_clock(maker: Callable[[], Any]) -> bool:
    """Tell whether ``maker`` reads the clock (the audit columns' ``utcnow``): a set-based write calls it once for
    all its rows, the one instant the flush listener gives every object of a flush."""
    return maker is utcnow


def make_for_call(make: Callable[[], Any], instants: dict[Callable[[], Any], Any]) -> Any:
    """Return a new value from ``make``, or for a clock maker the call's one reading, kept in ``instants``."""
    if make is not utcnow:
        return make()
    value = instants.get(make)
    if value is None:
        value = instants[make] = make()
    return value


@memoize
def onupdate_makers(model: type[Any], keys: frozenset[str]) -> tuple[tuple[str, Callable[[], Any]], ...]:
    """Return the Python ``onupdate`` makers of the columns an UPDATE of ``keys`` must also set (``updated_at``)."""
    mapper: Mapper[Any] = sa_inspect(model)
    makers: list[tuple[str, Callable[[], Any]]] = []
    for attr in mapper.column_attrs:
        onupdate: Any = getattr(attr.columns[0], "onupdate", None)
        if attr.key not in keys and onupdate is not None and (maker := python_default_maker(onupdate)) is not None:
            makers.append((attr.key, maker))
    return tuple(makers)


def apply_committed(instance: Any, values: Mapping[str, Any]) -> None:
    """Store ``values`` on ``instance`` as its loaded, unchanged state."""
    for key, value in values.items():
        set_committed_value(instance, key, value)


def persist_as_loaded(instance: Any) -> bool:
    """Mark a new instance whose every column is set as already in the database; return whether it was."""
    state: InstanceState[Any] = instance_state(instance)
    if state.key is not None or not column_keys(state.class_) <= state.dict.keys():
        return False
    make_transient_to_detached(instance)
    return True


def merge_error_messages(*layers: ErrorMessages | None) -> ErrorMessages | None:
    """Combine error message overrides; later layers win."""
    merged: dict[str, Any] = {}
    for layer in layers:
        if layer:
            merged.update(layer)
    return cast("ErrorMessages", merged) if merged else None


class _Blank(dict[str, str]):
    """Template values where an unknown placeholder renders as an empty string."""

    def __missing__(self, key: str) -> str:
        return ""


def not_found_error(model: type[Any], criteria: str, error_messages: ErrorMessages | None = None) -> NotFoundError:
    """Return ``NotFoundError("Author with id=3 not found")``, or the ``not_found`` template when one is given."""
    template = (error_messages or {}).get("not_found")
    if isinstance(template, str):
        table = str(getattr(getattr(model, "__table__", None), "name", ""))
        return NotFoundError(template.format_map(_Blank(model=model.__name__, detail=criteria, table=table)))
    return NotFoundError(f"{model.__name__} with {criteria} not found")


def missing_key_error(model: type[Any], position: int, operation: str) -> RepositoryError:
    """Return the error for an item that lacks its primary key value."""
    keys = ", ".join(primary_key_keys(model))
    return RepositoryError(
        f"{operation}: item {position} has no value for the primary key of {model.__name__} ({keys})"
    )


def sync_session_of(session: Any) -> Any:
    """Return the ``Session`` behind an ``AsyncSession``, a scoped session, or the session itself."""
    target = session.registry() if hasattr(session, "registry") else session
    return getattr(target, "sync_session", target)


def attach_persistent(
    session: Any,
    instances: Sequence[Any],
    identity_keys: Sequence[Any] | None = None,
    *,
    complete: bool = False,
    absent: bool = False,
) -> None:
    """Make new instances, whose rows were just written or read, persistent in ``session`` in one pass.

    The same end state as ``make_transient_to_detached`` then ``Session.add_all`` (values committed, unloaded
    attributes expired, identity map entry, session membership), without the per-object cascade walk that only
    matters for related objects (the callers never pass instances with loaded relationships). Attach listeners
    or an instance belonging elsewhere take the public path so that nothing is skipped. ``identity_keys``, when the
    caller has them, are the instances' identity map keys; ``complete`` says every instance holds every column,
    ``absent`` that the caller found none of the keys in the identity map.
    """
    sync_session = sync_session_of(session)
    dispatch = sync_session.dispatch
    states: list[InstanceState[Any]] = [instance_state(instance) for instance in instances]
    if (
        dispatch.before_attach
        or dispatch.after_attach
        or dispatch.detached_to_persistent
        or any(state.key is not None or state.session_id is not None for state in states)
    ):
        for instance in instances:
            make_transient_to_detached(instance)
        session.add_all(instances)
        return
    if not states:
        return
    changed = [
        (state, instance.__dict__)  # the state's dict
        for state, instance in zip(states, instances, strict=True)
        if state.modified or state.committed_state
    ]
    if changed:  # what make_transient_to_detached does, for all of them at once
        states[0]._commit_all_states(changed)
    identity_map = sync_session.identity_map
    add_unpresent = identity_map._add_unpresent
    hash_key = sync_session.hash_key
    for index, state in enumerate(states):
        values = instances[index].__dict__  # the state's dict
        if identity_keys is not None:
            key = identity_keys[index]
        else:
            key = state.mapper.identity_key_from_primary_key(
                tuple([values.get(name) for name in primary_key_keys(state.class_)])
            )
        state.key = key
        if not complete:
            missing = column_keys(state.class_).difference(values)
            if missing:  # unloaded columns load on access; relationships are left to their loaders, as after a load
                state._expire_attributes(values, missing)
        if absent:
            add_unpresent(state, key)
        elif not identity_map.add(state):
            continue
        state.session_id = hash_key


def row_instance_maker(mapper: Mapper[Any]) -> Callable[[Iterable[tuple[str, Any]], Any], Any]:
    """Return ``make(pairs, key)``: a new instance of the mapper's class whose state dict holds ``pairs`` and whose
    state has identity ``key``, as an ORM load makes it (no attribute events, nothing modified), not attached yet."""
    manager: Any = mapper.class_manager
    cls: Any = mapper.class_
    make_state, set_state = manager._state_constructor, manager._state_setter

    def make(pairs: Iterable[tuple[str, Any]], key: Any) -> Any:
        instance = cls.__new__(cls)  # what ClassManager.new_instance does, without its call per row
        state = make_state(instance, manager)
        set_state(instance, state)
        instance.__dict__.update(pairs)  # the state's dict
        state.key = key
        return instance

    return make


def tuple_getter(positions: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """Return a function giving the values at ``positions`` of a row as a tuple (an identity, a match key)."""
    if len(positions) == 1:
        position = positions[0]
        return lambda row: (row[position],)
    return lambda row: tuple([row[position] for position in positions])


def attach_loaded_states(session: Any, states: Sequence[InstanceState[Any]]) -> None:
    """Put the states of fresh ``new_instance()`` objects filled from rows in the sync ``session``'s identity map as
    persistent, as an ORM load does. Their keys are set and absent from the map; the caller has checked that no
    attach or load listener needs to see them (``plain_get_allowed``)."""
    add = session.identity_map._add_unpresent
    hash_key = session.hash_key
    for state in states:
        add(state, cast("Any", state.key))
        state.session_id = hash_key


def attach_loaded(session: Any, instance: Any, key: Any) -> bool:
    """Make a fresh ``new_instance()`` whose ``state.dict`` was filled from a row persistent under ``key``.

    The state an ORM load leaves: no history to commit (the values were not set through attribute events),
    unloaded relationships left to their loaders. Returns False if ``key`` is already in the identity map.
    The caller has checked that no attach or load listener needs to see it (``plain_get_allowed``).
    """
    state: InstanceState[Any] = instance_state(instance)
    state.key = key
    if not session.identity_map.add(state):
        state.key = None
        return False
    state.session_id = session.hash_key
    return True
