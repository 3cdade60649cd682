"""Text helpers: URL slugs, camelCase field names, snake_case table names and a light e-mail check.

Example: ``slugify("Hello, World!") == "hello-world"`` and ``camelize("created_at") == "createdAt"``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ("camelize", "check_email", "slugify", "snake_case")

_NOT_WORD = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s_]+")
_LOWER_BEFORE_UPPER = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_ACRONYM_BEFORE_WORD = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z]{2,})")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def slugify(value: str, *, separator: str = "-", allow_unicode: bool = False) -> str:
    """Turn ``value`` into a lowercase URL slug whose words are joined by ``separator``.

    Example: ``slugify("Crème Brûlée Recipe") == "creme-brulee-recipe"``.
    """
    text = str(value)
    if allow_unicode:
        text = unicodedata.normalize("NFKC", text)
    else:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NOT_WORD.sub("", text.lower())
    return _SEPARATORS.sub(separator, text).strip("-_" + separator)


def camelize(snake_str: str) -> str:
    """Convert a snake_case name to lower camelCase: ``camelize("created_at") == "createdAt"``."""
    first, *rest = snake_str.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def snake_case(name: str) -> str:
    """Convert a CamelCase class name to snake_case: ``snake_case("HTTPRequestLog") == "http_request_log"``."""
    spaced = _LOWER_BEFORE_UPPER.sub("_", name)
    return _ACRONYM_BEFORE_WORD.sub("_", spaced).lower()


def check_email(email: str) -> str:
    """Return ``email`` lowercased if it looks like ``local@domain.tld``, else raise ``ValueError``."""
    if not _EMAIL.match(email):
        msg = f"expected an e-mail address like 'name@example.com', got {email!r}"
        raise ValueError(msg)
    return email.lower()
