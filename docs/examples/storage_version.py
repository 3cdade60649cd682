"""The storage distribution imports on its own and reports its version."""

from __future__ import annotations

import sqlalchemist_storage

EXPECTED = "0.1.0"


def main() -> str:
    """Return the installed version of sqlalchemist-storage."""
    return sqlalchemist_storage.__version__


if __name__ == "__main__":
    print(main())
