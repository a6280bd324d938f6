"""Forms v1: ``forms.get`` and ``forms.responses.list`` (paging and the ``timestamp`` filter)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from .errors import ApiError

_ids = itertools.count(1)
MAX_PAGE = 5000


@dataclass
class Form:
    form_id: str
    title: str
    items: list[dict[str, Any]] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    collects_email: bool = False

    def question_id(self, title: str) -> str:
        for item in self.items:
            if item.get("title") == title:
                return item["questionItem"]["question"]["questionId"]
        raise KeyError(title)

    def add_question(self, title: str, kind: str = "text") -> str:
        question_id = f"{next(_ids):08x}"
        question: dict[str, Any] = {"questionId": question_id}
        if kind == "choice":
            question["choiceQuestion"] = {"type": "CHECKBOX", "options": []}
        else:
            question["textQuestion"] = {}
        self.items.append({"itemId": f"{next(_ids):08x}", "title": title, "questionItem": {"question": question}})
        return question_id

    def add_response(self, answers: dict[str, Any], submitted: dt.datetime, email: str | None = None) -> None:
        """``answers`` by question title; a list is several checkbox choices; ``submitted`` is Vilnius time."""
        stamp = submitted.replace(tzinfo=ZoneInfo("Europe/Vilnius")).astimezone(dt.UTC)
        text = stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"
        response: dict[str, Any] = {"formId": self.form_id, "responseId": f"ACYDBN{next(_ids):010d}",
                                    "createTime": text, "lastSubmittedTime": text, "answers": {}}
        if email:
            response["respondentEmail"] = email
        for title, value in answers.items():
            if value is None or value == "":
                continue
            question_id = self.question_id(title)
            values = value if isinstance(value, list) else [value]
            response["answers"][question_id] = {"questionId": question_id,
                                                "textAnswers": {"answers": [{"value": str(v)} for v in values]}}
        self.responses.append(response)


class FormsApi:
    def __init__(self) -> None:
        self.forms: dict[str, Form] = {}
        self.page_limit = MAX_PAGE  # tests lower it to see paging

    def create(self, form_id: str, title: str, questions: list[str]) -> Form:
        form = Form(form_id, title)
        for question in questions:
            form.add_question(question)
        self.forms[form_id] = form
        return form

    def handle(self, method: str, parts: list[str], query: dict[str, list[str]]) -> Any:
        """``parts`` is the path after ``/v1/forms/``."""
        if method != "GET" or not parts:
            raise ApiError(404, "Method not found.")
        form = self.forms.get(parts[0])
        if form is None:
            raise ApiError(404)
        if len(parts) == 1:
            return {"formId": form.form_id, "info": {"title": form.title, "documentTitle": form.title},
                    "settings": {}, "revisionId": "00000001", "items": form.items,
                    "responderUri": f"https://docs.google.com/forms/d/e/{form.form_id}/viewform"}
        if len(parts) == 2 and parts[1] == "responses":
            return self.list(form, query)
        raise ApiError(404, "Method not found.")

    def list(self, form: Form, query: dict[str, list[str]]) -> Any:
        responses = form.responses
        filter_text = query.get("filter", [""])[0]
        if filter_text:
            op, _, stamp = filter_text.removeprefix("timestamp").strip().partition(" ")
            if op not in (">", ">="):
                raise ApiError(400, "Invalid filter")
            responses = [r for r in responses if (r["lastSubmittedTime"] > stamp if op == ">"
                                                  else r["lastSubmittedTime"] >= stamp)]
        size = min(int(query.get("pageSize", [str(MAX_PAGE)])[0]), self.page_limit)
        start = int(query.get("pageToken", ["0"])[0] or 0)
        result: dict[str, Any] = {}
        if responses[start:start + size]:
            result["responses"] = responses[start:start + size]
        if start + size < len(responses):
            result["nextPageToken"] = str(start + size)
        return result
