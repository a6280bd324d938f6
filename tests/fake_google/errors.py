"""Google's error bodies: ``{"error": {"code", "message", "status"}}`` (Drive adds ``errors``).

Besides the plain bodies, the functions below build the exact bodies Google sends for the
failures a first setup meets (an API not enabled, missing OAuth scopes, a service account
without Drive storage, read-only access, an ``.xlsx`` id given to the Sheets API) and for
quota and conflicts, so the backend is tested against what it will really read.
"""

from __future__ import annotations

from typing import Any

STATUS_NAMES = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}
DEFAULT_MESSAGES = {404: "Requested entity was not found.", 403: "The caller does not have permission",
                    429: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
                         "per user'",
                    500: "Internal error encountered.", 503: "The service is currently unavailable."}
SERVICES = {  # api -> (service name, title, a method name for ErrorInfo metadata)
    "sheets": ("sheets.googleapis.com", "Google Sheets API", "google.apps.sheets.v4.SpreadsheetsService"),
    "drive": ("drive.googleapis.com", "Google Drive API", "google.apps.drive.v3.DriveFiles"),
    "forms": ("forms.googleapis.com", "Google Forms API", "google.apps.forms.v1.FormsService"),
}
PROJECT = "123456789012"


class ApiError(Exception):
    """Raised by the handlers; the server turns it into Google's error body."""

    def __init__(self, code: int, message: str | None = None, reason: str | None = None,
                 details: list[dict[str, Any]] | None = None, body: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.details = details
        self.code = code
        self.message = message or DEFAULT_MESSAGES.get(code, "Error")
        self.reason = reason
        self.full_body = body  # a complete body as Google sends it, used as is
        self.headers = headers or {}

    def body(self, drive: bool = False) -> dict[str, Any]:
        if self.full_body is not None:
            return self.full_body
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if drive or self.reason:
            error["errors"] = [{"message": self.message, "domain": "usageLimits" if self.reason else "global",
                                "reason": self.reason or ("notFound" if self.code == 404 else "error")}]
        if not drive or self.reason:
            error["status"] = STATUS_NAMES.get(self.code, "UNKNOWN")
        if self.details:
            error["details"] = self.details
        return {"error": error}


def _info(reason: str, api: str, **metadata: str) -> dict[str, Any]:
    return {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason, "domain": "googleapis.com",
            "metadata": {"service": SERVICES[api][0], **metadata}}


def service_disabled(api: str) -> ApiError:
    """The API is not enabled in the Cloud project the credentials belong to."""
    service, title, _ = SERVICES[api]
    url = f"https://console.developers.google.com/apis/api/{service}/overview?project={PROJECT}"
    message = (f"{title} has not been used in project {PROJECT} before or it is disabled. Enable it by visiting "
               f"{url} then retry. If you enabled this API recently, wait a few minutes for the action to "
               "propagate to our systems and retry.")
    error: dict[str, Any] = {"code": 403, "message": message, "status": "PERMISSION_DENIED", "details": [
        _info("SERVICE_DISABLED", api, consumer=f"projects/{PROJECT}", activationUrl=url, serviceTitle=title,
              containerInfo=PROJECT),
        {"@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "en-US", "message": message},
        {"@type": "type.googleapis.com/google.rpc.Help",
         "links": [{"description": "Google developers console API activation", "url": url}]}]}
    if api == "drive":
        error["errors"] = [{"message": message, "domain": "usageLimits", "reason": "accessNotConfigured",
                            "extendedHelp": "https://console.developers.google.com"}]
    return ApiError(403, message, body={"error": error})


def scope_insufficient(api: str) -> ApiError:
    """The token was granted without the scope this API needs."""
    message = "Request had insufficient authentication scopes."
    error: dict[str, Any] = {"code": 403, "message": message, "status": "PERMISSION_DENIED", "details": [
        _info("ACCESS_TOKEN_SCOPE_INSUFFICIENT", api, method=SERVICES[api][2])]}
    if api == "drive":
        error["errors"] = [{"message": f"Insufficient Permission: {message}", "domain": "global",
                            "reason": "insufficientPermissions"}]
    return ApiError(403, message, body={"error": error})


def storage_quota_exceeded() -> ApiError:
    """A service account uploading into My Drive: it has no storage of its own."""
    message = ("Service Accounts do not have storage quota. Leverage shared drives "
               "(https://developers.google.com/workspace/drive/api/guides/about-shareddrives), or use OAuth "
               "delegation (http://support.google.com/a/answer/7281227) instead.")
    return ApiError(403, message, body={"error": {"code": 403, "message": message, "errors": [
        {"message": message, "domain": "usageLimits", "reason": "storageQuotaExceeded"}]}})


def insufficient_file_permissions(file_id: str) -> ApiError:
    """Drive: Viewer or Commenter on the folder or file that should change."""
    message = f"The user does not have sufficient permissions for file {file_id}."
    return ApiError(403, message, body={"error": {"code": 403, "message": message, "errors": [
        {"message": message, "domain": "global", "reason": "insufficientFilePermissions"}]}})


def not_a_spreadsheet() -> ApiError:
    """The Sheets API given the id of an .xlsx file stored in Drive (not converted)."""
    message = "This operation is not supported for this document"
    return ApiError(400, message, body={"error": {"code": 400, "message": message, "status": "FAILED_PRECONDITION"}})


def rate_limited(api: str, metric: str, limit: str, retry_after: float | None = None) -> ApiError:
    """429 for a per-minute quota, as Sheets words it (``metric``: 'Read requests')."""
    message = (f"Quota exceeded for quota metric '{metric}' and limit '{limit}' of service "
               f"'{SERVICES[api][0]}' for consumer 'project_number:{PROJECT}'.")
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
    return ApiError(429, message, headers=headers, body={"error": {
        "code": 429, "message": message, "status": "RESOURCE_EXHAUSTED", "details": [
            _info("RATE_LIMIT_EXCEEDED", api, quota_metric=f"{SERVICES[api][0]}/{metric.lower().replace(' ', '_')}",
                  quota_limit=limit.replace(" ", ""), consumer=f"projects/{PROJECT}")]}})


def file_id_in_use() -> ApiError:
    message = "A file already exists with the provided ID."
    return ApiError(409, message, body={"error": {"code": 409, "message": message, "errors": [
        {"message": message, "domain": "global", "reason": "fileIdInUse"}]}})


def payload_too_large(limit: int) -> ApiError:
    message = f"Request payload size exceeds the limit: {limit} bytes."
    return ApiError(400, message, body={"error": {"code": 400, "message": message, "status": "INVALID_ARGUMENT"}})
