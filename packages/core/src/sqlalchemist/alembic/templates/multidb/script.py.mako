"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision: str = ${repr(up_revision)}
down_revision: str | Sequence[str] | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}


def upgrade(bind_name: str) -> None:
    """Apply this revision to one bind; a bind added after this revision has nothing to apply."""
    step = globals().get(f"upgrade_{bind_name}")
    if step is not None:
        step()


def downgrade(bind_name: str) -> None:
    """Revert this revision on one bind."""
    step = globals().get(f"downgrade_{bind_name}")
    if step is not None:
        step()
% for bind in config.binds:


def upgrade_${bind.name}() -> None:
    """Apply this revision to bind ${repr(bind.name)}."""
    ${context.get(bind.upgrade_token) or "pass"}


def downgrade_${bind.name}() -> None:
    """Revert this revision on bind ${repr(bind.name)}."""
    ${context.get(bind.downgrade_token) or "pass"}
% endfor
