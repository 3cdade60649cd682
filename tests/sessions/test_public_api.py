"""The public names of sqlalchemist_sessions."""

from __future__ import annotations

import sqlalchemist_sessions


def test_all_is_exactly_the_public_api() -> None:
    assert set(sqlalchemist_sessions.__all__) == {
        "SESSION_ID_MAX_LENGTH",
        "AsyncEngineSource",
        "AsyncSessionStore",
        "Expiry",
        "SessionModelMixin",
        "SessionTableArgs",
        "SyncEngineSource",
        "SyncSessionStore",
        "__version__",
    }
    assert all(hasattr(sqlalchemist_sessions, name) for name in sqlalchemist_sessions.__all__)
    assert sqlalchemist_sessions.__version__ == "0.1.0"


def test_importing_pulls_in_no_web_framework() -> None:
    import subprocess
    import sys

    code = (
        "import sys, sqlalchemist_sessions; "
        "print(sorted(m for m in ('litestar', 'fastapi', 'starlette') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
