"""Who is told what: one builder per kind of message, each a pure function of :class:`Inputs`.

A builder reads validated frames and problems (``inputs.frame``, ``inputs.all_rows``,
``inputs.problems``) and settings, and yields :class:`~automations.notify.letters.Letter`
records (one per address) and :class:`~automations.notify.letters.NoAddress` for people it
cannot reach. It sends nothing, reads no files and knows nothing of the state: whether a
letter is due is decided afterwards from its key, its policy and the hash of its facts.

Extension point: a new kind of message is a new builder. The commission-meeting invitation,
for example, is the module ``builders/commissions.py`` with ``invitation_letters(inputs)`` that reads
``inputs.frame("komisijos", "Posėdžiai")`` and ``"Nariai"``, yields one letter per member
address with the key ``komisijos/<Kodas>/<Nr.>`` (``Policy.ON_CHANGE``, so a moved meeting
is sent again), plus the two templates ``templates/laiskai/komisijos_kvietimas.txt`` and
``.html``, and one line in :data:`BUILDERS` below. Nothing else changes: rendering, state,
transport, dry-run and the send log work for every kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from automations.notify.builders import commissions, digest, problems, projects, statistics, training
from automations.notify.inputs import Inputs
from automations.notify.letters import Letter, NoAddress

Builder = Callable[[Inputs], Iterable[Letter | NoAddress]]

# kind -> builder, in the order messages are sent; the kind is what `notify.kinds` lists
BUILDERS: dict[str, Builder] = {
    problems.KIND: problems.problem_letters,
    statistics.KIND: statistics.reminder_letters,
    projects.KIND: projects.deadline_letters,
    training.KIND: training.reminder_letters,
    commissions.KIND: commissions.invitation_letters,
    digest.KIND: digest.digest_letters,
}
