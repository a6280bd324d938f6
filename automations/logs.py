"""Where messages go: the console for people, and a log file in the workspace for the nightly runs."""

from __future__ import annotations

import logging
from pathlib import Path

from automations.config import Settings


def configure_logging(settings: Settings | None, verbose: bool = False) -> None:
    """Console for people, and a log file in the workspace for the nightly runs nobody watches."""
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if settings is not None:
        try:
            settings.state_path.mkdir(parents=True, exist_ok=True)
            handlers.append(logging.FileHandler(Path(settings.state_path) / "automations.log", encoding="utf-8"))
        except OSError:
            pass
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=handlers, force=True,
                        format="%(asctime)s %(levelname)s %(message)s")
    handlers[0].setLevel(logging.DEBUG if verbose else logging.WARNING)
