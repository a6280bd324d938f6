import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.viesinimas import WORKBOOK, Publikacija, TurinioPlanas

POST = {"Data": "2026-03-06", "Kanalas": "facebook", "Tipas": "įrašas", "Pavadinimas": "Knygos „Upė“ pristatymas",
        "Pasiekiamumas": "1 250", "Įsitraukimas": "87"}


def test_good_publication():
    post = Publikacija.model_validate(POST)
    assert (post.kanalas, post.pasiekiamumas) == ("Facebook", 1250)
    assert list(post.checks()) == []


def test_engagement_not_above_reach():
    issues = list(Publikacija.model_validate({**POST, "Įsitraukimas": "2000"}).checks())
    assert [(i.field, i.rule, i.severity) for i in issues] == [("isitraukimas", "dalis_didesne", Severity.ERROR)]


def test_content_plan_shares_the_channels():
    plan = TurinioPlanas.model_validate({"Planuojama data": "2026-04-01", "Kanalas": "PAVB.LT", "Tema": "Velykos",
                                         "Būsena": "suderinta"})
    assert plan.kanalas == "pavb.lt"
    with pytest.raises(ValidationError):
        TurinioPlanas.model_validate({"Planuojama data": "2026-04-01", "Kanalas": "TikTok", "Tema": "Velykos"})
    assert [model.tab for model in WORKBOOK.tabs] == ["Publikacijos", "Turinio planas"]
