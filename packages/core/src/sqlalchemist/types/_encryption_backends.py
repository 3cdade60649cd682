"""Encryption backends for the encrypted column types: an abstract base and a Fernet implementation."""

from __future__ import annotations

import abc
import base64
import hashlib
from typing import TYPE_CHECKING

from sqlalchemist.exceptions import MissingDependencyError

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

__all__ = ("EncryptionBackend", "FernetBackend")


class EncryptionBackend(abc.ABC):
    """Turns text into ciphertext and back; subclass it to plug another cipher into ``EncryptedString``."""

    @abc.abstractmethod
    def mount_vault(self, key: bytes) -> None:
        """Prepare the cipher with ``key``; called once, before the first ``encrypt`` or ``decrypt``."""

    @abc.abstractmethod
    def encrypt(self, value: str) -> str:
        """Return the ciphertext of ``value`` as text that fits a string column."""

    @abc.abstractmethod
    def decrypt(self, value: str) -> str:
        """Return the plaintext of ``value``; raise ``ValueError`` if the key does not open it."""


class FernetBackend(EncryptionBackend):
    """Fernet (AES-128-CBC with HMAC-SHA256) from ``cryptography``; any key is stretched with SHA-256."""

    def __init__(self) -> None:
        """Create an unmounted backend; ``mount_vault`` sets the key."""
        self._fernet: Fernet | None = None
        self._invalid_token: type[Exception] = Exception

    def mount_vault(self, key: bytes) -> None:
        """Derive the Fernet key from ``key`` (SHA-256, URL-safe base64) and build the cipher."""
        try:
            from cryptography.fernet import Fernet, InvalidToken
        except ImportError:
            raise MissingDependencyError(
                "cryptography", install='pip install "sqlalchemist[encryption]"', feature="FernetBackend"
            ) from None
        self._fernet = Fernet(base64.urlsafe_b64encode(hashlib.sha256(key).digest()))
        self._invalid_token = InvalidToken

    def _cipher(self) -> Fernet:
        if self._fernet is None:
            msg = "FernetBackend has no key yet; call mount_vault(key) before encrypt() or decrypt()"
            raise RuntimeError(msg)
        return self._fernet

    def encrypt(self, value: str) -> str:
        """Encrypt ``value`` into a URL-safe base64 Fernet token."""
        return self._cipher().encrypt(value.encode()).decode("ascii")

    def decrypt(self, value: str) -> str:
        """Decrypt a Fernet token; ``ValueError`` if the key is wrong or the token is damaged."""
        cipher = self._cipher()
        try:
            return cipher.decrypt(value.encode("ascii")).decode()
        except (self._invalid_token, UnicodeEncodeError) as exc:
            msg = "the value is not a Fernet token made with this key"
            raise ValueError(msg) from exc
