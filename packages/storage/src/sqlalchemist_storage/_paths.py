"""Path checks that keep every stored object inside its backend's root."""

from __future__ import annotations

from sqlalchemist_storage._errors import UnsafePathError

__all__ = ("safe_path",)


def safe_path(path: str, *, what: str = "path") -> str:
    """Return ``path`` normalised to ``a/b/c`` form; UnsafePathError when it could leave the backend root.

    Example: ``safe_path("docs/report.pdf")`` → ``"docs/report.pdf"``; ``safe_path("../etc/passwd")`` raises.
    """
    if not isinstance(path, str) or not path.strip():
        msg = f"{what} must be a non-empty string, got {path!r}"
        raise UnsafePathError(msg)
    if "\x00" in path:
        msg = f"{what} {path!r} contains a NUL character"
        raise UnsafePathError(msg)
    unified = path.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        msg = f"{what} {path!r} is absolute; use a path relative to the backend root"
        raise UnsafePathError(msg)
    parts = [part for part in unified.split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts):
        msg = f"{what} {path!r} contains '..' and could escape the backend root"
        raise UnsafePathError(msg)
    if not parts:
        msg = f"{what} {path!r} names no file"
        raise UnsafePathError(msg)
    return "/".join(parts)
