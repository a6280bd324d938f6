"""The library's knowledge: what its figures mean and how they are counted.

The engine (``automations``' top-level modules: settings, backends, validation, rendering,
runner, CLI) knows nothing of events, rentals or territory statistics; this package knows
nothing of files, Google or the command line. Every figure a document shows is declared
once in :mod:`automations.domain.registry`, computed by the subject modules beside it.
"""
