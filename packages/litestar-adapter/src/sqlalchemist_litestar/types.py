"""Re-export of :mod:`sqlalchemist.types`, as the guide imports it from the Litestar extension."""

from __future__ import annotations

from sqlalchemist import types as _core
from sqlalchemist.types import *  # noqa: F403

__all__ = _core.__all__
