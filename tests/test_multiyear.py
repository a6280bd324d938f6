"""Year filters and last year's columns, on a workspace with several years in every workbook.

Every job runs once on :mod:`multiyear_support`'s hand-made workspace (report date 2026-11-22).
The expected numbers are literals worked out by hand from the rows there: a figure of 2026
counts only rows of 2026 up to the report date (never 2025, December 2026 or 2027), and a
"last year" column holds the same stretch of 2025 (1 January – 22 November; rows of late 2025
are left out of it), a plan's baseline the whole of 2025. Territory statistics are shown for
the latest year whose deadline passed (2025) beside 2024, except the regional statistics job,
which reports the latest year with answers (README, `regiono_statistika`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from communication_support import table
from docx import Document
from multiyear_support import TODAY, build_multiyear
from openpyxl import load_workbook

from automations.config import load_settings
from automations.runner import run_jobs
from jobs import all_jobs

NOW = "2026 m. (iki lapkričio 22 d.)"
DATA_2025 = "2025 m."

# figure id: (value of 2026 — territory: of 2025, last year's value in the registry's "Pernai" column)
EXPECTED = {
    "renginiai.ivyke": (2, 1), "renginiai.dalyviai": (75, 40), "renginiai.vaikai": (25, 10),
    "renginiai.virtualus": (12, 5), "renginiai.transliacijos": (1, 1), "renginiai.suplanuoti": (1, None),
    "renginiai.neatnaujinti": (1, None), "parodos.veikusios": (2, 2), "parodos.lankytojai": (350, 300),
    "ekskursijos.ivykusios": (3, 2), "ekskursijos.dalyviai": (43, 37), "ekskursijos.uzsienio_grupes": (2, 1),
    "ekskursijos.delegacijos": (1, 1), "ekskursijos.delegaciju_dalyviai": (8, 12), "ekskursijos.suplanuotos": (1, None),
    "lankytojai.biblioteka": (195, 100), "lankytojai.biblioteka_vaikai": (70, 20),
    "lankytojai.biblioteka_renginiuose": (25, 10), "lankytojai.biblioteka_dienos": (2, 1), "lankytojai.zaose": (80, 50),
    "lankytojai.zaose_vaikai": (10, 5), "lankytojai.zaose_renginiuose": (20, 0), "lankytojai.zaose_dienos": (1, 1),
    "lankytojai.su_zaose": (275, 150),
    "nuoma.ivykdyti": (2, 1), "nuoma.valandos": (5, 2), "nuoma.pajamos_be_pvm": (250, 100), "nuoma.pvm": (31.5, 21),
    "nuoma.pajamos_su_pvm": (281.5, 121),
    # a booking done on 16 December 2025 was "ahead" on 22 November 2025
    "nuoma.patvirtinti": (1, 1), "nuoma.patvirtintos_pajamos_be_pvm": (100, 200),
    "nuoma.patvirtintos_pajamos_su_pvm": (121, 242), "nuoma.neuzdaryti": (1, None),
    # KT-2025-002 ends on 2 January 2026: it counts in 2026
    "mokymai.ivyke": (2, 1), "mokymai.asmenys": (3, 2), "mokymai.dalyvavimai": (4, 2), "mokymai.valandos": (26, 12),
    "mokymai.poreikiu_respondentai": (2, 1), "mokymai.planas_parengtas": (1, 1),
    "konsultacijos.suteiktos": (3, 1), "konsultacijos.minutes": (125, 30), "konsultacijos.bibliotekos": (1, 1),
    "konsultacijos.isvykos": (1, None), "konsultacijos.be_konsultaciju": (1, 1),
    "projektai.vykdomi": (3, 2),
    "viesinimas.publikacijos": (3, 1), "viesinimas.pasiekiamumas": (5300, 1000), "viesinimas.isitraukimas": (340, 100),
    "viesinimas.ziniasklaidos": (1, None), "viesinimas.naujienlaiskiai": (1, None),
    # territory: 2025's answers beside 2024's (the early 2026 answer is not shown before February 2027)
    "teritorija.pateike": (2, None), "teritorija.registruoti_vartotojai": (1650, 1500),
    "teritorija.vaikai_vartotojai": (210, 90), "teritorija.nauji_vartotojai": (70, 30),
    "teritorija.apsilankymai": (15400, 14000), "teritorija.virtualus_apsilankymai": (1400, 600),
    "teritorija.isduotis": (30900, 29000), "teritorija.isduotis_vaikams": (350, 150),
    "teritorija.fondas": (82000, 80000), "teritorija.gauta": (140, 60), "teritorija.nurasyta": (70, 30),
    "teritorija.renginiai": (154, 140), "teritorija.renginiu_dalyviai": (3080, 2800), "teritorija.parodos": (14, 6),
    "teritorija.mokymai": (7, 3), "teritorija.mokymu_dalyviai": (35, 15), "teritorija.darbuotojai": (18, 16),
    "teritorija.etatai": (17, 15), "teritorija.bibliotekininkai": (16, 14), "teritorija.tobule_darbuotojai": (14, 12),
    "teritorija.kompiuterizuotos_vietos": (9, 5),
    "biblioteka.registruoti_vartotojai": (21000, 20000), "biblioteka.vaikai_vartotojai": (330, 300),
    "biblioteka.nauji_vartotojai": (110, 100), "biblioteka.apsilankymai": (160000, 150000),
    "biblioteka.virtualus_apsilankymai": (2200, 2000), "biblioteka.isduotis": (310000, 300000),
    "biblioteka.fondas": (610000, 600000), "biblioteka.gauta": (220, 200), "biblioteka.nurasyta": (110, 100),
    "biblioteka.darbuotojai": (92, 90), "biblioteka.etatai": (91.5, 89.5), "biblioteka.bibliotekininkai": (91, 89),
    "biblioteka.tobule_darbuotojai": (90, 88), "biblioteka.kompiuterizuotos_vietos": (12, 11),
    "finansai.pajamos": (106500.25, 99000.5), "finansai.pajamos_planas": (112000, 100000),
    "finansai.islaidos": (85000.75, 79000), "finansai.islaidos_planas": (90000, 80000),
    "apklausos.atliktos": (1, 1), "apklausos.respondentai": (3, 2), "apklausos.bibliotekos": (1, 2),
    "apklausos.vidurkis": (11 / 3, 3.5), "apklausos.vertinimai_4_5": (200 / 3, 50),
    "komisijos.veikiancios": (1, 2), "komisijos.posedziai": (3, 2), "komisijos.lankomumas": (700 / 9, 500 / 6),
    "komisijos.be_kvorumo": (1, None), "komisijos.suplanuoti": (1, None), "komisijos.sprendimai": (3, 2),
    "komisijos.ivykdyti": (1, 1), "komisijos.veluojantys": (2, 1),
    "apdovanojimai.nominacijos": (3, 2), "apdovanojimai.apdovanoti": (2, 1),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every job, once, on the multi-year workspace; the reports folder of 2026."""
    workspace = build_multiyear(tmp_path_factory.mktemp("multiyear") / "ws")
    report = run_jobs(load_settings(workspace), list(all_jobs().values()), on_date=TODAY)
    failed = [(run.job, run.error) for run in report.jobs if not run.ok]
    assert not failed, failed
    return workspace / "ataskaitos" / "2026"


def rows_of(path: Path, sheet: str) -> list[tuple]:
    """A sheet's non-empty rows, as openpyxl reads them."""
    book = load_workbook(path, data_only=True)
    return [row for row in book[sheet].iter_rows(values_only=True) if any(v is not None for v in row)]


def doc_table(path: Path, first_header: str) -> list[list[str]]:
    """The cells' text of the docx table whose first header cell is ``first_header``."""
    found = [[[cell.text for cell in row.cells] for row in t.rows] for t in Document(path).tables
             if t.rows[0].cells[0].text == first_header]
    assert found, f"no table headed {first_header!r} in {path.name}"
    return found[0]


@pytest.fixture(scope="module")
def registry(run: Path) -> dict[str, dict]:
    """The published figure registry's rows, by figure id."""
    return {row["Rodiklio id"]: row for row in table(run / "Metinė ataskaita" / "Rodiklių registras 2026.xlsx",
                                                      "Rodikliai", "Rodiklio id")}


def test_the_registry_covers_every_figure(registry: dict[str, dict]) -> None:
    assert set(registry) == set(EXPECTED), "a new figure needs its literal here and rows in multiyear_support"


@pytest.mark.parametrize("figure_id", sorted(EXPECTED))
def test_each_figure_counts_its_year_and_last_year_the_same_stretch_of_2025(registry: dict[str, dict],
                                                                           figure_id: str) -> None:
    row = registry[figure_id]
    value, before = EXPECTED[figure_id]
    assert row["Reikšmė"] == pytest.approx(value), figure_id
    last_year = row["Pernai (ta pati metų dalis; teritorijoje – tos pačios bibliotekos)"]
    assert last_year == (None if before is None else pytest.approx(before)), figure_id
    territory = figure_id.startswith(("teritorija.", "biblioteka."))
    assert row["Laikotarpis (duomenų metai)"] == (DATA_2025 if territory else NOW)


def test_annual_report_key_figures_beside_the_same_stretch_of_2025(run: Path) -> None:
    rows = doc_table(run / "Metinė ataskaita" / "Metinė veiklos ataskaita 2026.docx", "Rodiklis")
    assert rows[0] == ["Rodiklis", "2025 m. (iki lapkričio 22 d.)", NOW, "Pokytis"]
    assert rows[1:] == [
        ["Įvykę renginiai", "1", "2", "+100,0 proc."],
        ["Renginių dalyviai", "40", "75", "+87,5 proc."],
        ["Tiesioginės transliacijos", "1", "1", "0,0 proc."],
        ["Veikusios parodos", "2", "2", "0,0 proc."],
        ["Ekskursijos", "2", "3", "+50,0 proc."],
        ["Ekskursijų dalyviai", "37", "43", "+16,2 proc."],
        ["Bibliotekos lankytojai (be Zaosės)", "100", "195", "+95,0 proc."],
        ["J. Urbšio sodybos (Zaosė) lankytojai", "50", "80", "+60,0 proc."],
        ["J. Urbšio sodybos (Zaosė) dienos su lankytojais", "1", "1", "0,0 proc."],
        ["Įvykdyti nuomos užsakymai", "1", "2", "+100,0 proc."],
        ["Nuomos pajamos be PVM", "100,00 Eur", "250,00 Eur", "+150,0 proc."],
        ["Nuomos pajamos su PVM", "121,00 Eur", "281,50 Eur", "+132,6 proc."],
        ["Įvykę mokymai", "1", "2", "+100,0 proc."],
        ["Apmokyti asmenys", "2", "3", "+50,0 proc."],
        ["Suteiktos konsultacijos", "1", "3", "+200,0 proc."],
        ["Metodinės išvykos į bibliotekas", "nėra duomenų", "1", "–"],
        ["Publikacijos", "1", "3", "+200,0 proc."],
        ["Naujienlaiškiai", "nėra duomenų", "1", "–"],
        ["Vykdomi projektai", "2", "3", "+50,0 proc."],
    ]


def test_annual_report_own_library_and_territory_show_2025_beside_2024(run: Path) -> None:
    path = run / "Metinė ataskaita" / "Metinė veiklos ataskaita 2026.docx"
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in Document(path).tables]
    own = next(t for t in tables if t[1][0] == "Bibliotekos registruoti vartotojai")
    assert own[0] == ["Rodiklis", "2024 m.", "2025 m.", "Pokytis"]
    assert own[1] == ["Bibliotekos registruoti vartotojai", "20\u00a0000", "21\u00a0000", "+5,0 proc."]
    territory = next(t for t in tables if t[0][-1] == "Pokytis*")
    assert territory[0] == ["Rodiklis", "2024 m.", "2025 m.", "Pokytis*"]
    assert territory[1:] == [["Registruoti vartotojai", "1\u00a0500", "1\u00a0650", "+10,0 proc."],
                             ["Apsilankymai (fiziniai)", "14\u00a0000", "15\u00a0400", "+10,0 proc."],
                             ["Išduotis (fiz. vnt.)", "29\u00a0000", "30\u00a0900", "+6,6 proc."],
                             ["Renginiai", "140", "154", "+10,0 proc."],
                             ["Renginių dalyviai", "2\u00a0800", "3\u00a0080", "+10,0 proc."]]


def test_annual_report_finances_are_2026s_rows_only(run: Path) -> None:
    path = run / "Metinė ataskaita" / "Metinė veiklos ataskaita 2026.docx"
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in Document(path).tables
              if t.rows[0].cells[0].text == "Straipsnis"]
    assert tables == [
        [["Straipsnis", "Planas", "Faktas"], ["Savivaldybės lėšos", "110\u00a0000,00 Eur", "105\u00a0000,25 Eur"],
         ["Nuomos pajamos", "2\u00a0000,00 Eur", "1\u00a0500,00 Eur"],
         ["Iš viso", "112\u00a0000,00 Eur", "106\u00a0500,25 Eur"]],
        [["Straipsnis", "Planas", "Faktas"], ["Darbo užmokestis", "90\u00a0000,00 Eur", "85\u00a0000,75 Eur"],
         ["Iš viso", "90\u00a0000,00 Eur", "85\u00a0000,75 Eur"]],
    ]
    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "Įvadas 2026 metų ataskaitai." in text and "Įvadas 2025" not in text


def test_plan_has_2026s_measures_with_2025_as_baseline(run: Path) -> None:
    plan = table(run / "Veiklos planas" / "Veiklos planas 2026.xlsx", "Planas", "Nr.")
    # baselines: typed (30) or last year's figure for the whole of 2025 (2 events, 50 Zaosė visitors)
    assert [(r["Priemonė"], r["Bazinė reikšmė"], r["Planinė reikšmė"]) for r in plan] == [
        ("1.1.1 Renginiai", 2, 4), ("1.1.2 Zaosės lankytojai", 50, 100), ("1.1.3 Ekskursijų dalyviai", 30, 40),
        ("2.1.1 Leidinys", None, 2)]
    done = table(run / "Veiklos planas" / "Veiklos plano vykdymas 2026.xlsx", "Vykdymas", "Nr.")
    assert [(r["Priemonė"], r["Faktinė reikšmė"], r["Būsena"]) for r in done] == [
        ("1.1.1 Renginiai", 2, "atsilieka"), ("1.1.2 Zaosės lankytojai", 80, "vykdoma pagal planą"),
        ("1.1.3 Ekskursijų dalyviai", 43, "įvykdyta"), ("2.1.1 Leidinys", 1, "atsilieka")]


def test_survey_of_2026_is_compared_with_the_2025_run(run: Path) -> None:
    folder = run / "Apklausos"
    assert sorted(path.name for path in folder.iterdir()) == [
        "APK-2026-01 Vartotojų pasitenkinimo tyrimas 2026.docx",
        "APK-2026-01 Vartotojų pasitenkinimo tyrimas 2026.xlsx", "Apklausos 2026.xlsx"]
    path = folder / "APK-2026-01 Vartotojų pasitenkinimo tyrimas 2026.xlsx"
    [compared] = table(path, "Palyginimas", "Klausimas")
    assert compared["Vidurkis anksčiau"] == 3.5 and compared["4–5 anksčiau, proc."] == 50
    assert compared["Vidurkis dabar"] == pytest.approx(11 / 3)
    assert compared["4–5 dabar, proc."] == pytest.approx(200 / 3)
    assert ("Ankstesnė banga", "Vartotojų pasitenkinimo tyrimas 2025") in rows_of(path, "Apklausa")
    months = {r["Mėnuo"]: r["Atsakymai"] for r in table(folder / "Apklausos 2026.xlsx", "Mėnesiai", "Mėnuo")}
    assert months["kovas"] == 3 and months["Iš viso"] == 3 and months["gruodis"] is None


def test_regional_statistics_of_2026_beside_2025(run: Path) -> None:
    path = run / "Regiono statistika" / "Regiono statistika 2026.xlsx"
    libraries = {r["Kodas"]: r for r in table(path, "Bibliotekos", "Kodas")}
    assert (libraries["PRSVB"]["Registruoti vartotojai"], libraries["PRSVB"]["Registruoti vartotojai (pernai)"]) == \
        (1200, 1100)
    assert libraries["PRSVB"]["Apsilankymai (fiziniai) (pernai)"] == 11000
    assert libraries["BRSVB"]["Būsena"] == "nepateikta"
    assert (libraries["BRSVB"]["Registruoti vartotojai"], libraries["BRSVB"]["Registruoti vartotojai (pernai)"]) == \
        (None, 550)
    total = next(r for r in table(path, "Apskritys", "Apskritis") if r["Apskritis"] == "Teritorija iš viso")
    assert (total["Priimtos ataskaitos"], total["Registruoti vartotojai"], total["Registruoti vartotojai (pernai)"],
            total["Registruoti vartotojai: jų pernai"]) == (1, 1200, 1650, 1100)


def test_library_profiles_change_against_2025(run: Path) -> None:
    rows = table(run / "Bibliotekų profiliai" / "Bibliotekų palyginimas 2026.xlsx", "Bibliotekos", "Kodas")
    users = next(r for r in rows if r["Kodas"] == "PRSVB" and r["Rodiklis"] == "Registruoti vartotojai")
    assert users["Reikšmė"] == 1200 and users["Pokytis per metus, proc."] == pytest.approx(100 / 11)


SUBJECT_TABLES = [
    # (file under ataskaitos/2026, sheet, first header, columns, expected rows)
    ("Lankytojai/Lankytojų statistika 2026.xlsx", "Vietos", "Vieta", ("Vieta", "Lankytojai", "Iš jų vaikai"),
     [("Centriniai rūmai", 120, 30), ("Vaikų ir jaunimo skyrius", 60, 40), ("J. Miltinio palikimo studijų centras",
                                                                            15, 0),
      ("Biblioteka iš viso (be Zaosės)", 195, 70), ("J. Urbšio sodyba (Zaosė)", 80, 10)]),
    ("Renginiai/Renginių statistika 2026.xlsx", "Parodų sąrašas", "Paroda", ("Paroda", "Lankytojai"),
     [("Paroda per Naujuosius", 200), ("Paroda 2026 vasarą", 150)]),
    ("Renginiai/Renginių statistika 2026.xlsx", "Tipai", "Renginio tipas", ("Renginio tipas", "Renginiai", "Dalyviai"),
     [("paskaita", 2, 75), ("Iš viso", 2, 75)]),
    ("Nuoma/Nuomos pajamos 2026.xlsx", "Įvykdyti", "Užsakymo Nr.", ("Užsakymo Nr.", "Be PVM", "PVM"),
     [("NUOM-2026-001", 150, 31.5), ("NUOM-2026-002", 100, 0)]),
    ("Nuoma/Nuomos pajamos 2026.xlsx", "Būsimi užsakymai", "Patalpa", ("Patalpa", "Užsakymai", "Pajamos be PVM"),
     [("Konferencijų salė", 1, 100), ("Iš viso", 1, 100)]),
    ("Kvalifikacija/Mokymų valandos 2026.xlsx", "Mokymai", "Kodas", ("Kodas", "Dalyvavimai", "Akad. val."),
     [("KT-2026-001", 3, 22), ("KT-2025-002", 1, 4)]),
    ("Kvalifikacija/Mokymų poreikių analizė 2026.xlsx", "Sritys", "Vieta", ("Kompetencijų sritis", "Atsakymai"),
     [("skaitmeninis raštingumas", 2), ("projektų vadyba", 1)]),
    ("Konsultacijos/Konsultacijos 2026.xlsx", "Būdai", "Būdas", ("Būdas", "Konsultacijos", "Trukmė, min"),
     [("el. paštu", 1, 15), ("telefonu", 1, 20), ("vietoje bibliotekoje", 1, 90), ("Iš viso", 3, 125)]),
    ("Konsultacijos/Konsultacijos 2026.xlsx", "Be konsultacijų", "Kodas", ("Kodas",), [("BRSVB",)]),
    # running, applied for or still open in 2026: not the projects that ended in 2024 and mid-2025
    ("Projektai/Projektų apžvalga 2026.xlsx", "Projektai", "Projektas", ("Projektas", "Būsena"),
     [("Projektas 2025–2026", "vykdoma"), ("Projektas 2026–2027", "vykdoma"), ("Projektas 2027", "finansuota"),
      ("Projektas 2026", "baigta")]),
    ("Viešinimas/Viešinimo ataskaita 2026.xlsx", "Kanalai", "Kanalas", ("Kanalas", "Publikacijos", "Pasiekiamumas"),
     [("Facebook", 1, 1500), ("naujienlaiškis", 1, 800), ("regioninė spauda", 1, 3000), ("Iš viso", 3, 5300)]),
    ("Komisijos/Sprendimų vykdymas 2026.xlsx", "Komisijos", "Komisija / darbo grupė",
     ("Komisija / darbo grupė", "Posėdžiai", "Sprendimai", "Įvykdyti"),
     [("Fondo komisija", 3, 3, 1), ("Iš viso", 3, 3, 1)]),
    ("Apdovanojimai/Vertinimo rezultatai Metų bibliotekininkas 2026.xlsx", "Santrauka", "Rodiklis",
     ("Rodiklis", "Reikšmė"), [("Nominacijos", 3), ("Apdovanoti specialistai", 2)]),
]


@pytest.mark.parametrize(("name", "sheet", "header", "columns", "expected"), SUBJECT_TABLES,
                         ids=[f"{name.split('/')[0]}-{sheet}" for name, sheet, *_ in SUBJECT_TABLES])
def test_subject_reports_list_2026_only(run: Path, name: str, sheet: str, header: str, columns: tuple,
                                        expected: list[tuple]) -> None:
    rows = table(run / name, sheet, header)
    assert [tuple(row[column] for column in columns) for row in rows] == expected


def test_only_2026s_contest_and_meetings_get_documents(run: Path) -> None:
    awards = sorted(path.name for path in (run / "Apdovanojimai").iterdir())
    assert awards == ["Diplomų registras 2026.xlsx", "Rezultatų protokolas Metų bibliotekininkas 2026.docx",
                      "Trūkstami vertinimai Metų bibliotekininkas 2026.xlsx",
                      "Vertinimo rezultatai Metų bibliotekininkas 2026.xlsx"]
    assert sorted(path.name for path in (run / "Komisijų protokolai").iterdir()) == [
        "Protokolas FK Nr. 2 2026-02-02.docx", "Protokolas FK Nr. 3 2026-10-10.docx",
        "Protokolas FK Nr. 4 2026-11-15.docx"]
    certificates = sorted(path.name for path in (run / "Pažymėjimai").iterdir())
    assert len(certificates) == 4  # KT-2025-002 (ends 2026-01-02): 1, KT-2026-001: 3; none of 2025 nor December
    assert not (run.parent / "2025").exists() and not (run.parent / "2027").exists()


def test_months_after_the_report_date_are_blank(run: Path) -> None:
    months = {r["Mėnuo"]: r for r in table(run / "Renginiai" / "Renginių statistika 2026.xlsx", "Mėnesiai", "Mėnuo")}
    assert (months["vasaris"]["Renginiai"], months["spalis"]["Renginiai"], months["gruodis"]["Renginiai"]) == \
        (1, 1, None)
    assert months["sausis"]["Renginiai"] == 0  # none of 2025's events lands in a month of 2026
