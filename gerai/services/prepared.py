"""Hot statements run straight on the driver: a Core statement compiled once per dialect and
set of parameter names (the SQL text, the parameter order, each value's bind and result
conversions), executed on the DBAPI cursor of the session's current connection, in its
transaction. Values bind and read back as through SQLAlchemy, and driver errors are wrapped
as SQLAlchemy wraps them (`DBAPIError.instance`), so every caller's error handling holds. Like
`Session.connection().execute`, it does not flush the session: a caller whose statement must
see pending ORM objects flushes first."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement
from sqlmodel import Session

Processor = Callable[[Any], Any] | None
CACHED = 64  # compiled forms kept per statement (a list for `IN` compiles once per length)


@dataclass
class _Compiled:
    """One statement compiled for one dialect and one set of given parameter names."""

    sql: str
    positional: bool
    plan: tuple[tuple[str, str, Processor], ...]  # (given name, name sent, bind conversion)
    fixed: dict[str, Any]  # the statement's own bound values (e.g. `id = 1`)
    returns: tuple[Any, ...]  # the SQL type of each column a row has (none: no rows)
    expanding: tuple[str, ...] = ()  # the lists given for `IN` (one value per name_1, name_2 …)
    items: tuple[tuple[str, tuple[str, ...]], ...] = ()  # each list's names name_1, name_2 …
    # (index, conversion) of each returned column that has one: set at the first read
    reads: list[tuple[tuple[int, Callable[[Any], Any]], ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        names = tuple(name for name, _, _ in self.plan)
        self._sent = tuple(sent for _, sent, _ in self.plan)
        self._converts = tuple(
            (index, convert) for index, (_, _, convert) in enumerate(self.plan) if convert
        )
        self._take = _taker(names)

    def values(self, params: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """`params` converted for the driver, in its parameter style."""
        given: Sequence[Any] = self._given(params)
        if self._converts:
            given = self._converted(given)
        return self._styled(given)

    def values_many(self, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
        """Each of `rows` as `values` makes it, converted a column at a time: a column whose
        rows all hold the same object (the sale's id, its moment…) is converted once."""
        take = self._given if self.fixed or self.expanding else self._take
        given: list[Any] = list(map(take, rows))
        if self._converts:
            columns: list[Any] = list(zip(*given, strict=True))
            for index, convert in self._converts:
                columns[index] = _converted_column(columns[index], convert)
            given = list(zip(*columns, strict=True))
        if self.positional:
            return given
        return [self._styled(each) for each in given]

    def _given(self, params: Mapping[str, Any]) -> tuple[Any, ...]:
        given: Mapping[str, Any] = params
        if self.fixed or self.expanding:
            given = {**self.fixed, **params}
            for name, names in self.items:
                given.update(zip(names, params[name], strict=True))
        return self._take(given)

    def _converted(self, given: Sequence[Any]) -> list[Any]:
        ordered = list(given)
        for index, convert in self._converts:
            ordered[index] = convert(ordered[index])
        return ordered

    def _styled(self, ordered: Sequence[Any]) -> Sequence[Any] | dict[str, Any]:
        return ordered if self.positional else dict(zip(self._sent, ordered, strict=True))


def _converted_column(values: Sequence[Any], convert: Callable[[Any], Any]) -> Sequence[Any]:
    """Every value of a column converted; once when they are all the same object."""
    first = values[0]
    if len(set(map(id, values))) == 1:
        return (convert(first),) * len(values)
    return [convert(value) for value in values]


def _taker(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """The values of `names` in a mapping, in order, as a tuple (one C call)."""
    if len(names) > 1:
        return itemgetter(*names)
    if names:
        single = itemgetter(names[0])
        return lambda given: (single(given),)
    return lambda given: ()


def _compile(
    statement: ClauseElement, dialect: Dialect, params: Mapping[str, Any], many: bool
) -> _Compiled:
    compiled = statement.compile(dialect=dialect, column_keys=list(params), for_executemany=many)
    assert isinstance(compiled, SQLCompiler)
    if compiled.insert_prefetch or compiled.update_prefetch:
        raise ValueError("a prepared statement takes no Python-side defaults")
    if compiled.post_compile_params:
        return _expanded(compiled, params)
    keys = tuple(params)
    converters = cast(dict[str, Processor], compiled._bind_processors)  # no tuple binds here
    escaped = compiled.escaped_bind_names
    names = compiled.positiontup if compiled.positional else list(compiled.binds)
    assert names is not None
    fixed: dict[str, Any] = {}
    for name in names:
        bind = compiled.binds[name]
        if name not in keys:
            if bind.callable is not None or (bind.value is None and bind.required):
                raise ValueError(f"a prepared statement needs a value for {name!r}")
            fixed[name] = bind.value
    plan = tuple((name, escaped.get(name, name), converters.get(name)) for name in names)
    returns = tuple(column.type for column in compiled._result_columns)
    return _Compiled(compiled.string, bool(compiled.positional), plan, fixed, returns)


def _expanded(compiled: SQLCompiler, params: Mapping[str, Any]) -> _Compiled:
    """A statement with lists for `IN` (expanding parameters), compiled for the lengths of
    the lists in `params`."""
    if compiled.escaped_bind_names:
        raise ValueError("a prepared statement's expanding names need no escaping")
    expanding = tuple(bind.key for bind in compiled.post_compile_params)
    state = compiled.construct_expanded_state(dict(params))
    names = state.positiontup if compiled.positional else list(state.parameters)
    assert names is not None
    items = tuple(
        (name, tuple(f"{name}_{n}" for n in range(1, len(params[name]) + 1))) for name in expanding
    )
    given = set(params).union(*(each for _, each in items))
    fixed = {name: value for name, value in state.parameters.items() if name not in given}
    converters = cast(dict[str, Processor], state.processors)
    plan = tuple((name, name, converters.get(name)) for name in names)
    returns = tuple(column.type for column in compiled._result_columns)
    return _Compiled(
        state.statement, bool(compiled.positional), plan, fixed, returns, expanding, items
    )


class Prepared:
    """A Core statement run on the driver's cursor (see the module's docstring)."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[tuple[Any, ...], _Compiled] = {}
        self._lists: tuple[str, ...] | None = None  # the names given lists, once compiled

    def _for(self, dialect: Dialect, params: Mapping[str, Any], many: bool = False) -> _Compiled:
        lists = self._lists
        if lists is None:  # not compiled yet: which values are lists for `IN`
            lengths = tuple(len(value) for value in params.values() if isinstance(value, list))
        else:
            lengths = tuple(len(params[name]) for name in lists) if lists else ()
        key = (dialect.name, tuple(params), many, lengths)
        compiled = self._compiled.get(key)
        if compiled is None:
            if len(self._compiled) >= CACHED:
                self._compiled.clear()
            compiled = self._compiled[key] = _compile(self.statement, dialect, params, many)
            self._lists = compiled.expanding
        return compiled

    def rows(self, session: Session, params: Mapping[str, Any] | None = None) -> list[tuple]:
        """Run the statement once with `params`; the rows it returns, each value converted as
        SQLAlchemy would (an empty list for a statement returning nothing)."""
        dialect, driver = _driver(session)
        compiled = self._for(dialect, params or {})
        values = compiled.values(params or {})
        cursor = driver.cursor()
        try:
            cursor.execute(compiled.sql, values)
            if not compiled.returns:
                return []
            found = cursor.fetchall()
            if not compiled.reads:
                compiled.reads.append(_result_conversions(compiled.returns, dialect, cursor))
            reads = compiled.reads[0]
        except dialect.loaded_dbapi.Error as error:
            raise _wrapped(error, compiled.sql, values, dialect, many=False) from error
        finally:
            cursor.close()
        if not reads or not found:
            return list(map(tuple, found))
        columns: list[Any] = list(zip(*found, strict=True))  # converted a column at a time
        for index, read in reads:
            columns[index] = map(read, columns[index])
        return list(zip(*columns, strict=True))

    def first(self, session: Session, params: Mapping[str, Any] | None = None) -> tuple | None:
        """The first row the statement returns, or None."""
        found = self.rows(session, params)
        return found[0] if found else None

    def one(self, session: Session, params: Mapping[str, Any] | None = None) -> tuple:
        """The one row the statement returns (a statement that must return exactly one)."""
        found = self.rows(session, params)
        if len(found) != 1:
            raise LookupError(f"expected one row, got {len(found)}")
        return found[0]

    def scalar(self, session: Session, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the one row the statement returns."""
        return self.one(session, params)[0]

    def many(self, session: Session, params: Sequence[Mapping[str, Any]]) -> int:
        """Run the statement once for each of `params` (all with the same names), in one
        driver call; the number of rows changed (as the driver counts them)."""
        if not params:
            return 0
        dialect, driver = _driver(session)
        compiled = self._for(dialect, params[0], many=True)
        if compiled.returns:
            raise ValueError("a statement run many times returns nothing")
        values = compiled.values_many(params)
        cursor = driver.cursor()
        try:
            cursor.executemany(compiled.sql, values)
            changed: int = cursor.rowcount
        except dialect.loaded_dbapi.Error as error:
            raise _wrapped(error, compiled.sql, values, dialect, many=True) from error
        finally:
            cursor.close()
        return changed


def _result_conversions(
    types: tuple[Any, ...], dialect: Dialect, cursor: Any
) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """Each returned column's conversion from the driver's value, as SQLAlchemy's result
    would apply it (the driver's column type from `cursor.description`), with its index;
    columns read as the driver gives them are left out."""
    found = (
        sql_type._cached_result_processor(dialect, described[1])
        for sql_type, described in zip(types, cursor.description, strict=True)
    )
    return tuple((index, read) for index, read in enumerate(found) if read is not None)


_HELD = "gerai.prepared.driver"  # the session's `info` key of the connection `_driver` holds


def _driver(session: Session) -> tuple[Dialect, Any]:
    """The dialect and the driver's connection of the session's current transaction (begun
    when there is none, as `Session.connection` begins it), held in the session's `info`
    for the transaction's next statements: looked up again once it ended or failed."""
    transaction = session.get_transaction()
    held = session.info.get(_HELD)
    if (
        held is not None
        and transaction is not None
        and held[0] is transaction
        and transaction.is_active
    ):
        return held[1], held[2]
    connection = session.connection()
    driver = connection.connection.driver_connection
    session.info[_HELD] = (session.get_transaction(), connection.dialect, driver)
    return connection.dialect, driver


@contextmanager
def savepoint(session: Session) -> Iterator[Callable[[], None]]:
    """A SAVEPOINT in the session's transaction, on the driver's connection (a few
    microseconds, none of SQLAlchemy's nested-transaction bookkeeping): the block's `undo()`
    rolls its work back to it; it is released at the end, and rolled back to first when the
    block raises."""
    dialect, driver = _driver(session)

    def run(sql: str) -> None:
        try:
            driver.execute(sql)
        except dialect.loaded_dbapi.Error as error:
            raise _wrapped(error, sql, (), dialect, many=False) from error

    def undo() -> None:
        run(f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}")

    run(f"SAVEPOINT {_SAVEPOINT}")
    try:
        yield undo
    except BaseException:
        undo()
        raise
    run(f"RELEASE SAVEPOINT {_SAVEPOINT}")


_SAVEPOINT = "gerai_prepared"


def _wrapped(error: Exception, sql: str, values: Any, dialect: Dialect, many: bool) -> Any:
    """`error` from the driver as SQLAlchemy raises it (IntegrityError, OperationalError...)."""
    return DBAPIError.instance(
        sql, values, error, dialect.loaded_dbapi.Error, dialect=dialect, ismulti=many
    )


STREAMED = 5_000  # rows fetched at a time by `stream`
_CURSORS = itertools.count()  # a server-side cursor's name is unique in its connection


def stream(
    session: Session, statement: ClauseElement, size: int = STREAMED
) -> Iterator[list[tuple]]:
    """Run a query on the driver's cursor of the session's connection (in its transaction)
    and yield its rows `size` at a time, in constant memory (a server-side cursor on
    PostgreSQL), as the driver gives them: no result conversion (a time comes as SQLite's
    text or PostgreSQL's datetime). The query's own values are rendered into its SQL by their
    types, so it is compiled at each call: for long reads (`gerai audit verify`), not for a
    hot statement (`Prepared`). Driver errors are wrapped as in `Prepared.rows`."""
    connection = session.connection()
    dialect = connection.dialect
    sql = str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    driver = connection.connection.driver_connection
    assert driver is not None
    if dialect.name == "postgresql":
        cursor = driver.cursor(name=f"gerai_stream_{next(_CURSORS)}")
    else:
        cursor = driver.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(size):
            yield rows
    except dialect.loaded_dbapi.Error as error:
        raise _wrapped(error, sql, (), dialect, many=False) from error
    finally:
        cursor.close()
