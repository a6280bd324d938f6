"""`teritorijos_statistika`: the territory's libraries, municipalities and five years of form answers.

The last three years are drawn first, exactly as before, so their planted mistakes stay where they
were; the two earlier years are drawn afterwards from a stream of their own, reaching back from
the third-last year's figures, so library profiles have five years of trend.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import Any

from automations.demo_data import Rows, ascii_slug, at, person, spaced, typed_dec, typed_int

# code, municipality, county, population at the start of Y-3, yearly decline
MUNICIPALITIES = (
    ("PNM", "Panevėžio miesto", "Panevėžio", 86_900, 0.006),
    ("PNR", "Panevėžio rajono", "Panevėžio", 34_600, 0.011),
    ("BIR", "Biržų rajono", "Panevėžio", 22_900, 0.014),
    ("KUP", "Kupiškio rajono", "Panevėžio", 16_600, 0.015),
    ("PAS", "Pasvalio rajono", "Panevėžio", 22_700, 0.014),
    ("ROK", "Rokiškio rajono", "Panevėžio", 26_800, 0.013),
    ("ANY", "Anykščių rajono", "Utenos", 22_800, 0.012),
    ("IGN", "Ignalinos rajono", "Utenos", 14_700, 0.017),
    ("MOL", "Molėtų rajono", "Utenos", 17_800, 0.010),
    ("UTE", "Utenos rajono", "Utenos", 38_900, 0.009),
    ("ZAR", "Zarasų rajono", "Utenos", 15_300, 0.016),
    ("VIS", "Visagino", "Utenos", 19_100, 0.012),
)

# code, name, branches, registered users in Y-3, e-mail domain
SVB = {
    "PNM": ("Panevėžio miesto savivaldybės viešoji biblioteka", 10, 12_600, "pmsvb.lt"),
    "PNR": ("Panevėžio rajono savivaldybės viešoji biblioteka", 31, 9_400, "panrvb.lt"),
    "BIR": ("Biržų rajono savivaldybės Jurgio Bielinio viešoji biblioteka", 23, 7_700, "birzubiblioteka.lt"),
    "KUP": ("Kupiškio rajono savivaldybės viešoji biblioteka", 17, 5_600, "kupiskiovb.lt"),
    "PAS": ("Pasvalio Mariaus Katiliškio viešoji biblioteka", 24, 7_200, "pasvaliobiblioteka.lt"),
    "ROK": ("Rokiškio rajono savivaldybės Juozo Keliuočio viešoji biblioteka", 31, 9_100, "rokiskiobiblioteka.lt"),
    "ANY": ("Anykščių Liudviko ir Stanislovo Didžiulių viešoji biblioteka", 26, 8_300, "anyksciuvb.lt"),
    "IGN": ("Ignalinos rajono savivaldybės viešoji biblioteka", 16, 5_200, "ignalinosvb.lt"),
    "MOL": ("Molėtų rajono savivaldybės viešoji biblioteka", 19, 6_000, "moletuvb.lt"),
    "UTE": ("Utenos A. ir M. Miškinių viešoji biblioteka", 28, 11_600, "utenosvb.lt"),
    "ZAR": ("Zarasų rajono savivaldybės viešoji biblioteka", 18, 5_400, "zarasuvb.lt"),
    "VIS": ("Visagino savivaldybės viešoji biblioteka", 10, 6_300, "visaginovb.lt"),
}

# school names in the genitive, as in "… biblioteka"
SCHOOLS = {
    "PNM": ("Panevėžio Juozo Balčikonio gimnazijos", "Panevėžio 5-osios gimnazijos",
            "Panevėžio Vytauto Žemkalnio gimnazijos", "Panevėžio Juozo Miltinio gimnazijos",
            "Panevėžio Kazimiero Paltaroko gimnazijos", "Panevėžio Mykolo Karkos pagrindinės mokyklos",
            "Panevėžio Vyturio progimnazijos", "Panevėžio Ąžuolo progimnazijos", "Panevėžio Saulėtekio progimnazijos",
            "Panevėžio Beržų progimnazijos", "Panevėžio Rožyno progimnazijos", "Panevėžio Vilties progimnazijos",
            "Panevėžio Alfonso Lipniūno progimnazijos", "Panevėžio Margaritos Rimkevičaitės technologijų mokyklos",
            "Panevėžio Elenos Mezginaitės mokyklos", "Panevėžio Kristaus Karaliaus katedros pagrindinės mokyklos",
            "Panevėžio Minties gimnazijos"),
    "PNR": ("Panevėžio r. Velžio gimnazijos", "Panevėžio r. Raguvos gimnazijos", "Panevėžio r. Ramygalos gimnazijos",
            "Panevėžio r. Krekenavos Mykolo Antanaičio gimnazijos", "Panevėžio r. Naujamiesčio gimnazijos",
            "Panevėžio r. Smilgių gimnazijos", "Panevėžio r. Upytės Antano Belazaro pagrindinės mokyklos",
            "Panevėžio r. Paįstrio Juozo Zikaro gimnazijos", "Panevėžio r. Miežiškių mokyklos",
            "Panevėžio r. Vaivadų pagrindinės mokyklos", "Panevėžio r. Karsakiškio pagrindinės mokyklos"),
    "BIR": ("Biržų „Saulės“ gimnazijos", "Biržų Kaštonų pagrindinės mokyklos", "Biržų Aušros pagrindinės mokyklos",
            "Biržų r. Vabalninko Balio Sruogos gimnazijos", "Biržų r. Pabiržės pagrindinės mokyklos",
            "Biržų r. Nemunėlio Radviliškio pagrindinės mokyklos", "Biržų Atžalyno progimnazijos"),
    "KUP": ("Kupiškio Lauryno Stuokos-Gucevičiaus gimnazijos", "Kupiškio Povilo Matulionio progimnazijos",
            "Kupiškio r. Subačiaus gimnazijos", "Kupiškio r. Skapiškio pagrindinės mokyklos",
            "Kupiškio r. Noriūnų pagrindinės mokyklos", "Kupiškio r. Šimonių pagrindinės mokyklos"),
    "PAS": ("Pasvalio Petro Vileišio gimnazijos", "Pasvalio Lėvens pagrindinės mokyklos",
            "Pasvalio Svalios progimnazijos", "Pasvalio r. Joniškėlio Gabrielės Petkevičaitės-Bitės gimnazijos",
            "Pasvalio r. Pumpėnų gimnazijos", "Pasvalio r. Saločių Antano Poškos pagrindinės mokyklos",
            "Pasvalio r. Vaškų gimnazijos", "Pasvalio r. Krinčino Antano Vienažindžio pagrindinės mokyklos"),
    "ROK": ("Rokiškio Juozo Tūbelio progimnazijos", "Rokiškio Juozo Tumo-Vaižganto gimnazijos",
            "Rokiškio Senamiesčio progimnazijos", "Rokiškio r. Obelių gimnazijos",
            "Rokiškio r. Kamajų Antano Strazdo gimnazijos", "Rokiškio r. Juodupės gimnazijos",
            "Rokiškio r. Pandėlio gimnazijos", "Rokiškio r. Jūžintų pagrindinės mokyklos",
            "Rokiškio r. Kriaunų pagrindinės mokyklos", "Rokiškio r. Panemunėlio pagrindinės mokyklos"),
    "ANY": ("Anykščių Jono Biliūno gimnazijos", "Anykščių Antano Baranausko pagrindinės mokyklos",
            "Anykščių Antano Vienuolio progimnazijos", "Anykščių r. Kavarsko pagrindinės mokyklos",
            "Anykščių r. Troškūnų Kazio Inčiūros pagrindinės mokyklos",
            "Anykščių r. Svėdasų Juozo Tumo-Vaižganto gimnazijos", "Anykščių r. Viešintų pagrindinės mokyklos",
            "Anykščių r. Debeikių pagrindinės mokyklos"),
    "IGN": ("Ignalinos Česlovo Kudabos progimnazijos", "Ignalinos gimnazijos", "Ignalinos r. Dūkšto mokyklos",
            "Ignalinos r. Vidiškių gimnazijos", "Ignalinos r. Naujojo Daugėliškio pagrindinės mokyklos",
            "Ignalinos r. Mielagėnų pagrindinės mokyklos"),
    "MOL": ("Molėtų gimnazijos", "Molėtų progimnazijos", "Molėtų r. Alantos gimnazijos",
            "Molėtų r. Giedraičių Antano Jaroševičiaus gimnazijos", "Molėtų r. Joniškio pagrindinės mokyklos",
            "Molėtų r. Suginčių pagrindinės mokyklos", "Molėtų r. Balninkų pagrindinės mokyklos"),
    "UTE": ("Utenos Adolfo Šapokos gimnazijos", "Utenos Saulės gimnazijos", "Utenos Aukštakalnio progimnazijos",
            "Utenos Dauniškio gimnazijos", "Utenos Krašuonos progimnazijos", "Utenos Rapolo Šaltenio progimnazijos",
            "Utenos Vyturių progimnazijos", "Utenos Senamiesčio progimnazijos",
            "Utenos r. Leliūnų pagrindinės mokyklos",
            "Utenos r. Sudeikių pagrindinės mokyklos", "Utenos r. Užpalių Jono Basanavičiaus gimnazijos",
            "Utenos r. Vyžuonų gimnazijos", "Utenos r. Saldutiškio pagrindinės mokyklos"),
    "ZAR": ("Zarasų „Ąžuolo“ gimnazijos", "Zarasų Pauliaus Širvio progimnazijos",
            "Zarasų r. Dusetų Kazimiero Būgos gimnazijos", "Zarasų r. Antazavės pagrindinės mokyklos",
            "Zarasų r. Salako pagrindinės mokyklos", "Zarasų r. Turmanto pagrindinės mokyklos"),
    "VIS": ("Visagino „Atgimimo“ gimnazijos", "Visagino „Gerosios vilties“ progimnazijos",
            "Visagino Draugystės progimnazijos", "Visagino „Verdenės“ gimnazijos",
            "Visagino Žiburio pagrindinės mokyklos", "Visagino technologijos ir verslo profesinio mokymo centro"),
}
INACTIVE = ("ROK-MOK-09", "IGN-MOK-06")  # reorganised schools: their libraries closed after Y-2


@dataclass
class Library:
    code: str
    name: str
    municipality: str
    kind: str  # "SVB" or "mokyklos biblioteka"
    branches: int | None
    active: bool = True
    base: dict[str, float] = field(default_factory=dict)


def libraries() -> list[Library]:
    """The fixed list of the territory's libraries (the same for every seed)."""
    result: list[Library] = []
    for mun_code, municipality, *_ in MUNICIPALITIES:
        name, branches, _, _ = SVB[mun_code]
        result.append(Library(f"{mun_code}-SVB", name, municipality, "SVB", branches))
        for number, school in enumerate(SCHOOLS[mun_code], start=1):
            code = f"{mun_code}-MOK-{number:02d}"
            result.append(Library(code, f"{school} biblioteka", municipality, "mokyklos biblioteka", None,
                                  code not in INACTIVE))
    return result


MISTYPED_EMAIL = "KUP-MOK-03"


def library_email(lib: Library) -> str:
    """The library's contact address, derived from its name (no random draw, so other data stays as it was)."""
    if lib.kind == "SVB":
        domain = SVB[lib.code[:3]][3]
        return f"info@{domain}; statistika@{domain}" if lib.code == "PNM-SVB" else f"info@{domain}"
    school = ascii_slug(lib.name.removesuffix(" biblioteka"), "-")
    if lib.code == MISTYPED_EMAIL:
        # MISTAKE: the address lacks its domain ending (warning: no messages go there until fixed)
        return f"biblioteka@{school}"
    return f"biblioteka@{school}.lt"


def _drift(rng: random.Random) -> float:
    return 1 + rng.choice((-1, 1)) * rng.uniform(0.03, 0.12)


def _profile(rng: random.Random, lib: Library) -> dict[str, float]:
    """Base-year totals and shares of one library."""
    if lib.kind == "SVB":
        users = SVB[lib.code[:3]][2] * rng.uniform(0.95, 1.05)
        staff = (lib.branches or 10) * 1.4 + rng.uniform(10, 22)
        return {
            "users": users, "visits": users * rng.uniform(15, 20), "virtual": users * rng.uniform(4, 9),
            "loans": users * rng.uniform(20, 27), "fund": users * rng.uniform(20, 30),
            "acquired": users * rng.uniform(0.9, 1.3), "withdrawn": users * rng.uniform(0.7, 1.2),
            "events": users * rng.uniform(0.12, 0.16), "per_event": rng.uniform(12, 22),
            "exhibitions": users * rng.uniform(0.03, 0.05), "trainings": users * rng.uniform(0.02, 0.04),
            "per_training": rng.uniform(4, 8), "staff": staff, "computers": (lib.branches or 10) * rng.uniform(2, 3),
            "children": rng.uniform(0.24, 0.32), "new": rng.uniform(0.07, 0.11), "child_loans": rng.uniform(0.18, 0.26),
            "etatai": rng.uniform(0.85, 0.95), "librarians": rng.uniform(0.72, 0.85), "trained": rng.uniform(0.5, 0.8),
        }
    users = rng.uniform(300, 700)
    return {
        "users": users, "visits": users * rng.uniform(8, 18), "virtual": users * rng.uniform(0.5, 2),
        "loans": users * rng.uniform(6, 14), "fund": users * rng.uniform(18, 35),
        "acquired": users * rng.uniform(0.4, 0.9), "withdrawn": users * rng.uniform(0.3, 0.8),
        "events": rng.uniform(12, 45), "per_event": rng.uniform(15, 28), "exhibitions": rng.uniform(4, 12),
        "trainings": rng.uniform(2, 8), "per_training": rng.uniform(10, 25), "staff": rng.choice((1, 1, 1, 2)),
        "computers": rng.uniform(2, 8),
        "children": rng.uniform(0.55, 0.85), "new": rng.uniform(0.12, 0.2), "child_loans": rng.uniform(0.5, 0.8),
        "etatai": rng.choice((0.5, 0.75, 1.0)), "librarians": 1.0, "trained": rng.choice((0, 1, 1)),
    }


TOTALS = ("users", "visits", "virtual", "loans", "fund", "acquired", "withdrawn", "events", "exhibitions",
          "trainings", "computers")


def _years(rng: random.Random, lib: Library, years: list[int]) -> dict[int, dict[str, int | float]]:
    """Figures per year: totals drift ±3–12 % a year, shares stay near the library's own."""
    base = _profile(rng, lib)
    figures: dict[int, dict[str, int | float]] = {}
    current = dict(base)
    previous: dict[str, int | float] = {}
    for year in years:
        if previous:
            for name in TOTALS:
                current[name] *= _drift(rng)
            current["per_event"] *= rng.uniform(0.97, 1.03)
        f: dict[str, int | float] = {name: max(1, round(current[name])) for name in TOTALS}
        for name in ("users", "visits", "loans", "fund", "events"):
            if previous and f[name] == previous[name]:
                f[name] += 1  # never exactly last year's figure by chance
        f["participants"] = round(f["events"] * current["per_event"])
        f["children"] = round(f["users"] * base["children"] * rng.uniform(0.97, 1.03))
        f["new"] = round(f["users"] * base["new"] * rng.uniform(0.9, 1.1))
        f["child_loans"] = round(f["loans"] * base["child_loans"] * rng.uniform(0.97, 1.03))
        f["training_participants"] = round(f["trainings"] * base["per_training"])
        staff = max(1, round(base["staff"] * rng.uniform(0.96, 1.04)))
        f["staff"] = staff
        f["etatai"] = round(min(staff, staff * base["etatai"]) * 4) / 4 if staff > 1 else base["etatai"]
        f["librarians"] = min(staff, round(staff * base["librarians"]))
        f["trained"] = min(staff, round(staff * base["trained"]))
        f["withdrawn"] = min(f["withdrawn"], f["fund"])
        figures[year] = previous = f
    return figures


def _answer(rng: random.Random, lib: Library, year: int, f: dict[str, Any], stamp: dt.datetime) -> dict[str, Any]:
    def n(value: int) -> int | str:
        return typed_int(rng, value, 0.06)

    if lib.kind == "SVB":
        email = f"{rng.choice(('statistika', 'info', 'metodinis'))}@{SVB[lib.code[:3]][3]}"
    else:
        email = f"{ascii_slug(person(rng))}@{rng.choice(('gmail.com', 'mokykla.lt', 'takas.lt'))}"
    roll = rng.random()
    named = lib.name if roll < 0.18 else lib.code.lower() if roll < 0.24 else lib.code
    return {
        "Laiko žymė": stamp, "El. pašto adresas": email if rng.random() < 0.9 else None, "Biblioteka": named,
        "Metai": year, "Registruoti vartotojai": n(f["users"]), "iš jų vaikai (iki 14 m.)": n(f["children"]),
        "Naujai užregistruoti vartotojai": n(f["new"]), "Apsilankymai (fiziniai)": n(f["visits"]),
        "Virtualūs apsilankymai": n(f["virtual"]), "Išduotis (fiz. vnt.)": n(f["loans"]),
        "iš jos vaikams": n(f["child_loans"]), "Fondas metų pabaigoje (fiz. vnt.)": n(f["fund"]),
        "Gauta per metus (fiz. vnt.)": n(f["acquired"]), "Nurašyta per metus (fiz. vnt.)": n(f["withdrawn"]),
        "Renginiai": f["events"], "Renginių dalyviai": n(f["participants"]), "Parodos": f["exhibitions"],
        "Mokymai vartotojams": f["trainings"], "Mokymų dalyviai": f["training_participants"],
        "Darbuotojai (asm.)": f["staff"], "Etatai": typed_dec(rng, f["etatai"], 0.3),
        "Profesionalūs bibliotekininkai": f["librarians"], "Kvalifikaciją tobulinę darbuotojai": f["trained"],
        "Vartotojų kompiuterizuotos darbo vietos": f["computers"], "Paaiškinimas": None,
    }


def _stamp(rng: random.Random, year: int) -> dt.datetime:
    """Submitted in January – early February of the following year (a few late ones)."""
    day = dt.date(year + 1, 1, 8) + dt.timedelta(days=rng.randint(0, 33) if rng.random() < 0.9 else rng.randint(34, 48))
    return at(day, rng.randint(8, 16), rng.randint(0, 59), rng.randint(0, 59))


def territory_rows(rng: random.Random, today: dt.date) -> Rows:
    year = today.year
    years = [year - 3, year - 2, year - 1]
    libs = libraries()
    library_rows = [{"Kodas": lib.code, "Pavadinimas": lib.name, "Savivaldybė": lib.municipality, "Tipas": lib.kind,
                     "Padalinių skaičius": lib.branches, "Aktyvi": "Taip" if lib.active else "Ne",
                     "El. paštas": library_email(lib)} for lib in libs]
    municipality_rows = []
    for _, municipality, county, population, decline in MUNICIPALITIES:
        for index, y in enumerate(years):
            people_now = round(population * (1 - decline) ** index * rng.uniform(0.998, 1.002))
            municipality_rows.append({"Savivaldybė": municipality, "Apskritis": county, "Metai": y,
                                      "Gyventojai": typed_int(rng, people_now, 0.1)})

    schools = [lib for lib in libs if lib.kind != "SVB" and lib.active]
    svbs = [lib for lib in libs if lib.kind == "SVB"]
    picked = rng.sample(schools, 7)
    not_submitted = {lib.code for lib in picked[:4]}  # no answer for Y-1 yet (3–5 libraries)
    children_error, unknown_name, unknown_value = picked[4], picked[5], picked[6]
    loans_typo, resubmitted, explained = rng.sample([lib for lib in svbs if lib.code != "PNM-SVB"], 3)

    answers: list[dict[str, Any]] = []
    drawn: dict[str, dict[int, dict[str, Any]]] = {}
    for lib in libs:
        figures = drawn[lib.code] = _years(rng, lib, years)
        for y in years:
            if y == year - 1 and (lib.code in not_submitted or not lib.active):
                continue
            if y == year - 2 and lib.code == INACTIVE[1]:
                continue
            f = dict(figures[y])
            if y == year - 1 and lib is explained:
                f["events"] = round(f["events"] * 0.62)  # a real drop, explained below
                f["participants"] = round(f["participants"] * 0.6)
            row = _answer(rng, lib, y, f, _stamp(rng, y))
            if y != year - 1:
                answers.append(row)
                continue
            if lib.code == "PNR-SVB":
                # Valid, not a mistake: a number typed as text with a space thousands separator („12 345“)
                row["Biblioteka"], row["Apsilankymai (fiziniai)"] = lib.code, spaced(f["visits"])
            if lib is loans_typo:
                # MISTAKE: loans typed with an extra zero (10× too large) → ratio and ±30 % warnings
                row["Išduotis (fiz. vnt.)"] = f["loans"] * 10
            elif lib is children_error:
                # MISTAKE: children typed larger than all registered users (digits swapped) → error
                row["iš jų vaikai (iki 14 m.)"] = f["users"] + 18
            elif lib is unknown_name:
                # MISTAKE: the library typed a name that is not in `Bibliotekos` → unknown library error
                row["Biblioteka"] = lib.name.replace(" biblioteka", "").replace("pagrindinės ", "") + " b-ka"
            elif lib is unknown_value:
                # Not a mistake: „nežinoma“ in an optional field means unknown (kept empty, never 0)
                row["Virtualūs apsilankymai"] = "nežinoma"
            elif lib is explained:
                # A ±30 % warning cleared by the library's own explanation
                row["Paaiškinimas"] = ("Centrinės bibliotekos renginių salė nuo gegužės iki spalio buvo remontuojama, "
                                       "todėl renginių ir jų dalyvių buvo mažiau.")
            elif lib is resubmitted:
                # MISTAKE: first submission had visits missing a digit; the library resubmitted a corrected form
                # a week later → the earlier answer is superseded (note), only the later one counts
                wrong = dict(row, **{"Apsilankymai (fiziniai)": f["visits"] // 10})
                answers.append(wrong)
                row["Laiko žymė"] = row["Laiko žymė"] + dt.timedelta(days=7, hours=2, minutes=13)
                row["Paaiškinimas"] = "Pataisyta: ankstesniame atsakyme klaidingai įrašytas apsilankymų skaičius."
            answers.append(row)
    history = random.Random(rng.random())  # drawn last: the three recent years stay as they were
    answers += _history_answers(history, libs, drawn, years[0])
    municipality_rows = _history_population(history, years[0]) + municipality_rows
    municipality_rows.sort(key=lambda row: [name for _, name, *_ in MUNICIPALITIES].index(row["Savivaldybė"]))
    answers.sort(key=lambda row: row["Laiko žymė"])
    return {"Bibliotekos": library_rows, "Savivaldybės": municipality_rows, "Formos atsakymai 1": answers}


HISTORY_YEARS = 2  # years before the three recent ones
LATE_STARTERS = 3  # school libraries whose first report is a year later than the others'
# ratio bands kept clear of the validation's warning bands (see RATIO_BANDS of the schema)
SAFE_RATIOS = (("loans", "users", 3.5, 55), ("visits", "users", 2.5, 55), ("participants", "events", 1.5, 250))


def _backcast(rng: random.Random, later: dict[str, int | float]) -> dict[str, int | float]:
    """The year before ``later``: each total 3–12 % off, shares kept, never exactly the same figure."""
    earlier = dict(later)
    for name in TOTALS:
        value = max(1, round(later[name] / _drift(rng)))
        if value == later[name]:
            value = later[name] + (1 if rng.random() < 0.5 else -1) if later[name] > 1 else 2
        earlier[name] = value
    earlier["participants"] = max(1, round(later["participants"] * earlier["events"] / later["events"]
                                           * rng.uniform(0.97, 1.03)))
    for part, total, low, high in SAFE_RATIOS:
        earlier[part] = min(max(earlier[part], math.ceil(earlier[total] * low)), math.floor(earlier[total] * high))
    for part, total in (("children", "users"), ("new", "users"), ("child_loans", "loans")):
        earlier[part] = min(earlier[total], round(later[part] * earlier[total] / later[total]))
    earlier["training_participants"] = round(later["training_participants"] * earlier["trainings"] / later["trainings"])
    earlier["withdrawn"] = min(earlier["withdrawn"], earlier["fund"])
    for name in ("users", "visits", "loans", "fund", "events", "participants"):
        if earlier[name] == later[name]:  # "the same as last year" would be a warning
            earlier[name] += 1
    return earlier


def _history_answers(rng: random.Random, libs: list[Library], drawn: dict[str, dict[int, dict[str, Any]]],
                     first: int) -> list[dict[str, Any]]:
    """Answers for the two years before ``first``; a few school libraries began reporting a year later."""
    late = {lib.code for lib in rng.sample([lib for lib in libs if lib.kind != "SVB" and lib.active],
                                           LATE_STARTERS)}
    answers = []
    for lib in libs:
        later = drawn[lib.code][first]
        for year in range(first - 1, first - 1 - HISTORY_YEARS, -1):
            later = _backcast(rng, later)
            if year == first - HISTORY_YEARS and lib.code in late:
                continue
            answers.append(_answer(rng, lib, year, later, _stamp(rng, year)))
    return answers


def _history_population(rng: random.Random, first: int) -> list[dict[str, Any]]:
    """Inhabitants at the start of the two years before ``first`` (the decline run backwards)."""
    rows = []
    for _, municipality, county, population, decline in MUNICIPALITIES:
        for back in range(HISTORY_YEARS, 0, -1):
            people = round(population * (1 - decline) ** -back * rng.uniform(0.998, 1.002))
            rows.append({"Savivaldybė": municipality, "Apskritis": county, "Metai": first - back,
                         "Gyventojai": typed_int(rng, people, 0.1)})
    return rows
