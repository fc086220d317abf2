"""Timeline: Kazakh temporal expressions, their resolution, their events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from digest.extract.timeline import event_text, find_date_spans, find_timeline

CONTENT = Path(__file__).resolve().parents[2] / "content"
PUBLISHED = dt.date(2019, 10, 3)


def seed(prefix: str) -> str:
    (path,) = CONTENT.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def only(text: str, published: dt.date | None = PUBLISHED):
    entries = find_timeline(text, published)
    assert len(entries) == 1, [e.text for e in entries]
    return entries[0]


# (sentence, expression expected, when against PUBLISHED, relative)
ABSOLUTE = [
    ("Құжатқа 1992 жылы қол қойылды.", "1992 жылы", "1992", False),
    ("Бұл 2017-нші жылы болды.", "2017-нші жылы", "2017", False),
    ("Заң 2024 жылғы 15 наурызда қабылданды.", "2024 жылғы 15 наурызда", "2024-03-15", False),
    ("Заң 15 наурыз 2024 ж. қабылданды.", "15 наурыз 2024 ж.", "2024-03-15", False),
    ("Шешім 15.03.2024 шықты.", "15.03.2024", "2024-03-15", False),
    ("Ол 2013-інші жылдың 29-ыншы қаңтарында туған.", "2013-інші жылдың 29-ыншы қаңтарында", "2013-01-29", False),
    ("Екі мың жиырмасыншы жылы мектеп ашылды.", "Екі мың жиырмасыншы жылы", "2020", False),
    ("Тоқсан бірінші жылы тәуелсіздік алдық.", "Тоқсан бірінші жылы", "1991", False),
    ("Бір мың тоғыз жүз жетпіс екінші жылы туған.", "Бір мың тоғыз жүз жетпіс екінші жылы", "1972", False),
    ("Жоба 2020-2025 жылдарға арналған.", "2020-2025 жылдарға", "2020", False),
    ("Жиын 2023 жылғы 12 қыркүйекте, сейсенбіде өтті.", "2023 жылғы 12 қыркүйекте, сейсенбіде", "2023-09-12", False),
    ("Жиын сейсенбі, 12 қыркүйек 2023 ж. өтті.", "сейсенбі, 12 қыркүйек 2023 ж.", "2023-09-12", False),
    # a range of days is dated by its first day
    ("Сайлау 2024 жылғы 10-11 наурызда өтті.", "2024 жылғы 10-11 наурызда", "2024-03-10", False),
    # "<month> айының <day>": the day of that month
    ("Шарт 2022 жылғы қараша айының 25-інде жасалды.", "2022 жылғы қараша айының 25-інде", "2022-11-25", False),
    ("Өнім 2017-де азайған.", "2017-де", "2017", False),
    ("Зауыт 1991 жылдары салынды.", "1991 жылдары", "1991", False),  # not a round year: not a decade
]

RELATIVE = [
    ("Президент бүгін Астанада болды.", "бүгін", "2019-10-03"),
    ("Кеше жиын өтті.", "Кеше", "2019-10-02"),
    ("Ертең сайлау басталады.", "Ертең", "2019-10-04"),
    ("Биыл егін мол.", "Биыл", "2019"),
    ("Былтыр су тасыды.", "Былтыр", "2018"),
    ("Өткен жылы мәжіліс өтті.", "Өткен жылы", "2018"),
    ("Келесі жылы зауыт салынады.", "Келесі жылы", "2020"),
    ("Келер жылы жол ашылады.", "Келер жылы", "2020"),
    ("Келесі жыл туризм жылы болып жарияланды.", "Келесі жыл", "2020"),
    ("Жыл басынан бері он өрт болды.", "Жыл басынан бері", "2019"),
    ("Осы аптада кездесу өтеді.", "Осы аптада", "2019-10"),
    ("Өткен айда баға өсті.", "Өткен айда", "2019-09"),
    ("Бұл он жыл бұрын болған.", "он жыл бұрын", "2009"),
    ("Осыдан 30 жыл бұрын ел тәуелсіздік алды.", "30 жыл бұрын", "1989"),
    ("Зауыт 2 жылдан кейін ашылады.", "2 жылдан кейін", "2021"),
    ("Өткен жылдың қазанында шарт жасалды.", "Өткен жылдың қазанында", "2018-10"),
    ("Мектеп наурызда ашылады.", "наурызда", "2020-03"),  # the nearest March
    ("Қараша айының 25-інде сайлау өтеді.", "Қараша айының 25-інде", "2019-11-25"),
    ("Көрме 1-2 желтоқсан күндері өтеді.", "1-2 желтоқсан күндері", "2019-12-01"),
    ("Жол күзде бітеді.", "күзде", "2019"),
]

# expressions that place an event on no date of the calendar: when stays None even with a date
UNDATED = [
    ("Мешіт XIX ғасырда салынған.", "XIX ғасырда", False),
    ("Қала он төртінші ғасырда пайда болды.", "он төртінші ғасырда", False),
]

RECURRING = ["Жыл сайын фестиваль өтеді.", "Күн сайын жүз адам келеді.", "Күнделікті жаттығу керек."]

# text that holds no temporal expression (dateparser finds dates in most)
NOT_DATES = [
    "Қазір бұл межені еңсердік.",
    "Ол Қазан қаласында тұрады.",
    "Қазанда ет пісіп жатыр, Қазан тұрғындары келді.",
    "Жылы киім алыңыз, жылқы бағыңыз.",
    "Айыппұл жүз айлық есептік көрсеткіш көлемінде.",
    "Наурызым қорығы мен Наурыз мерекесі.",
    "Абайдың 175 жылдығына арналған шара.",
    "Бес жүз адам жиналды.",
    "Бірақ ол бірінші болып келді.",
    "Мамыр Есенова чемпион атанды.",
]


@pytest.mark.parametrize("sentence,expression,when,relative", ABSOLUTE)
def test_absolute_dates_resolve_as_written(sentence, expression, when, relative):
    for published in (PUBLISHED, None):
        entry = only(sentence, published)
        assert entry.text == expression
        assert entry.when == when
        assert entry.relative is relative


@pytest.mark.parametrize("sentence, whens", [
    ("Қаза тапқандар арасында 1955 және 1974 жылы туған екі ер адам бар.", ["1955", "1974"]),
    ("Зауыт 2019, 2020 және 2021 жылдары жөнделді.", ["2019", "2020", "2021"]),
    ("Ол 1500 адамға және 2000 жылы салынған үйге көмектесті.", ["2000"]),  # 1500 people
])
def test_years_listed_before_one_year_word_are_each_dated(sentence, whens):
    """The years of a list share the "жылы" after the last: each is an event."""
    assert [e.when for e in find_timeline(sentence, PUBLISHED)] == whens


@pytest.mark.parametrize("sentence,expression,when", RELATIVE)
def test_relative_expressions_resolve_against_publication(sentence, expression, when):
    entry = only(sentence)
    assert (entry.text, entry.when, entry.relative) == (expression, when, True)


@pytest.mark.parametrize("sentence,expression,when", RELATIVE)
def test_relative_expressions_without_a_date_stay_unresolved(sentence, expression, when):
    entry = only(sentence, None)
    assert (entry.text, entry.when, entry.relative) == (expression, None, True)


def test_resolution_follows_the_publication_date():
    assert only("Заң 15 желтоқсанда қабылданды.", dt.date(2024, 1, 10)).when == "2023-12-15"
    assert only("Жол қаңтарда ашылады.", dt.date(2023, 12, 20)).when == "2024-01"
    assert only("Жиын наурызда өтті.", dt.date(2023, 5, 2)).when == "2023-03"
    assert only("Өткен жылы мәжіліс өтті.", dt.date(2024, 1, 1)).when == "2023"
    assert only("Кеше жиын өтті.", dt.date(2024, 3, 1)).when == "2024-02-29"
    assert only("Өткен айда баға өсті.", dt.date(2024, 1, 20)).when == "2023-12"
    assert only("Жиын наурызда өтті.", dt.datetime(2023, 5, 2, 10, 30)).when == "2023-03"


@pytest.mark.parametrize("sentence,expression,relative", UNDATED)
def test_centuries_have_no_date(sentence, expression, relative):
    entry = only(sentence)
    assert (entry.text, entry.when, entry.relative) == (expression, None, relative)


@pytest.mark.parametrize("sentence", RECURRING)
def test_recurring_expressions_are_recognised_and_marked(sentence):
    entry = only(sentence)
    assert entry.recurring and entry.when is None


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_words_that_only_look_like_dates_are_not_dates(sentence):
    assert find_timeline(sentence, PUBLISHED) == []
    assert find_date_spans(sentence) == []


def test_a_bare_year_stays_a_year():
    assert only("1992 жылы келісім жасалды.").when == "1992"


def test_entries_are_exact_substrings_in_text_order():
    text = seed("002") + "\n" + seed("000") + "\n" + seed("004")
    entries = find_timeline(text, PUBLISHED)
    assert entries
    assert [e.start for e in entries] == sorted(e.start for e in entries)
    for e in entries:
        assert text[e.start : e.start + len(e.text)] == e.text
        assert 0 < len(e.event) <= 200
    assert {(e.start, e.start + len(e.text)) for e in entries} <= set(find_date_spans(text))


def test_ages_are_temporal_expressions_but_not_timeline_events():
    text = "Үш жасар бала табылды."
    assert find_date_spans(text) == [(0, 8)]
    assert find_timeline(text, PUBLISHED) == []


def test_seed_002_dates_1992_and_last_year_once_dated():
    undated = {e.text: e for e in find_timeline(seed("002"), None)}
    assert undated["1992 жылы"].when == "1992"
    assert "2017 жылмен" not in undated  # "2017 жылмен салыстырғанда": a comparison base
    assert "бүгінге дейін" not in undated  # "to this day"
    assert undated["Өткен жылы"].when is None and undated["Өткен жылы"].relative
    dated = {e.text: e for e in find_timeline(seed("002"), PUBLISHED)}
    assert dated["Өткен жылы"].when == "2018"
    assert "Минскте" in dated["Өткен жылы"].event
    assert "1992 жылы қол қойылды" in dated["1992 жылы"].event


def test_seed_000_soviet_era_is_no_entry():
    text = seed("000")
    at = text.index("Кеңес дәуірінен")
    assert (at, at + len("Кеңес дәуірінен")) in find_date_spans(text)
    assert not [e for e in find_timeline(text, PUBLISHED) if "Кеңес" in e.text]


def test_seed_004_next_year_is_relative():
    (entry,) = [e for e in find_timeline(seed("004"), None) if e.text.startswith("Келесі")]
    assert (entry.when, entry.relative) == (None, True)
    assert entry.event.startswith("Келесі жыл Қазақстанның Қытайдағы туризм жылы")
    assert only(entry.event, dt.date(2023, 11, 6)).when == "2024"


def test_one_sentence_article_and_empty_text():
    assert only("Биыл егін мол", PUBLISHED).event == "Биыл егін мол"
    assert find_timeline("", PUBLISHED) == []


def test_an_expression_with_no_event_around_it_is_no_entry():
    assert find_timeline("Биыл", PUBLISHED) == []
    text = "2019 жыл\nЗауыт ашылды.\n12.05.2021\n«2020 жылы»"
    assert find_timeline(text, PUBLISHED) == []
    assert len(find_date_spans(text)) == 3


def test_event_is_the_sentence_when_short():
    text = "Бірінші сөйлем. Өткен жылы Минскте мәжіліс өтті. Соңғы сөйлем."
    assert only(text).event == "Өткен жылы Минскте мәжіліс өтті."


def test_long_event_is_cut_at_a_word_with_an_ellipsis():
    clause = "Өткен жылы Минскте үкіметаралық комиссияның кезекті мәжілісі өтті"
    filler = " ".join(["мамандар жол картасының барлық тармақтарын талқыға салды"] * 6)
    sentence = f"{filler}, {clause}, {filler}."
    event = event_text(sentence, sentence.index("Өткен"), sentence.index("Өткен") + 10)
    assert len(event) <= 200
    assert "Өткен жылы" in event
    assert event.startswith("…") or event.endswith("…")
    words = set(sentence.replace(",", " ").replace(".", " ").split())
    assert all(w in words for w in event.strip("…").replace(",", " ").split())


def test_long_sentence_gives_the_clause_holding_the_expression():
    sentence = (
        "Қазақстан мен Беларусь арасындағы сауда айналымы өткен жылы 900 миллион долларға "
        "жуықтады, бұл көрсеткіш 2017 жылмен салыстырғанда 30 пайызға артқан, ал биыл екіжақты "
        "сауда айналымы бір миллиард доллардан асады деп күтілуде, дейді сарапшылар, олардың "
        "айтуынша бұл межеге жету үшін бірлескен кәсіпорындарды көбейту қажет."
    )
    events = {e.text: e.event for e in find_timeline(sentence, PUBLISHED)}
    assert events["өткен жылы"] == (
        "Қазақстан мен Беларусь арасындағы сауда айналымы өткен жылы 900 миллион долларға жуықтады…"
    )
    assert "миллиард" in events["биыл"] and "көрсеткіш" not in events["биыл"]


def test_a_short_clause_is_read_with_what_follows():
    sentence = "Өткен жылы, " + "біз " * 60 + "келдік."
    event = only(sentence).event
    assert event.startswith("Өткен жылы, біз біз") and event.endswith("…") and len(event) <= 200


def test_expressions_and_events_stay_within_their_line():
    text = "Жоспар 2019\nжылы наурызда бекітілді.\nЕкінші жол"
    entries = find_timeline(text, None)
    assert [(e.text, e.event) for e in entries] == [("наурызда", "жылы наурызда бекітілді.")]


def test_a_family_is_added_in_the_data_file_alone(tmp_path):
    from digest.extract.dates import DATA_FILE, find_temporal_expressions, load_registry

    text = "Ораза айында мешіттер толы."
    assert find_temporal_expressions(text) == []
    extra = (
        "\n  - name: ramadan\n    priority: 60\n    kind: period\n"
        "    pattern: 'ораза\\s+{MONTHW}'\n"
    )
    path = tmp_path / "dates.yml"
    path.write_text(DATA_FILE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    (expr,) = find_temporal_expressions(text, load_registry(path))
    assert (expr.text, expr.family, expr.relative) == ("Ораза айында", "ramadan", True)


def test_a_family_with_an_unknown_kind_is_refused(tmp_path):
    from digest.extract.dates import DATA_FILE, load_registry

    path = tmp_path / "dates.yml"
    path.write_text(
        DATA_FILE.read_text(encoding="utf-8") + "\n  - name: odd\n    kind: sometime\n    pattern: 'x'\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="odd"):
        load_registry(path)


PIECES = [
    "1992", "жылы", "2017-нші", "15", "наурызда", "Қазан", "қазанда", "өткен", "келесі", "жыл",
    "жылдың", "бүгін", "кеше", "биыл", "екі", "мың", "жиырмасыншы", "он", "бес", "күн", "ай",
    "апта", "сайын", "бұрын", "бері", "Кеңес", "дәуірі", ".", ",", "–", "-", "«", "»", "\n", " ",
    "15.03.2024", "ж.", "ХХ", "ғасыр", "көктемде", "басынан", "соңына", "дейін", "Мамыр",
]


@pytest.mark.parametrize("published", [None, PUBLISHED])
def test_any_text_gives_exact_substrings_and_short_events(published):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
    def check(text):
        spans = find_date_spans(text)
        assert spans == sorted(spans)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
        for e in find_timeline(text, published):
            assert text[e.start : e.start + len(e.text)] == e.text
            assert "\n" not in e.text and len(e.event) <= 200
            assert e.when is None or len(e.when) in (4, 7, 10)

    check()


# ---------------------------------------------------------------------------
# a timeline of events only (issue 20)

THURSDAY = dt.date(2024, 3, 14)

# temporal expressions that date no event: found, but not timeline entries
NOT_EVENTS = [
    # durations: a count of a unit, alone or with ішінде, бойы, дейін, астам, бері
    ("Жөндеу 22 күн ішінде аяқталды.", "22 күн ішінде"),
    ("Науқас 45 күн емделді.", "45 күн"),
    ("Тәуелсіздіктің 7 жылында көп іс атқарылды.", "7 жылында"),
    ("Екі айдың ішінде жол салынды.", "Екі айдың ішінде"),
    ("Бұл дәстүр ғасырлар бойы сақталып келеді.", "ғасырлар бойы"),
    ("Жиырма жылдан астам уақыт өтті.", "Жиырма жылдан астам"),
    ("Шопандар жыл бойы малды бақты.", "жыл бойы"),
    ("Сынақ мерзімі үш айға дейін созылады.", "үш айға дейін"),
    ("Ол он бес жылдан бері мектепте сабақ береді.", "он бес жылдан бері"),
    ("Құрылыс бір жарым жылға созылды.", "бір жарым жылға"),
    ("Соңғы 10 жылда халық саны өсті.", "Соңғы 10 жылда"),
    ("Бірнеше жыл бұрын зауыт жабылды.", "Бірнеше жыл бұрын"),
    # comparison bases
    ("Көрсеткіш 2017 жылмен салыстырғанда 30%-ке артқан.", "2017 жылмен"),
    ("Өнім өткен жылдың сәйкес кезеңімен салыстырғанда 5%-ке өсті.", "өткен жылдың"),
    ("Экспорт 2021 жылғы деңгейге қарағанда екі есе көп.", "2021 жылғы"),
    ("Былтырмен салыстырғанда баға төмендеді.", "Былтырмен"),
    ("Бұл көрсеткіш өткен жылғыдан 15%-ке жоғары.", "өткен жылғыдан"),
    ("Түсім 2022 жылғыдан екі есе көп.", "2022 жылғыдан"),
    # "nowadays" words and named eras
    ("Бүгінде ауылда бес жүз адам тұрады.", "Бүгінде"),
    ("Бүгінгі таңда зауытта мың адам еңбек етеді.", "Бүгінгі таңда"),
    ("Бүгінгі күнге дейін үш мың адам тіркелді.", "Бүгінгі күнге дейін"),
    ("Менің байланысым сонау Кеңес дәуірінен басталған.", "Кеңес дәуірінен"),
    ("Тәуелсіздік жылдары ел дамыды.", "Тәуелсіздік жылдары"),
]


@pytest.mark.parametrize("sentence,expression", NOT_EVENTS)
@pytest.mark.parametrize("published", [None, THURSDAY])
def test_durations_comparison_bases_and_nowadays_words_are_not_entries(sentence, expression, published):
    at = sentence.index(expression)
    assert (at, at + len(expression)) in find_date_spans(sentence)  # still a temporal expression
    assert find_timeline(sentence, published) == []


def test_a_comparison_base_leaves_the_event_date_of_its_sentence():
    text = "2020 жылы зауыт 2019 жылмен салыстырғанда көп өнім шығарды."
    assert [(e.text, e.when) for e in find_timeline(text, None)] == [("2020 жылы", "2020")]
    # a located year before a comparison is the event's date, not the base
    text = "2017 жылы салынған зауытпен салыстырғанда бұл үлкен."
    assert [e.text for e in find_timeline(text, None)] == ["2017 жылы"]


@pytest.mark.parametrize("sentence,expression,decade", [
    ("90-жылдары зауыт жабылды.", "90-жылдары", 1990),
    ("Зауыт 1990-жылдары салынды.", "1990-жылдары", 1990),
    ("Бұл өткен ғасырдың 50-інші жылдары болған.", "өткен ғасырдың 50-інші жылдары", 1950),
    ("Тоқсаныншы жылдары ауыл босап қалды.", "Тоқсаныншы жылдары", 1990),
    ("2000 жылдардың басында мұнай бағасы өсті.", "2000 жылдардың басында", 2000),
    ("80-ші жылдардағы әндер қайта айтылды.", "80-ші жылдардағы", 1980),
    ("Ашаршылық 30-жылдары болды.", "30-жылдары", 1930),
    ("Жиырмасыншы жылдары ауыл ұжымдастырылды.", "Жиырмасыншы жылдары", 1920),
    ("Қала ХХ ғасырдың 20-жылдары салынды.", "ХХ ғасырдың 20-жылдары", 1920),
    ("Мектеп XIX ғасырдың 80-жылдары ашылған.", "XIX ғасырдың 80-жылдары", 1880),
    ("2020-жылдары цифрландыру күшейді.", "2020-жылдары", 2020),
])
def test_a_decade_is_the_decade_not_its_first_year(sentence, expression, decade):
    for published in (None, THURSDAY):
        entry = only(sentence, published)
        assert (entry.text, entry.when, entry.decade, entry.relative) == (expression, None, decade, False)


def test_a_year_and_a_range_are_not_decades():
    assert (only("Зауыт 1990 жылы салынды.").decade, only("Зауыт 1990 жылы салынды.").when) == (None, "1990")
    entry = only("Жоба 2020-2030 жылдарға арналған.")
    assert (entry.when, entry.decade) == ("2020", None)


@pytest.mark.parametrize("sentence,published,when", [
    ("Қыркүйекте жаңа оқу жылы басталады.", THURSDAY, "2024-09"),     # future: the coming one
    ("Қыркүйекте жаңа оқу жылы басталды.", THURSDAY, "2023-09"),      # past: the last one
    ("Желтоқсанда зауыт іске қосылмақ.", dt.date(2024, 1, 20), "2024-12"),
    ("Желтоқсанда зауыт іске қосылды.", dt.date(2024, 11, 20), "2023-12"),
    ("Мамырда сайлау өтеді, деді министр.", THURSDAY, "2024-05"),    # the verb before "деді"
    ("Тамызда жол ашылатынын әкім хабарлады.", THURSDAY, "2024-08"),
    ("Ақпанда бағаны көтерген компания наурызда оны төмендетті.", dt.date(2024, 2, 10), "2024-02"),
    ("Наурызда келісімге қол қойылады.", THURSDAY, "2024-03"),       # the publication's month
    ("20 қазанда форум өтеді.", dt.date(2024, 11, 10), "2025-10-20"),
    ("20 қазанда форум өтті.", dt.date(2024, 10, 5), "2023-10-20"),
    ("Чемпионат 5 наурыздан 20 наурызға дейін өтеді.", dt.date(2024, 3, 14), "2024-03-05"),  # under way
    ("20 қазанда форум өтті.", dt.date(2024, 10, 15), "2024-10-20"),  # dated a few days early
])
def test_a_month_without_a_year_follows_the_tense(sentence, published, when):
    assert resolved_dates(sentence, published)[0] == when


@pytest.mark.parametrize("sentence,published,when", [
    ("Көктемде жаңа зауыт іске қосылады.", dt.date(2024, 12, 5), "2025"),
    ("Күзде жаңа зауыт іске қосылды.", dt.date(2024, 3, 5), "2023"),
    ("Күзде жаңа зауыт іске қосылады.", dt.date(2024, 3, 5), "2024"),
    ("Жазда жол жөнделді.", dt.date(2024, 10, 5), "2024"),
])
def test_a_season_without_a_year_follows_the_tense(sentence, published, when):
    assert resolved_dates(sentence, published) == [when]


def resolved_dates(text: str, published: dt.date | None) -> list:
    return [e.when for e in find_timeline(text, published)]


@pytest.mark.parametrize("sentence,when", [
    ("Дүйсенбі күні жиын өтті.", "2024-03-11"),          # the last Monday
    ("Дүйсенбі күні жиын өтеді.", "2024-03-18"),         # the next Monday
    ("Сенбіде сенбілік ұйымдастырылады.", "2024-03-16"),
    ("Бейсенбіде кездесу болды.", "2024-03-07"),          # the publication's weekday: a week before
    ("Келесі аптаның сәрсенбісінде жиын өтеді.", "2024-03-20"),
    ("Өткен аптаның жұмасында қонақтар келді.", "2024-03-08"),
    ("Осы аптаның сейсенбісінде заң қабылданды.", "2024-03-12"),
    ("Жұма күні намаз оқылды.", "2024-03-08"),
    ("Өткен сенбіде шеру өтті.", "2024-03-09"),
    ("Келесі дүйсенбіде жиын болады.", "2024-03-18"),
    ("Алдағы жексенбіде сайлау өтеді.", "2024-03-17"),
    ("Алдыңғы күні өрт шықты.", "2024-03-12"),
    ("Бүрсігүні сайлау өтеді.", "2024-03-16"),
    ("Өткен тәулікте қала бойынша отыз шақырту түсті.", "2024-03-14"),
    ("Үйді осы 2 жыл бұрын ғана сатып алдым.", "2022"),
])
def test_weekdays_and_days_near_publication_resolve(sentence, when):
    entry = only(sentence, THURSDAY)
    assert (entry.when, entry.relative) == (when, True)
    assert only(sentence, None).when is None


def test_an_anaphor_takes_the_date_before_it_or_is_no_entry():
    text = "Зауыт 2019 жылы 5 мамырда ашылды. Сол жылы жүз адам жұмысқа алынды. Сол күні әкім келді."
    assert [(e.text, e.when) for e in find_timeline(text, None)] == [
        ("2019 жылы 5 мамырда", "2019-05-05"), ("Сол жылы", "2019"), ("Сол күні", "2019-05-05")]
    assert find_timeline("Сол жылы көп адам көшіп келді.", THURSDAY) == []


def test_one_entry_per_event():
    text = ("Өткен жылы форум өтті, ал өткен жылы тағы бір форум өтті.\n"
            "Кеше жиын болды.\nКеше жиын болды.\n2019 жылы 2019 жылы зауыт ашылды.")
    entries = find_timeline(text, THURSDAY)
    assert [(e.text, e.when) for e in entries] == [("Өткен жылы", "2023"), ("Кеше", "2024-03-13"),
                                                   ("2019 жылы", "2019")]
    undated = find_timeline(text, None)
    assert [e.text for e in undated] == ["Өткен жылы", "Кеше", "2019 жылы"]


def test_in_a_dated_article_every_entry_is_dated():
    """No raw phrase ("Өткен жылдың", "сәрсенбіде") stands for a date: with a publication
    date an entry has a date, a decade, or is a century."""
    text = "\n".join(seed(p) for p in ("000", "002", "004")) + "\n" + "\n".join(
        s for s, *_ in ABSOLUTE + RELATIVE) + "\nСәрсенбіде жиын өтті. Келесі аптада сот басталады."
    for entry in find_timeline(text, THURSDAY):
        assert entry.when or entry.decade or entry.recurring or "ғасыр" in entry.text, entry


def test_a_step_forward_in_a_past_story_counts_from_the_date_before_it():
    text = "Зауыт 1995 жылы ашылды. Келесі жылы ол жабылды. Ол 2001 жылғы 5 мамырда кетті. Келесі күні оралды."
    assert [(e.text, e.when) for e in find_timeline(text, THURSDAY)] == [
        ("1995 жылы", "1995"), ("Келесі жылы", "1996"), ("2001 жылғы 5 мамырда", "2001-05-05"),
        ("Келесі күні", "2001-05-06")]
    assert find_timeline("Он жылдан кейін ол елге оралды.", THURSDAY) == []  # counted from nothing
    # in the future tense, or spoken of as a year, it counts from publication
    assert only("Келесі жылы зауыт салынады.", THURSDAY).when == "2025"
    assert only("Келесі жылы зауыт салынатыны хабарланды.", THURSDAY).when == "2025"
    assert only("Келесі жыл туризм жылы болып жарияланды.", THURSDAY).when == "2025"
    assert only("Қалған жұмыс келесі жылға шегерілді.", THURSDAY).when == "2025"


def test_a_month_without_a_year_takes_the_year_its_sentence_named():
    text = "Зауыт 2019 жылы салынып, наурызда ашылды. Желтоқсанда ол жаңғыртылады."
    assert [(e.text, e.when) for e in find_timeline(text, THURSDAY)] == [
        ("2019 жылы", "2019"), ("наурызда", "2019-03"), ("Желтоқсанда", "2024-12")]
    text = "Мектеп 1995 жылғы 3 мамырда ашылып, 20 қыркүйекте жабылды."
    assert [e.when for e in find_timeline(text, None)] == ["1995-05-03", "1995-09-20"]


@pytest.mark.parametrize("sentence", ["Бұл тоғыз жүз тоқсан тоғыз мың күн бұрын болған.",
                                      "Бұл тоғыз жүз мың апта бұрын болған.", "Бұл тоғыз жүз мың ай бұрын болған."])
def test_a_count_past_any_calendar_stays_unresolved(sentence):
    assert only(sentence, THURSDAY).when is None
