"""Lithuanian conventions for everything staff read: dates, numbers, money, words, sorting.

Babel carries the CLDR data (genitive month names, no-break space grouping, decimal comma),
num2words the amounts in words; this module only fixes the house style on top.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from automations.textclean import clean_text

LOCALE = "lt_LT"
_PLURAL_RULE = Locale.parse(LOCALE).plural_form
MONTHS_NOMINATIVE = (
    "sausis", "vasaris", "kovas", "balandis", "gegužė", "birželis",
    "liepa", "rugpjūtis", "rugsėjis", "spalis", "lapkritis", "gruodis",
)
WEEKDAYS = ("pirmadienis", "antradienis", "trečiadienis", "ketvirtadienis", "penktadienis", "šeštadienis",
            "sekmadienis")
QUARTERS = ("I", "II", "III", "IV")

# The Lithuanian alphabet: y sorts with i, and the letters with diacritics follow their base.
_ALPHABET = "aąbcčdeęėfghiįyjklmnoprsštuųūvzž"
_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}
_BASE = {"ą": "a", "ę": "e", "ė": "e", "į": "i", "y": "i", "ų": "u", "ū": "u"}  # same letter at first sight


def long_date(value: dt.date | None) -> str:
    """``2026 m. lapkričio 22 d.``, as in letters and documents."""
    if value is None:
        return ""
    return format_date(value, format="y 'm'. MMMM d 'd'.", locale=LOCALE)


def short_date(value: dt.date | None) -> str:
    """``2026-11-22``, as in tables."""
    return value.isoformat() if value is not None else ""


def date_range(start: dt.date, end: dt.date | None) -> str:
    """``2026 m. kovo 5–7 d.`` or across months ``2026 m. kovo 30 d. – balandžio 2 d.``."""
    if end is None or end == start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year} m. {format_date(start, 'MMMM', locale=LOCALE)} {start.day}–{end.day} d."
    if start.year == end.year:
        return f"{long_date(start)} – {format_date(end, 'MMMM', locale=LOCALE)} {end.day} d."
    return f"{long_date(start)} – {long_date(end)}"


def month_name(month: int) -> str:
    return MONTHS_NOMINATIVE[month - 1]


def month_title(year: int, month: int) -> str:
    """``2026 m. gruodis``: a heading for a month."""
    return f"{year} m. {MONTHS_NOMINATIVE[month - 1]}"


def weekday(value: dt.date) -> str:
    return WEEKDAYS[value.weekday()]


def quarter(value: dt.date) -> str:
    return QUARTERS[(value.month - 1) // 3]


def number(value: Any, decimals: int = 0) -> str:
    """``1 234`` / ``3,5`` with a no-break space for thousands; blanks stay blank.

    Never raises: a figure beyond what decimal rounding holds (1e308) is shown as it is,
    since a message about a mistyped cell must not stop the job that writes it.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    try:
        return format_decimal(value, format=pattern, locale=LOCALE)
    except (ArithmeticError, ValueError, TypeError):
        return str(value) if not isinstance(value, int) or value.bit_length() < 10_000 else "(labai didelis skaičius)"


def percent(value: Any, decimals: int = 1) -> str:
    """``33,7 proc.`` (the value is already in percent)."""
    text = number(value, decimals)
    return f"{text} proc." if text else ""


def signed_percent(value: Any, decimals: int = 1) -> str:
    """``+12,5 proc.`` / ``−3,0 proc.`` for changes; a change that rounds to nothing is ``0,0 proc.``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "")
    return f"{sign}{number(abs(rounded), decimals)} proc."


def money(value: Any) -> str:
    """``1 234,50 Eur``."""
    if value is None:
        return ""
    return f"{number(Decimal(str(value)).quantize(Decimal('0.01'), ROUND_HALF_UP), 2)} Eur"


def money_in_words(value: Decimal | float) -> str:
    """``vienas šimtas dvidešimt trys eurai 45 ct`` for contracts and invoices."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    euros = int(amount)
    cents = int((amount - euros) * 100)
    from num2words import num2words  # only invoices spell amounts out; listing jobs should not load it

    words = num2words(euros, lang="lt")
    return f"{words} {_euro_word(euros)} {cents:02d} ct"


def _euro_word(amount: int) -> str:
    if amount % 10 == 0 or 11 <= amount % 100 <= 19:
        return "eurų"
    return "euras" if amount % 10 == 1 else "eurai"


def sort_key(text: Any) -> Any:
    """A key that sorts text by Lithuanian collation (ICU's ``lt`` rules when PyICU is installed).

    ICU knows the Lithuanian alphabet: ``y`` sorts with ``i``, ``č``, ``š``, ``ž`` are letters of
    their own after ``c``, ``s``, ``z``, while ``ą``, ``ę``, ``ė``, ``į``, ``ų``, ``ū`` differ from
    their base letter only when all else is equal; punctuation such as the quotes of „Aušra“ is
    ignored, so a name sorts by its first letter. Without ICU, :func:`_fallback_key` applies
    the same letter order.
    """
    cleaned = str(text) if text is not None else ""
    return _COLLATOR.getSortKey(cleaned) if _COLLATOR is not None else _fallback_key(cleaned)


def _fallback_key(text: str) -> tuple:
    """The Lithuanian letter order by hand: letters first, punctuation ignored unless all else is equal."""
    folded = text.casefold()
    letters = [char for char in folded if char.isalnum() or char == " "]
    primary = tuple(_ORDER.get(_BASE.get(char, char), 100 + ord(char)) for char in letters)
    secondary = tuple(_ORDER.get(char, 100 + ord(char)) for char in letters)
    return primary, secondary, folded


def _icu_collator() -> Any:
    try:
        import icu  # PyICU (the pyicu-wheels distribution): the real Unicode collation
    except ImportError:  # pragma: no cover - a platform without the wheel sorts by the hand-written order
        return None
    collator = icu.Collator.createInstance(icu.Locale("lt_LT"))
    collator.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
    return collator


_COLLATOR = _icu_collator()


def sorted_lt(values, key=lambda value: value) -> list:
    return sorted(values, key=lambda item: sort_key(key(item)))


def sort_frame(frame: Any, *columns: str) -> Any:
    """A pandas frame's rows in Lithuanian alphabetical order of ``columns``, renumbered from 0."""
    return frame.sort_values(list(columns), key=lambda column: column.map(sort_key)).reset_index(drop=True)


def person_key(name: Any) -> tuple:
    """Sort people by surname, then first names (Lithuanian collation): ``Lina Žukaitė`` after ``Jonas Žukas``.

    A name is typed ``Vardas Pavardė``; ``Pavardė, Vardas`` (with a comma) is understood too.
    """
    first, surname = split_name(name)
    return sort_key(surname), sort_key(first), sort_key(name)


def sort_people(frame: Any, column: str) -> Any:
    """A frame's rows by the person in ``column``, surname first, renumbered from 0."""
    order = sorted(range(len(frame)), key=lambda index: person_key(frame[column].iloc[index]))
    return frame.iloc[order].reset_index(drop=True)


def split_name(name: Any) -> tuple[str, str]:
    """``(first names, surname)`` of ``Vardas Pavardė`` or ``Pavardė, Vardas``; quotes and extra spaces dropped."""
    text = re.sub(r"[„“\"'”]", "", str(name or "")).strip()
    if "," in text:
        surname, _, first = text.partition(",")
        return " ".join(first.split()), " ".join(surname.split())
    words = text.split()
    if len(words) < 2:
        return "", text
    return " ".join(words[:-1]), words[-1]


_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                              *(f"LPT{n}" for n in range(1, 10))})


NAME_BYTES = 200  # file systems allow 255 bytes per name (UTF-8: an emoji is 4); leave room for tools that add to it
_EXTENSION = re.compile(r"(.+?)(\.[A-Za-z0-9]{1,5})")


def safe_filename(text: str, limit: int = 120) -> str:
    """A file name from user text: no path separators, control, invisible or reserved characters.

    Shortened to ``limit`` characters and :data:`NAME_BYTES` bytes from the end of the name,
    keeping the extension (and so a number at the start). Bidirectional controls are removed,
    so a name cannot disguise its extension. Outputs also land on Windows network drives, so
    device names (``NUL``, ``COM1``) are prefixed too.
    """
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", clean_text(str(text)))
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .") or "be pavadinimo"
    if cleaned.split(".")[0].strip().upper() in _WINDOWS_DEVICES:
        cleaned = f"_{cleaned}"
    match = _EXTENSION.fullmatch(cleaned)
    stem, extension = (match[1], match[2]) if match else (cleaned, "")
    room = NAME_BYTES - len(extension.encode())
    stem = stem[:max(limit - len(extension), 1)].encode()[:room].decode("utf-8", "ignore").rstrip(" .")
    return f"{stem}{extension}" if stem else "be pavadinimo"


def plural(count: int | float, one: str, few: str, other: str) -> str:
    """The noun form a Lithuanian numeral takes (CLDR rules, as babel knows them).

    ``one``: 1, 21, 101 (vartotojas); ``few``: 2–9, 22… (vartotojai); ``other``: 0, 10–20,
    30… (vartotojų). Fractions (CLDR "many") take ``other`` here: a genitive, as in
    "2,5 valandos" callers pass the genitive singular as ``other`` when fractions can occur.
    """
    form = _PLURAL_RULE(abs(count))
    return one if form == "one" else few if form == "few" else other


def count_phrase(count: int, one: str, few: str, other: str) -> str:
    """``1 vartotojas``, ``2 vartotojai``, ``10 vartotojų``, ``135 881 vartotojas``: numeral and noun agree."""
    return f"{number(count)} {plural(count, one, few, other)}"


# ------------------------------------------------------------------ gender
FEMALE = "moteris"
MALE = "vyras"
# First names ending in -a that are men's (Lithuanian and common foreign ones).
MALE_NAMES_IN_A = frozenset({"jogaila", "mykola", "nikita", "luka", "kosta", "ilja", "saša", "andrea", "jona",
                             "danila", "foma", "mika", "joshua", "sasha", "misha", "kuzma"})
_OVERRIDES = {"moteris": FEMALE, "m": FEMALE, "f": FEMALE, "moteriška": FEMALE, "vyras": MALE, "v": MALE,
              "vyriška": MALE}


def gender(name: Any, override: Any = None) -> str:
    """``moteris`` or ``vyras`` from a Lithuanian name, for words that agree (Lektorė / Lektorius).

    ``override`` (a sheet's explicit column: moteris / vyras) wins. Otherwise the surname
    decides: women's surnames end in -ė (-ienė, -aitė, -ytė, -utė, -ūtė, and the newer -ė
    forms); -as, -is, -ys, -us are men's. A surname that says neither (foreign ones, or men's
    in -a such as Daukša) leaves it to the first name: -a and -ė are women's, apart from a
    few men's names in -a.
    """
    chosen = _OVERRIDES.get(str(override).strip().casefold()) if override is not None else None
    if chosen:
        return chosen
    first, surname = split_name(name)
    surname = surname.casefold().rstrip(".")
    if surname.endswith("ė"):
        return FEMALE
    if surname.endswith(("as", "is", "ys", "us")):
        return MALE
    given_name = (first.split() or [surname])[0].casefold().rstrip(".")
    if given_name in MALE_NAMES_IN_A:
        return MALE
    return FEMALE if given_name.endswith(("a", "ė")) else MALE


def by_gender(name: Any, masculine: str, feminine: str, override: Any = None) -> str:
    """The word that agrees with the person: ``by_gender("Simona Mockutė", "Lektorius", "Lektorė")`` → Lektorė."""
    return feminine if gender(name, override) == FEMALE else masculine


def role(names: list[str], forms: tuple[str, str, str, str], override: Any = None) -> str:
    """A role before one or several names: (masculine, feminine, masculine plural, feminine plural).

    ``role(["Simona Mockutė", "Rasa Kairytė"], LECTURER)`` → ``Lektorės``; one man among them → ``Lektoriai``.
    """
    women = [gender(name, override) == FEMALE for name in names]
    if len(names) > 1:
        return forms[3] if all(women) else forms[2]
    return forms[1] if women and women[0] else forms[0]


LECTURER = ("Lektorius", "Lektorė", "Lektoriai", "Lektorės")
AUTHOR = ("Autorius", "Autorė", "Autoriai", "Autorės")
PARTICIPANT = ("Dalyvis", "Dalyvė", "Dalyviai", "Dalyvės")
DIRECTOR = ("Direktorius", "Direktorė", "Direktoriai", "Direktorės")
AUTHOR_CURATOR = ("Autorius / kuratorius", "Autorė / kuratorė", "Autoriai / kuratoriai", "Autorės / kuratorės")
ROLES = {"lektorius": LECTURER, "autorius": AUTHOR, "dalyvis": PARTICIPANT, "direktorius": DIRECTOR}


def role_of(names: Any, kind: str, override: Any = None) -> str:
    """The role word for the people named in one cell: ``role_of("Simona Mockutė", "lektorius")`` → Lektorė."""
    return role(names_in(names), ROLES[kind], override)


def names_in(text: Any) -> list[str]:
    """People listed in one cell: ``Simona Mockutė, Tomas Petrauskas ir Rasa Kairytė`` → three names."""
    parts = re.split(r"\s*(?:,|;|\bir\b)\s*", str(text or ""))
    return [part.strip() for part in parts if part.strip()]


_PERSON = re.compile(r"[A-ZĄČĘĖĮŠŲŪŽ][\w.'’-]*(?: [A-ZĄČĘĖĮŠŲŪŽ][\w.'’-]*){1,3}")


def people_named(text: Any) -> list[str]:
    """The people a cell names, or [] when it names something else (an organisation, a group)."""
    names = names_in(text)
    return names if names and all(_PERSON.fullmatch(name) for name in names) else []


# ------------------------------------------------------------------ places and admission
def municipality(name: Any) -> str:
    """A municipality as documents name it: ``Anykščių r. sav.``, ``Panevėžio m. sav.``, ``Visagino sav.``.

    Sheets hold the genitive (``Anykščių rajono``, ``Visagino``) as the schema's list has it.
    """
    text = " ".join(str(name or "").split())
    if not text or text.endswith(" sav."):
        return text
    for word, short in ((" rajono", " r."), (" miesto", " m.")):
        if text.endswith(word):
            return f"{text.removesuffix(word)}{short} sav."
    return f"{text} sav." if " " not in text else text  # "Visagino"; anything else (a totals row) as it is


def admission(kind: Any, price: Any = None) -> str:
    """``Įėjimas nemokamas`` / ``Įėjimas mokamas, bilieto kaina – 5,00 Eur`` / ``Būtina registracija``."""
    if kind == "mokamas":
        return "Įėjimas mokamas" + (f", bilieto kaina – {money(price)}" if price is not None and price == price
                                    else "")
    if kind == "registracija":
        return "Įėjimas nemokamas, būtina registracija"
    if kind == "nemokamas":
        return "Įėjimas nemokamas"
    return ""
