"""The shape of a discovered name: where its span starts and ends, its kind, its label.

Functions of a sentence's tokens and a candidate span (first token, end
token) that ``entities.discover`` applies to every detector's spans: cut at
punctuation, trimmed to the name, sanity-checked (``accept``), labelled in
its base form (``label_of``). The word lists are ``models/entity_heads.yml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from digest import kazakh
from digest.extract import ner_crf
from digest.extract.ner_names import base_form, is_ending, split_suffix_hyphen

_MAX_WORDS = 7
_WORD_RE = re.compile(r"^[^\W\d_][\w'’-]*$|^\d+$")


def word_lists() -> dict[str, tuple[str, ...]]:
    return ner_crf.word_lists()


@lru_cache(maxsize=1)
def _head_index() -> dict[str, list[tuple[str, str]]]:
    """Head nouns by their first three letters: (head, kind)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for key, kind in (("organization_heads", "organization"), ("place_heads", "place"),
                      ("organization_nouns", "organization-noun")):
        for head in word_lists()[key]:
            if " " not in head:
                index.setdefault(head[:3], []).append((head, kind))
    for heads in index.values():
        heads.sort(key=lambda hk: -len(hk[0]))
    return index


@lru_cache(maxsize=100_000)
def _heads_of(word: str) -> dict[str, str]:
    """kind → the head noun (as written) that ``word`` is a form of."""
    low = word.lower()
    found: dict[str, str] = {}
    for head, kind in _head_index().get(low[:3], ()):
        if kind not in found and low.startswith(head) and (low == head or is_ending(low[len(head):])):
            found[kind] = word[: len(head)]
    return found


def head_noun(word: str, kind: str) -> str | None:
    """The head noun ``word`` is a form of, for organisations and places."""
    return _heads_of(word).get(kind)


_ACCUSATIVE = re.compile(r"(?:ны|ні)\|[аеиоуыіэюяёәөүұ]|(?:ды|ді)\|й")
_SAFE_ENDINGS = ("ның", "нің", "дың", "дің", "тың", "тің", "дан", "ден", "тан", "тен", "нан", "нен",
                 "мен", "бен", "пен", "дағы", "дегі", "тағы", "тегі")


def name_base(word: str, text: str, quoted: bool = False) -> str:
    """The nominative form of the last word of a name, stripping only what is surely an ending.

    A quoted name keeps its form («Жорға» ансамблі).  An ending is stripped when
    the base also stands alone in the text ("Сюэсянды" … "Сюэсян"), when it is a
    genitive, ablative or instrumental one, or when the base is a surname.
    """
    head, suffix = split_suffix_hyphen(word)
    if suffix:
        return head
    if not quoted and _patronymic_base(word):
        return _patronymic_base(word)
    base = base_form(word)
    if base != word and quoted and f"«{base}»" in text:
        return base  # «Қайратқа» where the text also writes «Қайрат»
    if quoted or base == word:
        return word
    if re.search(rf"(?<!\w){re.escape(base)}(?!\w)", text):
        return base
    if word.lower().endswith(_SAFE_ENDINGS) or base.lower().endswith(word_lists()["person_suffixes"]):
        return base
    if _ACCUSATIVE.fullmatch(word[len(base) :].lower() + "|" + base[-1:].lower()):
        return base  # "Мостовойды", "Росарионы": the accusative after a vowel or й
    return word


def _patronymic_base(word: str) -> str | None:
    """"Сагидрахманұлына" → "Сагидрахманұлы": a patronymic with its case ending."""
    m = _PATRONYMIC.match(word)
    return m.group(1) if m else None


_PATRONYMIC = re.compile(r"^(\w+(?:ұлы|қызы|улы|кызы))(?:на|не|ны|ні|нда|нде|нан|нен|ның|нің|мен|н)$")


def label_of(text: str, tokens: list) -> str:
    """The kk label of a span: its words as written, the last in base form."""
    last = tokens[-1].text
    after = text[tokens[-1].end : tokens[-1].end + 3]
    head = head_noun(last, "organization") or head_noun(last, "place")
    last = head or name_base(last, text, quoted=any(q in after for q in "»\"”"))
    words = [t.text for t in tokens[:-1]] + [last]
    if len(words) > 1 and last.lower() in word_lists()["settlement_heads"]:
        words.pop()  # "Сарыбастау ауылы" is the village Сарыбастау
    if head_noun(last, "organization"):
        # "Түркістан облысының әкімдігі" and "Түркістан облысы әкімдігі" are one body: one label
        for k, before in enumerate(words[:-1]):
            place = head_noun(before, "place")
            if place and before[len(place):].lower() in _GENITIVE:
                words[k] = place
    out = words[0]
    for k in range(1, len(words)):
        gap = text[tokens[k - 1].end : tokens[k].start].strip()
        joint = {".": ". ", "-": "-", "–": "-", "«": " «", "»": "» ", "»«": "» «"}.get(gap, " ")
        out += joint + words[k]
    return balance_quotes(out)


def balance_quotes(label: str) -> str:
    """«ЭКСПО» көрме орталығы: a closing guillemet without its opening one gets it at the
    start; an opening one without its closing one is dropped (it belongs to a longer title)."""
    depth, out = 0, []
    for ch in label:
        if ch == "»" and depth == 0:
            out.insert(0, "«")
        elif ch == "«":
            depth += 1
        elif ch == "»":
            depth -= 1
        out.append(ch)
    text = "".join(out)
    while depth > 0:  # unmatched openings: drop them from the right
        k = text.rfind("«")
        text = (text[:k] + text[k + 1 :]).replace("  ", " ").strip()
        depth -= 1
    return text.strip()


def _is_name_word(word: str, kind: str) -> bool:
    """Can ``word`` end a name of ``kind``: capitalised, or a head noun of its kind;
    never "Стамбұлдағы" (in Istanbul) for an organisation's name."""
    if kind == "organization" and word.lower().endswith(_LOCATED):
        return False
    if word[:1].isupper() or word.isdigit():
        return True
    if kind == "person":
        return False
    heads = _heads_of(word)
    return kind in heads or (kind == "organization" and "organization-noun" in heads)


_LOCATED = ("дағы", "дегі", "тағы", "тегі")  # "Семейдегі ...": located in, not part of the name
_ADJECTIVE = ("лық", "лік", "дық", "дік", "тық", "тік")  # "Ұлттық" alone is not a name


_LOCATIVE = ("да", "де", "та", "те")  # "Кездесуде Елбасының қызметі": not the start of a name
_DATIVE = ("ға", "ге", "қа", "ке")
_PLURAL = re.compile(r"\w{3,}(?:лар|лер|дар|дер|тар|тер)(?:\w{0,4})$")  # "Қазақтардың"


def _drops_at_start(word: str, kind: str) -> bool:
    low = word.lower()
    if low in word_lists()["function_words"] or low in kazakh.STOPWORDS:
        return True
    if "-" in word and split_suffix_hyphen(word)[1]:  # "Ertenmedia-ның ..."
        return True
    if kind == "organization" and (low.endswith(_LOCATIVE) or low.endswith(_DATIVE) and base_form(word) != word):
        return True  # "Кездесуде …", "Жағдайға қала әкімдігі": where or to what, not the body's name
    return kind != "place" and low.endswith(_LOCATED)


def _is_title(word: str) -> bool:
    """A title before a person's name (``person_titles``), in any part of a hyphenated word."""
    return any(part.startswith(word_lists()["person_titles"]) for part in word.lower().split("-"))


def split_at_punctuation(i: int, j: int, tokens: list, text: str) -> list[tuple[int, int]]:
    """Cut a span where words are separated by more than spaces, quotes or an initial's dot,
    and where a capitalised word that is not its last follows a lower-case one ("Жерасты
    дүмпулерінің ошағы | Отар ауылы", "Жамбыл облысы | Байзақ ауданы"), unless the
    lower-case word joins names ("атындағы", "және")."""
    parts, start = [], i
    joiners = word_lists()["name_joiners"]
    for k in range(i + 1, j):
        gap = text[tokens[k - 1].end : tokens[k].start].strip().strip("«»\"“”")
        initial = gap == "." and len(tokens[k - 1].text) == 1
        prev = tokens[k - 1].text
        new_name = (k < j - 1 and tokens[k].text[:1].isupper() and prev[:1].islower()
                    and prev.lower() not in joiners)
        if (gap and not initial and gap not in ("-", "–")) or new_name:
            if not new_name or _stands_alone(start, k, tokens):
                parts.append((start, k))
            start = k
    parts.append((start, j))
    return parts


def _stands_alone(i: int, j: int, tokens: list) -> bool:
    """Whether the words cut off before a new name are a name themselves: they end in a
    head noun ("Жамбыл облысы") or hold two capitalised words ("Жерасты дүмпулерінің ошағы": no)."""
    last = tokens[j - 1].text
    return bool(_heads_of(last)) or sum(t.text[:1].isupper() for t in tokens[i:j]) >= 2


def kind_by_head(i: int, j: int, tokens: list, kind: str) -> str:
    """A name holding an organisation's head noun is an organisation ("Бейбітшілік
    Ассамблеясы", "Жоғарғы Советі"); a person's name ending in a place's head is a place."""
    if kind == "organization":
        return kind
    if any(head_noun(t.text, "organization") for t in tokens[i:j]):
        return "organization"
    if kind == "person" and head_noun(tokens[j - 1].text, "place"):
        return "place"
    return kind


def extend_title(i: int, j: int, tokens: list, text: str, kind: str) -> int:
    """The end of an organisation's name that goes on past its head noun, or a
    bare organisation noun, with a lower-case head noun ("ОК Саяси кеңесі
    тұрақты комитеті", "Қазақстан қор биржасы"): a new ``j``."""
    last = tokens[j - 1].text
    heads = _heads_of(last)
    if kind != "organization" or last not in (heads.get("organization"), heads.get("organization-noun")):
        return j  # "министрлігінің ...": another body
    for k in range(j, min(j + 2, len(tokens))):
        word = tokens[k].text
        if text[tokens[k - 1].end : word and tokens[k].start].strip() or not word[:1].islower():
            return j
        if head_noun(word, "organization"):
            return k + 1
    return j


def extend_back(i: int, tokens: list, text: str, kind: str) -> int:
    """The start of an organisation's name that begins before the words found: a
    place and its region's adjective ("Қарағанды облыстық | Полиция департаменті"),
    a region in the genitive ("Қостанай облысының | Полиция департаменті"), a
    compass word of a region's name ("Шығыс | Қазақстан облыстық прокуратурасы"):
    a new ``i``."""
    if kind != "organization":
        return i

    def joined(k: int) -> bool:  # token k-1 and token k with only a space between
        return k >= 1 and not text[tokens[k - 1].end : tokens[k].start].strip()

    before = tokens[i - 1].text if i >= 1 else ""
    place = head_noun(before, "place")
    if i >= 2 and joined(i) and joined(i - 1) and tokens[i - 2].text[:1].isupper() and (
            before.lower() in word_lists()["territorial_adjectives"]
            or place and before[len(place):].lower() in ("", *_GENITIVE)):  # "Қостанай облысы(ның) | Полиция …"
        i -= 2
    while joined(i) and tokens[i - 1].text[:1].isupper() \
            and tokens[i - 1].text.lower() in word_lists()["region_prefixes"]:
        i -= 1
    return i


def trim(i: int, j: int, tokens: list, kind: str) -> tuple[int, int]:
    """Narrow a span to a name; an empty range (i == j) if nothing is left.

    Leading function words, "X-тың" and "Семейдегі" go, then leading lower-case
    words; trailing verbs and common nouns go, and a lone trailing adjective.
    """
    while j - 1 > i and not _is_name_word(tokens[j - 1].text, kind):
        j -= 1
    while i < j and (_drops_at_start(tokens[i].text, kind) if i < j - 1 else False):
        i += 1
    while kind == "person" and i < j - 1 and _is_title(tokens[i].text):
        i += 1  # "Премьер-министрі Мұхаммед …": the title goes
    if kind != "person":  # "Картина соңғы бөлімі": the last part, not a department
        cut = [k for k in range(i, j) if tokens[k].text in word_lists()["not_in_names"]]
        i = cut[-1] + 1 if cut else i
    while i < j and not tokens[i].text[:1].isupper():
        i += 1
    if j - i == 1 and kind != "person":
        low = tokens[i].text.lower()
        if low.endswith(_ADJECTIVE) or _PLURAL.match(low):
            return i, i
    return i, j


def accept(tokens: list, kind: str, first_in_sentence: bool) -> bool:
    """Sanity checks a discovered span must pass to become a tag."""
    if not tokens or len(tokens) > _MAX_WORDS:
        return False
    first = tokens[0].text
    if not first[:1].isupper() or not all(_WORD_RE.match(t.text) for t in tokens):
        return False
    if tokens[-1].text.isdigit() and len(tokens) == 1:
        return False
    low = first.lower()
    if len(tokens) == 1:
        if low in word_lists()["function_words"] or low in kazakh.STOPWORDS:
            return False
        if len(base_form(first)) < 2:
            return False
        if first_in_sentence and kind == "organization" and first.isalpha() and not first.isupper() \
                and not first.isascii():
            return False  # "Делегация ...", "Экология, ...": a capitalised common noun, not "Kaspi"
    if kind == "person" and len(tokens) == 1 and (low.endswith(_AGENTS) or base_form(first).lower().endswith(_OUR)):
        return False  # "Қақпашылар:" (a team's goalkeepers), "Халқымыздың" (our people's)
    if kind == "person" and len(tokens) > 1 and all(_script(t.text) == "latin" for t in tokens):
        return False  # "Truth Social": Kazakh news writes people's names in Cyrillic (not places:
        # "Shymkent City қалашығы")
    if kind == "organization" and len(tokens) > 1 and low in word_lists()["organization_nouns"] \
            and not any(t.text[:1].isupper() for t in tokens[1:]):
        return False  # "Ұйым қызметі": the organisation's work, a common noun phrase
    if kind == "organization" and _description(tokens):
        return False
    if kind == "person" and (any(t.text.isdigit() or len(t.text) > 1 and t.text.isupper() for t in tokens)
                             or len({_script(t.text) for t in tokens}) > 1):
        return False  # "Шетелдік БАҚ" (foreign media), "Бибісара Tengri Sport" (a name, an outlet)
    if kind == "organization" and _position(tokens):
        return False
    if kind == "organization" and _spokes_office(tokens):
        return False
    # "Елбасының қызметі": someone's service, not a body's name
    return not (kind == "organization" and len(tokens) == 2 and low.endswith(_GENITIVE)
                and tokens[1].text[:1].islower())


_GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің")
_AGENTS = ("шылар", "шілер")  # the plural of an agent noun (-шы, -ші): people by what they do
_OUR = ("ымыз", "іміз")  # "our ...": a common noun's possessive, no name
_PARTICIPLE = ("ған", "ген", "қан", "кен")
_PLAIN_LOCATIVE = ("ында", "інде", "нда", "нде")


def _description(tokens: list) -> bool:
    """A phrase that describes, not a body's name: a lower-case word in the
    locative inside it ("Жаңаөзен қаласында заңсыз көші-қон арнасы") or a
    participle before its head ("Жұмыс тобының атқарған қызметі")."""
    inner = [t.text for t in tokens[1:-1]]
    return (any(w[:1].islower() and w.endswith(_PLAIN_LOCATIVE) for w in inner)
            or len(tokens) > 1 and tokens[-2].text[:1].islower() and tokens[-2].text.endswith(_PARTICIPLE))


def _script(word: str) -> str:
    return "latin" if word[:1].isascii() else "other"


def _position(tokens: list) -> bool:
    """"Ұлттық құраманың бас жаттықтырушысы қызметі": the post of a role
    (``positions``), not a service named so."""
    return (len(tokens) >= 2 and tokens[-1].text.lower().startswith("қызмет")
            and tokens[-2].text.lower().startswith(word_lists()["positions"]))


def _spokes_office(tokens: list) -> bool:
    """The name ends in a press office's words (``spokes_offices``), its last word in any form."""
    words = [t.text.lower() for t in tokens]
    for office in word_lists()["spokes_offices"]:
        *first, last = office.split()
        if words[-1].startswith(last) and words[-1 - len(first):-1] == first:
            return True
    return False


def mention_start(text: str, start: int, end: int) -> int:
    """Where a mention starts: before its opening guillemet when it holds the closing one
    ("«ЭКСПО» көрме орталығында"), so that no mention shows a stray quote."""
    span = text[start:end]
    if span.count("»") > span.count("«") and text[start - 1 : start] == "«":
        return start - 1
    return start
