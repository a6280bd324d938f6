"""The backend interface: where tables come from and where documents and feedback go.

Jobs never know which backend runs them: a workbook is a logical name (``renginiai``) that
settings map to a file or a spreadsheet, and an output is a relative path
(``2026/Regiono statistika/Regiono statistika 2026.xlsx``) under the output folder.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from automations.errors import BackendError, InputError, OutputUnavailable
from automations.tables import RawSheet, SheetLayout
from sheets_schema.base import Problem

__all__ = ["Backend", "BackendError", "Feedback", "InputError", "OutputUnavailable", "Published"]


@dataclass
class Feedback:
    """What validation found in one workbook, with the raw sheets to point at the cells."""

    workbook: str
    title: str
    problems: list[Problem]
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    layouts: dict[str, SheetLayout] = field(default_factory=dict)


@dataclass(frozen=True)
class Published:
    path: str  # relative output path
    location: str  # a file path or a Drive link
    written: bool  # False when the same content was already there


class Backend(ABC):
    """Read raw tabs, publish documents, keep small state files, write feedback."""

    name: str
    # jobs may run in forked worker processes, each publishing through its copy of this backend
    # (false where connections, request budgets or counters would be shared between processes)
    parallel_jobs: bool = False

    @abstractmethod
    def read_tabs(self, workbook: str, tabs: Sequence[str]) -> dict[str, RawSheet | InputError]:
        """All requested tabs of one workbook in one go; a missing tab is an InputError value.

        Raises InputError when the workbook as a whole cannot be read.
        """

    def read_workbook(self, workbook: str, tabs: Sequence[str]) -> dict[str, RawSheet | InputError]:
        """The named tabs and, where the backend can in the same requests, every other tab of the workbook.

        For a workbook whose rows name further tabs (survey answer tabs), so a spreadsheet is
        still read once; the default reads only the named tabs.
        """
        return self.read_tabs(workbook, tabs)

    def read_form(self, workbook: str, form_id: str, tab: str) -> RawSheet | InputError | None:
        """A form's answers as the tab ``tab`` would show them, where the backend reads forms.

        None: this backend does not, and the tab is read from the workbook instead (the
        linked response sheet, or a local file).
        """
        return None

    @abstractmethod
    def publish(self, path: str, content: bytes) -> Published:
        """Store an output atomically; identical content is not written again."""

    @abstractmethod
    def fetch(self, path: str) -> bytes | None:
        """A previously published output (e.g. a register a job maintains), or None."""

    @abstractmethod
    def write_feedback(self, feedback: Feedback) -> Published | None:
        """Tell the people who typed the workbook what is wrong, where."""

    def describe(self, workbook: str) -> str:
        """Where a workbook lives, for messages."""
        return workbook

    def source_fingerprint(self, workbook: str) -> str | None:
        """A cheap digest of a workbook's source as stored, or None when only reading it tells.

        Equal digests mean equal inputs, so a job whose inputs and program are unchanged is skipped.
        """
        return None

    def location(self, path: str) -> str:
        """Where a published output is, for messages (a file path, or the path under the Drive folder)."""
        return path

    def still_published(self, path: str, sha256: str) -> bool:
        """Whether the output at ``path`` still holds the content with this digest (a person may have
        deleted or edited it). A backend that cannot tell cheaply trusts its last run."""
        return True

    def activity(self) -> str | None:
        """One line on what the run cost a remote service (requests, waits), or None."""
        return None

    def prefetch(self, requests: Mapping[str, Sequence[str]]) -> None:  # noqa: B027 - optional hook
        """Hint: these workbooks' tabs will be read next (a backend may start reading them now)."""

    def read_ready(self, workbook: str) -> bool:
        """Whether reading ``workbook`` now would not wait (a prefetch has finished it), so validation
        can take it before a large file still being read. A backend reading on demand says True."""
        return True

    def preflight(self) -> None:  # noqa: B027 - optional hook
        """Check, before any job runs, that outputs can be written; raise BackendError naming why not."""

    def list_outputs(self, folder: str) -> list[str] | None:
        """Published outputs directly in ``folder`` (relative paths), or None when the backend cannot list.

        The certificate register is rebuilt from the certificates it finds there if it was lost.
        """
        return None
