"""Google's error bodies: ``{"error": {"code", "message", "status"}}`` (Drive adds ``errors``)."""

from __future__ import annotations

from typing import Any

STATUS_NAMES = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}
DEFAULT_MESSAGES = {404: "Requested entity was not found.", 403: "The caller does not have permission",
                    429: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
                         "per user'",
                    500: "Internal error encountered.", 503: "The service is currently unavailable."}


class ApiError(Exception):
    """Raised by the handlers; the server turns it into Google's error body."""

    def __init__(self, code: int, message: str | None = None, reason: str | None = None,
                 details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.details = details
        self.code = code
        self.message = message or DEFAULT_MESSAGES.get(code, "Error")
        self.reason = reason

    def body(self, drive: bool = False) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if drive or self.reason:
            error["errors"] = [{"message": self.message, "domain": "usageLimits" if self.reason else "global",
                                "reason": self.reason or ("notFound" if self.code == 404 else "error")}]
        if not drive or self.reason:
            error["status"] = STATUS_NAMES.get(self.code, "UNKNOWN")
        if self.details:
            error["details"] = self.details
        return {"error": error}
