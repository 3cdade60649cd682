"""Column types that behave the same on every database sqlalchemist supports.

Example: ``id: Mapped[UUID] = mapped_column(GUID, primary_key=True)``.
"""

from __future__ import annotations

from sqlalchemist.types._datetime import DateTimeUTC
from sqlalchemist.types._encrypted import EncryptedString, EncryptedText, EncryptionKey
from sqlalchemist.types._encryption_backends import EncryptionBackend, FernetBackend
from sqlalchemist.types._guid import GUID
from sqlalchemist.types._hashers import Argon2Hasher, PasswordHasher, Pbkdf2Hasher
from sqlalchemist.types._identity import BigIntIdentity
from sqlalchemist.types._json import ORA_JSONB, JsonB
from sqlalchemist.types._password import HashedPassword, PasswordHash

__all__ = (
    "GUID",
    "ORA_JSONB",
    "Argon2Hasher",
    "BigIntIdentity",
    "DateTimeUTC",
    "EncryptedString",
    "EncryptedText",
    "EncryptionBackend",
    "EncryptionKey",
    "FernetBackend",
    "HashedPassword",
    "JsonB",
    "PasswordHash",
    "PasswordHasher",
    "Pbkdf2Hasher",
)

for _public in (
    GUID,
    ORA_JSONB,
    Argon2Hasher,
    DateTimeUTC,
    EncryptedString,
    EncryptedText,
    EncryptionBackend,
    FernetBackend,
    HashedPassword,
    PasswordHash,
    PasswordHasher,
    Pbkdf2Hasher,
):
    _public.__module__ = __name__
del _public
