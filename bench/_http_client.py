"""The load generator of ``bench/http.py``: ``python -m bench._http_client`` reads a job (JSON) on stdin.

A job is ``{"base_url", "concurrency", "server_pid", "warmup": [...], "requests": [...]}`` with requests as
``[method, path, body or null]``. Keep-alive aiohttp connections, ``concurrency`` workers; prints one JSON line:
elapsed seconds, status counts, and the CPU seconds used by the server, this client and the whole machine.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections import Counter
from typing import Any

import aiohttp
from yarl import URL

_TICK = os.sysconf("SC_CLK_TCK")
_JSON = {"Content-Type": "application/json"}


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process ``pid`` has used so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def machine_cpu() -> tuple[float, float]:
    """Busy and total CPU seconds of the whole machine so far (all cores, from /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / _TICK, total / _TICK


def own_cpu() -> float:
    """CPU seconds this client has used so far."""
    times = os.times()
    return times.user + times.system


async def drive(session: aiohttp.ClientSession, base: str, requests: list[Any], concurrency: int) -> Counter[int]:
    """Send every request with ``concurrency`` workers; return how many answers had each status."""
    prepared = [
        (method, URL(base + path, encoded=True), None if body is None else body.encode())
        for method, path, body in requests
    ]
    statuses: Counter[int] = Counter()
    position = 0

    async def worker() -> None:
        nonlocal position
        while position < len(prepared):
            method, url, body = prepared[position]
            position += 1
            headers = _JSON if body is not None else None
            async with session.request(method, url, data=body, headers=headers) as response:
                await response.read()
                statuses[response.status] += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statuses


async def run(job: dict[str, Any]) -> dict[str, Any]:
    """Run the warm-up, then the timed requests; measure time and CPU around the timed part only."""
    concurrency = int(job["concurrency"])
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, auto_decompress=False) as session:
        if job["warmup"]:
            await drive(session, job["base_url"], job["warmup"], concurrency)
        pid = int(job["server_pid"])
        server0, client0, (busy0, total0) = process_cpu(pid), own_cpu(), machine_cpu()
        start = time.perf_counter()
        statuses = await drive(session, job["base_url"], job["requests"], concurrency)
        elapsed = time.perf_counter() - start
        server1, client1, (busy1, total1) = process_cpu(pid), own_cpu(), machine_cpu()
    return {
        "requests": len(job["requests"]),
        "elapsed": elapsed,
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "server_cpu": server1 - server0,
        "client_cpu": client1 - client0,
        "machine_busy": busy1 - busy0,
        "machine_total": total1 - total0,
    }


def main() -> None:
    """Read the job from stdin, print the result as JSON on stdout."""
    job = json.load(sys.stdin)
    print(json.dumps(asyncio.run(run(job))), flush=True)


if __name__ == "__main__":
    main()
