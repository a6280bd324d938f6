"""E-mail feedback and reminders for the people who must act (``automations notify``).

``builders`` decide who is told what (pure functions of the validated data and settings),
``render`` fills the editable templates (``templates/laiskai/``, a workspace copy in
``sablonai/laiskai/`` wins), ``message`` makes the e-mail, ``state`` remembers what was
sent so a rerun sends nothing new, ``transport`` delivers by SMTP or into the outbox
folder, and ``service`` runs the whole, never letting one failure stop the rest.
"""

from automations.notify.service import NotifyBusy, NotifyReport, run_notify

__all__ = ["NotifyBusy", "NotifyReport", "run_notify"]
