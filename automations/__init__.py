"""The engine of the PAVB automation suite: backends, validation, rendering, runner, CLI."""

__version__ = "0.1.0"
