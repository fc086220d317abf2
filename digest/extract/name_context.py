"""What the words around a name say about it: rules over a span's neighbours.

Each rule is a function of the tokens, a span (first token, end token), its
kind and the text, registered in ``REJECT``; it names a reading of the span
that its context rules out. The words they look for are in
``data/name_context.yml``. Both the vocabulary's matches and discovered
names pass them (``tags.find_mentions``, ``entities.discover``).

* ``street``: "Жандосов пен Әуезов көшелері", "Абай даңғылы": a street;
* ``time_zone``: "Астана уақытымен": a clock;
* ``cast_role``: "Асқар Жұмабаев (Ербол)", "Ербол (Асқар Жұмабаев)": a role;
* ``currency``: "АҚШ доллары": a currency;
* ``quoted_title``: «Беларусь» тракторлары, «Астана – Балқаш» бағыты: a title;
* ``bare_state_form``: "Ислам Республикасына" with no country's name: no name;
* ``medium``: "Telegram арнасында", "Instagram парақшасы": where a post was published;
* ``month_at_start``: "Қазанда …" where the text dates days in October: the month;
* ``web_address``: "Enbek.kz": a site;
* ``named_place``: "Ақ Жол ауылы": a village named after a party, not the party.

Besides: ``names_a_thing`` (a found organisation's name before a word for a
thing: «Алаш» сыйлығы), ``plural_of`` ("Үкіметтер" is not the Government),
``addressed_person`` (a place shaped like a surname that stands for the
person, "Қонаевқа баяндадым"), ``state_form_end`` ("Иран Ислам Республикасы": one
country) and ``shared_head_names`` ("Жамбыл және Алматы
облыстарының": two regions).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from digest.extract.ner_crf import word_lists
from digest.ingest.datetext import month_number
from digest.yamlio import parse_yaml

DATA = Path(__file__).with_name("data") / "name_context.yml"
_MAX_SHARED = 4  # names that share one head noun ("Жамбыл, Алматы және Түркістан облыстары")


@lru_cache(maxsize=1)
def context_words() -> dict:
    data = parse_yaml(DATA.read_text(encoding="utf-8"))
    return {k: (dict(v) if isinstance(v, dict) else tuple(v)) for k, v in data.items()}


def _word(tokens: list, k: int) -> str:
    return tokens[k].text.lower() if 0 <= k < len(tokens) else ""


def _gap(tokens: list, text: str, k: int) -> str:
    """The text between token k-1 and token k."""
    return text[tokens[k - 1].end : tokens[k].start] if 0 < k < len(tokens) else ""


def _begins(tokens: list, k: int, entries: tuple[str, ...]) -> bool:
    """Whether the words from token k on begin with one of ``entries`` (of one or two words)."""
    for entry in entries:
        words = entry.split()
        if all(_word(tokens, k + n).startswith(w) if n == len(words) - 1 else _word(tokens, k + n) == w
               for n, w in enumerate(words)):
            return True
    return False


def _after_shared(tokens: list, text: str, j: int) -> int:
    """The token after a run of names joined to the span ending before ``j``
    ("Жандосов [пен Әуезов] көшелері": the index of көшелері)."""
    conjunctions = context_words()["conjunctions"]
    k = j
    for _ in range(_MAX_SHARED):
        joined = _word(tokens, k) in conjunctions or _gap(tokens, text, k).strip() == ","
        step = 1 if _word(tokens, k) in conjunctions else 0
        if joined and tokens[k + step : k + step + 1] and tokens[k + step].text[:1].isupper():
            k += step + 1
        else:
            break
    return k


def _ends_in_place_head(tokens: list, j: int) -> bool:
    return _word(tokens, j - 1).startswith(word_lists()["place_heads"])


def street(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """A person or place name before a street word is the street's name."""
    if kind not in ("person", "place") or _ends_in_place_head(tokens, j):
        return False
    k = _after_shared(tokens, text, j)
    return not _gap(tokens, text, k).strip() and _begins(tokens, k, context_words()["street_words"])


def time_zone(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """"Астана уақытымен": the time of a place, not a mention of it."""
    return (kind == "place" and not _gap(tokens, text, j).strip()
            and _word(tokens, j) in context_words()["time_zone_words"])


def cast_role(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """A role in a cast list: one name in brackets after a capitalised name ("Асқар
    Жұмабаев (Ербол)"), or one name before a full name in brackets ("Ербол (Асқар Жұмабаев)")."""
    if kind != "person" or j - i != 1:
        return False
    before = _gap(tokens, text, i).strip()
    after = _gap(tokens, text, j).strip() if j < len(tokens) else text[tokens[j - 1].end :].strip()
    if i > 0 and before == "(" and after[:1] == ")" and tokens[i - 1].text[:1].isupper():
        return True
    return (after == "(" and j + 1 < len(tokens) and tokens[j].text[:1].isupper()
            and tokens[j + 1].text[:1].isupper() and not _gap(tokens, text, j + 1).strip())


def currency(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """"АҚШ доллары", "Ресей рублі": a currency, not a mention of the country."""
    return (kind == "place" and not _gap(tokens, text, j).strip()
            and _begins(tokens, j, context_words()["currency_words"]))


_QUOTE_REACH = 80  # characters looked at on each side for the guillemets around a name
_TITLE_WORDS = 6  # a quoted title is this short; quoted speech is longer, or punctuated
_SPEECH = re.compile(r"[.,!?;:…]")
_NEXT_WORD = re.compile(r"\s*([a-zа-яёәғқңөұүһі][\w-]*)")


def quoted_title(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """A place or person inside «…» with other words names something else: a route
    («Астана – Алматы» бағыты), a brand («Беларусь» тракторлары), a work or a prize
    («Азия алыбы» сыйлығы), a body («Астана» халықаралық қаржы орталығы)."""
    if kind not in ("place", "person"):
        return False
    start, end = tokens[i].start, tokens[j - 1].end
    before = text[max(0, start - _QUOTE_REACH) : start]
    after = text[end : end + _QUOTE_REACH]
    opens, closes = before.rfind("«"), after.find("»")
    if opens <= before.rfind("»") or closes < 0 or 0 <= after.find("«") < closes:
        return False
    quoted = before[opens + 1 :] + text[start:end] + after[:closes]
    # a title, not quoted speech: a few words, no sentence punctuation, and
    # what it names after it ("тракторлары"), not "деді" or a full stop
    named = _NEXT_WORD.match(after, closes + 1)
    return (len(quoted.split()) <= _TITLE_WORDS and not _SPEECH.search(quoted) and named is not None
            and not named.group(1).startswith(context_words()["speech_verbs"])
            and not named.group(1).startswith(word_lists()["place_heads"]))


def medium(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """"Telegram арнасында", "Instagram-парақшасы": where a post was published
    (``channel_words``), not an organisation the article is about."""
    return kind == "organization" and channel_after(text, tokens[j - 1].end)


def channel_after(text: str, end: int) -> bool:
    """Whether a channel word (``channel_words``) follows ``end``, after a space or a hyphen."""
    m = _NEXT_PART.match(text, end)
    return m is not None and m.group(1).lower().startswith(context_words()["channel_words"])


_NEXT_PART = re.compile(r"(?:\s+|\s*[-–]\s*)(\w+)")


def named_place(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """"Ақ Жол ауылы", "Тоқаев көшесі" aside, a body's or a person's name before a
    place's head noun names that place (a village, a district), not them."""
    return (kind in ("organization", "person") and j < len(tokens) and not _gap(tokens, text, j).strip()
            and tokens[j].text[:1].islower() and _begins(tokens, j, word_lists()["place_heads"]))


def month_at_start(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """"Қазанда демалыс болады" opening a sentence of a text that dates days in
    that month ("25 қазанда"): the month (October), not the city (Kazan)."""
    if kind != "place" or j != i + 1 or i > 0 and not _SENTENCE_GAP.search(_gap(tokens, text, i)):
        return False
    month = month_number(tokens[i].text)
    return month is not None and any(month_number(m.group(1)) == month for m in _DAY_MONTH.finditer(text))


_SENTENCE_GAP = re.compile(r"[.!?…\n]")
_DAY_MONTH = re.compile(r"\b\d{1,2}(?:-\w{1,3})?\s+([^\W\d_]+)")


def web_address(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """"Enbek.kz", "Kaspi.kz": a web address names a site, not a place or a person."""
    return kind in ("place", "person") and bool(_DOMAIN.match(text, tokens[j - 1].end))


_DOMAIN = re.compile(r"\.(?:kz|қаз|ru|com|org|net|info|gov\.kz)\b", re.I)


def bare_state_form(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """"Ислам Республикасына" alone: a state's form without its name (which is before
    it in another case, "Израильдің Ислам Республикасына", or was said before)."""
    return state_form_end(tokens, i, text) == j


REJECT: dict[str, Callable[[list, int, int, str, str], bool]] = {
    "street": street, "time_zone": time_zone, "cast_role": cast_role, "currency": currency,
    "quoted_title": quoted_title, "bare_state_form": bare_state_form, "medium": medium,
    "month_at_start": month_at_start, "web_address": web_address, "named_place": named_place,
}


def names_a_thing(tokens: list, i: int, j: int, kind: str, text: str) -> bool:
    """A found (not a known) organisation's name before a word for a thing it names, with no
    organisation's head noun between: a residential complex («Сұңқар» тұрғын үй кешені), an
    order («Парасат» ордені), a programme, a system ("Open Space жүйесі")."""
    heads = word_lists()["organization_heads"]
    if kind != "organization" or _word(tokens, j - 1).startswith(heads):  # "... орталығының жүйесі"
        return False
    k = j
    while k < min(j + _THING_REACH, len(tokens)) and not _gap(tokens, text, k).strip(" «»\"“”"):
        word = _word(tokens, k)
        if not tokens[k].text[:1].islower() or word.startswith(heads):
            return False
        if word.startswith(context_words()["thing_nouns"]):
            return True
        k += 1
    return False


_THING_REACH = 3  # words after a name looked at for the thing it names


def rejected(tokens: list, i: int, j: int, kind: str, text: str) -> str | None:
    """The name of the first rule that rules the span out, or None."""
    for name, rule in REJECT.items():
        if rule(tokens, i, j, kind, text):
            return name
    return None


def plural_of(word: str, names: tuple[str, ...]) -> bool:
    """"Үкіметтер" of "Үкімет": the plural of a name's last word names many, not the one."""
    low, plurals = word.lower(), context_words()["plural_markers"]
    for name in names:
        last = name.split()[-1].lower()
        if low.startswith(last) and low[len(last) :].startswith(plurals):
            return True
    return False


def addressed_person(tokens: list, i: int, j: int, text: str) -> bool:
    """A one-word place shaped like a surname that stands for the person: after an
    initial ("Д. Қонаев"), addressed in the dative ("Қонаевқа баяндадым") or quoted
    in the genitive ("Қонаевтың айтуынша")."""
    if j - i != 1:
        return False
    words = context_words()
    low = _word(tokens, i)
    stem = low
    for ending in (*words["dative_endings"], *words["genitive_endings"]):
        if low.endswith(ending):
            stem = low[: -len(ending)]
            break
    if not stem.endswith(word_lists()["surname_suffixes"]):
        return False
    if i > 0 and len(tokens[i - 1].text) == 1 and tokens[i - 1].text.isupper() and _gap(tokens, text, i).strip() == ".":
        return True
    nxt = _word(tokens, j)
    if low.endswith(words["dative_endings"]) and nxt.startswith(words["addressed_verbs"]):
        return True
    return low.endswith(words["genitive_endings"]) and nxt.startswith(words["quoted_nouns"])


def state_form_end(tokens: list, j: int, text: str) -> int:
    """The end of a country's name with its state's form after it ("Иран Ислам
    Республикасы", "Ресей Федерациясының"; ``state_forms``, the last word in any
    case), or ``j``, the end of the name."""
    for words in _state_forms():
        end = j + len(words)
        if end <= len(tokens) and not any(_gap(tokens, text, k).strip() for k in range(j, end)) \
                and all(tokens[k].text[:1].isupper() for k in range(j, end)) \
                and tuple(_word(tokens, k) for k in range(j, end - 1)) == words[:-1] \
                and _word(tokens, end - 1).startswith(words[-1][:-1]):
            return end
    return j


@lru_cache(maxsize=1)
def _state_forms() -> tuple[tuple[str, ...], ...]:
    """``state_forms`` as lower-case words, the longest first."""
    return tuple(sorted((tuple(f.lower().split()) for f in context_words()["state_forms"]), key=lambda w: -len(w)))


def words_genitive() -> tuple[str, ...]:
    return context_words()["genitive_endings"]


def shared_head_names(tokens: list, text: str) -> list[tuple[int, int, int, str]]:
    """(first token, end token, head token, singular head) of each name sharing a
    plural head noun: "Жамбыл және Алматы облыстарының" → Жамбыл (облысы), Алматы (облысы)."""
    heads = context_words()["shared_heads"]
    conjunctions = context_words()["conjunctions"]
    out = []
    for h, tok in enumerate(tokens):
        low = tok.text.lower()
        plural = next((p for p in heads if low.startswith(p)), None)
        if plural is None or h < 3 or _gap(tokens, text, h).strip():
            continue
        names: list[tuple[int, int]] = []
        end = h
        while len(names) < _MAX_SHARED:
            if end == 0 or not tokens[end - 1].text[:1].isupper():
                break
            start = end - 1  # the name's last word; any further ones are joined without a gap
            while start > 0 and tokens[start - 1].text[:1].isupper() and not _gap(tokens, text, start).strip():
                start -= 1
            while start < end - 1 and _word(tokens, start) in word_lists()["function_words"]:
                start += 1  # "Бұл Жамбыл ..." at a sentence start
            owner = [k for k in range(start, end - 1) if _word(tokens, k).endswith(words_genitive())]
            start = owner[-1] + 1 if owner else start  # "Жарыс Италияның | Милан және Кортина …"
            names.append((start, end))
            k = start - 1  # a conjunction word, or a comma before the name
            if _word(tokens, k) in conjunctions and not _gap(tokens, text, start).strip():
                end = k
            elif _gap(tokens, text, start).strip() == "," and start > 0:
                end = start
            else:
                break
        if len(names) >= 2:
            out.extend((a, b, h, heads[plural]) for a, b in reversed(names))
    return out
