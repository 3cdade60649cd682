"""Serve the demo or the plain app with uvicorn on 127.0.0.1, one worker: ``python -m bench._http_server``.

Run from the repository root. ``--profile PATH`` runs the server under cProfile and writes the stats there at exit.
"""

from __future__ import annotations

import argparse
import cProfile
from typing import Any

import uvicorn


def build_app(kind: str, database_url: str, count: str) -> Any:
    """The ASGI app: ``demo`` (examples/demo.py) or ``plain`` (bench/_http_plain_app.py)."""
    if kind == "demo":
        from examples.demo import create_app

        return create_app(database_url)
    from bench._http_plain_app import create_app as create_plain_app

    return create_plain_app(database_url, count_window=count == "window")


def main() -> None:
    """Parse the arguments and serve until SIGINT / SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["demo", "plain"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--plain-count", choices=["window", "two"], default="window")
    parser.add_argument("--access-log", action="store_true")
    parser.add_argument("--profile", default=None)
    args = parser.parse_args()
    app = build_app(args.kind, args.database_url, args.plain_count)
    config = uvicorn.Config(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=args.access_log)
    server = uvicorn.Server(config)
    if args.profile is None:
        server.run()
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        server.run()
    finally:
        profiler.disable()
        profiler.dump_stats(args.profile)


if __name__ == "__main__":
    main()
