"""Map sqlalchemist errors to Litestar's standard error responses: 404, 409, 400, or a generic 500."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar.exceptions import HTTPException
from litestar.exceptions.responses import create_debug_response, create_exception_response
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_500_INTERNAL_SERVER_ERROR,
)
from sqlalchemy.exc import SQLAlchemyError

from sqlalchemist.exceptions import (
    FilterError,
    IntegrityError,
    NotFoundError,
    RepositoryError,
    SQLAlchemistError,
    translate_exception,
)

if TYPE_CHECKING:
    from litestar import Request, Response

__all__ = ("HANDLED_EXCEPTIONS", "METADATA_STATE_KEY", "exception_status_code", "sqlalchemist_exception_handler")

METADATA_STATE_KEY = "_sqlalchemist_metadata"
"""Key in ``app.state`` of the plugin's configs' metadata, which lets messages name columns a driver left out."""

HANDLED_EXCEPTIONS: tuple[type[Exception], ...] = (RepositoryError, FilterError, SQLAlchemyError)
"""The exception types the plugin registers :func:`sqlalchemist_exception_handler` for (SQLAlchemy's are translated)."""

_STATUS_BY_TYPE: tuple[tuple[type[SQLAlchemistError], int], ...] = (
    (NotFoundError, HTTP_404_NOT_FOUND),
    (IntegrityError, HTTP_409_CONFLICT),
    (FilterError, HTTP_400_BAD_REQUEST),
)


def exception_status_code(exc: BaseException) -> int:
    """Return the HTTP status for a sqlalchemist error: 404, 409, 400, else 500."""
    return next((status for exc_type, status in _STATUS_BY_TYPE if isinstance(exc, exc_type)), 500)


def sqlalchemist_exception_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Answer with ``{"status_code": ..., "detail": <message>}``; a 500 hides the message unless the app is in debug."""
    if isinstance(exc, SQLAlchemyError):
        exc = translate_exception(exc, metadata=request.app.state.get(METADATA_STATE_KEY))
    status_code = exception_status_code(exc)
    if status_code == HTTP_500_INTERNAL_SERVER_ERROR:
        if request.app.debug:
            return create_debug_response(request, exc)
        return create_exception_response(request, exc)
    return create_exception_response(request, HTTPException(status_code=status_code, detail=str(exc)))
