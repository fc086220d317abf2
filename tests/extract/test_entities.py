"""Discovery of entities outside the vocabulary: rules, the CRF model, sanity checks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from digest import kazakh
from digest.extract import ner_crf, spans
from digest.extract.ner_names import base_form
from digest.extract.tags import Vocabulary, discovered_tag, find_mentions, find_tags, load_vocabulary

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(ROOT / "site_config")


def discovered(text: str, vocabulary) -> dict[str, str]:
    """kk label → kind of the discovered mentions in ``text``."""
    return {m.label: m.kind for m in find_mentions(text, vocabulary) if m.tag_id is None}


@pytest.mark.parametrize(
    "word, base",
    [("Сюэсянды", "Сюэсян"), ("Қошановты", "Қошанов"), ("Лукашенконың", "Лукашенко"),
     ("Новикова", "Новикова"), ("Ирина", "Ирина"), ("ШЫҰ-ның", "ШЫҰ"), ("Новиковамен", "Новикова")],
)
def test_base_form(word, base):
    assert base_form(word) == base


@pytest.mark.parametrize("sentence,label,kind", [
    ("Кездесуге Бердібек Сапарбаевтың өкілі қатысты.", "Бердібек Сапарбаев", "person"),
    ("Бұл туралы Самат Қайырденұлы айтты.", "Самат Қайырденұлы", "person"),  # patronymic
    ("Жиынға Б. Сапарбаевтың орынбасары қатысты.", "Б. Сапарбаев", "person"),  # initial and surname
    ("Бұл туралы Өңірлік даму министрлігінің баспасөз қызметі хабарлады.",
     "Өңірлік даму министрлігі", "organization"),  # head noun
])
def test_entity_not_in_vocabulary_found_in_its_base_form(vocabulary, sentence, label, kind):
    assert discovered(sentence, vocabulary).get(label) == kind


@pytest.mark.parametrize("sentence, label", [
    ("Шығыс Қазақстан облыстық прокуратурасы бұл жағдайды растады.", "Шығыс Қазақстан облыстық прокуратурасы"),
    ("Қарағанды облыстық Полиция департаментінің өкілі айтты.", "Қарағанды облыстық Полиция департаменті"),
    ("Оқиға туралы Солтүстік Қазақстан облыстық білім басқармасы хабарлады.",
     "Солтүстік Қазақстан облыстық білім басқармасы"),
    # a region in the genitive: labelled as without it, one tag for both
    ("Бұл туралы Қостанай облысының Полиция департаменті хабарлады.", "Қостанай облысы Полиция департаменті"),
    ("Батыс Қазақстан облысының Полиция департаменті хабарлады.", "Батыс Қазақстан облысы Полиция департаменті"),
    ("Атырау облысы Полиция департаментінің өкілі айтты.", "Атырау облысы Полиция департаменті"),
])
def test_a_regional_bodys_name_keeps_its_region(vocabulary, sentence, label):
    """Neither the compass word of a region ("Шығыс") nor the place before a
    capitalised body ("Қарағанды облыстық | Полиция") is cut off the name."""
    assert discovered(sentence, vocabulary).get(label) == "organization"


@pytest.mark.parametrize("sentence, not_a_person", [
    ("«Сенсация жасаған спортшы»: Шетелдік БАҚ Михаил Шайдоров туралы жазды.", "Шетелдік БАҚ"),
    ("Үш дүркін әлем чемпионы Бибісара Tengri Sport тілшісіне сұхбат берді.", "Бибісара Tengri Sport"),
])
def test_a_persons_name_has_no_acronym_and_one_script(vocabulary, sentence, not_a_person):
    found = discovered(sentence, vocabulary)
    assert not_a_person not in found
    assert found.get("Михаил Шайдоров", "person") == "person"


def test_a_title_before_a_name_is_not_part_of_it(vocabulary):
    found = discovered("Ол елдің Премьер-министрі Арман Қасенов мырзамен кездесті.", vocabulary)
    assert found.get("Арман Қасенов") == "person" and "Премьер-министрі Арман Қасенов" not in found


@pytest.mark.parametrize("sentence, found", [
    ("Ресейлік клуб Андрей Мостовойды жаттықтырушы етіп тағайындады.", {"Андрей Мостовой": "person"}),
    ("Халқымыздың салт-дәстүрі бай.", {}),  # "our people's": a common noun
    ("Трамп Truth Social желісінде жазды.", {}),  # a platform in Latin letters, no person
    ("Полиция Жаңаөзен қаласында заңсыз көші-қон арнасын әшкереледі.", {}),  # a description
])
def test_what_is_no_name_and_what_an_accusative_hides(vocabulary, sentence, found):
    assert {k: v for k, v in discovered(sentence, vocabulary).items() if v != "place"} == found


def test_a_country_in_the_genitive_before_towns_sharing_a_head_is_no_part_of_them(vocabulary):
    found = tags_of("Жарыс Италияның Милан және Кортина қалаларында өтеді.", vocabulary)
    assert {"Милан", "Кортина"} <= set(found) and "italy" in {v[1] for v in found.values()}
    assert not any("Италияның" in label for label in found)


def test_an_organisation_noun_opening_a_common_phrase_is_no_body(vocabulary):
    assert "Ұйым қызметі" not in tags_of("Ұйым қызметінің нәтижелері талқыланды.", vocabulary)


def test_a_participle_before_the_head_describes_an_activity(vocabulary):
    found = discovered("Ерлан Қарин Жұмыс тобының атқарған қызметі туралы айтты.", vocabulary)
    assert "Жұмыс тобының атқарған қызметі" not in found and "Жұмыс тобы атқарған қызметі" not in found


def test_located_in_is_no_part_of_a_name(vocabulary):
    assert "Сібір аумағында орналасқан орталығы" not in discovered(
        "Ресейдің Сібір аумағында орналасқан орталығы жабылды.", vocabulary)


def test_the_post_of_a_role_is_no_body(vocabulary):
    assert discovered("Ол Ұлттық құраманың бас жаттықтырушысы қызметін атқарады.", vocabulary) == {}
    assert discovered("Мемлекеттік күзет қызметі хабарлады.", vocabulary) == {
        "Мемлекеттік күзет қызметі": "organization"}


def test_a_word_in_the_dative_does_not_start_a_bodys_name(vocabulary):
    """"Жағдайға қала әкімдігі пікір білдірді": the city's akimat commented on the situation."""
    assert discovered("Жағдайға қала әкімдігі пікір білдірді.", vocabulary) == {}
    assert discovered("Жағдайға Алматы қаласының әкімдігі пікір білдірді.", vocabulary) == {
        "Алматы қаласы әкімдігі": "organization"}


def test_quoted_name_before_head(vocabulary):
    found = discovered("Кеше « Жорға » ансамблі өнер көрсетті.", vocabulary)
    assert any(label.startswith("Жорға") and kind == "organization" for label, kind in found.items())


def test_place_by_head_noun(vocabulary):
    found = discovered("Оқиға Жамбыл облысы Байзақ ауданында болды.", vocabulary)
    assert any("Байзақ" in label and kind == "place" for label, kind in found.items())


def test_sentence_initial_function_words_are_not_entities(vocabulary):
    text = "Алайда бұл мәселе шешілмеді. Бүгінде жағдай өзгерді. Сондықтан жұмыс жалғасады."
    assert discovered(text, vocabulary) == {}


def test_vocabulary_wins_over_discovery(vocabulary):
    mentions = find_mentions("Қасым-Жомарт Тоқаев Минскке барды.", vocabulary)
    assert [m.tag_id for m in mentions] == ["kassym-jomart-tokayev", "minsk"]


def test_discovered_tags_have_latin_labels_no_english_and_ascii_ids(vocabulary):
    tags = [t for t in find_tags("Кездесуге Бердібек Сапарбаев қатысты.", vocabulary) if t.discovered]
    assert tags
    for tag in tags:
        assert tag.kk and tag.id.isascii()
        assert tag.en is None  # a transliteration is not an English name
        assert tag.latin == "Berdıbek Saparbaev"


def test_discovered_tag_id_is_stable_across_inflections():
    assert discovered_tag(base_form("Сюэсянды"), "person").id == discovered_tag("Сюэсян", "person").id


@pytest.mark.parametrize("text", ["аясында ол « келді » деді .", "123 , 456", "— « » ( )", ""])
def test_no_garbage_labels(vocabulary, text):
    for m in find_mentions(text, vocabulary):
        assert m.label[:1].isupper()


def test_model_ships_small_and_loads_fast():
    assert ner_crf.MODEL_PATH.exists()
    assert ner_crf.MODEL_PATH.stat().st_size < 5_000_000
    ner_crf._tagger.cache_clear()
    start = time.perf_counter()
    assert ner_crf.available()
    assert time.perf_counter() - start < 1.0


def test_spans_are_trimmed_to_names():
    tokens = kazakh.tokenize("Парламенттік ассамблея аясында")
    assert spans.trim(0, 3, tokens, "organization") == (0, 2)
    tokens = kazakh.tokenize("Ertenmedia-ның Telegram арнасы")
    assert spans.trim(0, 3, tokens, "organization") == (1, 3)


def test_works_without_a_model(monkeypatch, vocabulary):
    monkeypatch.setattr(ner_crf, "_tagger", lambda: None)
    found = discovered("Бұл туралы Самат Қайырденұлы айтты.", vocabulary)
    assert found.get("Самат Қайырденұлы") == "person"


def test_empty_vocabulary_still_discovers():
    empty = Vocabulary.from_entries([])
    found = {m.label for m in find_mentions("Бұл туралы Самат Қайырденұлы айтты.", empty)}
    assert "Самат Қайырденұлы" in found


def tags_of(text: str, vocabulary) -> dict[str, tuple[str, str | None]]:
    """kk label → (kind, vocabulary id) of every name found in ``text``."""
    return {m.label: (m.kind, m.tag_id) for m in find_mentions(text, vocabulary)}


@pytest.mark.parametrize("text, names", [
    ("Жол апаты Жандосов пен Әуезов көшелері қиылысында болды.", ("Жандосов", "Әуезов")),
    ("Дүкен Сейфуллин көшесінің бойында ашылды.", ("Сейфуллин",)),
    ("Жиналғандар Назарбаев даңғылымен жүріп өтті.", ("Назарбаев", "Нұрсұлтан Назарбаев")),
    ("Кептеліс Төлеби, Байтұрсынұлы және Сейфуллин даңғылдарында болды.", ("Байтұрсынұлы", "Сейфуллин")),
])
def test_a_name_before_a_street_word_is_no_person(vocabulary, text, names):
    found = tags_of(text, vocabulary)
    assert not [label for label, (kind, _) in found.items() if kind == "person" and label in names]


def test_a_name_before_a_district_word_is_the_district(vocabulary):
    found = tags_of("Кеше Әуезов ауданындағы үйде өрт шықты. Ал Алматы ауданында жарық сөнді.", vocabulary)
    assert found.get("Әуезов ауданы") == ("place", None)
    assert "Әуезов" not in found and "Алматы" not in found  # no person, no city


@pytest.mark.parametrize("text", ["Қонаевқа баяндадым, ол тыңдады.", "Мұны Д. Қонаев құптады.",
                                  "Қонаевтың айтуынша, іс жалғасуы тиіс."])
def test_a_place_shaped_like_a_surname_addressed_or_quoted_is_the_person(vocabulary, text):
    found = tags_of(text, vocabulary)
    assert ("place", "konayev") not in found.values()
    assert any(kind == "person" and "Қонаев" in label for label, (kind, _) in found.items())


def test_a_place_shaped_like_a_surname_stays_a_place_when_it_is_one(vocabulary):
    found = tags_of("Делегация Қонаевқа барды. Қонаевтың тұрғындары қуанды.", vocabulary)
    assert set(found.values()) == {("place", "konayev")}


@pytest.mark.parametrize("text", ["Матч Астана уақытымен 19:00-де басталады.",
                                  "Эфир Мәскеу уақыты бойынша кешке беріледі."])
def test_a_time_zone_is_not_the_place(vocabulary, text):
    assert not [kind for kind, _ in tags_of(text, vocabulary).values() if kind == "place"]


def test_cast_roles_in_brackets_are_not_persons(vocabulary):
    text = "Басты рөлдерде Әлібек Нұрланов (Дәурен) және Айгерім Сапарова (Жанар) ойнады."
    persons = {label for label, (kind, _) in tags_of(text, vocabulary).items() if kind == "person"}
    assert persons == {"Әлібек Нұрланов", "Айгерім Сапарова"}


def test_cast_roles_before_the_actors_in_brackets_are_not_persons(vocabulary):
    text = "Фильмде Дәурен (Әлібек Нұрланов) мен Жанар (Айгерім Сапарова) басты кейіпкерлер."
    persons = {label for label, (kind, _) in tags_of(text, vocabulary).items() if kind == "person"}
    assert persons == {"Әлібек Нұрланов", "Айгерім Сапарова"}


def test_a_name_in_brackets_that_is_no_role_still_counts(vocabulary):
    found = tags_of("Басқарма басшысы (Ерлан Жетібаев) мәлімдеме жасады.", vocabulary)
    assert found.get("Ерлан Жетібаев") == ("person", None)


@pytest.mark.parametrize("text, bad, good", [
    ("Бізге Картина соңғы бөлімі ұнады.", "Картина соңғы бөлімі", None),
    ("Жерасты дүмпулерінің ошағы Отар ауылы маңында болды.", "Жерасты дүмпулерінің ошағы Отар ауылы",
     "Отар"),  # a village is labelled by its name (settlement_heads)
])
def test_names_are_cut_to_the_name(vocabulary, text, bad, good):
    found = tags_of(text, vocabulary)
    assert bad not in found
    if good:
        assert found.get(good) == ("place", None)


def test_a_settlement_is_one_tag_with_or_without_its_head(vocabulary):
    """"Сарыбастау ауылында" and "Сарыбастауда" name one village; cities are
    labelled by their names, as the vocabulary writes them."""
    text = ("Райымбек ауданындағы Сарыбастау ауылында отбасы табылды. Полиция Сарыбастауда тексеру жүргізді. "
            "Украина полициясы тінтуді Черновцы және Одесса қалаларында жүргізді.")
    places = {label for label, (kind, _) in tags_of(text, vocabulary).items() if kind == "place"}
    assert {"Сарыбастау", "Черновцы", "Одесса"} <= places
    assert not {"Сарыбастау ауылы", "Черновцы қаласы", "Одесса қаласы"} & places


def test_a_title_that_goes_on_past_its_head_noun_is_not_cut(vocabulary):
    text = "Кездесуге Орталық партиясы ОК Саяси кеңесі тұрақты комитетінің мүшесі келді."
    labels = set(tags_of(text, vocabulary))
    assert "ОК Саяси кеңесі тұрақты комитеті" in labels and "ОК Саяси кеңесі" not in labels


def test_a_name_ending_in_a_bare_organisation_noun_goes_on_to_its_head(vocabulary):
    text = "Доллар бағамы Қазақстан қор биржасындағы сауда-саттықта төмендеді."
    labels = set(tags_of(text, vocabulary))
    assert "Қазақстан қор биржасы" in labels and "Қазақстан қор" not in labels


def test_a_press_office_cited_for_a_fact_is_no_tag(vocabulary):
    text = ("Атырау облысы ПД баспасөз қызметі мәліметінше, күдікті ұсталды. "
            "Бұл туралы Жамбыл облысы Денсаулық сақтау басқармасының баспасөз орталығы хабарлады.")
    labels = set(tags_of(text, vocabulary))
    assert not [label for label in labels if "баспасөз" in label.lower()]


def test_a_body_named_with_or_without_the_genitive_is_one_tag(vocabulary):
    """"Түркістан облысының әкімдігі" and "Түркістан облысы әкімдігі" name one akimat."""
    one = tags_of("Кеңес Түркістан облысының әкімдігінде өтті.", vocabulary)
    other = tags_of("Кеңес Түркістан облысы әкімдігінде өтті.", vocabulary)
    assert "Түркістан облысы әкімдігі" in one and "Түркістан облысы әкімдігі" in other


def test_quoted_names_keep_both_guillemets(vocabulary):
    text = "Форум «Астана» көрме орталығы» павильонында өтті. Шара «Жұлдыз» мәдениет үйінде болды."
    mentions = find_mentions(text, vocabulary)
    for m in mentions:
        for shown in (m.label, text[m.start : m.end]):
            assert shown.count("«") == shown.count("»"), shown
    assert "«Жұлдыз» мәдениет үйі" in {m.label for m in mentions} or all("Жұлдыз" not in m.label for m in mentions)


@pytest.mark.parametrize("text", [
    "Ержан Әбдіқалықов мәлімдеме жасады. Бұл туралы Әбдіқалықов айтты.",
    "Бүгін Ерлан Жетібаев келді. Жетібаевтың айтуынша, жоба аяқталды. Е. Жетібаев та сөйледі.",
])
def test_a_surname_next_to_the_full_name_is_one_person(vocabulary, text):
    persons = [t for t in find_tags(text, vocabulary) if t.kind == "person"]
    assert len(persons) == 1 and len(persons[0].mentions) >= 2


def test_two_people_with_one_surname_are_not_merged_into_either(vocabulary):
    text = ("Ержан Әбдіқалықов пен Айгүл Әбдіқалықова келді. Асқар Әбдіқалықов те келді. "
            "Бұл туралы Әбдіқалықов айтты.")
    persons = {t.kk for t in find_tags(text, vocabulary) if t.kind == "person"}
    assert {"Ержан Әбдіқалықов", "Асқар Әбдіқалықов"} <= persons


@pytest.mark.parametrize("text, label", [
    ("Жиында Бейбітшілік Ассамблеясы үндеу қабылдады.", "Бейбітшілік Ассамблеясы"),
    ("Оны ССРО Жоғарғы Советі Ұлттар Советі бекітті.", "Советі"),
])
def test_a_name_with_an_organisations_head_noun_is_no_person(vocabulary, text, label):
    found = tags_of(text, vocabulary)
    assert not [lb for lb, (kind, _) in found.items() if kind == "person"]
    assert any(label in lb and kind == "organization" for lb, (kind, _) in found.items())


@pytest.mark.parametrize("text, regions", [
    ("Жамбыл және Алматы облыстарының әкімдері кездесті.", {"zhambyl-region", "almaty-region"}),
    ("Қар Ақмола, Павлодар және Қарағанды облыстарында жауды.",
     {"akmola-region", "pavlodar-region", "karaganda-region"}),
    ("Шымкент және Түркістан қалаларында жарық сөнді.", {"shymkent", "turkistan"}),
])
def test_names_sharing_a_plural_head_are_each_tagged(vocabulary, text, regions):
    found = {tag_id for _, tag_id in tags_of(text, vocabulary).values()}
    assert regions <= found and not found & {"almaty", "pavlodar", "karaganda"}


@pytest.mark.parametrize("text", ["Жобаның құны 2 миллиард АҚШ доллары болады.",
                                  "Бағасы 500 Ресей рублін құрады."])
def test_a_currency_is_not_the_country(vocabulary, text):
    assert not [kind for kind, _ in tags_of(text, vocabulary).values() if kind == "place"]


@pytest.mark.parametrize("text", ["«Астана – Балқаш» бағыты бойынша рейс ашылды.",
                                  "Зауыт «Беларусь» тракторларын шығарады.",
                                  "Ол «Қазақстан» телеарнасында жүргізуші болды."])
def test_a_place_in_a_quoted_title_is_not_the_place(vocabulary, text):
    assert not [kind for kind, _ in tags_of(text, vocabulary).values() if kind == "place"]


@pytest.mark.parametrize("text", ["«Біз Қазақстанмен ынтымақтастықты дамытамыз, бұл маңызды», – деді министр.",
                                  "Сарапшылар: «Қазақстан экономикасы өседі».",
                                  "«Қазақстан алға басады» деді ол.",
                                  "Елорданы «Астана» шаһары деп атады."])
def test_a_place_in_quoted_speech_or_before_a_place_word_is_still_the_place(vocabulary, text):
    assert ("place", "kazakhstan") in tags_of(text, vocabulary).values() or \
        ("place", "astana") in tags_of(text, vocabulary).values()


def test_the_plural_of_a_name_is_not_the_name(vocabulary):
    found = tags_of("Үкіметтер де жұмыс істейді. Ал Үкімет шешім қабылдады.", vocabulary)
    assert [m for m in find_mentions("Үкіметтер де жұмыс істейді.", vocabulary)] == []
    assert ("organization", "government-of-kazakhstan") in found.values()


def test_someones_service_is_not_an_organisation(vocabulary):
    assert tags_of("Кездесуде Елбасының қызметін қамтамасыз ету талқыланды.", vocabulary) == {}


def test_an_organisation_named_after_a_known_place_takes_the_place_in(vocabulary):
    text = "Биыл ғана Қарағанды мемлекеттік техникалық университетінде мың студент оқиды."
    found = tags_of(text, vocabulary)
    assert found.get("Қарағанды мемлекеттік техникалық университеті") == ("organization", None)
    assert ("place", "karaganda") not in found.values()


def test_a_name_before_a_word_for_a_thing_is_no_organisation(vocabulary):
    assert tags_of("Жазушы «Алаш» сыйлығын алды.", vocabulary) == {}


@pytest.mark.parametrize("text, thing", [("Отбасы «Жұлдызды» тұрғын үй кешенінде тұрады.", True),
                                         ("Ұстаз «Құрмет» орденімен марапатталды.", True),
                                         ("Бұл «Самұрық» қорының шешімі.", False)])
def test_words_for_things_named_after_a_name(text, thing):
    from digest.extract import name_context

    tokens = kazakh.tokenize(text)
    i = next(k for k, t in enumerate(tokens) if t.text[:1].isupper() and k)
    assert name_context.names_a_thing(tokens, i, i + 1, "organization", text) is thing


def test_an_organisation_before_a_thing_it_has_stays(vocabulary):
    found = tags_of("«Болашақ» қаржы орталығының ақпараттық жүйесі жаңарды.", vocabulary)
    assert any(kind == "organization" and "Болашақ" in label for label, (kind, _) in found.items())


def test_a_sentence_initial_noun_and_a_located_word_are_no_organisation(vocabulary):
    found = tags_of("Делегация Стамбұлдағы еліміздің Бас консулдығында болды.", vocabulary)
    assert not [label for label in found if label.startswith("Делегация")]
    assert ("place", "istanbul") in found.values() or any(k == "place" for k, _ in found.values())
