"""Cleaning each seed's real mess: boilerplate, repeats, headlines, subheadings, speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.ingest.clean import clean, is_heading_like, speaker_of
from digest.ingest.reader import read_document
from digest.ingest.source import load_outlets


def _clean_as_read(config, text: str):
    """``clean`` with the project's outlets, as reading a file does."""
    return clean(text, config.boilerplate, config.source_patterns, load_outlets(config.root / "site_config"))


@pytest.fixture(scope="module")
def docs(config, seed_paths):
    return {p.name[:3]: read_document(p, config, f"content/{p.name}") for p in seed_paths}


def test_view_counter_removed_from_004(docs):
    doc = docs["004"]
    assert "1,395" not in doc.text and "оқылды" not in doc.text
    assert set(doc.removed) == {"1,395", "оқылды"}


def test_telegram_line_removed_from_000(docs):
    assert "Telegram" not in docs["000"].text
    assert any("Telegram" in line for line in docs["000"].removed)


def test_repeated_paragraph_kept_once_in_002(docs):
    doc = docs["002"]
    assert doc.text.count("Лукашенконың сапары өзара байланысты") == 1
    assert len(doc.removed) == 1


def test_headline_found_in_004_not_000(docs):
    assert docs["004"].headline == "Екіжақты ынтымақтастық нығая бермек"
    assert docs["000"].headline is None


def test_subheadings_in_000(docs):
    headings = [b.text for b in docs["000"].blocks if b.kind == "heading"]
    assert headings == ["Батьканың тағы бір ұсынысы", "Әкімдер арасындағы әріптестік", "Қошанов не дейді?"]


def test_transcript_lines_are_not_subheadings(docs):
    assert not [b for b in docs["002"].blocks if b.kind == "heading"]


def test_speaker_lines_attribute_following_quote_in_002(docs):
    blocks = docs["002"].blocks
    speakers = [b for b in blocks if b.kind == "speaker"]
    assert [s.text for s in speakers] == ["Ирина Новикова, экономика ғылымдарының докторы"] * 2
    quotes = [b for b in blocks if b.kind == "quote"]
    assert quotes[0].text.startswith("Қазір интеграция бағытында")
    assert all(q.speaker == speakers[0].text for q in quotes)
    # The quote ends at the line that closes the speech with a full stop.
    assert quotes[-1].text.endswith("қол жеткізе аламыз.")


def test_source_hints(docs):
    assert docs["000"].source_hint == "Ertenmedia.kz"
    assert docs["002"].source_hint == "Хабар 24"
    assert docs["004"].source_hint is None


@pytest.mark.parametrize("line,expected", [
    ("Батьканың тағы бір ұсынысы", True),
    ("Қошанов не дейді?", True),
    ("Бұл қатынастар әлеуметтік саладан бастап қамтиды.", False),
    ("«Бір-бірімізді жоғалтпайық»", False),
    ("1,395", False),
    ("А", False),
])
def test_heading_like(line, expected):
    assert is_heading_like(line, max_words=8, max_chars=80) is expected


def test_speaker_line_shapes():
    assert speaker_of("Ирина Новикова, экономика ғылымдарының докторы:") == "Ирина Новикова, экономика ғылымдарының докторы"
    assert speaker_of("Ол былай деді:") is None  # no "Name, role"
    assert speaker_of("Сонымен қатар, екі ел арасындағы келісімге сәйкес барлық тараптар былай деп мәлімдеді және қосты:") is None


def test_editor_patterns_come_from_site_config(config):
    text = "Бірінші жол мақала мәтіні.\nЕкінші жол мақала мәтіні.\n5 432 қаралым"
    result = clean(text, config.boilerplate, config.source_patterns)
    assert [b.text for b in result.blocks] == ["Бірінші жол мақала мәтіні.", "Екінші жол мақала мәтіні."]


@pytest.mark.parametrize("line", ["Тағы оқыңыз: Алматыда жол жөндеу басталды",
                                  "Сондай-ақ оқыңыз: Шымкентте жаңа саябақ ашылды",
                                  "Тағы оқыңыз"])
def test_a_read_also_link_goes_with_its_title(config, line):
    text = f"Бірінші жол мақала мәтіні.\n{line}\nЕкінші жол мақала мәтіні."
    result = clean(text, config.boilerplate, config.source_patterns)
    assert [b.text for b in result.blocks] == ["Бірінші жол мақала мәтіні.", "Екінші жол мақала мәтіні."]
    assert result.removed == (line,)


@pytest.mark.parametrize("line", [
    "Автор: Айгүл Сейітова",
    "Дайындаған: Ерлан Жақыпов",
    "Тегтер: метро, Алматы, Досаев",
    "Теги: Токаев, ЕАЭС",
    "#Алматы #метро",
    "Егер мәтіннен қате тапсаңыз, оны белгілеп, Ctrl+Enter басыңыз",
    "Материалды көшіріп басуға тыйым салынады",
    "Сайт материалдарын көшіріп басқанда сілтеме беру міндетті",
    "Перепечатка материалов без ссылки запрещена",
    "Жаңалықтарды Telegram арнамыздан оқыңыз",
    "Читайте нас в Telegram",
    "Суретте: аурухана жобасының эскизі",
    "Посмотреть эту публикацию в Instagram",
    "Публикация от Полиция Павлодарской области (@dp_pavlodar)",
    "A post shared by Kerek.pv (@kerek.pv)",
    "Бүгін жол жабылды pic.twitter.com/AbC123xyz",
    "— Kerek.pv (@kerekpv) September 23, 2024",
])
def test_a_sites_footer_lines_are_not_the_article(config, line):
    """Bylines, the site's tag list, hashtags, error-report prompts, copyright
    notices, channel promotions and what an embedded post leaves: their names
    must not become tags."""
    text = f"Бірінші жол мақала мәтіні.\nЕкінші жол мақала мәтіні.\n{line}"
    result = clean(text, config.boilerplate, config.source_patterns)
    assert [b.text for b in result.blocks] == ["Бірінші жол мақала мәтіні.", "Екінші жол мақала мәтіні."]
    assert result.removed == (line,)


@pytest.mark.parametrize("line", [
    "Тілші: Сіз бұл шешімді қалай бағалайсыз?",  # an interview's question
    "Министрлік материалдарды пайдалануға рұқсат берді.",
    "Ол Telegram арнасында жаңа заң туралы жазды.",
    "Автор ретінде ол үш кітап жазған.",
    "#1 ракетка Елена Рыбакина финалға шықты.",
    "Министр Instagram парақшасында (@minzdrav_kz) жаңа ереже туралы жазды.",
    "Twitter-дегі жазбасында ол 2024 жылы оралатынын айтты.",
])
def test_article_lines_like_footers_are_kept(config, line):
    text = f"Бірінші жол мақала мәтіні.\n{line}\nЕкінші жол мақала мәтіні."
    result = clean(text, config.boilerplate, config.source_patterns)
    assert line in [b.text for b in result.blocks] and result.removed == ()


def test_a_date_line_and_the_dateline_under_it_are_both_cut(config):
    """A site prints the date under the title, and the text opens with the
    place and the outlet: the outlet is the source, the date line the date."""
    text = ("Шымкентте жасөспірім жоғалып кетті\n18 қараша 2024 14:25\n"
            "ШЫМКЕНТ. Tengrinews.kz – Шымкент қаласында жасөспірім жоғалып кетті.\nЕкінші жол мақала мәтіні.")
    result = _clean_as_read(config, text)
    assert result.dateline == "18 қараша 2024 14:25" and result.source_hint == "Tengrinews.kz"
    assert [b.text for b in result.blocks][1:] == ["Шымкент қаласында жасөспірім жоғалып кетті.",
                                                   "Екінші жол мақала мәтіні."]


@pytest.mark.parametrize("issuer", ["Ақтөбе облысы әкімдігінің баспасөз қызметі",
                                    "Пресс-служба акимата Актюбинской области",
                                    "ҚР Денсаулық сақтау министрлігінің баспасөз орталығы."])
def test_a_press_releases_issuer_is_its_source_not_its_headline(config, issuer):
    text = (f"{issuer}\nОблыс әкімі ауданға жұмыс сапарымен барды\n"
            "Сапар барысында әкім жаңа мектептің құрылысымен танысты.")
    result = _clean_as_read(config, text)
    assert result.source_hint == issuer.rstrip(".")
    assert result.headline == "Облыс әкімі ауданға жұмыс сапарымен барды"


def test_a_newspapers_byline_and_its_outlet_line_are_the_source_not_the_text(config):
    """"Айгүл СЕЙІЛОВА," then «Egemen Qazaqstan» under the title: the author is
    no tag, the outlet is the source (its Latin name had tagged Qazaqstan TV)."""
    text = ("Ауылға жаңа мектеп салынады\nАйгүл СЕЙІЛОВА,\n«Egemen Qazaqstan»\n"
            "Жалағаш ауданында 300 орындық жаңа мектептің құрылысы басталды. Мектеп келесі жылы ашылады.\n")
    result = _clean_as_read(config, text)
    assert result.source_hint == "Egemen Qazaqstan"
    assert [b.text for b in result.blocks if b.kind != "headline"] == [
        "Жалағаш ауданында 300 орындық жаңа мектептің құрылысы басталды. Мектеп келесі жылы ашылады."]


@pytest.mark.parametrize("line", ["Алматы облысы", "Жаңа жоба", "«Мәңгілік ел» бағдарламасы", "Айқын шешім қабылданды"])
def test_lines_like_a_byline_or_an_outlet_stay(config, line):
    text = f"Ауылға жаңа мектеп салынады\n{line}\nЖалағаш ауданында жаңа мектептің құрылысы басталды. Мектеп ашылады.\n"
    result = _clean_as_read(config, text)
    assert line in [b.text for b in result.blocks] and result.source_hint is None


@pytest.mark.parametrize("title", [
    "Жаңа салық кодексі: кәсіпкерлер енді қанша төлейді?",  # a question of more than six words
    "«Бұл шешім бәрімізге ортақ» – министр жаңа бағдарламаны таныстырды",  # a quotation, then its speaker
    "«Ауыл әлі де күтіп отыр». Тұрғындар жол жөндеуді сұрады",  # a quotation, then a sentence
    "«Мәңгілік ел»",  # a quotation alone
    "17 жастағы жасөспірім Алматыда із-түзсіз жоғалды",  # opening with a number
])
def test_a_news_sites_title_above_its_text_is_the_headline(config, title):
    """The shapes of real titles that a subheading never has: the title is not
    repeated as the text's first paragraph."""
    text = (f"{title}\nАлматыда өткен жиында облыс әкімі өңірдің әлеуметтік-экономикалық дамуы туралы "
            "баяндады. Жиынға аудан әкімдері мен кәсіпкерлер қатысты.\n")
    result = clean(text, config.boilerplate, config.source_patterns)
    assert result.headline == title
    assert title not in [b.text for b in result.blocks if b.kind != "headline"]


@pytest.mark.parametrize("first", [
    "Алматыда жиын өтті.",  # a sentence: a full stop ends it
    "Жиын туралы айтатын болсақ, облыс әкімі өңірдің әлеуметтік-экономикалық дамуы туралы ұзақ баяндады және "
    "кәсіпкерлердің барлық сұрақтарына жауап берді, жиынға аудан әкімдері де қатысты",  # too long for a title
])
def test_a_first_line_that_is_text_is_no_headline(config, first):
    text = f"{first}\nЖиынға аудан әкімдері мен кәсіпкерлер қатысты. Олар жаңа жобаларды талқылады.\n"
    assert clean(text, config.boilerplate, config.source_patterns).headline is None


def test_a_headline_about_a_press_service_stays_the_headline(config):
    headline = "Министрліктің баспасөз қызметі жаңа басшыны таныстырды"
    text = f"{headline}\nЖаңа басшы бүгін қызметіне кірісті. Ол бұрын облыста жұмыс істеген."
    result = _clean_as_read(config, text)
    assert result.headline == headline and result.source_hint is None


def test_a_closing_source_line_is_the_source_and_leaves_the_text(config):
    text = "Бірінші жол мақала мәтіні.\nЕкінші жол мақала мәтіні.\nДереккөз: Хабар 24"
    result = _clean_as_read(config, text)
    assert result.source_hint == "Хабар 24"
    assert [b.text for b in result.blocks] == ["Бірінші жол мақала мәтіні.", "Екінші жол мақала мәтіні."]


@pytest.mark.parametrize("heading", ["Ұқсас жаңалықтар:", "ОСЫ ТАҚЫРЫПТА:", "Осы тақырып бойынша"])
def test_a_related_news_list_goes_with_its_heading(config, heading):
    """Other articles' headlines are not this article's text (their places became its tags)."""
    listed = [heading, "Алматыда жол жөндеу басталды", "Шымкентте жаңа саябақ ашылды?"]
    text = "\n".join(["Бірінші жол мақала мәтіні.", "Екінші жол мақала мәтіні.", *listed])
    result = _clean_as_read(config, text)
    assert [b.text for b in result.blocks] == ["Бірінші жол мақала мәтіні.", "Екінші жол мақала мәтіні."]
    assert result.removed == tuple(listed)


def test_the_list_ends_at_the_first_sentence(config):
    text = "Бірінші жол мақала мәтіні.\nТақырыпқа қатысты\nАлматыда жол жөндеу басталды\nМәтін жалғасады мұнда."
    result = _clean_as_read(config, text)
    assert [b.text for b in result.blocks] == ["Бірінші жол мақала мәтіні.", "Мәтін жалғасады мұнда."]


def test_every_block_is_from_the_input(config, seed_paths):
    from digest.kazakh import normalize

    for path in seed_paths:
        raw = " ".join(normalize(Path(path).read_text(encoding="utf-8")).split())
        doc = read_document(path, config)
        for block in doc.blocks:
            assert block.text in raw, block


def test_article_on_one_line_is_not_taken_for_boilerplate(config, seed):
    one_line = " ".join(seed("000").split("\n"))
    result = clean(one_line, config.boilerplate, config.source_patterns)
    assert len(result.blocks) == 1 and "Telegram" in result.blocks[0].text


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\v", "\x85", "\f"])
def test_other_line_breaks_end_lines(config, separator):
    from digest.ingest.reader import parse_document

    text = (f"Қос ел тығыз ынтымақтастық орнатып жүр деп хабарлайды Хабар 24{separator}"
            "Тәуелсіз Қазақстан мен Беларусь арасында тұңғыш құжатқа 1992 жылы қол қойылды")
    doc = parse_document(text.encode(), config, "x.txt")
    assert "Хабар 24 Тәуелсіз" not in doc.text
    assert doc.text.split("\n")[1].startswith("Тәуелсіз Қазақстан")
