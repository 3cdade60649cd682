"""Re-export of :mod:`sqlalchemist.base`, as the guide imports it from the Litestar extension."""

from __future__ import annotations

from sqlalchemist import base as _core
from sqlalchemist.base import *  # noqa: F403

__all__ = _core.__all__
