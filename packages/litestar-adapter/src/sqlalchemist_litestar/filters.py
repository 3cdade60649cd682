"""Re-export of :mod:`sqlalchemist.filters`, as the guide imports it from the Litestar extension."""

from __future__ import annotations

from sqlalchemist import filters as _core
from sqlalchemist.filters import *  # noqa: F403

__all__ = _core.__all__
