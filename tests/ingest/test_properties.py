"""Property tests: arbitrary Unicode never crashes ingest, cleaning or the language core."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest import kazakh
from digest.extract import extract_article
from digest.ingest.reader import parse_document
from digest.model import DigestError

KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяАӘБҒҚҢӨҰҮҺІ"
texty = st.text(
    alphabet=st.one_of(st.sampled_from(KAZAKH + " .,!?«»\"-–—:;\n0123456789"), st.characters()),
    max_size=400,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty)
def test_ingest_and_extract_never_crash(config, text):
    try:
        doc = parse_document(text.encode("utf-8", "surrogatepass"), config, "x.txt")
    except DigestError:
        return
    except UnicodeEncodeError:
        return
    article = extract_article(doc, config)
    for sentence in article.summary:
        assert sentence in doc.text
    for entry in article.timeline:
        assert doc.text[entry.start:entry.start + len(entry.text)] == entry.text
    for tag in article.tags:
        assert tag.kk and tag.en


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_language_core_total(text):
    normalized = kazakh.normalize(text)
    for sentence in kazakh.split_sentences(normalized):
        assert normalized[sentence.start:sentence.end] == sentence.text
    for token in kazakh.tokenize(normalized):
        assert normalized[token.start:token.end] == token.text
        kazakh.stem(token.text)
    kazakh.transliterate(normalized)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_are_read_or_refused(config, data):
    try:
        parse_document(data, config, "b.txt")
    except DigestError as exc:
        assert exc.path == "b.txt"
