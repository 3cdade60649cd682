"""The repository's inserts, updates and upserts. ``_writes_async.py`` is the source of ``_writes_sync.py``."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select, tuple_
from sqlalchemy.orm.attributes import instance_state

from sqlalchemist.exceptions import (
    ErrorMessages,
    RepositoryError,
)
from sqlalchemist.repository._greenlet import call_directly
from sqlalchemist.repository._loading import plain_columns, plain_get_allowed, plain_get_statement
from sqlalchemist.repository._reads_sync import SyncRepositoryReads
from sqlalchemist.repository._statements import (
    chunked,
    ids_parameters,
    keys_per_statement,
    primary_key_keys,
    select_by_ids_statement,
    upsert_statement,
)
from sqlalchemist.repository._typing import LoadSpec, ModelT
from sqlalchemist.repository._util import (
    apply_committed,
    attach_loaded_states,
    attach_persistent,
    column_keys,
    identity_of,
    missing_key_error,
    not_found_error,
    persist_as_loaded,
    row_instance_maker,
    set_column_values,
    set_relationship_values,
    sync_session_of,
    tuple_getter,
)
from sqlalchemist.repository._writes import (
    RowPlan,
    bulk_update_statement,
    describe_id,
    driver_update_plan,
    has_flush_hooks,
    insert_new,
    match_key_of,
    missing_columns_statement,
    renamed_columns,
    row_plan,
    set_update_supported,
    shared_values,
    to_column_keys,
    unnest_update_statement,
    update_parameters,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sqlalchemy.orm import InstanceState, Mapper

    from sqlalchemist.repository._writes import DriverUpdatePlan, UnnestUpdate


__all__ = ()


class SyncRepositoryWrites(SyncRepositoryReads[ModelT]):
    """The insert, update and upsert methods of the repository."""

    def add(
        self,
        data: ModelT,
        *,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        auto_refresh: bool | None = None,
        error_messages: ErrorMessages | None = None,
    ) -> ModelT:
        """Insert ``data`` and return it, with database-generated values loaded."""
        with self._wrap(error_messages):
            if self._insert_new([data]):
                self._commit(auto_commit)
            else:
                self.session.add(data)
                self._flush_or_commit(auto_commit)
            self._refresh(data, auto_refresh)
        self._expunge(data, auto_expunge)
        return data

    def add_many(
        self,
        data: builtins.list[ModelT],
        *,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        error_messages: ErrorMessages | None = None,
    ) -> builtins.list[ModelT]:
        """Insert every instance in one batched INSERT … RETURNING and return them, now persistent."""
        if not data:
            return []
        with self._wrap(error_messages):
            if not self._insert_new(data):
                self.session.add_all(data)
                self.session.flush()
            self._commit(auto_commit)
        for item in data:
            self._expunge(item, auto_expunge)
        return data

    def _insert_new(self, data: Sequence[ModelT]) -> bool:
        """Insert new instances with Core statements and attach them as persistent; False if the ORM must do it.

        One greenlet hop (see ``insert_new``).
        """
        return call_directly(insert_new, sync_session_of(self.session), self.model_type, data)

    def _id_value(self, values: dict[str, Any], id_attribute: str) -> Any:
        if self._is_primary_key(id_attribute):
            identity = identity_of(self.model_type, values)
            if identity is None:
                return None
            return identity[0] if len(identity) == 1 else identity
        return values.get(id_attribute)

    def update(
        self,
        data: ModelT,
        *,
        attribute_names: Sequence[str] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        auto_refresh: bool | None = None,
        id_attribute: str | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
    ) -> ModelT:
        """Write the attributes set on ``data`` to its row and return the stored instance.

        Only attributes assigned on ``data`` are copied, so ``update(Author(id=x, name="B"))`` keeps the rest.
        """
        id_attribute = id_attribute or self.id_attribute
        state: InstanceState[Any] = sa_inspect(data)
        with self._wrap(error_messages):
            if state.key is not None and data in self.session:
                instance = data
            else:
                values = set_column_values(data)
                item_id = self._id_value(values, id_attribute)
                if item_id is None:
                    msg = f"update: {self.model_type.__name__} needs a value for {id_attribute!r} to find its row"
                    raise RepositoryError(msg)
                instance = self.get(
                    item_id,
                    id_attribute=id_attribute,
                    load=load,
                    execution_options=execution_options,
                    with_for_update=with_for_update,
                    error_messages=error_messages,
                )
                pk_keys = primary_key_keys(self.model_type)
                for key, value in {**values, **set_relationship_values(data)}.items():
                    if key not in pk_keys:
                        setattr(instance, key, value)
            self._flush_or_commit(auto_commit)
            self._refresh(instance, auto_refresh, attribute_names=attribute_names, with_for_update=with_for_update)
        self._expunge(instance, auto_expunge)
        return instance

    def update_many(
        self,
        data: builtins.list[ModelT] | builtins.list[dict[str, Any]],
        *,
        auto_commit: bool | None = None,
        auto_expunge: bool | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
    ) -> builtins.list[ModelT]:
        """Update many rows by primary key with one executemany UPDATE per set of columns; return the instances."""
        model = self.model_type
        results: builtins.list[Any] = [None] * len(data)
        values_list: builtins.list[dict[str, Any]] = []
        positions: builtins.list[int] = []
        identities: builtins.list[tuple[Any, ...]] = []
        groups: dict[frozenset[str], builtins.list[int]] = {}
        plans: dict[frozenset[str], RowPlan] = {}  # per set of given attributes
        instants: dict[Callable[[], Any], Any] = {}
        known = column_keys(model)
        for position, item in enumerate(data):
            if isinstance(item, dict):
                values = dict(item)
            else:
                if instance_state(item).key is not None and item in self.session:
                    results[position] = item
                    continue
                values = set_column_values(item)
            identity = identity_of(model, values)
            if identity is None:
                raise missing_key_error(model, position, "update_many")
            keys = frozenset(values)
            plan = plans.get(keys)
            if plan is None:
                if not keys <= known:
                    unknown = sorted(keys - known)
                    msg = f"update_many: item {position} sets {unknown}, which are not columns of {model.__name__}"
                    raise RepositoryError(msg)
                plan = plans[keys] = row_plan(model, keys)
            groups.setdefault(plan.complete(values, instants), []).append(len(values_list))
            values_list.append(values)
            positions.append(position)
            identities.append(identity)
        with self._wrap(error_messages):
            if has_flush_hooks(self.session, model, ("before_update", "after_update")):
                self._update_through_session(
                    values_list, identities, positions, results, load=load, execution_options=execution_options
                )
            else:
                self._update_by_statements(
                    values_list,
                    identities,
                    groups,
                    positions=positions,
                    results=results,
                    data=data,
                    load=load,
                    execution_options=execution_options,
                )
            self._flush_or_commit(auto_commit)
        for instance in results:
            self._expunge(instance, auto_expunge)
        return results

    def _update_by_statements(
        self,
        values_list: builtins.list[dict[str, Any]],
        identities: builtins.list[tuple[Any, ...]],
        groups: dict[frozenset[str], builtins.list[int]],
        *,
        positions: builtins.list[int],
        results: builtins.list[Any],
        data: Sequence[Any],
        load: LoadSpec | None,
        execution_options: dict[str, Any] | None,
    ) -> None:
        """Update the rows (grouped by the attributes they carry) with Core statements, and return instances."""
        model = self.model_type
        connection = self.session.connection(bind_arguments={"mapper": model})
        dialect = connection.dialect
        # instances are built from returned rows only for simple mappings (no eagerly mapped relationships)
        simple = not self._options(load) and plain_columns(model) is not None
        if (
            simple
            and len(set(identities)) == len(identities)
            and all(set_update_supported(model, keys, dialect) for keys in groups)
        ):
            self._update_and_read_back(
                connection,
                groups,
                values_list,
                identities,
                positions=positions,
                results=results,
                data=data,
                execution_options=execution_options,
            )
            return
        for keys, rows in groups.items():
            parameters = [update_parameters(model, values_list[index]) for index in rows]
            connection.execute(bulk_update_statement(model, keys), parameters)
        mapper = sa_inspect(model)
        identity_map = self.session.identity_map
        to_complete: builtins.list[tuple[int, tuple[Any, ...], dict[str, Any]]] = []
        for values, identity, position in zip(values_list, identities, positions, strict=True):
            existing = identity_map.get(mapper.identity_key_from_primary_key(identity))
            item = data[position]
            if existing is not None:
                apply_committed(existing, values)
                results[position] = existing
            elif not isinstance(item, dict) and persist_as_loaded(item):
                self.session.add(item)
                results[position] = item
            else:
                to_complete.append((position, identity, values))
        if to_complete and not simple:
            loaded = self._load_by_identity([identity for _, identity, _ in to_complete], load, execution_options)
            for position, identity, _ in to_complete:
                results[position] = self._found(loaded, identity)
        elif to_complete:
            self._complete_rows(to_complete, results, data, execution_options)

    def _update_and_read_back(
        self,
        connection: Any,
        groups: dict[frozenset[str], builtins.list[int]],
        values_list: builtins.list[dict[str, Any]],
        identities: builtins.list[tuple[Any, ...]],
        *,
        positions: builtins.list[int],
        results: builtins.list[Any],
        data: Sequence[Any],
        execution_options: dict[str, Any] | None,
    ) -> None:
        """Update the rows of each set of columns set-based, read back what they did not carry, attach the instances.

        PostgreSQL: one ``UPDATE … FROM unnest(:arrays) … RETURNING``; SQLite: an executemany ``UPDATE`` then a
        ``SELECT`` by key of the other columns (see ``DriverUpdatePlan``).
        """
        model = self.model_type
        mapper: Mapper[Any] = sa_inspect(model)
        identity_class = mapper._identity_class
        get_state = sync_session_of(self.session).identity_map.fast_get_state
        exec_options = self._execution_options(execution_options)
        persistent: builtins.list[Any] = []
        persistent_keys: builtins.list[Any] = []
        complete = True
        held_any = bool(sync_session_of(self.session).identity_map)
        for keys, indexes in groups.items():
            rows = [values_list[index] for index in indexes]
            returned, rest = self._update_group(
                connection, keys, rows, [identities[index] for index in indexes], exec_options
            )
            complete = complete and column_keys(model) <= keys.union(rest)
            for index, values, row in zip(indexes, rows, returned, strict=True):
                position = positions[index]
                identity = identities[index]
                if row is None:
                    raise self._missing(identity)
                key = (identity_class, identity, None)
                held = get_state(key) if held_any else None
                existing = None if held is None else held.obj()
                if existing is not None:
                    apply_committed(existing, values)
                    results[position] = existing
                    continue
                results[position] = instance = self._instance_from_row(mapper, data[position], rest, row, values)
                persistent.append(instance)
                persistent_keys.append(key)
        attach_persistent(self.session, persistent, persistent_keys, complete=complete, absent=True)

    def _update_group(
        self,
        connection: Any,
        keys: frozenset[str],
        rows: builtins.list[dict[str, Any]],
        identities: builtins.list[tuple[Any, ...]],
        exec_options: dict[str, Any],
    ) -> tuple[builtins.list[Any], Sequence[str]]:
        """Update ``rows`` (all carrying ``keys``) set-based; return per row the values read back (None where no
        row had its key) and the names of those values."""
        model = self.model_type
        dialect = connection.dialect
        pk_width = len(identities[0])
        shared = shared_values(model, keys, rows)
        if dialect.name == "postgresql":
            unnest = cast("UnnestUpdate", unnest_update_statement(model, keys, shared))
            result = connection.execute(unnest.statement, unnest.parameters(rows), execution_options=exec_options)
            key_of = tuple_getter(range(pk_width))  # the returned row starts with the key
            found = {key_of(row): row for row in result.all()}
            return [found.get(identity) for identity in identities], unnest.returned
        plan = cast("DriverUpdatePlan", driver_update_plan(model, keys, dialect, shared))
        parameters, sent = plan.parameters(rows)
        connection.exec_driver_sql(plan.update_sql, parameters, execution_options=exec_options)
        raw: builtins.list[Any] = []
        for chunk in chunked(sent, keys_per_statement(dialect.name, pk_width)):
            selected = connection.exec_driver_sql(
                plan.select_sql(len(chunk)), plan.select_parameters(chunk), execution_options=exec_options
            )
            raw.extend(selected.all())
        return plan.returned(sent, raw), plan.rest

    @staticmethod
    def _instance_from_row(
        mapper: Mapper[Any], item: Any, names: Sequence[str], row: Any, values: dict[str, Any]
    ) -> Any:
        """Return the instance to make persistent for an updated row: the caller's ``item`` when it is a new
        instance (else a new empty one), holding the returned columns ``names`` of ``row`` and the written ``values``.
        """
        instance = None
        if not isinstance(item, dict):
            state = instance_state(item)
            if state.key is None and state.session_id is None and state.mapper is mapper:
                instance = item
        if instance is None:
            instance = mapper.class_manager.new_instance()
        values_of = instance.__dict__  # the state's dict
        values_of.update(zip(names, row, strict=True))
        values_of.update(values)
        return instance

    def _complete_rows(
        self,
        entries: builtins.list[tuple[int, tuple[Any, ...], dict[str, Any]]],
        results: builtins.list[Any],
        data: Sequence[Any],
        execution_options: dict[str, Any] | None,
    ) -> None:
        """Read only the columns the updated rows did not carry, and return the rows as persistent instances.

        The caller's instances become the persistent ones (a dict gets a new instance); no whole object is loaded.
        """
        model = self.model_type
        mapper: Mapper[Any] = sa_inspect(model)
        connection = self.session.connection(bind_arguments={"mapper": model})
        pk_width = len(primary_key_keys(model))
        size = keys_per_statement(self.dialect_name, pk_width)
        exec_options = self._execution_options(execution_options)
        groups: dict[frozenset[str], builtins.list[tuple[int, tuple[Any, ...], dict[str, Any]]]] = {}
        for entry in entries:
            groups.setdefault(frozenset(entry[2]), []).append(entry)
        made: dict[tuple[Any, ...], Any] = {}
        persistent: builtins.list[Any] = []
        for keys, group in groups.items():
            statement, names = missing_columns_statement(model, keys)
            found: dict[tuple[Any, ...], Any] = {}
            identities = builtins.list(dict.fromkeys(identity for _, identity, _ in group))
            for chunk in chunked(identities, size):
                ids = [identity[0] for identity in chunk] if pk_width == 1 else chunk
                result = connection.execute(statement, ids_parameters(ids), execution_options=exec_options)
                for fetched in result:
                    found[tuple(fetched[:pk_width])] = fetched
            for position, identity, values in group:
                row = found.get(identity)
                if row is None:
                    raise self._missing(identity)
                instance = made.get(identity)
                if instance is not None:
                    apply_committed(instance, values)
                else:
                    instance = self._instance_from_row(mapper, data[position], names, row, values)
                    made[identity] = instance
                    persistent.append(instance)
                results[position] = instance
        attach_persistent(self.session, persistent)

    def _update_through_session(
        self,
        values_list: builtins.list[dict[str, Any]],
        identities: builtins.list[tuple[Any, ...]],
        positions: builtins.list[int],
        results: builtins.list[Any],
        *,
        load: LoadSpec | None,
        execution_options: dict[str, Any] | None,
    ) -> None:
        model = self.model_type
        pk_keys = primary_key_keys(model)
        loaded = self._load_by_identity(identities, load, execution_options)
        for values, position, identity in zip(values_list, positions, identities, strict=True):
            instance = self._found(loaded, identity)
            for key, value in values.items():
                if key not in pk_keys:
                    setattr(instance, key, value)
            results[position] = instance

    def _found(self, loaded: dict[tuple[Any, ...], Any], identity: Any) -> Any:
        instance = loaded.get(identity)
        if instance is None:
            raise self._missing(identity)
        return instance

    def _missing(self, identity: tuple[Any, ...]) -> Exception:
        pk_keys = primary_key_keys(self.model_type)
        value = identity[0] if len(pk_keys) == 1 else identity
        return not_found_error(self.model_type, describe_id(pk_keys[0] if len(pk_keys) == 1 else "id", value))

    def _load_by_identity(
        self,
        identities: Sequence[tuple[Any, ...]],
        load: LoadSpec | None,
        execution_options: dict[str, Any] | None,
    ) -> dict[tuple[Any, ...], Any]:
        pk_keys = primary_key_keys(self.model_type)
        ids = [identity[0] if len(pk_keys) == 1 else identity for identity in identities]
        statement = self._finish(
            select_by_ids_statement(self.model_type, None),
            (),
            load=load,
            execution_options={**(execution_options or {}), "populate_existing": True},
        )
        found: dict[tuple[Any, ...], Any] = {}
        size = keys_per_statement(self.dialect_name, len(pk_keys))
        for chunk in chunked(ids, size):
            result = self.session.execute(statement, ids_parameters(chunk))
            for instance in result.scalars():
                found[tuple(getattr(instance, key) for key in pk_keys)] = instance
        return found

    def _match_keys(self, match_fields: builtins.list[str] | str | None) -> tuple[str, ...]:
        fields = match_fields if match_fields is not None else self.match_fields
        if fields is None:
            return primary_key_keys(self.model_type)
        return (fields,) if isinstance(fields, str) else tuple(fields)

    def upsert(
        self,
        data: ModelT,
        *,
        attribute_names: Sequence[str] | None = None,
        with_for_update: bool | dict[str, Any] | None = None,
        auto_expunge: bool | None = None,
        auto_commit: bool | None = None,
        auto_refresh: bool | None = None,
        match_fields: builtins.list[str] | str | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
    ) -> ModelT:
        """Insert ``data``, or update the row matching it on ``match_fields`` (the primary key by default)."""
        state: InstanceState[Any] = sa_inspect(data)
        if state.key is not None and data in self.session:
            return self.update(
                data,
                attribute_names=attribute_names,
                with_for_update=with_for_update,
                auto_commit=auto_commit,
                auto_expunge=auto_expunge,
                auto_refresh=auto_refresh,
                error_messages=error_messages,
                load=load,
                execution_options=execution_options,
            )
        (instance,) = self.upsert_many(
            [data],
            auto_expunge=False,
            auto_commit=auto_commit,
            match_fields=match_fields,
            error_messages=error_messages,
            load=load,
            execution_options=execution_options,
        )
        with self._wrap(error_messages):
            self._refresh(instance, auto_refresh, attribute_names=attribute_names, with_for_update=with_for_update)
        self._expunge(instance, auto_expunge)
        return instance

    def upsert_many(
        self,
        data: builtins.list[ModelT],
        *,
        auto_expunge: bool | None = None,
        auto_commit: bool | None = None,
        match_fields: builtins.list[str] | str | None = None,
        error_messages: ErrorMessages | None = None,
        load: LoadSpec | None = None,
        execution_options: dict[str, Any] | None = None,
    ) -> builtins.list[ModelT]:
        """Insert or update every item with the dialect's native upsert; matched rows keep their primary keys."""
        if not data:
            return []
        model = self.model_type
        match_keys = self._match_keys(match_fields)
        rows: builtins.list[dict[str, Any]] = []
        groups: dict[frozenset[str], builtins.list[int]] = {}
        plans: dict[frozenset[str], RowPlan] = {}
        instants: dict[Callable[[], Any], Any] = {}
        for item in data:
            row = dict(item) if isinstance(item, dict) else set_column_values(item)
            keys = frozenset(row)
            plan = plans.get(keys)
            if plan is None:
                plan = plans[keys] = row_plan(model, keys, match_keys)
            groups.setdefault(plan.complete(row, instants), []).append(len(rows))
            rows.append(row)
        with self._wrap(error_messages):
            bind = self.session.get_bind(mapper=model)
            dialect = bind.dialect
            returning = bool(dialect.insert_returning) and dialect.name not in {"mysql", "mariadb"}
            if returning and not self._options(load) and not self._execution_options(execution_options):
                upserted = self._upsert_by_statements(rows, groups, match_keys, dialect)
                if upserted is not None:
                    self._commit(auto_commit)
                    for instance in upserted:
                        self._expunge(instance, auto_expunge)
                    return upserted
            found: dict[tuple[Any, ...], Any] = {}
            unordered: builtins.list[Any] = []
            exec_options = {**self._execution_options(execution_options), "populate_existing": True}
            for keys, indexes in groups.items():
                stmt = upsert_statement(model, dialect.name, keys, match_keys, returning=returning)
                group = [rows[index] for index in indexes]
                if returning:
                    result = self.session.execute(stmt, group, execution_options=exec_options)
                    for instance in result.scalars():
                        found[match_key_of(instance, match_keys)] = instance
                        unordered.append(instance)
                else:
                    self.session.execute(stmt, group)
            if not returning:
                found = self._load_by_match(match_keys, rows, load)
            ordered: builtins.list[Any] = [found.get(match_key_of(row, match_keys)) for row in rows]
            instances: builtins.list[Any] = unordered if any(item is None for item in ordered) else ordered
            self._commit(auto_commit)
        for instance in instances:
            self._expunge(instance, auto_expunge)
        return instances

    def _upsert_by_statements(
        self,
        rows: builtins.list[dict[str, Any]],
        groups: dict[frozenset[str], builtins.list[int]],
        match_keys: tuple[str, ...],
        dialect: Any,
    ) -> builtins.list[Any] | None:
        """Upsert with Core statements returning every column, and build the instances from the returned rows.

        Rows are matched back to the input by ``match_keys`` (a matched row keeps its own primary key). Rows already
        in the identity map get the stored values, as ``populate_existing`` would. None (nothing sent) when the ORM
        must do it: complex mappings or listeners.
        """
        model = self.model_type
        plan = plain_get_statement(model)
        mapper: Mapper[Any] = sa_inspect(model)
        sync_session = sync_session_of(self.session)
        if plan is None or not plain_get_allowed(sync_session, mapper):
            return None
        select_statement, names = plan
        columns = tuple(select_statement.selected_columns)
        match_positions = [names.index(key) for key in match_keys]
        pk_positions = [names.index(key) for key in primary_key_keys(model)]
        connection = self.session.connection(bind_arguments={"mapper": model})
        identity_map = sync_session.identity_map
        get_state = identity_map.fast_get_state if identity_map else None  # nothing to find in an empty map
        make = row_instance_maker(mapper)
        identity_class = mapper._identity_class
        by_match: dict[tuple[Any, ...], Any] = {}
        made: dict[Any, Any] = {}  # identity key -> instance made here (a row may be upserted twice)
        made_states: builtins.list[InstanceState[Any]] = []
        identity_of_row, match_of_row = tuple_getter(pk_positions), tuple_getter(match_positions)
        renamed = renamed_columns(model)
        for keys, indexes in groups.items():
            stmt = upsert_statement(model, dialect.name, keys, match_keys, returning=True, core_columns=columns)
            group = rows if len(indexes) == len(rows) else [rows[index] for index in indexes]
            parameters = [to_column_keys(model, row) for row in group] if renamed else group
            result = connection.execute(stmt, parameters)
            for row in result.all():
                key = (identity_class, identity_of_row(row), None)
                instance = made.get(key)
                if instance is None and get_state is not None:
                    held = get_state(key)
                    instance = None if held is None else held.obj()
                if instance is not None:
                    apply_committed(instance, dict(zip(names, row, strict=True)))
                else:
                    instance = made[key] = make(zip(names, row, strict=True), key)
                    made_states.append(instance_state(instance))
                by_match[match_of_row(row)] = instance
        attach_loaded_states(sync_session, made_states)
        ordered = [by_match.get(match_key_of(row, match_keys)) for row in rows]
        if any(instance is None for instance in ordered):
            return builtins.list(by_match.values())  # a match value the database stores differently
        return ordered

    def _load_by_match(
        self, match_keys: tuple[str, ...], rows: Sequence[dict[str, Any]], load: LoadSpec | None
    ) -> dict[tuple[Any, ...], Any]:
        columns = [getattr(self.model_type, key) for key in match_keys]
        target = columns[0] if len(columns) == 1 else tuple_(*columns)
        values = [match_key_of(row, match_keys) for row in rows]
        found: dict[tuple[Any, ...], Any] = {}
        size = keys_per_statement(self.dialect_name, len(columns))
        for chunk in chunked(values, size):
            wanted = [value[0] for value in chunk] if len(columns) == 1 else builtins.list(chunk)
            stmt = self._finish(
                select(self.model_type).where(target.in_(wanted)),
                (),
                load=load,
                execution_options={"populate_existing": True},
            )
            for instance in (self.session.execute(stmt)).scalars():
                found[match_key_of(instance, match_keys)] = instance
        return found
