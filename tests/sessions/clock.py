"""A settable clock for stores and backends, so expiry is tested with explicit instants instead of sleeps."""

from __future__ import annotations

import datetime

START = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)


class FakeClock:
    """Returns ``now`` until moved with :meth:`advance`."""

    def __init__(self, now: datetime.datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, seconds: float) -> datetime.datetime:
        self.now += datetime.timedelta(seconds=seconds)
        return self.now
