"""Re-export of :mod:`sqlalchemist.mixins`, as the guide imports it from the Litestar extension."""

from __future__ import annotations

from sqlalchemist import mixins as _core
from sqlalchemist.mixins import *  # noqa: F403

__all__ = _core.__all__
