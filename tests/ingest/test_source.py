"""The article's outlet: its own credit in the lead, its dateline, outlets.yml spellings."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.ingest.reader import parse_document
from digest.ingest.source import Outlets, find_credit, load_outlets, parse_outlets, split_dateline
from digest.model import DigestError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def outlets() -> Outlets:
    return load_outlets(ROOT / "site_config")


def source_of(config, text: str) -> str | None:
    """The source an article shows: its credit, as outlets.yml names the outlet."""
    from digest.extract.title import derive_source

    doc = parse_document(text.encode(), config, "x.txt")
    return derive_source(doc, load_outlets(config.config_dir))


def test_credit_inside_the_lead_with_the_story_going_on(config):
    text = ("Шымкенттік балуан Ерасыл Мұратов әлем чемпионатында алтын медаль жеңіп алды, - деп "
            "хабарлайды Tengrinews.kz тілшісі. Бұл оның үлкен сахнадағы алғашқы жеңісі. "
            "Финалда ол түрік балуанын ұтты.\nЖарыс Белградта өтті.")
    assert source_of(config, text) == "Tengrinews.kz"


def test_credit_without_dash_or_comma(config):
    text = ("Павлодарда жас кәсіпкерлерге арналған форум өтті деп хабарлайды ҚазАқпарат тілшісі.\n"
            "Форумға екі жүзден астам адам қатысты.")
    assert source_of(config, text) == "ҚазАқпарат"


def test_a_quoted_speakers_credit_is_not_the_outlet(config):
    text = ("Елордада жаңа емхана ашылды, деп хабарлайды Daynews.kz. Емхана күніне бес жүз науқас қабылдайды.\n"
            "«Жабдықтың бәрі жаңа, дәрігерлер тәжірибелі», – деп хабарлайды қалалық денсаулық сақтау басқармасы.")
    assert source_of(config, text) == "Daynews.kz"


def test_a_quoted_credit_alone_gives_no_source(outlets):
    lines = ["Ауа райы бұзылады.", "«Қар жауады», – деп хабарлайды Қазгидромет мамандары."]
    assert find_credit(lines, outlets) is None


@pytest.mark.parametrize("credit, name", [
    ("деп хабарлайды Tengrinews.kz тілшісі.", "Tengrinews.kz"),
    ("деп хабарлайды ҚазАқпарат агенттігінің тілшісі.", "ҚазАқпарат"),
    ("деп жазады Zakon.kz сайты.", "Zakon.kz"),
    ("деп хабарлайды Қостанай облысы әкімдігінің баспасөз қызметі.", "Қостанай облысы әкімдігінің баспасөз қызметі"),
    ("деп хабарлайды тілші Tengrinews.kz.", "Tengrinews.kz"),  # the reporter first
    ("деп хабарлайды корреспондент Хабар 24.", "Хабар 24"),
])
def test_correspondent_words_are_not_the_name(outlets, credit, name):
    assert find_credit([f"Облыста жаңа жол салынды, {credit}"], outlets) == name


def test_a_pronoun_is_no_outlet(outlets):
    assert find_credit(["Бәрі жақсы деп хабарлады ол."], outlets) is None


@pytest.mark.parametrize("line, place, day, month, year, outlet, rest", [
    ("ХЕЛЬСИНКИ, 28 июнь. (ТАСС). Финляндия шекарасын жапты.", "ХЕЛЬСИНКИ", 28, 6, None, "ТАСС",
     "Финляндия шекарасын жапты."),
    ("АСТАНА. 15 наурыз. ҚазАқпарат – Елордада көрме ашылды.", "АСТАНА", 15, 3, None, "ҚазАқпарат",
     "Елордада көрме ашылды."),
    ("АЛМАТЫ, 3 мамыр 2023 ж. /Kazinform/ - Қалада мереке өтті.", "АЛМАТЫ", 3, 5, 2023, "Kazinform",
     "Қалада мереке өтті."),
    ("ТАРАЗ. Kazinform - Облыста егін орағы басталды.", "ТАРАЗ", None, None, None, "Kazinform",
     "Облыста егін орағы басталды."),
    # an outlet named by its web address
    ("ШЫМКЕНТ. Tengrinews.kz – Қалада жасөспірім жоғалды.", "ШЫМКЕНТ", None, None, None, "Tengrinews.kz",
     "Қалада жасөспірім жоғалды."),
    ("ОРАЛ, 5 қазан. Orda.kz - Өзенде су деңгейі көтерілді.", "ОРАЛ", 5, 10, None, "Orda.kz",
     "Өзенде су деңгейі көтерілді."),
])
def test_datelines(outlets, line, place, day, month, year, outlet, rest):
    dateline, after = split_dateline(line, outlets)
    assert dateline is not None
    assert (dateline.place, dateline.day, dateline.month, dateline.year, dateline.outlet) == (place, day, month, year, outlet)
    assert after == rest


@pytest.mark.parametrize("line", [
    "Астана. Бүгін елордада көрме ашылды.",  # a capitalised word, no date or outlet
    "ҚР Президенті бүгін Ақордада елшілерді қабылдады.",
    "БҰҰ, 2024 жылы бірнеше бағдарлама қабылдады.",
    "АҚШ. Ол сайтқа кірді. Мұнда – жаңа деректер.",  # sentences, a dash later on
])
def test_ordinary_lines_are_no_datelines(outlets, line):
    assert split_dateline(line, outlets) == (None, line)


def test_dateline_names_the_source_and_leaves_the_text(config):
    doc = parse_document("ХЕЛЬСИНКИ, 28 июнь. (ТАСС). Финляндия үкіметі шекарадағы өткелдерді жапты. "
                         "Шешім бір айға күшінде болады.\nМинистр себебін түсіндірді.".encode(), config, "t.txt")
    assert doc.source_hint == "ТАСС"
    assert doc.dateline == "ХЕЛЬСИНКИ, 28 июнь. (ТАСС)."
    assert doc.text.startswith("Финляндия үкіметі")


@pytest.mark.parametrize("spelling", ["Kazinform", "inform.kz", "ҚазАқпарат", "KAZINFORM."])
def test_spellings_of_one_outlet_are_one_source(config, spelling):
    text = f"Облыста жаңа мектеп ашылды, деп хабарлайды {spelling}.\nМектепте 600 оқушы оқиды."
    assert source_of(config, text) == "ҚазАқпарат"


def test_khabar_spellings(outlets):
    assert outlets.canonical("Khabar 24") == outlets.canonical("Хабар 24") == "Хабар 24"


def test_editors_extend_the_list(tmp_path):
    (tmp_path / "outlets.yml").write_text("outlets:\n  - name: Orda.kz\n    aliases: [Орда]\n", encoding="utf-8")
    outlets = load_outlets(tmp_path)
    assert outlets.canonical("орда") == "Orda.kz"
    assert outlets.canonical("Unknown.kz") == "Unknown.kz"
    assert find_credit(["Жиын өтті деп хабарлайды Орда тілшісі."], outlets) == "Орда"


def test_a_known_outlet_joined_to_the_next_line_is_taken_whole(outlets):
    line = "Екі ел ынтымақтасып жүр деп хабарлайды Хабар 24 Тәуелсіз Қазақстан мен Беларусь арасында келісім бар"
    assert find_credit([line], outlets) == "Хабар 24"


def test_broken_outlets_file_names_it(tmp_path):
    (tmp_path / "outlets.yml").write_text("outlets:\n  - aliases: [x]\n", encoding="utf-8")
    with pytest.raises(DigestError, match="name"):
        load_outlets(tmp_path)
    assert parse_outlets(None, "x").canonical("A") == "A"


@pytest.mark.parametrize("key", ["credit_words", "credit_verbs", "according_words", "issuer_words", "citing_words"])
def test_a_word_list_written_as_one_word_is_an_error_naming_the_file_and_key(tmp_path, key):
    """A string where a list belongs would be read letter by letter: a credit
    would then swallow any text. It is an error instead."""
    (tmp_path / "outlets.yml").write_text(f"{key}: сілтеме жасап\n", encoding="utf-8")
    with pytest.raises(DigestError) as error:
        load_outlets(tmp_path)
    assert key in str(error.value) and "outlets.yml" in str(error.value)


@pytest.mark.parametrize("line, name", [
    ("Бұл туралы Zakon.kz хабарлады.", "Zakon.kz"),
    ("Kazinform-ның хабарлауынша, тас жол жөндеуге жабылды.", "Kazinform"),
    ("ҚазАқпарат тілшісінің мәліметінше, жиынға жүз адам келді.", "ҚазАқпарат"),
    ("Бұл туралы ҚазАқпарат агенттігінің тілшісі хабарлайды.", "ҚазАқпарат"),
])
def test_a_known_outlet_credited_without_dep(outlets, line, name):
    assert find_credit([line], outlets) == name


@pytest.mark.parametrize("line", [
    "Бұл хабар жұртты елең еткізді, деп жазды ол.",  # "хабар" the word, not Хабар the channel
    "Qazaqstan телеарнасының эфирінде министр сөйледі.",  # a channel named, not credited
])
def test_a_named_outlet_is_not_always_the_source(outlets, line):
    assert find_credit([line], outlets) is None


def test_a_press_service_credit_in_the_lead(outlets):
    line = "Қалада үш жаңа балабақша ашылды деп хабарлайды қалалық білім басқармасының баспасөз қызметі."
    assert find_credit([line], outlets) == "қалалық білім басқармасының баспасөз қызметі"


def test_an_abbreviation_and_a_date_opening_a_sentence_is_no_dateline(outlets):
    line = "ҚР ІІМ, 5 наурыз күні облыстарда рейд өтетінін хабарлады."
    assert split_dateline(line, outlets) == (None, line)


def test_a_pronoun_credit_gives_no_source_at_all(config):
    assert source_of(config, "Жиын сәтті өтті деп хабарлады ол.\nКелесі жиын күзде болады.") is None


def test_a_title_case_place_with_a_date_and_a_known_outlet(outlets):
    dateline, rest = split_dateline("Астана. 15 марта. INTERFAX-KAZAKHSTAN - Үкімет отырысы өтті.", outlets)
    assert (dateline.place, dateline.day, dateline.month, dateline.outlet) == ("Астана", 15, 3, "INTERFAX-KAZAKHSTAN")
    assert rest == "Үкімет отырысы өтті." and outlets.canonical(dateline.outlet) == "Интерфакс"
    line = "Алматы, 5 мамыр. Жаңа Бек – жиын ашты."  # not an outlet: an ordinary sentence
    assert split_dateline(line, outlets) == (None, line)
