"""The exceptions backends raise, apart from the backends so the command line can catch them cheaply."""

from __future__ import annotations


class InputError(Exception):
    """A workbook or tab that cannot be read; the message is Lithuanian and says what to do."""

    def __init__(self, message: str, rule: str = "neskaitomas") -> None:
        super().__init__(message)
        self.rule = rule


class BackendError(Exception):
    """The backend itself failed (no access, quota, network) after its retries; English for operators."""


class OutputUnavailable(BackendError):
    """Outputs cannot be written at all (a read-only folder, a file where the folder should be)."""
