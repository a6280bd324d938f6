"""Drive's search language (``q``) for the terms the backend and gspread use."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .errors import ApiError

_TOKEN_RE = re.compile(r"""\s*(?:('(?:[^'\\]|\\.)*')|("(?:[^"\\]|\\.)*")|(!=|<=|>=|=|<|>|\(|\))|([A-Za-z_.]+))""")
Predicate = Callable[[dict[str, Any]], bool]


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    while pos < len(text.rstrip()):
        match = _TOKEN_RE.match(text, pos)
        if not match:
            raise ApiError(400, "Invalid Value", reason="invalid")
        single, double, op, word = match.groups()
        if single or double:
            raw = (single or double)[1:-1]
            tokens.append(("str", re.sub(r"\\(.)", r"\1", raw)))
        elif op:
            tokens.append(("op", op))
        else:
            tokens.append(("word", word))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.pos = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ApiError(400, "Invalid Value", reason="invalid")
        self.pos += 1
        return token

    def expr(self) -> Predicate:
        left = self.term()
        while self.peek() == ("word", "or"):
            self.take()
            right, first = self.term(), left
            left = lambda f, a=first, b=right: a(f) or b(f)  # noqa: E731
        return left

    def term(self) -> Predicate:
        left = self.factor()
        while self.peek() == ("word", "and"):
            self.take()
            right, first = self.factor(), left
            left = lambda f, a=first, b=right: a(f) and b(f)  # noqa: E731
        return left

    def factor(self) -> Predicate:
        token = self.take()
        if token == ("word", "not"):
            inner = self.factor()
            return lambda f: not inner(f)
        if token == ("op", "("):
            inner = self.expr()
            self.take()
            return inner
        if token[0] == "str":  # 'value' in parents
            self.take()
            field = self.take()[1]
            return lambda f: token[1] in (f.get(field) or [])
        field = token[1]
        op = self.take()[1]
        kind, raw = self.take()
        value: Any = raw if kind == "str" else {"true": True, "false": False}.get(raw, raw)
        get = lambda f: f.get(field, False if field == "trashed" else None)  # noqa: E731
        if op == "=":
            return lambda f: get(f) == value
        if op == "!=":
            return lambda f: get(f) != value
        if op == "contains":
            return lambda f: str(value).lower() in str(get(f) or "").lower()
        if op in ("<", ">", "<=", ">="):
            return lambda f: _compare(get(f), op, value)
        raise ApiError(400, "Invalid Value", reason="invalid")


def _compare(left: Any, op: str, right: Any) -> bool:
    if left is None:
        return False
    return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}[op]


def compile_query(text: str) -> Predicate:
    if not text.strip():
        return lambda f: True
    parser = _Parser(tokenize(text))
    predicate = parser.expr()
    if parser.peek() is not None:
        raise ApiError(400, "Invalid Value", reason="invalid")
    return predicate
