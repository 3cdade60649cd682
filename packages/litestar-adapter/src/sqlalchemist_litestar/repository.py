"""Re-export of :mod:`sqlalchemist.repository`, as the guide imports it from the Litestar extension."""

from __future__ import annotations

from sqlalchemist import repository as _core
from sqlalchemist.repository import *  # noqa: F403

__all__ = _core.__all__
