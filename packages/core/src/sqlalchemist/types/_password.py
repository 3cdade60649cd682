"""A column type that stores password hashes and loads them as :class:`HashedPassword` values."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any, final

from sqlalchemy.types import String, TypeDecorator

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.types._hashers import Argon2Hasher, PasswordHasher

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect

__all__ = ("HashedPassword", "PasswordHash")


@final
class HashedPassword:
    """A stored password hash; check a candidate with :meth:`verify`. Its repr never shows the hash."""

    __slots__ = ("hash_string", "hasher")

    def __init__(self, hash_string: str, hasher: PasswordHasher) -> None:
        """Wrap ``hash_string`` made by ``hasher``."""
        self.hash_string = hash_string
        self.hasher = hasher

    def verify(self, password: str | bytes) -> bool:
        """Return whether ``password`` matches this hash."""
        return self.hasher.verify(self.hash_string, password)

    def needs_rehash(self) -> bool:
        """Return whether the hasher would now hash with stronger parameters."""
        return self.hasher.needs_rehash(self.hash_string)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HashedPassword):
            return NotImplemented
        return hmac.compare_digest(self.hash_string.encode(), other.hash_string.encode())

    def __hash__(self) -> int:
        return hash(self.hash_string)

    def __repr__(self) -> str:
        return f"HashedPassword(<{type(self.hasher).__name__} hash>)"


class PasswordHash(TypeDecorator[HashedPassword]):
    """Stores a salted hash, never the password: assign a ``str``, read back a :class:`HashedPassword`.

    Example: ``password: Mapped[HashedPassword] = mapped_column(PasswordHash(length=128))``; then
    ``user.password.verify("secret")``.
    """

    impl = String
    cache_ok = True

    def __init__(self, backend: PasswordHasher | None = None, *, length: int = 128) -> None:
        """Hash with ``backend`` (Argon2id by default) into a column of ``length`` characters."""
        hasher: Any = Argon2Hasher() if backend is None else backend
        if isinstance(hasher, type) or not isinstance(hasher, PasswordHasher):
            msg = (
                "PasswordHash expected backend to be a hasher instance with hash(), verify() and needs_rehash() "
                f"(such as Argon2Hasher()), got {hasher!r}"
            )
            raise ImproperConfigurationError(msg)
        super().__init__(length=length)
        self.backend: PasswordHasher = hasher
        self.length = length

    @property
    def python_type(self) -> type[HashedPassword]:
        """Values are returned as :class:`HashedPassword`."""
        return HashedPassword

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Hash a plain password; store a :class:`HashedPassword` as it is."""
        if value is None:
            return None
        if isinstance(value, HashedPassword):
            return value.hash_string
        if isinstance(value, (str, bytes)):
            return self.backend.hash(value)
        msg = f"PasswordHash expected a str, bytes or HashedPassword, got {type(value).__name__}"
        raise TypeError(msg)

    def process_result_value(self, value: Any, dialect: Dialect) -> HashedPassword | None:
        """Wrap the stored hash in a :class:`HashedPassword`."""
        if value is None:
            return None
        return HashedPassword(str(value), self.backend)

    def compare_values(self, x: Any, y: Any) -> bool:
        """Equal only when both are the same stored hash, so a newly assigned password is always written."""
        if isinstance(x, HashedPassword) and isinstance(y, HashedPassword):
            return x == y
        return x is y
