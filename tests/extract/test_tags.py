"""Tags of the seed articles, inflection and variants, the vocabulary loader."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from digest.extract.tags import find_tags, load_vocabulary, tag_candidates
from digest.model import DigestError, Tag

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "content").glob("*.txt")) or sorted(Path("/work/shared/seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(ROOT / "site_config")


@pytest.fixture(scope="module")
def seed_tags(vocabulary):
    return {p.name[:3]: find_tags(p.read_text(encoding="utf-8"), vocabulary) for p in SEEDS}


def ids(tags):
    return {t.id for t in tags}


def by_kk(tags, kind):
    return {t.kk for t in tags if t.kind == kind}


def test_seed_meeting_in_minsk(seed_tags):
    tags = seed_tags["000"]
    assert {"alexander-lukashenko", "yerlan-koshanov", "kassym-jomart-tokayev"} <= ids(tags)
    assert {"belarus", "kazakhstan", "minsk", "astana"} <= ids(tags)
    assert {"mazhilis", "sco"} <= ids(tags)
    assert "trade" in ids(tags)


def test_seed_belarus_visit(seed_tags):
    tags = seed_tags["002"]
    assert {"alexander-lukashenko", "belarus", "kazakhstan", "eaeu", "trade"} <= ids(tags)


def test_seed_chinese_vice_premier(seed_tags):
    tags = seed_tags["004"]
    assert {"kassym-jomart-tokayev", "xi-jinping", "china", "kazakhstan", "beijing", "astana"} <= ids(tags)
    assert "Дин Сюэсян" in by_kk(tags, "person")
    # trade is named in passing (a list of sectors), not the subject
    assert "trade" not in ids(tags)


def test_variant_spellings_land_on_one_tag(seed_tags):
    belarus = [t for tags in seed_tags.values() for t in tags if t.id == "belarus"]
    mentions = {m for t in belarus for m in t.mentions}
    assert {"Беларүс", "Беларусь"} <= mentions
    assert len({(t.kk, t.en) for t in belarus}) == 1


def test_inflected_mentions_are_exact_substrings(seed_tags):
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        for tag in seed_tags[path.name[:3]]:
            for mention in tag.mentions:
                assert mention in text
            assert len(set(tag.mentions)) == len(tag.mentions)


def test_english_labels_come_from_the_vocabulary_only(seed_tags, vocabulary):
    english = {e.id: e.en for e in vocabulary.entries}
    for tags in seed_tags.values():
        for tag in tags:
            assert tag.kk.strip() and tag.latin.strip(), tag
            assert tag.id and tag.id.isascii()
            assert tag.en == (None if tag.discovered else english[tag.id])
    for entry in vocabulary.entries:
        assert entry.kk and entry.en


def test_every_tag_has_its_kk_label_in_2021_latin(vocabulary):
    tags = {t.id: t for t in find_tags("Шығыс Қазақстан облысында Ерлан Қошанов пен Ғалымжан "
                                       "Жұмабеков кездесті.", vocabulary)}
    assert tags["east-kazakhstan-region"].latin == "Şyğys Qazaqstan oblysy"
    assert tags["yerlan-koshanov"].latin == "Erlan Qoşanov"
    found = [t for t in tags.values() if t.discovered and t.kind == "person"]
    assert [t.latin for t in found] == ["Ğalymjan Jūmabekov"]


def test_tags_come_most_salient_first(vocabulary):
    text = ("Ерлан Қошанов Минскке барды.\nМәжіліс төрағасы сапармен жүр.\n"
            + "Жиын жалғасты. " * 30 + "Соңында Бейжің туралы айтылды. Бейжің, Бейжің.")
    tags = find_tags(text, vocabulary)
    order = [t.id for t in tags]
    assert order.index("yerlan-koshanov") < order.index("beijing")
    assert order.index("minsk") < order.index("beijing")
    assert all(0 <= t.salience <= 1 for t in tags)
    assert [t.salience for t in tags] == sorted((t.salience for t in tags), reverse=True)


def test_a_tag_named_often_outranks_one_named_once_at_the_same_depth(vocabulary):
    text = "Жиын өтті. " * 10 + "Минск туралы. Бейжің туралы. Бейжің мен Бейжің. Бейжіңде."
    tags = {t.id: t for t in find_tags(text, vocabulary)}
    assert tags["beijing"].salience > tags["minsk"].salience


@pytest.mark.parametrize(
    "text, tag_id, mention",
    [
        ("Солтүстік Қазақстан облысында зауыт ашылды.", "north-kazakhstan-region",
         "Солтүстік Қазақстан облысында"),
        ("Делегация Беларусьпен келісім жасады.", "belarus", "Беларусьпен"),
        ("Біз Минскіге бардық.", "minsk", "Минскіге"),
        ("ҚХР-дың өкілдері келді.", "china", "ҚХР-дың"),
        ("Аустралияның делегациясы келді.", "australia", "Аустралияның"),
        ("БҰҰ-ның Бас хатшысы сөз сөйледі.", "un", "БҰҰ-ның"),
        ("Мемлекет басшысы Тоқаевқа хат жолдады.", "kassym-jomart-tokayev", "Тоқаевқа"),
    ],
)
def test_inflected_and_variant_forms(vocabulary, text, tag_id, mention):
    tag = {t.id: t for t in find_tags(text, vocabulary)}.get(tag_id)
    assert tag is not None and mention in tag.mentions


def test_short_and_ambiguous_words_do_not_tag(vocabulary):
    text = "Ел экономикасы өсті. Қазан айында жиын өтті. Ақ түсті қағаз алынды."
    found = ids(find_tags(text, vocabulary))
    assert not found & {"israel", "kazan"}


def test_lower_case_adjective_is_not_the_country(vocabulary):
    assert "china" not in ids(find_tags("Ол қытай тілін үйренді.", vocabulary))


def test_one_passing_keyword_does_not_make_a_topic(vocabulary):
    assert "trade" not in ids(find_tags("Ол базарда сауда жасады.", vocabulary))


def test_topics_need_their_threshold(vocabulary):
    text = "Екі ел арасындағы сауда айналымы өсті. Экспорт пен импорт артты. Тауар көп."
    assert "trade" in ids(find_tags(text, vocabulary))


def test_a_governors_trip_at_home_is_neither_diplomacy_nor_interregional(vocabulary):
    """Words every regional story has (әкім, сапар, кездесу) make no topic of their own."""
    text = ("Облыс әкімі аудандарға жұмыс сапарымен барды. Сапар барысында әкім жаңа мектептің "
            "құрылысымен танысты. Кездесуде тұрғындар әкімге сұрақ қойды. Кездесу соңында әкім уәде берді.")
    assert not ids(find_tags(text, vocabulary)) & {"diplomacy", "regional-cooperation"}


@pytest.mark.parametrize("text, label", [
    ("Ресей Сыртқы істер министрлігі мәлімдеме жасады.", "Ресей Сыртқы істер министрлігі"),
    ("Ресейдің Сыртқы істер министрлігінің өкілі айтты.", "Ресей Сыртқы істер министрлігі"),
    ("Андрей Бабиш бастаған Чехия Үкіметі босқын қабылдамайды.", "Чехия Үкіметі"),
    ("Канада Үкіметі жаңа заң қабылдады.", "Канада Үкіметі"),
    ("Иран Ислам Республикасы Қарулы Күштері дрон ұшырмады.", "Иран Қарулы Күштері"),
    ("Ресей Федерациясының Үкіметі шешім шығарды.", "Ресей Үкіметі"),
])
def test_another_countrys_body_is_not_kazakhstans(vocabulary, text, label):
    """A state body the vocabulary names without its country (``country:
    kazakhstan``) after another country's name is that country's body: a
    discovered organisation named with its owner, never Kazakhstan's tag."""
    tags = find_tags(text, vocabulary)
    assert label in by_kk(tags, "organization")
    assert not ids(tags) & {"ministry-of-foreign-affairs", "government-of-kazakhstan",
                            "armed-forces-of-kazakhstan"}


@pytest.mark.parametrize("text, tag_id", [
    ("Қазақстан Республикасының Үкіметі шешім шығарды.", "government-of-kazakhstan"),
    ("ҚР Сыртқы істер министрлігі мәлімдеме жасады.", "ministry-of-foreign-affairs"),
    ("Қазақстан Сыртқы істер министрлігі мәлімдеме жасады.", "ministry-of-foreign-affairs"),
    ("Бүгін Үкімет отырысы өтті.", "government-of-kazakhstan"),
    # "to Russia, a Government delegation": Russia in the dative owns nothing
    ("Ресейге Үкімет делегациясы барды.", "government-of-kazakhstan"),
])
def test_kazakhstans_own_bodies_keep_their_tag(vocabulary, text, tag_id):
    assert tag_id in ids(find_tags(text, vocabulary))


@pytest.mark.parametrize("text, tag_ids", [
    ("Сенат Жоғарғы соттың төрағасын сайлады.", {"senate-of-kazakhstan", "supreme-court"}),
    ("Энергетика министрлігі Парламент Мәжілісімен бірге жұмыс істейді.", {"ministry-of-energy", "mazhilis"}),
])
def test_one_states_bodies_side_by_side_are_two_bodies(vocabulary, text, tag_ids):
    """Only a place, or a body of no country (БҰҰ), owns the body after it."""
    assert tag_ids <= ids(find_tags(text, vocabulary))


def test_the_longest_vocabulary_name_wins_over_its_abbreviation(vocabulary):
    tags = ids(find_tags("Тегеран БҰҰ Қауіпсіздік Кеңесінің шұғыл отырысын талап етті.", vocabulary))
    assert "un-security-council" in tags and "security-council" not in tags


def test_a_states_form_belongs_to_the_country(vocabulary):
    """"Иран Ислам Республикасы" is Iran; "Ислам Республикасы" after another
    country's genitive is no place of its own."""
    tags = find_tags("Иран Ислам Республикасы мәлімдеме жасады.", vocabulary)
    assert "Иран Ислам Республикасы" in {m for t in tags for m in t.mentions}
    tags = find_tags("АҚШ пен Израильдің Ислам Республикасына жасаған соққылары.", vocabulary)
    assert "Ислам Республикасы" not in by_kk(tags, "place")


@pytest.mark.parametrize("text", [
    "Kerek.pv Telegram-арнасы оқиға орнынан видео жариялады.",
    "Президент Telegram арнасында жаңа заң туралы жазды.",
    "Ол Instagram парақшасында видео жариялады.",
])
def test_a_platform_where_a_post_was_published_is_no_tag(vocabulary, text):
    assert not {t.kk for t in find_tags(text, vocabulary)} & {"Telegram", "Instagram", "Telegram арнасы"}


def test_a_platform_the_article_is_about_is_a_tag(vocabulary):
    assert "telegram" in ids(find_tags("Ресейде Telegram бұғатталды.", vocabulary))
    assert "meta" in ids(find_tags("Ресейде Facebook желісін бұғаттады.", vocabulary))


def test_a_month_opening_a_sentence_is_no_city_when_the_text_dates_that_month(vocabulary):
    """"Қазанда … демалыс болады" with "25 қазанда" further on: October, not Kazan."""
    text = "Қазанда қазақстандықтарда қосымша демалыс болады. Республика күні 25 қазанда аталып өтеді."
    assert "kazan" not in ids(find_tags(text, vocabulary))
    assert "kazan" in ids(find_tags("Қазанда халықаралық форум өтті. Делегация Татарстанға барды.", vocabulary))
    assert "kazan" in ids(find_tags("Ол 5 қазанда Қазанда болды.", vocabulary))  # not opening a sentence


def test_a_village_named_after_a_party_is_the_village(vocabulary):
    assert "ak-zhol" not in ids(find_tags("Ол Ақ Жол ауылында тұрады.", vocabulary))
    assert "ak-zhol" in ids(find_tags("Ақ жол партиясы мәлімдеме жасады.", vocabulary))


def test_a_web_address_is_no_place(vocabulary):
    tags = find_tags("Жыл басынан бері Enbek.kz электрондық еңбек биржасында 10 мың вакансия жарияланды.", vocabulary)
    assert not [t for t in tags if t.kind in ("place", "person")]


def test_a_bodys_country_must_be_a_place_in_the_vocabulary(tmp_path):
    (tmp_path / "vocabulary").mkdir()
    (tmp_path / "vocabulary" / "bodies.yml").write_text(
        "- {id: senate, kind: organization, kk: Сенат, en: Senate, country: kazakstan}\n", encoding="utf-8")
    with pytest.raises(DigestError) as error:
        load_vocabulary(tmp_path)
    assert "bodies.yml" in str(error.value) and "kazakstan" in str(error.value)


def test_editor_tags_by_id_or_label(vocabulary):
    extra = ("Belarus", "ресей", "trade", "Ғарыш туризмі")
    tags = {t.id: t for t in find_tags("Мәтін.", vocabulary, extra=extra)}
    assert set(tags) == {"belarus", "russia", "trade"}  # an unknown one is a warning, not a tag
    assert tags["russia"].latin == "Resei" and tags["russia"].en == "Russia"


def test_order_is_deterministic(vocabulary):
    text = SEEDS[0].read_text(encoding="utf-8")
    assert find_tags(text, vocabulary) == find_tags(text, vocabulary)


def test_tag_candidates_counts_discovered_across_articles():
    a = Tag("din-siuesian", "person", "Дин Сюэсян", None, ("Дин Сюэсянды",), True, "Din Siuesian")
    b = Tag("din-siuesian", "person", "Дин Сюэсян", None, ("Дин Сюэсян",), True, "Din Siuesian")
    known = Tag("china", "place", "Қытай", "China", ("Қытай",))
    (tag, count), = tag_candidates([[a, known], [b]])
    assert count == 2 and tag.mentions == ("Дин Сюэсянды", "Дин Сюэсян")


def test_fast_enough(vocabulary):
    text = (" ".join(p.read_text(encoding="utf-8") for p in SEEDS))[:5000]
    find_tags(text, vocabulary)
    start = time.perf_counter()
    for _ in range(20):
        find_tags(text, vocabulary)
    assert (time.perf_counter() - start) / 20 < 0.05


def test_no_name_stands_for_two_tags(vocabulary):
    assert vocabulary.names.clashes() == []


def test_inflections_match_without_the_stemmer(monkeypatch):
    """The case-ending fallback holds even if the stemmer's key for a name differs."""
    from digest import kazakh
    from digest.extract import ner_names

    monkeypatch.setattr(kazakh, "stem", lambda word: word.lower())
    ner_names.word_keys.cache_clear()
    try:
        vocabulary = load_vocabulary(ROOT / "site_config")
        text = ("Қазақстанның делегациясы Беларусьпен, Си Цзиньпинмен және "
                "Шанхай ынтымақтастық ұйымымен кездесті.")
        found = ids(find_tags(text, vocabulary))
        assert {"kazakhstan", "belarus", "xi-jinping", "sco"} <= found
    finally:
        ner_names.word_keys.cache_clear()


def write(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "vocabulary"
    folder.mkdir(exist_ok=True)
    (folder / "bad.yml").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "body, message, line",
    [
        ("- {id: x, kind: place, kk: Икс}\n", "missing en", 1),
        ("- {id: a, kind: place, kk: А, en: A}\n- {id: b, kind: planet, kk: Б, en: B}\n", "unknown kind", 2),
        ("- {id: a, kind: place, kk: А, en: A}\n- {id: a, kind: place, kk: Б, en: B}\n", "duplicate", 2),
        ("- {id: Жаман, kind: place, kk: А, en: A}\n", "ASCII", 1),
        ("- {id: a, kind: place, kk: [А, en: A}\n", "invalid YAML", None),
    ],
)
def test_loader_errors_name_the_file(tmp_path, body, message, line):
    with pytest.raises(DigestError) as err:
        load_vocabulary(write(tmp_path, body))
    assert err.value.path.endswith("bad.yml")
    assert message in str(err.value)
    if line:
        assert err.value.line == line


@pytest.mark.parametrize("text, topic", [
    ("Боксшылар жарысқа дайындалды. Боксшы жеңді. Бокстан жаттықтырушысы айтты.", "sport"),
    ("Ақындар жиналды. Ақындық өнер туралы айтылды. Жас ақынның өлеңі оқылды.", "culture"),
    ("Кеншілер ереуілге шықты. Кенші жалақысы. Кеншілердің талабы.", "mining"),
])
def test_derived_words_count_for_their_keywords_topic(vocabulary, text, topic):
    assert topic in ids(find_tags(text, vocabulary))


def test_culture_books_exhibitions_publishers_and_poets(vocabulary):
    text = "Жаңа кітабы жарық көрді. Баспадан шыққан кітаптар көрмеде қойылды. Көрмеге ақындар келді."
    tags = {t.id: t for t in find_tags(text, vocabulary)}
    assert {"Баспадан", "көрмеде", "Көрмеге", "кітабы", "ақындар"} <= set(tags["culture"].mentions)


def test_stem_keywords_do_not_match_longer_words_they_begin(vocabulary):
    text = "Ол ешкімді көрмеді. Біз оны көрмедік. Баспана салынды. Баспананың кезегі."
    assert "culture" not in ids(find_tags(text, vocabulary))


def test_a_phrase_that_looks_like_a_keyword_counts_for_its_own_topic(vocabulary):
    text = ("Азаматтық қорғаныс қызметі оқу өткізді. Азаматтық қорғаныс жүйесі жаңарды. "
            "Азаматтық қорғаныс басқармасы хабарлады.")
    found = ids(find_tags(text, vocabulary))
    assert "military" not in found and "emergencies" in found


def test_stem_keywords_only_for_topics_and_one_word(tmp_path):
    with pytest.raises(DigestError, match="one word"):
        load_vocabulary(write(tmp_path, "- {id: a, kind: topic, kk: А, en: A, stem_keywords: [екі сөз]}\n"))


def test_a_source_note_is_accepted_and_must_be_text(tmp_path):
    ok = "- {id: a, kind: person, kk: Ай Бек, en: Ai Bek, source: 'gov.kz, 2025'}\n"
    assert load_vocabulary(write(tmp_path, ok)).by_id["a"].en == "Ai Bek"
    with pytest.raises(DigestError, match="source"):
        load_vocabulary(write(tmp_path, "- {id: a, kind: person, kk: Ай Бек, en: Ai Bek, source: [1]}\n"))


def test_people_in_the_news_have_their_offices_english_spelling(vocabulary):
    tags = {t.id: t for t in find_tags("Ермек Көшербаев пен Нұрлан Ермекбаевтың кездесуі өтті.", vocabulary)}
    assert tags["yermek-kosherbayev"].en == "Yermek Kosherbayev"
    assert tags["nurlan-yermekbayev"].en == "Nurlan Yermekbayev"


def test_no_name_in_the_vocabulary_starts_in_lower_case(vocabulary):
    """A comma inside an unquoted alias splits it in two ("Экология, геология және ...")."""
    names = [(e.id, n) for e in vocabulary.entries if e.kind != "topic" for n in (e.kk, *e.aliases)]
    assert [(i, n) for i, n in names if n[:1].islower()] == []
