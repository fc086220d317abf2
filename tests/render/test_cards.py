"""Share cards: size, Kazakh glyphs drawn (not boxes), same bytes every time, drawn once, wired to og:image."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image, ImageChops, ImageFont

from digest.render import cards
from digest.render.cards import Card, article_card, card_meta, draw_card, fit_title, write_cards
from conftest import make_article

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
SITE = "Жаңалықтар дайджесті · News digest"


def card(title="Әлемдегі ең ұзын көпір Қытайда ашылды", source="Хабар 24", date="2024 жылғы 15 наурыз"):
    return Card(title, source, date, SITE)


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("font_name", [cards.TITLE_FONT, cards.TEXT_FONT])
def test_the_fonts_draw_every_kazakh_letter(font_name):
    font = ImageFont.truetype(str(cards.font_file(font_name)), 48)
    missing = font.getmask("\U000f0000")  # a private-use code point no font has: its box (.notdef)
    for letter in KAZAKH_LETTERS:
        mask = font.getmask(letter)
        assert mask.getbbox() is not None, letter  # something is drawn
        assert (mask.size, bytes(mask)) != (missing.size, bytes(missing)), f"{letter} is drawn as .notdef"


def test_a_card_is_1200_by_630_png():
    image = png(draw_card(card()))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_the_same_card_gives_the_same_bytes_and_no_time_chunk():
    first = draw_card(card())
    assert draw_card(card()) == first
    assert b"tIME" not in first and b"tEXt" not in first


def test_the_title_is_drawn_where_a_title_goes():
    with_title = png(draw_card(card())).convert("RGB")
    without = png(draw_card(card(title="."))).convert("RGB")
    box = ImageChops.difference(with_title, without).getbbox()
    assert box is not None
    left, top, right, bottom = box
    assert left >= cards.MARGIN - 5 and right <= 1200 - cards.MARGIN + 5
    assert top >= cards.TITLE_TOP - 10 and bottom <= cards.TITLE_BOTTOM + 10


def test_source_and_date_are_on_the_card():
    plain = png(draw_card(card(source="", date=""))).convert("RGB")
    for other in (card(date=""), card(source="")):
        assert ImageChops.difference(plain, png(draw_card(other)).convert("RGB")).getbbox() is not None


def test_a_long_title_fits_smaller_and_a_huge_one_ends_in_an_ellipsis():
    short_font, short_lines = fit_title("Қысқа тақырып")
    long_title = " ".join(["Қазақстан Республикасының Үкіметі өңірлердегі жағдайды талқылады"] * 3)
    long_font, long_lines = fit_title(long_title)
    assert short_lines == ["Қысқа тақырып"]
    assert long_font.size < short_font.size
    height = len(long_lines) * round(long_font.size * cards.TITLE_LINE)
    assert height <= cards.TITLE_BOTTOM - cards.TITLE_TOP
    huge_font, huge_lines = fit_title(long_title * 5)
    assert huge_font.size == min(cards.TITLE_SIZES)
    assert huge_lines[-1].endswith("…")
    width = 1200 - 2 * cards.MARGIN
    assert all(huge_font.getlength(line) <= width for line in huge_lines + long_lines)


def test_a_word_wider_than_the_card_is_cut():
    font, lines = fit_title("Ә" * 200)
    assert len(lines) > 1
    assert all(font.getlength(line) <= 1200 - 2 * cards.MARGIN for line in lines)


def test_the_file_name_follows_what_the_card_shows():
    names = {card().file_name, card(title="Басқа тақырып").file_name, card(source="Kazinform").file_name,
             card(date="2024 жылғы 16 наурыз").file_name, Card(card().title, "Хабар 24", card().date, "Басқа").file_name}
    assert len(names) == 5
    assert card().file_name == card().file_name
    assert card().file_name.endswith(".png")


def test_an_article_card_shows_its_title_source_kazakh_date_and_site(config):
    article = make_article("kopir", "Көпір ашылды", date=dt.date(2024, 3, 15), source="Хабар 24")
    made = article_card(article, config)
    assert made.title == "Көпір ашылды" and made.source == "Хабар 24"
    assert "2024" in made.date and "наурыз" in made.date
    name = config.settings["site_name"]
    assert name["kk"] in made.site_name and name["en"] in made.site_name
    undated = article_card(make_article("x", "Көпір", source=None), config)
    assert (undated.source, undated.date) == ("", "")
    assert card_meta(article, config) == {"src": f"cards/{made.file_name}", "width": 1200, "height": 630}


def test_cards_are_drawn_once_and_reused(config, tmp_path, monkeypatch):
    articles = [make_article("a", "Бірінші жаңалық"), make_article("b", "Екінші жаңалық"),
                make_article("c", "Бірінші жаңалық")]  # same title, source and date as "a": one card
    paths, drawn = write_cards(articles, config, tmp_path)
    assert drawn == 2 and len(paths) == 2
    assert all(p.parent == tmp_path / "cards" and p.is_file() for p in paths)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}

    def no_drawing(card):
        raise AssertionError(f"drew {card} again")

    monkeypatch.setattr(cards, "draw_card", no_drawing)
    again, drawn = write_cards(articles, config, tmp_path)
    assert drawn == 0 and again == paths
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == before


def test_a_changed_title_makes_a_new_card(config, tmp_path):
    old, _ = write_cards([make_article("a", "Бірінші нұсқа")], config, tmp_path)
    new, drawn = write_cards([make_article("a", "Түзетілген нұсқа")], config, tmp_path)
    assert drawn == 1 and old != new


def test_a_fresh_docs_folder_takes_its_cards_from_the_store(config, tmp_path, monkeypatch):
    """CI restores build/cache (the store) but not build/docs: no card is drawn again."""
    store = tmp_path / "cache" / "cards"
    articles = [make_article("a", "Бірінші жаңалық"), make_article("b", "Екінші жаңалық")]
    first, drawn = write_cards(articles, config, tmp_path / "docs", store)
    assert drawn == 2 and sorted(p.name for p in store.iterdir()) == sorted(p.name for p in first)
    monkeypatch.setattr(cards, "draw_card", lambda card: pytest.fail(f"drew {card} again"))
    fresh, drawn = write_cards(articles, config, tmp_path / "fresh-docs", store)
    assert drawn == 0
    assert [p.read_bytes() for p in sorted(fresh)] == [p.read_bytes() for p in sorted(first)]
    # The store keeps this build's cards only.
    monkeypatch.undo()
    write_cards(articles[:1], config, tmp_path / "fresh-docs", store)
    assert [p.name for p in store.iterdir()] == [article_card(articles[0], config).file_name]


@pytest.mark.slow
def test_built_article_pages_carry_their_card(built_site):
    site = built_site
    pages = sorted(site.glob("articles/*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'name="twitter:card" content="summary_large_image"' in html
        start = html.index('property="og:image" content="') + len('property="og:image" content="')
        url = html[start:html.index('"', start)]
        assert url.startswith("https://") and "/cards/" in url
        assert '<meta property="og:image:width" content="1200">' in html
        assert '<meta property="og:image:height" content="630">' in html
        image = png((site / "cards" / url.rsplit("/", 1)[1]).read_bytes())
        assert image.size == (1200, 630)


def test_without_the_font_package_the_error_says_what_to_install(monkeypatch):
    from digest.model import DigestError

    monkeypatch.setattr(cards, "FONT_PACKAGE", "no_such_font_package_here")
    cards.font_file.cache_clear()
    try:
        with pytest.raises(DigestError, match="font-source-sans-pro"):
            cards.font_file("Missing.ttf")
    finally:
        cards.font_file.cache_clear()
