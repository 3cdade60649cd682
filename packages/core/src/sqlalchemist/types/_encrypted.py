"""String and text column types that encrypt on write and decrypt on read."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy.types import String, Text, TypeDecorator, TypeEngine

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.types._encryption_backends import EncryptionBackend, FernetBackend

if TYPE_CHECKING:
    from typing import TypeAlias

    from sqlalchemy.engine import Dialect

__all__ = ("EncryptedString", "EncryptedText", "EncryptionKey")

EncryptionKey: TypeAlias = str | bytes | Callable[[], str | bytes]
"""A key as text or bytes, or a zero-argument callable returning one (called when the key is first needed)."""

_KEY_HINT = "pass key=... as a non-empty str or bytes, or a zero-argument callable returning one"


def _key_bytes(key: object, owner: str) -> bytes:
    """Check a resolved key and return it as bytes."""
    if isinstance(key, str):
        key = key.encode()
    if not isinstance(key, bytes):
        msg = f"{owner} expected the key to be str or bytes, got {type(key).__name__}; {_KEY_HINT}"
        raise ImproperConfigurationError(msg)
    if not key:
        msg = f"{owner} got an empty encryption key; {_KEY_HINT} (for example read from an environment variable)"
        raise ImproperConfigurationError(msg)
    return key


class EncryptedString(TypeDecorator[str]):
    """A string stored encrypted: encrypted on write, decrypted on read (so ``==`` filters cannot match it).

    Example: ``ssn: Mapped[str] = mapped_column(EncryptedString(key=lambda: settings.db_key, length=255))``.
    """

    impl: TypeEngine[Any] | type[TypeEngine[Any]] = String
    cache_ok = True

    def __init__(
        self,
        key: EncryptionKey | None = None,
        *,
        backend: type[EncryptionBackend] = FernetBackend,
        length: int | None = None,
        **kwargs: Any,
    ) -> None:
        """Configure the key (required) and the backend class; ``length`` sizes the column, not the plaintext."""
        owner = type(self).__name__
        if key is None:
            msg = f"{owner} needs an encryption key and got none; {_KEY_HINT}"
            raise ImproperConfigurationError(msg)
        if not callable(key):
            _key_bytes(key, owner)
        given: object = backend
        if not (isinstance(given, type) and issubclass(given, EncryptionBackend)):
            msg = f"{owner} expected backend to be an EncryptionBackend subclass, got {backend!r}"
            raise ImproperConfigurationError(msg)
        super().__init__(length=length, **kwargs)
        self.key = key
        self.backend = backend
        self.length = length
        self._vault: EncryptionBackend | None = None

    def __repr__(self) -> str:
        """Describe the type without revealing the key."""
        size = f", length={self.length}" if self.length is not None else ""
        return f"{type(self).__name__}(key=<hidden>, backend={self.backend.__name__}{size})"

    @property
    def python_type(self) -> type[str]:
        """Values are returned as :class:`str`."""
        return str

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Use ``TEXT`` (``CLOB`` on Oracle) when no length is given where ``VARCHAR`` needs one."""
        if self.length is None and dialect.name in {"mysql", "mariadb", "oracle"}:
            return Text()
        return self.impl_instance

    def vault(self) -> EncryptionBackend:
        """Return the backend with its key mounted, resolving a callable key on first use."""
        if self._vault is None:
            raw = self.key() if callable(self.key) else self.key
            vault = self.backend()
            vault.mount_vault(_key_bytes(raw, type(self).__name__))
            self._vault = vault
        return self._vault

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Encrypt the value before it is sent to the database."""
        if value is None:
            return None
        if not isinstance(value, str):
            msg = f"{type(self).__name__} expected a str to encrypt, got {type(value).__name__}"
            raise TypeError(msg)
        return self.vault().encrypt(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        """Decrypt the value read from the database."""
        if value is None:
            return None
        try:
            return self.vault().decrypt(value)
        except ValueError as exc:
            msg = (
                f"{type(self).__name__} could not decrypt a stored value with {self.backend.__name__} ({exc}); "
                "the key differs from the one the value was encrypted with, or the value was not written "
                "through this type: check the key passed to the column type"
            )
            raise ImproperConfigurationError(msg) from exc

    def compare_values(self, x: Any, y: Any) -> bool:
        """Compare plaintexts, so an unchanged value is not rewritten."""
        return bool(x == y)


class EncryptedText(EncryptedString):
    """Like :class:`EncryptedString` but backed by ``TEXT``, for long values."""

    impl = Text
    cache_ok = True

    def __init__(
        self,
        key: EncryptionKey | None = None,
        *,
        backend: type[EncryptionBackend] = FernetBackend,
        **kwargs: Any,
    ) -> None:
        """Configure the key (required) and the backend class."""
        super().__init__(key, backend=backend, **kwargs)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Always ``TEXT``."""
        return Text()
