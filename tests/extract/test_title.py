"""Derived titles: whole clauses, never cut inside «…», without the outlet's credit."""

from __future__ import annotations

import pytest

from digest.extract.title import MAX_TITLE, clause_end, derive_title
from digest.ingest.reader import parse_document


def title_of(config, text: str) -> str:
    return derive_title(parse_document(text.encode(), config, "x.txt"))


def test_a_long_lead_is_not_cut_after_a_converb(config):
    # "жасап," is a converb: the clause goes on to "білдірді"; the old title stopped at it.
    lead = ("Сенат төрағасы Мәулен Әшімбаевты қабылдаған Өзбекстан президенті маңызды мәлімдеме жасап, "
            "«көршілер бір-біріне әрдайым сүйеу болуы керек» деген ой білдірді деп хабарлайды Ertenmedia.kz.")
    title = title_of(config, lead + "\nКездесу Ташкентте өтті.")
    assert title.endswith("деген ой білдірді")
    assert "деп хабарлайды" not in title


def test_a_long_lead_is_cut_after_a_finite_clause(config):
    lead = ("Алматы облысында жаңа су құбыры іске қосылды, енді он екі ауылдың тұрғындары таза ауыз суға "
            "қол жеткізеді және жергілікті мектептер мен ауруханалар да тұрақты сумен қамтамасыз етіледі.")
    title = title_of(config, lead + "\nҚұрылыс екі жылға созылды.")
    assert title == "Алматы облысында жаңа су құбыры іске қосылды"


def test_a_title_is_never_cut_at_a_full_stop_inside_quotes(config):
    text = ("Алматыда режиссер Бауыржан Сейітовтің «Тау арасында. Соңғы көктем» атты жаңа фильмінің "
            "тұсаукесері өтті.\nФильм прокатқа келесі аптада шығады.")
    title = title_of(config, text)
    assert title.count("«") == title.count("»")
    assert "«Тау арасында. Соңғы көктем»" in title


def test_clause_end_skips_lists_and_quotes():
    sentence = ("Делегация Қытайды, Ресейді және Түркияны аралап, «біз келістік, бәрі жақсы» деп айтты, "
                "ал келесі сапар күзге жоспарланды.")
    end = clause_end(sentence, MAX_TITLE)
    assert end is None or sentence[:end].endswith("айтты")


@pytest.mark.parametrize("text", [
    "Қостанайда жас фермерлерге арналған семинар өтті деп хабарлайды ҚазАқпарат тілшісі.\nСеминар екі күн жүрді.",
    "Қостанайда жас фермерлерге арналған семинар өтті, - деп хабарлайды Tengrinews.kz тілшісі. Семинар екі күн жүрді.",
])
def test_credit_is_not_in_the_title(config, text):
    assert title_of(config, text) == "Қостанайда жас фермерлерге арналған семинар өтті"


def test_dateline_is_not_the_title(config):
    text = "АСТАНА. 15 наурыз. ҚазАқпарат – Елордада халықаралық кітап көрмесі ашылды. Көрмеге он елдің баспасы келді."
    assert title_of(config, text) == "Елордада халықаралық кітап көрмесі ашылды"


@pytest.mark.parametrize("opening", ["Kazinform-ның хабарлауынша, ", "ҚазАқпарат тілшісінің мәліметінше, "])
def test_according_to_the_outlet_is_not_in_the_title(config, opening):
    text = opening + "маңғыстауда теңіз жағалауын тазалау акциясы өтті. Акцияға мың адам келді.\nЖағадан қоқыс жиналды."
    assert title_of(config, text) == "Маңғыстауда теңіз жағалауын тазалау акциясы өтті"
