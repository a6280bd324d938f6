"""Backends: where tables come from and where documents go (``local`` or ``google``)."""

from __future__ import annotations

from automations.backends.base import Backend
from automations.config import Settings


def make_backend(settings: Settings) -> Backend:
    """The backend the settings ask for; Google's libraries load only when used."""
    if settings.backend == "google":
        from automations.backends.google import GoogleBackend

        return GoogleBackend(settings)
    from automations.backends.local import LocalBackend

    return LocalBackend(settings)
