"""Open survey answers as a report may show them: without names, addresses or phones, and their frequent words.

A respondent sometimes writes an e-mail address, a phone number or a librarian's name into an
open answer; the report replaces them (``[el. paštas]``, ``[telefonas]``, ``[vardas]``) before
anything is printed. Names are recognised the way Lithuanian names look: a capitalised word
followed by a capitalised surname ending (-ienė, -aitė, -ytė, -utė, -as, -is, -ys, -us and their
cases), or a married or maiden surname on its own; a town written that way is masked too, which is
the safe side. The most frequent words (stop-words and short words left out) are a first reading
aid, not an analysis: Lithuanian inflects, so „knygų“ and „knygos“ count apart.

The stop-word list is written here: the published Lithuanian lists (stopwords-iso) come
mis-encoded and lack the commonest verb forms (yra, būtų, reikia).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

EMAIL_RE = re.compile(r"[^\s@,;<>()]+@[^\s@,;<>()]+\.[A-Za-z]{2,}")
PHONE_RE = re.compile(r"(?<!\w)(\+370|8)[\s-]?\(?\d{1,3}\)?(?:[\s-]?\d){5,7}(?!\w)")
_SURNAME_END = (r"(?:ien[ėeęės]i?|ait[ėeęės]i?|yt[ėeęės]i?|ut[ėeęės]i?|iūt[ėeęės]i?|"
                r"(?:i)?(?:as|is|ys|us|ui|ų|ą|o|ei|e|ai|į|iui|iaus|ius|aus))")
_CAPITAL = r"[A-ZĄČĘĖĮŠŲŪŽ][a-ząčęėįšųūž]+"
NAME_RE = re.compile(rf"\b{_CAPITAL}(?:\s+{_CAPITAL})*\s+[A-ZĄČĘĖĮŠŲŪŽ][a-ząčęėįšųūž]+{_SURNAME_END}\b")
FEMALE_SURNAME_RE = re.compile(r"\b[A-ZĄČĘĖĮŠŲŪŽ][a-ząčęėįšųūž]+(?:ien|ait|yt|iūt)[ėeęės]i?\b")
WORD_RE = re.compile(r"[a-ząčęėįšųūž]+(?:-[a-ząčęėįšųūž]+)?")
MIN_WORD = 3
TOP_WORDS = 15

STOP_WORDS = frozenset("""
ir bei ar arba o bet tačiau nes kad jog kaip kai kol jei jeigu nors tai tas ta tie tos to tą tuo toje šis ši
šie šios šio šią šiuo šioje šiame šiam šiai šitas šita kuris kuri kurie kurios kurio kurią kuriuo kuriame kas
ką ko kam kur kada kodėl kiek koks kokia kokie kokios kokį kokią ne nė nei taip pat dar jau vis net tik labai
daug mažai daugiau mažiau daugiausia geriau gerai visai visi visos visas visa viską visko viskas aš mes tu jūs
jis ji jie jos jo jų jam jai jiems joms jį ją juos jas man mums tau jums sau mane mus tave jus mano mūsų tavo
jūsų savo manęs savęs save manim mumis yra nėra buvo būtų bus būti esu esame esate būna būdavo galėtų galima
galėtume gali galiu norėčiau norėtųsi norime noriu norėtume reikia reikėtų turi turėtų turime būtina į iš su
be per prie pas po už ant apie nuo iki dėl tarp prieš virš ties link pagal čia ten dabar vėl gal galbūt tikrai
lyg tarsi dažnai kartais niekada visada a e y pvz t kt pan nr
""".split())  # noqa: SIM905  (a list of words reads best as words)


def clean(text: object) -> str:
    """An open answer with e-mail addresses, phone numbers and people's names masked."""
    value = " ".join(str(text).split())
    value = EMAIL_RE.sub("[el. paštas]", value)
    value = PHONE_RE.sub("[telefonas]", value)
    value = NAME_RE.sub("[vardas]", value)
    return FEMALE_SURNAME_RE.sub("[vardas]", value)


def words(text: str) -> list[str]:
    """The words worth counting in a cleaned answer (masks, stop-words and short words left out)."""
    plain = re.sub(r"\[[^\]]*\]", " ", text.casefold())
    return [word for word in WORD_RE.findall(plain) if len(word) >= MIN_WORD and word not in STOP_WORDS]


def frequent_words(texts: Iterable[str], top: int = TOP_WORDS) -> list[tuple[str, int]]:
    """The most frequent words over answers (each counted once per answer), most frequent first, ties A–Ž."""
    from automations.lt import sort_key

    counts = Counter(word for text in texts for word in set(words(text)))
    return sorted(counts.items(), key=lambda item: (-item[1], sort_key(item[0])))[:top]
