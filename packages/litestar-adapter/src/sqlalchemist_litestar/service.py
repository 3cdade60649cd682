"""Re-export of :mod:`sqlalchemist.service`, as the guide imports it from the Litestar extension."""

from __future__ import annotations

from sqlalchemist import service as _core
from sqlalchemist.service import *  # noqa: F403

__all__ = _core.__all__
