"""Share cards: the 1200×630 PNG a shared link shows (og:image), one per article.

Drawn at build time with Pillow in Source Sans Pro (OFL, from the
``font-source-sans-pro`` package: no font is fetched, and it covers Kazakh
Cyrillic, Ә Ғ Қ Ң Ө Ұ Ү Һ І, which Material's social plugin draws as boxes).
A card shows the title (wrapped, the largest size that fits), the source,
the date in Kazakh and the site's name.

A card's file name is a hash of everything it is drawn from (title, source,
date, site name, the fonts' bytes, this module's code and Pillow's version),
so a card already in the folder is never drawn again, and a changed title
makes a new file. The PNG holds no time or other varying chunk: the same
inputs give the same bytes.

The card is drawn on one 8-bit channel and saved as a palette image: the
channel is how far each pixel goes from the background towards white (the
antialiased text), the palette maps it to colours. A third of the time and
size of an RGB card (1,000 cards are drawn on a first build).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import io
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Iterable

import PIL
from PIL import Image, ImageDraw, ImageFont

from digest.config import SiteConfig
from digest.model import Article, DigestError
from digest.render.dates import kazakh_date
from digest.render.shares import make_pages
from digest.render.writer import link_or_copy

WIDTH, HEIGHT = 1200, 630
CARDS_DIR = "cards"  # under the docs folder: MkDocs copies it into the site
STORE_DIR = "cards"  # under build/cache/: the cards drawn, kept with the extraction cache
FONT_PACKAGE = "font_source_sans_pro"
TITLE_FONT = "SourceSansPro-Bold.ttf"
TEXT_FONT = "SourceSansPro-Semibold.ttf"

MARGIN = 80
TITLE_TOP = 150
TITLE_BOTTOM = 500  # the title fits between these
TITLE_SIZES = (76, 68, 60, 54, 48, 42)  # the largest that fits is used
TITLE_LINE = 1.18  # line height, × the size
SMALL_SIZE = 32
# Colours: the background, white (the far end of the channel) and the accent
# bar (the channel's last value, which no antialiased text reaches).
BACKGROUND = (40, 53, 147)  # Material's indigo 800
INK = (255, 255, 255)
ACCENT = (29, 233, 182)  # teal A400
ACCENT_LEVEL = 255
TITLE_LEVEL = 254  # white
MUTED_LEVEL = 190  # light indigo: site name, source, date


@dataclass(frozen=True)
class Card:
    """What one card shows."""

    title: str
    source: str  # "" when unknown
    date: str  # as shown, "" when undated
    site_name: str

    @property
    def file_name(self) -> str:
        """``<hash>.png``: the hash of the card's texts, fonts and drawing code."""
        data = "\x1f".join((self.title, self.source, self.date, self.site_name, drawing_version()))
        return hashlib.blake2b(data.encode("utf-8"), digest_size=12).hexdigest() + ".png"


def article_card(article: Article, config: SiteConfig) -> Card:
    """The card of ``article``."""
    name = config.settings["site_name"]
    return Card(
        title=article.title,
        source=article.source or "",
        date=kazakh_date(article.date.isoformat(), config) if article.date else "",
        site_name=f"{name['kk']} · {name['en']}",
    )


def card_meta(article: Article, config: SiteConfig) -> dict:
    """The card as the article page's front matter gives it to the theme
    (og:image): its path from the site's root and its size."""
    return {"src": f"{CARDS_DIR}/{article_card(article, config).file_name}", "width": WIDTH, "height": HEIGHT}


def write_cards(articles: Iterable[Article], config: SiteConfig, docs_dir: Path,
                store: Path | None = None) -> tuple[set[Path], int]:
    """Put the card of every article in ``docs_dir``; return every article's
    card path (the files to keep) and how many were drawn.

    A card is drawn (on every core when there are many: a first build) only
    when neither ``docs_dir`` nor ``store`` has it. ``store`` (build/cache/cards)
    keeps the cards beside the extraction cache, which CI restores: a publish
    from a fresh checkout links its cards instead of drawing them again. It
    is left holding this build's cards only."""
    paths: set[Path] = set()
    missing: list[tuple[str, Callable[[], bytes]]] = []
    for article in articles:
        card = article_card(article, config)
        path = docs_dir / CARDS_DIR / card.file_name
        if path not in paths and not path.is_file() and not (store and (store / card.file_name).is_file()):
            missing.append((card.file_name, partial(draw_card, card)))
        paths.add(path)
    if store is None:
        make_pages(docs_dir / CARDS_DIR, missing)
        return paths, len(missing)
    make_pages(store, missing)
    for path in paths:
        if not path.is_file():
            link_or_copy(store / path.name, path)
    for stale in set(store.glob("*.png")) - {store / path.name for path in paths}:
        stale.unlink()
    return paths, len(missing)


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes."""
    image = _blank().copy()
    draw = ImageDraw.Draw(image)
    small = _font(TEXT_FONT, SMALL_SIZE)
    draw.text((MARGIN, 64), card.site_name, font=small, fill=MUTED_LEVEL)
    font, lines = fit_title(card.title)
    line_height = round(font.size * TITLE_LINE)
    top = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - line_height * len(lines)) // 2
    for i, line in enumerate(lines):
        draw.text((MARGIN, top + i * line_height), line, font=font, fill=TITLE_LEVEL)
    footer = " · ".join(part for part in (card.source, card.date) if part)
    if footer:
        draw.text((MARGIN, HEIGHT - 64 - SMALL_SIZE), footer, font=small, fill=MUTED_LEVEL)
    image.putpalette(_palette())
    buffer = io.BytesIO()
    # zlib's fast levels (1-3) take a third of the default's time here, for 20% more bytes.
    image.save(buffer, format="PNG", optimize=False, compress_level=3)
    return buffer.getvalue()


def fit_title(title: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title font whose wrapped lines fit the card, and the lines;
    at the smallest size, a title still too long ends in "…"."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(TITLE_FONT, size)
        lines = wrap(title, font, width)
        if len(lines) * round(size * TITLE_LINE) <= TITLE_BOTTOM - TITLE_TOP:
            return font, lines
    most = (TITLE_BOTTOM - TITLE_TOP) // round(size * TITLE_LINE)
    last = lines[most - 1]
    while last and font.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return font, lines[:most - 1] + [last + " …"]


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; a word longer than a line is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:  # a single word wider than the card
            cut = len(word) - 1
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


@lru_cache(maxsize=None)
def font_file(name: str) -> Path:
    """The path of one of the package's font files."""
    try:
        return Path(str(importlib.resources.files(FONT_PACKAGE).joinpath("files", name)))
    except ModuleNotFoundError:
        raise DigestError("share cards need the font-source-sans-pro package: pip install -e . "
                          "(it is among the digest's dependencies)") from None


@lru_cache(maxsize=None)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(name)), size)


@lru_cache(maxsize=1)
def drawing_version() -> str:
    """A hash of what draws a card besides its texts: fonts, this code, Pillow."""
    h = hashlib.blake2b(digest_size=12)
    for name in (TITLE_FONT, TEXT_FONT):
        h.update(font_file(name).read_bytes())
    h.update(Path(__file__).read_bytes())
    h.update(PIL.__version__.encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _blank() -> Image.Image:
    """The background all cards share: the accent bar on the plain channel."""
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    ImageDraw.Draw(image).rectangle((0, 0, 15, HEIGHT), fill=ACCENT_LEVEL)
    return image


@lru_cache(maxsize=1)
def _palette() -> list[int]:
    """Channel value → colour: from the background to white, then the accent."""
    colours = []
    for level in range(256):
        if level == ACCENT_LEVEL:
            colours.extend(ACCENT)
            continue
        t = level / TITLE_LEVEL
        colours.extend(round(b + (i - b) * t) for b, i in zip(BACKGROUND, INK))
    return colours
