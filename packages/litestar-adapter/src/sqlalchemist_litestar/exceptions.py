"""Re-export of :mod:`sqlalchemist.exceptions`, as the guide imports it from the Litestar extension."""

from __future__ import annotations

from sqlalchemist import exceptions as _core
from sqlalchemist.exceptions import *  # noqa: F403

__all__ = _core.__all__
