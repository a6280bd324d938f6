"""Google Forms through the Forms API, turned into the tab a linked response sheet would show.

``forms.get`` maps question ids to their titles (the schema's headers) and
``forms.responses.list`` pages through the answers. The result looks like ``Formos
atsakymai 1``: ``Laiko žymė`` (submission time in Vilnius, as the sheet shows it), then
``El. pašto adresas`` when the form collects addresses, then one column per question.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from automations.backends.google_api import GoogleApi
from automations.tables import RawSheet

TIMESTAMP_HEADER = "Laiko žymė"
EMAIL_HEADER = "El. pašto adresas"
LOCAL_ZONE = ZoneInfo("Europe/Vilnius")
PAGE_SIZE = 5000  # the API's maximum


def question_columns(form: dict[str, Any]) -> list[tuple[str, str]]:
    """(question id, column title) in the form's order; a grid gives one column per row, as Sheets does."""
    columns: list[tuple[str, str]] = []
    for item in form.get("items", []):
        title = str(item.get("title", "")).strip()
        if "questionItem" in item:
            columns.append((item["questionItem"]["question"]["questionId"], title))
        elif "questionGroupItem" in item:
            for question in item["questionGroupItem"].get("questions", []):
                row_title = question.get("rowQuestion", {}).get("title", "")
                columns.append((question["questionId"], f"{title} [{row_title}]"))
    return columns


def local_time(stamp: str) -> dt.datetime:
    """An RFC 3339 UTC time as the naive Vilnius time a response sheet shows (to the second)."""
    moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return moment.astimezone(LOCAL_ZONE).replace(tzinfo=None, microsecond=0)


def answer_text(answer: dict[str, Any] | None) -> str | None:
    """A text or choice answer; several checkbox choices are joined with ", " as the response sheet does."""
    if not answer:
        return None
    texts = [item.get("value", "") for item in answer.get("textAnswers", {}).get("answers", [])]
    if texts:
        return ", ".join(texts)
    files = answer.get("fileUploadAnswers", {}).get("answers", [])
    if files:
        return ", ".join(f"https://drive.google.com/open?id={item.get('fileId', '')}" for item in files)
    return None


def responses_sheet(tab: str, form: dict[str, Any], responses: list[dict[str, Any]]) -> RawSheet:
    """The responses as rows under a header, oldest submission first."""
    columns = question_columns(form)
    with_email = any(item.get("respondentEmail") for item in responses)
    header: list[Any] = [TIMESTAMP_HEADER, *([EMAIL_HEADER] if with_email else []), *(title for _, title in columns)]
    rows: list[list[Any]] = [header]
    ordered = sorted(responses, key=lambda item: (item.get("lastSubmittedTime", ""), item.get("responseId", "")))
    for response in ordered:
        answers = response.get("answers", {})
        row: list[Any] = [local_time(response["lastSubmittedTime"]) if response.get("lastSubmittedTime") else None]
        if with_email:
            row.append(response.get("respondentEmail"))
        row.extend(answer_text(answers.get(question_id)) for question_id, _ in columns)
        rows.append(row)
    return RawSheet(tab, rows)


class FormsReader:
    """Reads one form's questions and all its responses (one request plus one per page)."""

    def __init__(self, api: GoogleApi) -> None:
        self.api = api

    def read(self, workbook: str, form_id: str, tab: str) -> RawSheet:
        forms = self.api.service("forms", "v1").forms()
        what = f"form {form_id} (workbook {workbook})"
        form = self.api.call(lambda: forms.get(formId=form_id).execute(), what, "form")
        responses: list[dict[str, Any]] = []
        token: str | None = None
        while True:
            request = forms.responses().list(formId=form_id, pageSize=PAGE_SIZE, pageToken=token)
            page = self.api.call(request.execute, what, "form")
            responses.extend(page.get("responses", []))
            token = page.get("nextPageToken")
            if not token:
                break
        return responses_sheet(tab, form, responses)
