"""Letters into text: editable Jinja templates, plain text and HTML, a workspace copy first.

Each kind of message has two templates in ``templates/laiskai/``: ``<name>.txt`` whose first
line is ``Tema: <subject>`` followed by the plain-text body, and ``<name>.html`` with the same
body as simple HTML (autoescaped, so user text is shown, never interpreted). A copy in the
workspace's ``sablonai/laiskai/`` wins, like the Word templates. A copy staff broke (a syntax
error, an unknown name, a missing ``Tema:`` line) is reported in the log and the default is
used, so one typo never stops the messages.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from automations.config import Settings
from automations.notify.letters import Letter
from automations.render.docx import DEFAULT_TEMPLATES, TEMPLATE_FILTERS

log = logging.getLogger("automations")

LETTERS_FOLDER = "laiskai"
DEFAULT_LETTERS = DEFAULT_TEMPLATES / LETTERS_FOLDER
SUBJECT_PREFIX = "Tema:"


class LetterTemplateError(Exception):
    """A letter template that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _environment(folders: list[Path]) -> jinja2.Environment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders], encoding="utf-8"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=jinja2.StrictUndefined,  # a mistyped name is an error, not an empty gap in a letter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(TEMPLATE_FILTERS)
    return env


class LetterRenderer:
    """Renders letters with the workspace's edited templates, falling back to the defaults."""

    def __init__(self, settings: Settings, today: dt.date) -> None:
        self.edited_folder = settings.workspace / settings.templates_dir / LETTERS_FOLDER
        self.edited = _environment([self.edited_folder, DEFAULT_LETTERS])
        self.default = _environment([DEFAULT_LETTERS])
        self.base = {"istaiga": settings.institution.model_dump(), "siandien": today}
        self._reported: set[str] = set()
        self._compiled: dict[tuple[int, str], tuple[jinja2.Template, jinja2.Template]] = {}

    def render(self, letter: Letter) -> Rendered:
        try:
            return self._render(self.edited, letter)
        except LetterTemplateError as error:
            if not (self.edited_folder.is_dir() and any(self.edited_folder.iterdir())):
                raise  # the default itself is broken: nothing to fall back to
            if letter.template not in self._reported:
                self._reported.add(letter.template)
                log.error("%s; the default template is used instead", error)
            return self._render(self.default, letter)

    def _render(self, env: jinja2.Environment, letter: Letter) -> Rendered:
        context = {**self.base, **letter.context}
        try:
            subject_template, body_template = self._text_templates(env, letter.template)
            subject = " ".join(subject_template.render(context).split())  # never a line break in a header
            if not subject:
                raise LetterTemplateError(f"letter template {letter.template}.txt: the subject is empty")
            body = body_template.render(context).lstrip("\n")
            html = env.get_template(f"{letter.template}.html").render({**context, "tema": subject})
        except jinja2.TemplateSyntaxError as error:
            raise LetterTemplateError(f"letter template {error.filename or error.name or letter.template}, "
                                      f"line {error.lineno}: {error.message}") from error
        except jinja2.TemplateError as error:
            raise LetterTemplateError(f"letter template {letter.template}: {error}") from error
        return Rendered(subject, body, html)

    def _text_templates(self, env: jinja2.Environment, name: str) -> tuple[jinja2.Template, jinja2.Template]:
        """The ``Tema:`` line and the body of ``<name>.txt``, compiled apart so the subject ends at its line."""
        cached = self._compiled.get((id(env), name))
        if cached is None:
            source, filename, _ = env.loader.get_source(env, f"{name}.txt")
            first, _, body = source.lstrip("\ufeff").partition("\n")
            if not first.startswith(SUBJECT_PREFIX):
                raise LetterTemplateError(f"letter template {filename}: the first line must be „{SUBJECT_PREFIX} …“")
            subject = first.removeprefix(SUBJECT_PREFIX)
            cached = (env.from_string(subject), env.from_string("\n" + body))  # line numbers as in the file
            self._compiled[(id(env), name)] = cached
        return cached
