"""Timing, verification and reporting: interleaved repeats, statement counts, medians and the results table."""

from __future__ import annotations

import gc
import itertools
import statistics
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from _workloads import Context, Side, Workload
from sqlalchemy import Engine, event


@dataclass
class Measurement:
    """The timings of one workload on one database, per side."""

    workload: str
    db: str
    unit: str
    ops: int
    seconds: dict[Side, list[float]] = field(default_factory=dict)
    cpu_seconds: dict[Side, list[float]] = field(default_factory=dict)
    statements: dict[Side, int] = field(default_factory=dict)
    notes: str = ""
    failure: str | None = None

    def ops_per_second(self, side: Side) -> list[float]:
        """Throughput of every timed run of ``side``."""
        return [self.ops / s for s in self.seconds.get(side, [])]

    def median(self, side: Side) -> float | None:
        """Median throughput of ``side``, or None when it did not run."""
        values = self.ops_per_second(side)
        return statistics.median(values) if values else None

    def ratio(self) -> float | None:
        """Repository median throughput over Core median throughput."""
        core, repo = self.median("core"), self.median("repo")
        return repo / core if core and repo else None

    def cpu_ratio(self) -> float | None:
        """Core's median CPU seconds of this process over the repository's: the layer's own cost, which the database
        server's timing (on another core) does not blur."""
        core, repo = self.cpu_seconds.get("core"), self.cpu_seconds.get("repo")
        if not core or not repo:
            return None
        return statistics.median(core) / statistics.median(repo)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {
            "workload": self.workload,
            "db": self.db,
            "unit": self.unit,
            "ops": self.ops,
            "seconds": self.seconds,
            "statements": self.statements,
            "core_median_ops_s": self.median("core"),
            "repo_median_ops_s": self.median("repo"),
            "ratio": self.ratio(),
            "cpu_seconds": self.cpu_seconds,
            "cpu_ratio": self.cpu_ratio(),
            "notes": self.notes,
            "failure": self.failure,
        }


@contextmanager
def count_statements(engine: Engine, sink: dict[Side, int], side: Side, *, echo: bool = False) -> Iterator[None]:
    """Count the statements sent to the driver (one per executemany batch) while the block runs.

    With ``echo`` each statement is printed (its start, with runs of the same statement collapsed).
    """
    counter = [0]
    seen: list[str] = []

    def on_execute(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        counter[0] += 1
        if echo:
            seen.append(("executemany " if executemany else "") + " ".join(statement.split())[:200])

    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        sink[side] = counter[0]
        if echo:
            print(f"    statements of {side}:")
            for text, group in itertools.groupby(seen):
                times = len(list(group))
                print(f"      {'' if times == 1 else f'{times} x '}{text}")


def describe_difference(expected: Any, got: Any, path: str = "") -> str | None:
    """The first place where two observations differ, as text; None when they are equal."""
    if expected == got:
        return None
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in expected.keys() | got.keys():
            if key not in expected or key not in got:
                return f"{path}[{key!r}] present on one side only"
            found = describe_difference(expected[key], got[key], f"{path}[{key!r}]")
            if found:
                return found
    if isinstance(expected, (list, tuple)) and isinstance(got, (list, tuple)):
        for index, (left, right) in enumerate(zip(expected, got, strict=False)):
            found = describe_difference(left, right, f"{path}[{index}]")
            if found:
                return found
        if len(expected) != len(got):
            return f"{path}: {len(expected)} items expected, got {len(got)}"
    return f"{path or 'value'}: expected {expected!r:.300}, got {got!r:.300}"


async def _timed_run(
    workload: Workload, ctx: Context, side: Side, inputs: Any, *, disable_gc: bool
) -> tuple[float, float, Any]:
    gc.collect()
    if disable_gc:
        gc.disable()
    try:
        cpu_started = time.process_time()
        started = time.perf_counter()
        result = await workload.execute(ctx, side, inputs)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    finally:
        if disable_gc:
            gc.enable()
    return elapsed, cpu, result


async def _run_and_observe(
    workload: Workload,
    ctx: Context,
    side: Side,
    *,
    count_into: dict[Side, int] | None,
    disable_gc: bool,
    echo: bool = False,
) -> tuple[float, float, Any]:
    """Set up if needed, build the inputs, time the run (counting statements if asked), observe the outcome."""
    if not workload.shared_setup:
        await workload.setup(ctx)
    inputs = workload.make_input(side)
    if count_into is not None:
        with count_statements(ctx.timed_engine, count_into, side, echo=echo):
            elapsed, cpu, result = await _timed_run(workload, ctx, side, inputs, disable_gc=disable_gc)
    else:
        elapsed, cpu, result = await _timed_run(workload, ctx, side, inputs, disable_gc=disable_gc)
    return elapsed, cpu, await workload.observe(ctx, side, result)


async def measure(
    workload: Workload,
    ctx: Context,
    db: str,
    sides: list[Side],
    *,
    repeats: int,
    warmup: int,
    disable_gc: bool,
    echo_statements: bool = False,
    log: Any = print,
) -> Measurement:
    """Run ``workload`` on every side for ``warmup`` untimed then ``repeats`` timed rounds, alternating the order.

    Every run, timed or not, is checked against the first one; statement counts come from the first warm-up round.
    The first difference or exception ends the workload: it is recorded in ``failure`` (with the traceback logged)
    and the caller goes on with the next workload.
    """
    measurement = Measurement(workload.name, db, workload.unit, workload.ops, notes=workload.notes)
    measurement.seconds = {side: [] for side in sides}
    measurement.cpu_seconds = {side: [] for side in sides}
    if workload.shared_setup:
        await workload.setup(ctx)
    reference: tuple[str, Any] | None = None
    for round_no in range(warmup + repeats):
        order = sides if round_no % 2 == 0 else list(reversed(sides))
        for side in order:
            label = f"{side} round {round_no}"
            count_into = measurement.statements if round_no == 0 and warmup else None
            try:
                elapsed, cpu, observed = await _run_and_observe(
                    workload, ctx, side, count_into=count_into, disable_gc=disable_gc, echo=echo_statements
                )
            except Exception as exc:
                log(traceback.format_exc())
                measurement.failure = f"{workload.name} on {db}: {label} raised {type(exc).__name__}: {exc}"
                log(f"  FAILED: {measurement.failure}")
                return measurement
            if reference is None:
                reference = (label, observed)
            else:
                difference = describe_difference(reference[1], observed)
                if difference:
                    measurement.failure = f"{workload.name} on {db}: {label} differs from {reference[0]}: {difference}"
                    log(f"  FAILED: {measurement.failure}")
                    return measurement
            if round_no >= warmup:
                measurement.seconds[side].append(elapsed)
                measurement.cpu_seconds[side].append(cpu)
            rate = workload.ops / elapsed
            log(f"  {workload.name:<15} {db:<9} {label:<14} {elapsed * 1000:9.1f} ms  {rate:11.0f} {workload.unit}/s")
    return measurement


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _spread(measurement: Measurement, side: Side) -> str:
    values = measurement.ops_per_second(side)
    if not values:
        return "-"
    return f"{min(values):,.0f}..{max(values):,.0f}"


def results_table(measurements: list[Measurement]) -> str:
    """A Markdown table: medians, spreads, the repository/Core ratio and statement counts per workload and database."""
    header = (
        "| workload | db | ops | Core ops/s (median) | Core min..max | repo ops/s (median) | repo min..max "
        "| repo/Core | client CPU Core/repo | statements Core/repo |"
    )
    lines = [header, "|" + "---|" * 10]
    for m in measurements:
        ratio, cpu_ratio = m.ratio(), m.cpu_ratio()
        stmts = f"{m.statements.get('core', '-')}/{m.statements.get('repo', '-')}" if m.statements else "-"
        shown_ratio = "FAILED" if m.failure else "-" if ratio is None else f"{ratio:.2f}"
        shown_cpu = "-" if m.failure or cpu_ratio is None else f"{cpu_ratio:.2f}"
        lines.append(
            f"| {m.workload} | {m.db} | {m.ops:,} {m.unit} | {_fmt(m.median('core'))} | {_spread(m, 'core')} "
            f"| {_fmt(m.median('repo'))} | {_spread(m, 'repo')} | {shown_ratio} | {shown_cpu} | {stmts} |"
        )
    return "\n".join(lines)
