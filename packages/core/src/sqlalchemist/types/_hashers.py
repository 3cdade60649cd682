"""Password hashers for :class:`PasswordHash`: a protocol, Argon2 (``argon2-cffi``) and stdlib PBKDF2."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from sqlalchemist.exceptions import MissingDependencyError

if TYPE_CHECKING:
    import argon2

__all__ = ("Argon2Hasher", "PasswordHasher", "Pbkdf2Hasher")


@runtime_checkable
class PasswordHasher(Protocol):
    """What :class:`PasswordHash` needs from a hasher; implement it to plug in another algorithm."""

    def hash(self, password: str | bytes) -> str:
        """Return a salted hash of ``password`` as text (algorithm, parameters and salt included)."""
        ...

    def verify(self, hashed: str, password: str | bytes) -> bool:
        """Return whether ``password`` matches ``hashed``, in constant time; never raise for a mismatch."""
        ...

    def needs_rehash(self, hashed: str) -> bool:
        """Return whether ``hashed`` was made with weaker parameters than this hasher uses now."""
        ...


@dataclass(frozen=True)
class Argon2Hasher:
    """Argon2id through ``argon2-cffi`` (imported on first use); options are ``argon2.PasswordHasher``'s."""

    time_cost: int | None = None
    memory_cost: int | None = None
    parallelism: int | None = None

    @functools.cached_property
    def _hasher(self) -> argon2.PasswordHasher:
        try:
            import argon2
        except ImportError:
            raise MissingDependencyError(
                "argon2-cffi", install='pip install "sqlalchemist[argon2]"', feature="Argon2Hasher"
            ) from None
        options: dict[str, Any] = {
            name: value
            for name, value in (
                ("time_cost", self.time_cost),
                ("memory_cost", self.memory_cost),
                ("parallelism", self.parallelism),
            )
            if value is not None
        }
        return argon2.PasswordHasher(**options)

    def hash(self, password: str | bytes) -> str:
        """Hash ``password`` with a fresh salt."""
        return self._hasher.hash(password)

    def verify(self, hashed: str, password: str | bytes) -> bool:
        """Check ``password`` against an Argon2 hash; ``False`` for a mismatch or a hash that is not Argon2."""
        hasher = self._hasher
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            return hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, hashed: str) -> bool:
        """Whether ``hashed`` used other parameters than this hasher's."""
        return self._hasher.check_needs_rehash(hashed)


@dataclass(frozen=True)
class Pbkdf2Hasher:
    """PBKDF2-HMAC-SHA256 from the standard library, stored as ``pbkdf2_sha256$iterations$salt$hash``."""

    iterations: int = 600_000
    salt_bytes: int = 16

    def _derive(self, password: str | bytes, salt: bytes, iterations: int) -> bytes:
        raw = password.encode() if isinstance(password, str) else password
        return hashlib.pbkdf2_hmac("sha256", raw, salt, iterations)

    def hash(self, password: str | bytes) -> str:
        """Hash ``password`` with a fresh random salt."""
        salt = secrets.token_bytes(self.salt_bytes)
        digest = self._derive(password, salt, self.iterations)
        encode = base64.urlsafe_b64encode
        return f"pbkdf2_sha256${self.iterations}${encode(salt).decode()}${encode(digest).decode()}"

    def _parse(self, hashed: str) -> tuple[int, bytes, bytes] | None:
        parts = hashed.split("$")
        if len(parts) != 4 or parts[0] != "pbkdf2_sha256" or not parts[1].isdigit():
            return None
        try:
            return int(parts[1]), base64.urlsafe_b64decode(parts[2]), base64.urlsafe_b64decode(parts[3])
        except ValueError:
            return None

    def verify(self, hashed: str, password: str | bytes) -> bool:
        """Check ``password`` against a hash made by this hasher; ``False`` for anything else."""
        parsed = self._parse(hashed)
        if parsed is None:
            return False
        iterations, salt, expected = parsed
        return hmac.compare_digest(self._derive(password, salt, iterations), expected)

    def needs_rehash(self, hashed: str) -> bool:
        """Whether ``hashed`` used fewer iterations than this hasher, or is not a PBKDF2 hash."""
        parsed = self._parse(hashed)
        return parsed is None or parsed[0] < self.iterations
