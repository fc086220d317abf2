"""Who published an article: its credit line, its dateline, and the outlet list.

An article names its outlet in its lead ("…, – деп хабарлайды Tengrinews.kz
тілшісі. Бұл…", "…өтті деп хабарлайды ҚазАқпарат тілшісі.") or in a dateline
that opens it ("ХЕЛЬСИНКИ, 28 июнь. (ТАСС).", "АСТАНА. 15 наурыз. ҚазАқпарат –").
A credit that closes a quotation ("«…», – деп хабарлайды банктің баспасөз
қызметі.") is a speaker's, not the article's. The spellings of one outlet
(ҚазАқпарат = Kazinform = inform.kz) are ``site_config/outlets.yml``, with the
verbs of a credit and the words after an outlet's name that are not part of it
("тілшісі"). Hand-written: no library reads Kazakh news credits.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from digest.yamlio import read_yaml
from digest.ingest.datetext import day_month, parse_date
from digest.model import DigestError

OUTLETS_FILE = "outlets.yml"
# What a site without site_config/outlets.yml still knows.
DEFAULT_VERBS = ("хабарлайды", "хабарлады", "жазады", "жазды", "хабар таратады", "хабар таратты")
DEFAULT_CREDIT_WORDS = ("тілшісі", "тілшісінің", "корреспонденті", "корреспондентінің", "агенттігі", "агенттігінің")
DEFAULT_ACCORDING = ("хабарлауынша", "мәліметінше", "дерегінше", "жазуынша")
DEFAULT_ISSUERS = ("баспасөз қызметі", "пресс-служба")
DEFAULT_CITING = ("сілтеме жасап", "сілтеме жасай отырып", "сілтемемен", "сүйеніп", "сүйене отырып")
MAX_CITED_CHARS = 80  # "… тілшісі Төтенше жағдайлар министрлігіне сілтеме жасап": whom the credit cites
MAX_ISSUER_WORDS = 12
_GENITIVE = r"(?:-?(?:ның|нің|дың|дің|тың|тің))?"
MAX_NAME_WORDS = 6
_CLOSING_QUOTE = re.compile(r"[»\"”][,.!?…]*\s*[-–—]?\s*$")
_WEB_NAME = re.compile(r"\.(?:kz|ru|com|org|net|info|news|qaz)\b", re.I)
_NAME_END = re.compile(r"\s*(?:[,;:()\[\]]|[.!?…]+(?=\s|$)|\s[-–—](?=\s)|$)")
_WORD = re.compile(r"\S+")
_SOURCE_LINE = re.compile(r"(?:дереккөз|дерек көзі|ақпарат көзі|источник|source)\s*[:：]\s*(.{2,60}?)[\s.]*$", re.I)
_CAPS = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_DATELINE = re.compile(
    rf"(?P<place>[{_CAPS}][^\W\d_'’ -]*(?:[ -][{_CAPS}][^\W\d_'’-]*){{0,2}})\s*[.,]\s*"
    r"(?:(?P<date>\d{1,2}(?:-\w{1,3})?\s+[^\W\d_]+(?:\s+\d{4}(?:\s*(?:жылы|ж\.?|г\.?))?)?)\.?\s*[.,]?\s*)?"
    r"(?:[(/\[]\s*(?P<wrapped>[^()/\[\]\n]{2,40}?)\s*[)/\]]\s*[.,]?\s*[-–—]?\s*"
    # a bare outlet may be a web address: a dot with no space after it ("Tengrinews.kz")
    r"|(?P<bare>[^\W\d_](?:[^\n.,–—()]|\.(?=\w)){1,40}?)\s*[-–—]\s+)?"
)


def _key(name: str) -> str:
    """What two spellings of one outlet have in common: no case, spaces, quotes or final dot."""
    return re.sub(r"[\s«»\"“”']+", "", name).casefold().rstrip(".")


@dataclass(frozen=True)
class Outlets:
    """The outlet list: canonical names by spelling, and the words of a credit."""

    names: dict[str, str]  # _key(spelling) → canonical name
    spellings: tuple[str, ...]  # every name and alias as written, longest first
    verbs: tuple[str, ...] = DEFAULT_VERBS
    credit_words: tuple[str, ...] = DEFAULT_CREDIT_WORDS
    according: tuple[str, ...] = DEFAULT_ACCORDING  # "Kazinform хабарлауынша"
    issuers: tuple[str, ...] = DEFAULT_ISSUERS  # "… баспасөз қызметі" heading a press release
    citing: tuple[str, ...] = DEFAULT_CITING  # "… тілшісі Ақордаға сілтеме жасап"

    def canonical(self, name: str) -> str:
        """The outlet's name as outlets.yml spells it; an unknown one as written."""
        return self.names.get(_key(name), name)

    def known(self, name: str) -> bool:
        return _key(name) in self.names

    @cached_property
    def credit(self) -> re.Pattern[str]:
        """"деп <verb> <rest of line>"; group ``rest`` holds the name and what follows."""
        verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(self.verbs, key=len, reverse=True))
        return re.compile(rf"деп(?<!\wдеп)\s+(?:{verbs})(?!\w)\s*(?P<rest>[^\n]*)", re.I)

    @cached_property
    def cited(self) -> re.Pattern[str]:
        """What a credit goes on with, up to the sentence's end: whom it cites
        ("Төтенше жағдайлар министрлігіне сілтеме жасап")."""
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(self.citing, key=len, reverse=True))
        return re.compile(rf"\s+[^.!?\n]{{1,{MAX_CITED_CHARS}}}?\s(?:{words})(?=[\s.,!?;]|$)", re.I)

    @cached_property
    def credit_word(self) -> re.Pattern[str]:
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(self.credit_words, key=len, reverse=True))
        return re.compile(rf"\s+(?:{words})(?!\w)", re.I)

    @cached_property
    def outlet_with_credit_word(self) -> re.Pattern[str] | None:
        """A known outlet followed by a credit word, a credit verb or "according to"
        anywhere: "ҚазАқпарат тілшісінің хабарлауынша", "Бұл туралы Zakon.kz хабарлады"."""
        if not self.spellings:
            return None
        names = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in self.spellings)
        # a reporter's words only ("Qazaqstan телеарнасының эфирінде" credits no one), and
        # names as written: "хабар", "азаттық" are words too
        reporters = [w for w in self.credit_words if w.startswith(("тілші", "корреспондент"))]
        after = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                         for w in sorted((*reporters, *self.verbs, *self.according), key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?P<name>{names}){_GENITIVE}(?:\s+агенттігінің)?(?=\s+(?:{after})(?!\w))")

    @cached_property
    def issuer_line(self) -> re.Pattern[str]:
        """A line that only names who issued the text: "Ақтөбе облысы әкімдігінің
        баспасөз қызметі", "Пресс-служба акимата" (no sentence in it)."""
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(self.issuers, key=len, reverse=True))
        return re.compile(rf"(?:[^.!?:;«»\n]*\s)?(?:{words})|(?:{words})\s[^.!?:;«»\n]*", re.I)

    @cached_property
    def whole_credit(self) -> re.Pattern[str]:
        """A sentence that only credits: "Бұл туралы Zakon.kz хабарлады.", "Ол жөнінде ҚазАқпарат тілшісі хабарлайды."."""
        verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(self.verbs, key=len, reverse=True))
        return re.compile(rf"(?:Бұл|Ол|Осы)\s+(?:туралы|жөнінде|жайында)\s+(?:[^.!?]|\.(?=\S)){{1,80}}?\s+(?:{verbs})[.!]?")

    def name_at(self, rest: str) -> tuple[str, int] | None:
        """The outlet a credit names at the start of ``rest``, and where its credit ends in ``rest``.

        A known spelling is taken whole (so "Хабар 24 Тәуелсіз Қазақстан…", two
        lines run together, gives "Хабар 24"); else the words up to a comma,
        bracket, sentence end or dash, at most ``MAX_NAME_WORDS`` of them.
        Credit words after the name ("тілшісі") are not part of it.
        """
        reporter = _REPORTER_FIRST.match(rest)  # "деп хабарлайды тілші Tengrinews.kz"
        if reporter and reporter.end() < len(rest):
            named = self.name_at(rest[reporter.end() :])
            return (named[0], reporter.end() + named[1]) if named else None
        folded = rest.casefold()
        name = next((rest[: len(s)] for s in self.spellings
                     if folded.startswith(s.casefold()) and not rest[len(s): len(s) + 1].isalnum()), None)
        if name is None:
            end = _NAME_END.search(rest).start()
            name = rest[:end]
            cut = self.credit_word.search(" " + name)
            if cut:
                name = name[: max(0, cut.start() - 1)]
            words = name.split()
            if not words or len(words) > MAX_NAME_WORDS or not (_looks_named(name) or len(words) >= 2):
                return None
            name = name.strip()
        end = len(name)
        while (m := self.credit_word.match(rest, end)) is not None:
            end = m.end()
        return name.rstrip(" ."), end


# a reporter named before the outlet, the word order of some credits
_REPORTER_FIRST = re.compile(r"(?:тілші|тілшіміз|корреспондент|корреспондентіміз)\s+(?=\S)")


def _looks_named(name: str) -> bool:
    """A credit names someone: a capital, a digit or a web address ("ол" does not)."""
    return any(c.isupper() or c.isdigit() for c in name) or bool(_WEB_NAME.search(name))


DEFAULT_OUTLETS = Outlets({}, ())  # no outlets.yml: the built-in verbs and credit words
_LOADED: dict[str, tuple[tuple[int, int], Outlets]] = {}


def load_outlets(config_dir: Path) -> Outlets:
    """``site_config/outlets.yml`` (read again only when it changes); errors name the file."""
    path = Path(config_dir) / OUTLETS_FILE
    try:
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)
    held = _LOADED.get(str(path))
    if held is not None and held[0] == stamp:
        return held[1]
    outlets = parse_outlets(read_yaml(path) if stamp != (0, 0) else None, str(path))
    _LOADED[str(path)] = (stamp, outlets)
    return outlets


def parse_outlets(data: Any, shown: str) -> Outlets:
    if data is None:
        return Outlets({}, ())
    if not isinstance(data, dict):
        raise DigestError("expected 'outlets', 'credit_words' and 'credit_verbs'", path=shown)
    names: dict[str, str] = {}
    spellings: list[str] = []
    for i, item in enumerate(data.get("outlets") or []):
        if not isinstance(item, dict) or not item.get("name"):
            raise DigestError(f"outlets[{i}] needs a 'name'", path=shown)
        name = str(item["name"]).strip()
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list):
            raise DigestError(f"outlets[{i}] ({name}): 'aliases' must be a list", path=shown)
        for spelling in (name, *(str(a).strip() for a in aliases)):
            if spelling:
                names.setdefault(_key(spelling), name)
                spellings.append(spelling)
    def words_of(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = data.get(key) or default
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
            raise DigestError(f"'{key}' must be a list of words or phrases", path=shown)
        return tuple(v.strip() for v in value)

    return Outlets(names, tuple(sorted(set(spellings), key=len, reverse=True)),
                   words_of("credit_verbs", DEFAULT_VERBS), words_of("credit_words", DEFAULT_CREDIT_WORDS),
                   words_of("according_words", DEFAULT_ACCORDING), words_of("issuer_words", DEFAULT_ISSUERS),
                   words_of("citing_words", DEFAULT_CITING))


# ---------------------------------------------------------------------------
# the article's own credit


@dataclass(frozen=True)
class Credit:
    """A "деп хабарлайды X" in ``text``: the clause ``start``-``end`` (from the
    punctuation before "деп" to the end of the credit words) and the name."""

    name: str
    start: int
    end: int
    after_quote: bool  # it closes a quotation: a speaker's credit


def credits_in(text: str, outlets: Outlets) -> list[Credit]:
    """Every credit clause in ``text``, in order."""
    found = []
    for m in outlets.credit.finditer(text):
        named = outlets.name_at(m.group("rest"))
        if named is None:
            continue
        name, length = named
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start: m.start()]
        lead = len(before) - len(before.rstrip(" ,–—-"))
        end = m.start("rest") + length
        cited = outlets.cited.match(text, end)
        found.append(Credit(name, m.start() - lead, cited.end() if cited else end,
                            bool(_CLOSING_QUOTE.search(before))))
    return found


def find_credit(lines: list[str], outlets: Outlets, lead_lines: int = 4) -> str | None:
    """The outlet an article credits itself to in its lead (its first lines), as written.

    The first credit wins, unless it closes a quotation and names no known
    outlet or web address; then a known outlet followed by a credit word
    ("ҚазАқпарат тілшісінің хабарлауынша"); then a "Дереккөз: X" line.
    """
    lead = lines[:lead_lines]
    for line in lead:
        for credit in credits_in(line, outlets):
            if not credit.after_quote or outlets.known(credit.name) or _WEB_NAME.search(credit.name):
                return credit.name
    if outlets.outlet_with_credit_word is not None:
        for line in lead:
            m = outlets.outlet_with_credit_word.search(line)
            if m:
                return m.group("name")
    for line in lead + lines[-3:]:
        if (named := source_line(line)) is not None:
            return named
    return None


def source_line(line: str) -> str | None:
    """The outlet a "Дереккөз: Хабар 24" line names, if ``line`` is one."""
    m = _SOURCE_LINE.fullmatch(line)
    return m.group(1) if m else None


# ---------------------------------------------------------------------------
# datelines


@dataclass(frozen=True)
class Dateline:
    """"ХЕЛЬСИНКИ, 28 июнь. (ТАСС)." opening an article: place, date parts, outlet."""

    text: str
    place: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    outlet: str | None = None


def is_issuer_line(line: str, outlets: Outlets) -> bool:
    """A press release's heading that names its issuer, not its subject."""
    return len(line.split()) <= MAX_ISSUER_WORDS and outlets.issuer_line.fullmatch(line.rstrip(". ")) is not None


def split_dateline(line: str, outlets: Outlets) -> tuple[Dateline | None, str]:
    """The dateline that opens ``line`` and the rest of the line; (None, line) if none."""
    m = _DATELINE.match(line)
    if m is None:
        return None, line
    place = m.group("place").strip(" -")
    if sum(c.isalpha() for c in place) < 3 or not (place.isupper() or place.istitle()):
        return None, line
    day = month = year = None
    if m.group("date"):
        date_text = m.group("date")
        full = parse_date(date_text)
        parts = (full.day, full.month) if full else day_month(re.sub(r"\s+\d{4}.*$", "", date_text))
        if parts is None:
            return None, line
        day, month = parts
        year = full.year if full else None
    outlet = m.group("wrapped") or m.group("bare")
    if outlet is not None:
        outlet = outlet.strip()
        if not (outlets.known(outlet) or (_looks_named(outlet) and len(outlet.split()) <= 3)):
            outlet = None
    if outlet is None and day is None:
        return None, line
    if not place.isupper() and (day is None or outlet is None or not outlets.known(outlet)):
        return None, line  # "Астана. 15 марта. Interfax-Kazakhstan –": a known outlet after a date, or no dateline
    if outlet is None and not re.match(r"\s*(?:[.,–—(/-]|$)", line[m.end("date"):]):
        return None, line  # "ҚР ІІМ, 5 наурыз күні …": a sentence, not a dateline
    end = m.end() if outlet is not None else m.start("bare") if m.group("bare") else m.end()
    if outlet is None and m.group("wrapped"):
        end = m.start("wrapped") - 1
    rest = line[end:].lstrip(" .,–—-")
    return Dateline(line[:end].strip(), place, day, month, year, outlet), rest
