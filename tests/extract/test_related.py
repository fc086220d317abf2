"""Related articles: same subject first, rare shared tags over common ones, the index against every pair."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import digest.extract.related as related
from digest.extract.related import article_vectors, rank_related, relate_articles
from digest.model import Article, Block, Document, Meta, Tag

# Our own short articles: three subjects, two articles each (the second told
# differently, as another outlet would), and one on nothing else's subject.
TEXTS = {
    "flood-1": ("Атырау облысында су тасқыны басталды",
                "Атырау облысында көктемгі су тасқыны басталды. Жайық өзенінің деңгейі көтеріліп, "
                "үш ауылдың тұрғындары көшірілді. Құтқарушылар бөгет салып жатыр.",
                ("atyrau-region", "zhaiyk")),
    "flood-2": ("Жайық өзені арнасынан асты",
                "Жайық өзені арнасынан асып, Атырау облысындағы ауылдарды су басты. Төтенше "
                "жағдайлар министрлігі құтқарушыларды жіберді. Тұрғындар мектепке көшірілді.",
                ("atyrau-region", "zhaiyk", "emergencies-ministry")),
    "wheat-1": ("Қостанай диқандары бидай орып жатыр",
                "Қостанай облысында егін ору науқаны қызып тұр. Диқандар бидайдың әр гектарынан "
                "жиырма центнерден өнім алуда. Астық қоймалары толуда.",
                ("kostanay-region", "agriculture")),
    "wheat-2": ("Астық өнімі былтырғыдан мол",
                "Биыл Қостанай облысында бидай өнімі мол болды. Егін ору аяқталуға жақын, "
                "диқандар астықты элеваторға тасып жатыр.",
                ("kostanay-region", "agriculture", "grain-company")),
    "chess-1": ("Алматыда шахматтан жасөспірімдер турнирі өтті",
                "Алматыда шахматтан жасөспірімдер арасындағы турнир өтті. Жеңімпаз атанған "
                "шахматшы Әлия Нұрланқызы әлем біріншілігіне жолдама алды.",
                ("almaty", "aliya-nurlankyzy", "chess")),
    "chess-2": ("Әлия Нұрланқызы әлем біріншілігіне барады",
                "Жас шахматшы Әлия Нұрланқызы Алматыдағы турнирде жеңіске жетті. Енді ол "
                "шахматтан әлем біріншілігінде ел намысын қорғайды.",
                ("almaty", "aliya-nurlankyzy", "chess")),
    "opera-1": ("Астанада жаңа опера қойылды",
                "Астана опера театрында жаңа қойылымның тұсаукесері болды. Көрермендер әншілерді "
                "ду қол шапалақтап қарсы алды.",
                ("astana-opera",)),
}


def article(key: str, title: str, text: str, tags=(), date=None, salience=None) -> Article:
    doc = Document(path=f"content/{key}.txt", meta=Meta(), blocks=(Block("paragraph", text),), text=text)
    made = tuple(Tag(t, "topic", t, None, mentions=(), salience=(salience or {}).get(t, 0.0)) for t in tags)
    return Article(document=doc, slug=key, title=title, source=None, date=date,
                   summary=(text.split(". ")[0] + ".",), tags=made, timeline=())


@pytest.fixture
def corpus() -> list[Article]:
    return [article(k, title, text, tags) for k, (title, text, tags) in TEXTS.items()]


def related_of(articles: list[Article]) -> dict[str, list[str]]:
    return {a.slug: [p.removeprefix("content/").removesuffix(".txt") for p in a.related]
            for a in relate_articles(articles)}


def test_same_subject_comes_first(corpus):
    found = related_of(corpus)
    for a, b in (("flood-1", "flood-2"), ("wheat-1", "wheat-2"), ("chess-1", "chess-2")):
        assert found[a][:1] == [b]
        assert found[b][:1] == [a]


def test_never_itself_at_most_five_and_only_known_paths(corpus):
    many = corpus + [article(f"flood-{i}", "Су тасқыны", TEXTS["flood-1"][1], TEXTS["flood-1"][2])
                     for i in range(3, 10)]
    out = relate_articles(many)
    paths = {a.path for a in many}
    for a in out:
        assert a.path not in a.related
        assert len(a.related) <= 5
        assert len(set(a.related)) == len(a.related)
        assert set(a.related) <= paths


def test_nothing_in_common_is_not_related(corpus):
    assert related_of(corpus)["opera-1"] == []


def test_input_order_and_the_rest_of_the_article_kept(corpus):
    out = relate_articles(corpus)
    assert [a.path for a in out] == [a.path for a in corpus]
    for before, after in zip(corpus, out):
        assert (after.title, after.tags, after.summary, after.document) == (
            before.title, before.tags, before.summary, before.document)


def test_one_or_no_article():
    assert relate_articles([]) == []
    lone = article("flood-1", *TEXTS["flood-1"])
    assert relate_articles([lone])[0].related == ()


def test_a_rare_shared_tag_outweighs_a_common_one():
    text = "Бүгін жиналыс өтті. Қатысушылар пікір алмасты."
    common = [article(f"other-{i}", f"Жаңалық {i}", f"Басқа оқиға {i} туралы хабар.", ("kazakhstan",))
              for i in range(6)]
    target = article("target", "Жиналыс", text, ("kazakhstan", "rare-name"))
    rare = article("rare", "Кездесу", "Ертең кездесу болады.", ("rare-name",))
    everywhere = article("everywhere", "Жиын", "Кеше жиын болды.", ("kazakhstan",))
    found = related_of([target, everywhere, rare] + common)
    assert found["target"][0] == "rare"


def test_salience_decides_between_shared_tags():
    base = "Үкімет отырысы өтті. Министрлер баяндама жасады."
    target = article("target", "Отырыс", base, ("main-subject", "passing-mention"),
                     salience={"main-subject": 1.0, "passing-mention": 0.1})
    on_subject = article("on-subject", "Жаңа заң", "Заң жобасы талқыланды.", ("main-subject",),
                         salience={"main-subject": 0.9})
    in_passing = article("in-passing", "Ауа райы", "Жаңбыр жауады.", ("passing-mention",),
                         salience={"passing-mention": 0.9})
    found = related_of([target, in_passing, on_subject])
    assert found["target"][0] == "on-subject"  # the passing mention, if linked at all, comes after


def test_closer_in_date_breaks_a_tie():
    title, text, tags = TEXTS["chess-1"]
    day = dt.date(2024, 3, 15)
    target = article("target", title, text, tags, date=day)
    far = article("far", title, text, tags, date=day - dt.timedelta(days=400))
    near = article("near", title, text, tags, date=day + dt.timedelta(days=2))
    assert related_of([target, far, near])["target"] == ["near", "far"]
    # undated: the order they were given in
    undated = [article(k, title, text, tags) for k in ("target", "b", "a")]
    assert related_of(undated)["target"] == ["b", "a"]


def test_the_same_story_from_two_outlets_is_related(corpus):
    title, text, tags = TEXTS["wheat-1"]
    copy = article("wheat-copy", title, text, tags)
    assert related_of(corpus + [copy])["wheat-1"][0] == "wheat-copy"


def test_the_index_scores_as_every_pair_would(corpus):
    vectors = article_vectors(corpus)
    dates = [None] * len(corpus)
    expected = []
    for i, v in enumerate(vectors):
        scores = [(sum(w * vectors[j].get(f, 0.0) for f, w in v.items()), -j)
                  for j in range(len(vectors)) if j != i]
        expected.append([-j for s, j in sorted(scores, reverse=True) if s >= related.MIN_SCORE][:5])
    assert rank_related(vectors, dates) == expected


def test_capped_postings_still_find_the_strongest_pairs(corpus, monkeypatch):
    # Past MAX_POSTING articles a feature pairs only those it weighs most in;
    # a pair that shares several features is still found.
    monkeypatch.setattr(related, "MAX_POSTING", 2)
    found = related_of(corpus)
    assert found["chess-1"][:1] == ["chess-2"]
    assert found["flood-2"][:1] == ["flood-1"]


def test_extract_json_lists_the_related_seed(capsys, repo, monkeypatch):
    from digest.commands import extract

    monkeypatch.chdir(repo)
    assert extract.run(["content"]) == 0
    articles = {a["path"]: a for a in json.loads(capsys.readouterr().out)["articles"]}
    belarus = [p for p, a in articles.items() if any(t["id"] == "belarus" for t in a["tags"])]
    assert len(belarus) == 2
    for path in belarus:
        other = next(p for p in belarus if p != path)
        assert articles[path]["related"][0] == other


def test_a_build_relates_cached_articles_to_new_ones(repo, config, tmp_path):
    import shutil

    from digest.cache import ExtractionCache
    from digest.pipeline import collect

    content = tmp_path / "content"
    content.mkdir()
    seeds = {p.name[:3]: p for p in sorted((repo / "content").glob("*.txt"))}
    for number in ("000", "004"):  # a visit to Minsk, a visit from Beijing
        shutil.copy(seeds[number], content)
    cache_dir = tmp_path / "cache"
    first = {a.path.rsplit("/", 1)[1][:3]: a
             for a in collect(content, config, cache=ExtractionCache(cache_dir, config)).articles}
    shutil.copy(seeds["002"], content)  # Belarus again: related to the Minsk visit
    collection = collect(content, config, cache=ExtractionCache(cache_dir, config))
    assert collection.cached == 2
    now = {a.path.rsplit("/", 1)[1][:3]: a for a in collection.articles}
    assert now["000"].related[:1] == (now["002"].path,)
    assert now["002"].related[:1] == (now["000"].path,)
    assert first["000"].related != now["000"].related  # made again, not taken from the cache
