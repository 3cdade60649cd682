"""HTTP requests per second: the sqlalchemist demo app against the same app on a plain SQLAlchemy session (issue 5).

Both apps run under uvicorn on 127.0.0.1 (one worker each, own database seeded identically); an aiohttp client
process sends list, get, create and patch requests. Run from the repository root::

    hatch run python bench/http.py --db sqlite --repeats 3
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's ``http``: keep its folder off the import path, use the root.
_BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _BENCH]
sys.path.insert(0, str(_BENCH.parent))

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

from sqlalchemy import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from bench._http_data import ENDPOINTS, EXPECTED_STATUS, Seed, build_requests, make_seed, reset_database  # noqa: E402

ROOT = _BENCH.parent
APPS = ("demo", "plain")
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
BENCH_DATABASE = "sqlalchemist_bench_http"
LABELS = {
    "list": "list `GET /authors?currentPage=N&pageSize=20`",
    "list_search": "list + search `&searchString=…`",
    "get": "get `GET /authors/{id}`",
    "create": "create `POST /authors`",
    "patch": "patch `PATCH /authors/{id}`",
}


@dataclass
class Server:
    """A uvicorn server process of one app, its database URL and its (author, book) tables."""

    kind: str
    port: int
    url: str
    process: subprocess.Popen[bytes] | None
    tables: tuple[Any, Any]
    log: Path

    @property
    def proc(self) -> subprocess.Popen[bytes]:
        """The server process (started)."""
        if self.process is None:
            msg = f"the {self.kind} server was not started"
            raise RuntimeError(msg)
        return self.process

    @property
    def base(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Results:
    """Every run's measurements, by endpoint and app."""

    runs: dict[str, dict[str, list[dict[str, Any]]]] = field(
        default_factory=lambda: {e: {a: [] for a in APPS} for e in ENDPOINTS}
    )
    failures: list[str] = field(default_factory=list)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def ensure_postgres_databases(base_url: str) -> dict[str, str]:
    """Create ``sqlalchemist_bench_http_demo`` / ``_plain`` if missing; return their URLs by app."""
    import asyncpg  # type: ignore[import-untyped]

    url = make_url(base_url)
    conn = await asyncpg.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
        database=url.database or "postgres",
    )
    urls: dict[str, str] = {}
    try:
        for kind in APPS:
            name = f"{BENCH_DATABASE}_{kind}"
            if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                await conn.execute(f'CREATE DATABASE "{name}"')
            urls[kind] = url.set(drivername="postgresql+asyncpg", database=name).render_as_string(hide_password=False)
    finally:
        await conn.close()
    return urls


def app_tables(kind: str) -> tuple[Any, Any]:
    """The (author, book) tables of the demo or the plain app."""
    if kind == "demo":
        from examples.demo import AuthorModel, BookModel
    else:
        from bench._http_plain_app import AuthorModel, BookModel  # type: ignore[assignment]
    return AuthorModel.__table__, BookModel.__table__


def start_server(kind: str, url: str, args: argparse.Namespace, log_dir: Path) -> subprocess.Popen[bytes]:
    """Start ``python -m bench._http_server`` for ``kind``; the caller waits for it to answer."""
    command = [sys.executable, "-m", "bench._http_server", kind, "--port", str(args.port[kind]), "--database-url", url]
    command += ["--plain-count", args.plain_count]
    if args.profile:
        command += ["--profile", str(Path(args.profile).resolve() / f"{kind}.prof")]
    log = (log_dir / f"{kind}.log").open("wb")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_ready(server: Server, timeout: float = 60.0) -> None:
    """Poll ``GET /authors?pageSize=1`` until it answers 200; fail if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            msg = f"{server.kind} server exited with {server.proc.returncode}:\n{server.log.read_text()[-3000:]}"
            raise RuntimeError(msg)
        try:
            with urllib.request.urlopen(f"{server.base}/authors?pageSize=1", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    msg = f"{server.kind} server did not answer within {timeout:.0f}s:\n{server.log.read_text()[-3000:]}"
    raise RuntimeError(msg)


def stop_server(server: Server) -> None:
    """SIGINT (a graceful uvicorn shutdown, which also writes a profile), then SIGKILL after 30 s."""
    if server.process is not None and server.process.poll() is None:
        server.proc.send_signal(signal.SIGINT)
        try:
            server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait()


def call(base: str, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    """Send one request; return the status and the decoded JSON body (None when empty)."""
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    return status, json.loads(raw) if raw else None


def normalize(value: Any, known_ids: set[str]) -> Any:
    """``value`` with generated ids (an ``id`` not among the seeded ones) replaced by ``"<generated>"``."""
    if isinstance(value, dict):
        return {
            key: "<generated>" if key == "id" and item not in known_ids else normalize(item, known_ids)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [normalize(item, known_ids) for item in value]
    return value


def observe(base: str, seed: Seed) -> list[tuple[str, int, Any]]:
    """Send the verification requests in order; return ``(what, status, normalized body)`` for each."""
    ids = [str(i) for i in seed.author_ids]
    known = set(ids)
    missing = "00000000-0000-4000-8000-000000000000"
    steps: list[tuple[str, str, dict[str, Any] | None]] = [
        ("GET", "/authors?currentPage=1&pageSize=20", None),
        ("GET", "/authors?currentPage=7&pageSize=20", None),
        ("GET", "/authors?pageSize=100&currentPage=3", None),
        ("GET", f"/authors?currentPage={len(ids) // 20 + 2}&pageSize=20", None),
        ("GET", "/authors?currentPage=1&pageSize=20&searchString=tUrInG", None),
        ("GET", "/authors?currentPage=2&pageSize=20&searchString=KNUTH", None),
        ("GET", "/authors?currentPage=1&pageSize=20&searchString=Turing&searchIgnoreCase=false", None),
        ("GET", "/authors?currentPage=1&pageSize=20&searchString=turing&searchIgnoreCase=false", None),
        ("GET", "/authors?currentPage=1&pageSize=20&searchString=100%25", None),
        ("GET", f"/authors?ids={ids[3]}&ids={ids[10]}&ids={missing}", None),
        ("GET", f"/authors?ids={ids[3]}&searchString=zzz", None),
        ("GET", f"/authors/{ids[0]}", None),
        ("GET", f"/authors/{ids[1]}", None),
        ("GET", f"/authors/{missing}", None),
        ("GET", "/authors?pageSize=1000", None),
        ("GET", "/authors?currentPage=0", None),
        ("POST", "/authors", {"name": "Created With Dob", "dob": "1950-06-07"}),
        ("POST", "/authors", {"name": "Created Without Dob"}),
        ("POST", "/authors", {"nam": "typo"}),
        ("PATCH", f"/authors/{ids[2]}", {"name": "Patched Name"}),
        ("PATCH", f"/authors/{ids[2]}", {"dob": None}),
        ("PATCH", f"/authors/{ids[4]}", {"name": "Both", "dob": "2001-02-03"}),
        ("PATCH", f"/authors/{missing}", {"name": "Nobody"}),
        ("GET", f"/authors/{ids[2]}", None),
        ("GET", f"/authors/{ids[4]}", None),
        ("GET", "/authors?currentPage=1&pageSize=20&searchString=created", None),
        ("GET", f"/authors?currentPage={len(ids) // 20 + 1}&pageSize=20", None),
    ]
    observations: list[tuple[str, int, Any]] = []
    for method, path, body in steps:
        status, answer = call(base, method, path, body)
        what = f"{method} {path}" + ("" if body is None else f" {json.dumps(body)}")
        observations.append((what, status, normalize(answer, known)))
        if method == "POST" and status == 201:
            status, answer = call(base, "GET", f"/authors/{answer['id']}")
            observations.append((f"GET the author created by {what}", status, normalize(answer, known)))
    return observations


def verify(servers: dict[str, Server], seed: Seed) -> list[str]:
    """Compare both apps' answers to the verification requests; return the differences (empty when equal)."""
    demo, plain = (observe(servers[kind].base, seed) for kind in APPS)
    problems = []
    for (what, demo_status, demo_body), (_, plain_status, plain_body) in zip(demo, plain, strict=True):
        if (demo_status, demo_body) != (plain_status, plain_body):
            problems.append(f"{what}:\n  demo  {demo_status} {demo_body}\n  plain {plain_status} {plain_body}")
    return problems


def run_client(server: Server, requests: list[Any], warmup: list[Any], concurrency: int) -> dict[str, Any]:
    """Run one load-generator process against ``server``; return its measurements."""
    job = {
        "base_url": server.base,
        "concurrency": concurrency,
        "server_pid": server.proc.pid,
        "warmup": warmup,
        "requests": requests,
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench._http_client"],
        input=json.dumps(job).encode(),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    if done.returncode != 0:
        msg = f"load generator failed ({done.returncode}):\n{done.stderr.decode()[-3000:]}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return result


def summarize(result: dict[str, Any]) -> dict[str, float]:
    """Derived numbers of one run: req/s, req per server-CPU-second, server / client / machine use."""
    elapsed = result["elapsed"]
    return {
        "rps": result["requests"] / elapsed,
        "rpcs": result["requests"] / result["server_cpu"] if result["server_cpu"] > 0 else float("nan"),
        "server_util": result["server_cpu"] / elapsed,
        "client_util": result["client_cpu"] / elapsed,
        "machine_busy": result["machine_busy"] / result["machine_total"] if result["machine_total"] else 0.0,
    }


def median(runs: list[dict[str, Any]], key: str) -> float:
    """Median of ``key`` over the runs' summaries."""
    return statistics.median(summarize(run)[key] for run in runs) if runs else float("nan")


def ratio(a: float, b: float) -> str:
    """``a / b`` with two decimals, or ``-``."""
    return f"{a / b:.2f}" if b and a == a and b == b else "-"


def tables(results: Results) -> str:
    """The Markdown results table and the saturation table."""
    lines = [
        "| endpoint | demo req/s | plain req/s | demo/plain | demo req/server-CPU-s | plain req/server-CPU-s "
        "| demo/plain (CPU) |",
        "|---|---|---|---|---|---|---|",
    ]
    for endpoint in ENDPOINTS:
        demo, plain = results.runs[endpoint]["demo"], results.runs[endpoint]["plain"]
        d_rps, p_rps, d_cpu, p_cpu = (
            median(demo, "rps"),
            median(plain, "rps"),
            median(demo, "rpcs"),
            median(plain, "rpcs"),
        )
        lines.append(
            f"| {LABELS[endpoint]} | {d_rps:,.0f} | {p_rps:,.0f} | {ratio(d_rps, p_rps)} "
            f"| {d_cpu:,.0f} | {p_cpu:,.0f} | {ratio(d_cpu, p_cpu)} |"
        )
    lines += [
        "",
        "| endpoint | app | server CPU (cores, median) | client CPU (cores) | machine busy (of all cores) "
        "| req/s min..max |",
        "|---|---|---|---|---|---|",
    ]
    for endpoint in ENDPOINTS:
        for kind in APPS:
            runs = results.runs[endpoint][kind]
            if not runs:
                continue
            rps = [summarize(run)["rps"] for run in runs]
            lines.append(
                f"| {endpoint} | {kind} | {median(runs, 'server_util'):.2f} | {median(runs, 'client_util'):.2f} "
                f"| {median(runs, 'machine_busy'):.0%} | {min(rps):,.0f}..{max(rps):,.0f} |"
            )
    return "\n".join(lines)


async def reset(server: Server, seed: Seed) -> None:
    """Reseed the app's database (an engine of its own, closed at the end)."""
    engine = create_async_engine(server.url)
    try:
        await reset_database(engine, *server.tables, seed)
    finally:
        await engine.dispose()


def measure(servers: dict[str, Server], seed: Seed, args: argparse.Namespace, results: Results) -> None:
    """Interleaved rounds (demo, plain / plain, demo / …): reseed, then time each endpoint."""
    for round_number in range(args.repeats):
        order = APPS if round_number % 2 == 0 else APPS[::-1]
        for kind in order:
            server = servers[kind]
            asyncio.run(reset(server, seed))
            for endpoint in ENDPOINTS:
                rng = random.Random(f"{round_number}-{endpoint}")
                requests = build_requests(endpoint, args.requests, seed, rng)
                warmup = build_requests(endpoint, max(20, args.requests // 10), seed, random.Random(endpoint))
                result = run_client(server, requests, warmup, args.concurrency)
                expected = str(EXPECTED_STATUS[endpoint])
                if result["statuses"] != {expected: args.requests}:
                    results.failures.append(
                        f"round {round_number} {kind} {endpoint}: statuses {result['statuses']}, "
                        f"expected all {expected}"
                    )
                results.runs[endpoint][kind].append(result)
                s = summarize(result)
                print(
                    f"round {round_number} {kind:5} {endpoint:11} {s['rps']:7,.0f} req/s  "
                    f"{s['rpcs']:7,.0f} req/server-CPU-s  server {s['server_util']:.2f} cores  "
                    f"client {s['client_util']:.2f}  machine {s['machine_busy']:.0%}  {result['statuses']}",
                    flush=True,
                )


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per app and endpoint (default 5)")
    parser.add_argument("--requests", type=int, default=1000, help="requests per endpoint per run (default 1000)")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent keep-alive connections (default 32)")
    parser.add_argument("--authors", type=int, default=1000, help="seeded authors (default 1000)")
    parser.add_argument("--books", type=int, default=3, help="seeded books per author (default 3)")
    parser.add_argument("--postgres-url", default=os.environ.get("SQLALCHEMIST_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument(
        "--plain-count",
        choices=["window", "two"],
        default="window",
        help="how the plain app counts a page's total: COUNT(*) OVER () like the demo (default), or a second query",
    )
    parser.add_argument("--profile", default=None, help="folder: run both servers under cProfile, write <app>.prof")
    parser.add_argument("--json", default=None, help="also write every run and the medians as JSON")
    args = parser.parse_args()
    args.port = {kind: free_port() for kind in APPS}
    return args


def main() -> int:
    """Seed, start both servers, verify they agree, run the interleaved rounds, print the table."""
    args = parse_args()
    seed = make_seed(args.authors, args.books)
    results = Results()
    with tempfile.TemporaryDirectory(prefix="sqlalchemist-bench-http-") as folder:
        work = Path(folder)
        if args.db == "sqlite":
            urls = {kind: f"sqlite+aiosqlite:///{work / f'{kind}.sqlite'}" for kind in APPS}
        else:
            urls = asyncio.run(ensure_postgres_databases(args.postgres_url))
        if args.profile:
            Path(args.profile).mkdir(parents=True, exist_ok=True)
        servers: dict[str, Server] = {}
        try:
            for kind in APPS:
                server = Server(kind, args.port[kind], urls[kind], None, app_tables(kind), work / f"{kind}.log")
                asyncio.run(reset(server, seed))
                server.process = start_server(kind, urls[kind], args, work)
                servers[kind] = server
            for server in servers.values():
                wait_ready(server)
            print(
                f"db={args.db} authors={args.authors}x{args.books} books, {args.requests} requests/endpoint/run, "
                f"concurrency {args.concurrency}, {args.repeats} rounds, cores {os.cpu_count()}",
                flush=True,
            )
            for server in servers.values():
                asyncio.run(reset(server, seed))
            problems = verify(servers, seed)
            if problems:
                print("VERIFICATION FAILED: the apps answer differently", file=sys.stderr)
                for problem in problems:
                    print(problem, file=sys.stderr)
                return 1
            print("verified: both apps give the same statuses and bodies", flush=True)
            measure(servers, seed, args, results)
        finally:
            for server in servers.values():
                stop_server(server)
    print()
    print(tables(results))
    if args.json:
        payload = {
            "db": args.db,
            "args": {k: v for k, v in vars(args).items() if k != "port"},
            "runs": results.runs,
            "medians": {
                e: {a: {k: median(results.runs[e][a], k) for k in ("rps", "rpcs", "server_util")} for a in APPS}
                for e in ENDPOINTS
            },
            "failures": results.failures,
        }
        Path(args.json).write_text(json.dumps(payload, indent=2, default=str))
    if results.failures:
        print("\nFAILED runs:", *results.failures, sep="\n", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
