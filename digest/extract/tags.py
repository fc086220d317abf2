"""Tags: the vocabulary in ``site_config/vocabulary/*.yml`` and finding tags in a text.

``find_tags`` joins three detectors, each a registered function of the text's
tokens: vocabulary names (``ner_names``), entities not in the vocabulary
(``entities.discover``: rules and the CRF model) and topics (keyword stems with
a threshold).  Vocabulary matches win over discovered spans they overlap.

Editor's front-matter tags (``extra``) are resolved by id, then by any label or
alias in either language; an unknown one is no tag (``unknown_tag_warnings``
warns about it and names the nearest known tag).

Only the vocabulary gives English labels: a discovered name's ``en`` is None,
and every tag has ``latin``, its kk label in the official 2021 Latin alphabet.
Tags come most salient first (``salience``).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml
from slugify import slugify
from yaml.constructor import SafeConstructor

from digest import kazakh
from digest.extract import name_context
from digest.extract.ner_crf import word_lists
from digest.extract.ner_names import NameIndex, base_form
from digest.extract.salience import lead_end, salience
from digest.extract.same_person import same_body, same_person
from digest.extract.spans import label_of
from digest.extract.topics import TopicIndex
from digest.model import TAG_KINDS, DigestError, Mention, Tag
from digest.yamlio import YAML_LOADER

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEYS = {"id", "kind", "kk", "en", "aliases", "keywords", "stem_keywords", "threshold", "unless_next", "source",
         "country"}
DEFAULT_THRESHOLD = 3


@dataclass(frozen=True)
class Entry:
    """One vocabulary entry as the editor wrote it."""

    id: str
    kind: str
    kk: str
    en: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    threshold: int = DEFAULT_THRESHOLD
    unless_next: tuple[str, ...] = ()
    path: str = ""
    line: int = 0
    stem_keywords: tuple[str, ...] = ()  # matched by stem only, never as a prefix (көрме ≠ көрмеді)
    country: str = ""  # a body of this country named without it ("Үкімет"): see _anothers_body


@dataclass
class Vocabulary:
    """The loaded vocabulary, compiled for matching."""

    entries: tuple[Entry, ...] = ()
    by_id: dict[str, Entry] = field(default_factory=dict)
    names: NameIndex = field(default_factory=NameIndex)
    topics: TopicIndex = field(default_factory=TopicIndex)
    labels: dict[str, str] = field(default_factory=dict)  # any label or alias, lower → id

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> "Vocabulary":
        voc = cls(entries=tuple(entries))
        for e in voc.entries:
            voc.by_id[e.id] = e
            for label in (e.id, e.kk, e.en, *e.aliases):
                voc.labels.setdefault(label.lower(), e.id)
            unless = frozenset(w.lower() for w in e.unless_next)
            if e.kind == "topic":
                for kw in e.keywords:
                    voc.topics.add(kw, e.id)
                for kw in e.stem_keywords:
                    voc.topics.add_stem(kw, e.id)
            else:
                for name in (e.kk, *e.aliases):
                    voc.names.add(name, e.id, unless)
        return voc


def load_vocabulary(site_config_dir: Path) -> Vocabulary:
    """Read and compile ``site_config/vocabulary/*.yml``; errors name the file and line."""
    root = Path(site_config_dir)
    folder = root / "vocabulary" if (root / "vocabulary").is_dir() else root
    entries: list[Entry] = []
    seen: dict[str, Entry] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        for entry in _read_file(path):
            if entry.id in seen:
                first = seen[entry.id]
                raise DigestError(
                    f"duplicate tag id {entry.id!r} (first defined in {first.path}:{first.line})",
                    str(path),
                    entry.line,
                )
            seen[entry.id] = entry
            entries.append(entry)
    for entry in entries:
        if entry.country and getattr(seen.get(entry.country), "kind", None) != "place":
            raise DigestError(f"{entry.id}: country {entry.country!r} is no place's id in the vocabulary",
                              entry.path, entry.line)
    return Vocabulary.from_entries(entries)


def _read_file(path: Path) -> list[Entry]:
    try:
        text = path.read_text(encoding="utf-8")
        # One parse: libyaml's (when PyYAML has it) builds the nodes, whose
        # lines name the entries in errors, and the data is made from them
        # (parsing twice in pure Python was most of a one-article rebuild).
        node = yaml.compose(text, Loader=YAML_LOADER)
        data = SafeConstructor().construct_document(node) if node is not None else None
    except UnicodeDecodeError as exc:
        raise DigestError(f"not UTF-8: {exc.reason}", str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DigestError(f"invalid YAML: {getattr(exc, 'problem', exc)}", str(path),
                          mark.line + 1 if mark else None) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise DigestError("a vocabulary file must be a list of entries", str(path), 1)
    return [_entry(item, str(path), sub.start_mark.line + 1) for item, sub in zip(data, node.value)]


def _entry(item: object, path: str, line: int) -> Entry:
    def fail(message: str) -> DigestError:
        return DigestError(message, path, line)

    if not isinstance(item, dict):
        raise fail("an entry must be a mapping with id, kind, kk and en")
    unknown = set(item) - _KEYS
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    tag_id = item.get("id")
    if not isinstance(tag_id, str) or not _ID_RE.match(tag_id):
        raise fail(f"id {tag_id!r} must be an ASCII slug (a-z, 0-9, hyphens)")
    kind = item.get("kind")
    if kind not in TAG_KINDS:
        raise fail(f"{tag_id}: unknown kind {kind!r} (one of {', '.join(TAG_KINDS)})")
    for key in ("kk", "en"):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{tag_id}: missing {key} label")

    def strings(key: str) -> tuple[str, ...]:
        value = item.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{tag_id}: {key} must be a list of strings")
        return tuple(v.strip() for v in value)

    threshold = item.get("threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1:
        raise fail(f"{tag_id}: threshold must be a positive whole number")
    keywords, stem_keywords = strings("keywords"), strings("stem_keywords")
    if (keywords or stem_keywords) and kind != "topic":
        raise fail(f"{tag_id}: only topics have keywords")
    if any(len(kazakh.tokenize(k)) != 1 for k in stem_keywords):
        raise fail(f"{tag_id}: a stem keyword is one word")
    if not isinstance(item.get("source", ""), str):
        raise fail(f"{tag_id}: source must be text (where the names were checked)")
    country = item.get("country", "")
    if not isinstance(country, str) or (country and kind != "organization"):
        raise fail(f"{tag_id}: country is the id of the place an organisation belongs to")
    return Entry(tag_id, kind, item["kk"].strip(), item["en"].strip(), strings("aliases"),
                 keywords, threshold, strings("unless_next"), path, line, stem_keywords, country)


def find_mentions(text: str, vocabulary: Vocabulary, tokens: list | None = None,
                  discover: bool = True) -> list[Mention]:
    """Person, place, organization and event mentions in ``text``, in text order."""
    from digest.extract import entities  # the model is heavy: load only when asked

    tokens = kazakh.tokenize(text) if tokens is None else tokens
    found, blocked = _shared_head_mentions(text, tokens, vocabulary)
    mediums: list[int] = []  # where a platform named as a medium starts ("Telegram арнасында")
    genitive = tuple(name_context.context_words()["genitive_endings"])
    for m in vocabulary.names.match(text, tokens, blocked):
        entry = vocabulary.by_id[m.target]
        if entry.kind == "organization" and name_context.channel_after(text, m.end):
            mediums.append(m.start)  # "Telegram-арнасы", "Telegram арнасында": the medium, no subject
            continue
        if name_context.rejected(tokens, m.first, m.last, entry.kind, text):
            continue
        if entry.kind != "person" and name_context.plural_of(tokens[m.last - 1].text, (entry.kk, *entry.aliases)):
            continue  # "Үкіметтер": governments, not the Government
        owner = _anothers_body(found, m.start, entry.country, text, vocabulary) if entry.country else None
        if owner is not None:  # "Ресей Үкіметі": Russia's government, not Kazakhstan's
            found.remove(owner)  # one name, labelled in the owner's base form: "Ресей Үкіметі"
            body = label_of(text, tokens[m.first : m.last])
            found.append(Mention(owner.start, m.end, "organization", f"{owner.label} {body}", None, "context"))
            continue
        if entry.kind == "place" and name_context.addressed_person(tokens, m.first, m.last, text):
            label = base_form(tokens[m.first].text)
            found.append(Mention(m.start, m.end, "person", label, None, "context"))
            continue
        end = m.end
        if entry.kind == "place" and not tokens[m.last - 1].text.lower().endswith(genitive):
            # "Иран Ислам Республикасы": the country, all of it (not "Израильдің Ислам Республикасына")
            form_end = name_context.state_form_end(tokens, m.last, text)
            end = tokens[form_end - 1].end if form_end > m.last else m.end
        found.append(Mention(m.start, end, entry.kind, entry.kk, entry.id))
    if discover:
        new = [n for n in entities.discover(text, tokens, found) if n.start not in mediums]
        # a place inside a discovered organisation's name is part of that name
        orgs = [(n.start, n.end) for n in new if n.kind == "organization"]
        if orgs:
            found = [m for m in found if not any(a <= m.start and m.end <= b for a, b in orgs)]
        found.extend(new)
    return same_body(same_person(sorted(found, key=lambda m: m.start)))


def _anothers_body(found: list[Mention], start: int, country: str, text: str,
                   vocabulary: Vocabulary) -> Mention | None:
    """The name just before ``start`` (nothing but spaces between) when it is a
    place or body other than ``country``: "Ресей Сыртқы істер министрлігі",
    "Иранның Қарулы Күштері" name that one's body, not the vocabulary's."""
    before = max((m for m in found if m.end <= start), key=lambda m: m.end, default=None)
    if before is None or text[before.end : start].strip() or before.tag_id == country:
        return None
    owner = vocabulary.by_id.get(before.tag_id or "")
    # a place, or a body of no country (БҰҰ): not "Сенат Жоғарғы сот…", two bodies of one state
    if not (before.kind == "place" or owner is not None and owner.kind == "organization" and not owner.country):
        return None
    return before if _owns(text[before.start : before.end].split()[-1], before, vocabulary) else None


def _owns(word: str, owner: Mention, vocabulary: Vocabulary) -> bool:
    """Whether a name ending in ``word`` can own what follows it: genitive or
    nominative, a word of the name as the vocabulary writes it ("Ресейдің
    Үкіметі", "Канада Үкіметі", "Ресей Федерациясы Үкіметі"), not "Әзербайжан
    Республикасына Қарулы Күштер" (to the republic) or "Ресейде Үкімет" (in Russia)."""
    low = word.lower()
    if low.endswith(tuple(name_context.context_words()["genitive_endings"])):
        return True
    entry = vocabulary.by_id.get(owner.tag_id or "")
    names = (entry.kk, *entry.aliases) if entry else (owner.label,)
    return low in {w.lower() for name in (*names, *name_context.context_words()["state_forms"])
                   for w in name.split()}


def _shared_head_mentions(text: str, tokens: list, vocabulary: Vocabulary) -> tuple[list[Mention], set[int]]:
    """"Жамбыл және Алматы облыстарының": a mention of each name with the shared head
    (the vocabulary's entry for "Жамбыл облысы", else a discovered place), and the
    tokens they take."""
    found, taken = [], set()
    for a, b, head, singular in name_context.shared_head_names(tokens, text):
        phrase = " ".join(t.text for t in tokens[a:b]) + " " + singular
        phrase_tokens = kazakh.tokenize(phrase)
        match = vocabulary.names.match(phrase, phrase_tokens)
        end = tokens[head].end if b == head else tokens[b - 1].end
        taken.update(range(a, head + 1 if b == head else b))
        if not (len(match) == 1 and match[0].last == len(phrase_tokens)) and singular in name_context.context_words()["name_itself"]:
            bare = phrase[: -len(singular)].strip()  # "Шымкент қаласы" is the city Шымкент
            match = [m for m in vocabulary.names.match(bare, kazakh.tokenize(bare))
                     if vocabulary.by_id[m.target].kind == "place"]
            phrase_tokens = kazakh.tokenize(bare)
        if len(match) == 1 and match[0].last == len(phrase_tokens):
            entry = vocabulary.by_id[match[0].target]
            found.append(Mention(tokens[a].start, end, entry.kind, entry.kk, entry.id))
        else:
            if singular in word_lists()["settlement_heads"]:  # "Черновцы және Одесса қалаларында"
                phrase = phrase[: -len(singular)].strip()
            found.append(Mention(tokens[a].start, end, "place", phrase, None, "context"))
    return found, taken


def find_tags(text: str, vocabulary: Vocabulary, extra: tuple[str, ...] = ()) -> list[Tag]:
    """The tags of one article, most salient first: names, discovered entities,
    topics and the editor's extras."""
    tokens = kazakh.tokenize(text)
    tags: dict[str, Tag] = {}
    at: dict[str, list[int]] = {}  # tag id → where its mentions start
    mentions: dict[str, list[str]] = {}  # tag id → its mentions as written, in text order
    for m in find_mentions(text, vocabulary, tokens):
        tag = tags.get(m.tag_id or "") if m.tag_id else None
        if tag is None:
            tag = _vocabulary_tag(vocabulary.by_id[m.tag_id]) if m.tag_id else discovered_tag(m.label, m.kind)
            tag = tags.setdefault(tag.id, tag)
        at.setdefault(tag.id, []).append(m.start)
        _add_mention(mentions, tag.id, text[m.start : m.end])
    for topic, spans in vocabulary.topics.hits(text, tokens).items():
        entry = vocabulary.by_id[topic]
        if len(spans) >= entry.threshold:
            tags[topic] = _vocabulary_tag(entry)
            mentions[topic] = []
            at[topic] = [start for start, _ in spans]
            for start, end in spans:
                _add_mention(mentions, topic, text[start:end])
    for tag_id, written in mentions.items():
        tag = tags[tag_id]
        extra_mentions = tuple(w for w in written if w not in tag.mentions)
        if extra_mentions:
            tags[tag_id] = replace(tag, mentions=tag.mentions + extra_mentions)
    for label in extra:
        tag = editor_tag(label, vocabulary)
        if tag is not None:  # an unknown one is a warning (unknown_tag_warnings), not a tag
            tags.setdefault(tag.id, tag)
    lead = lead_end(text)
    scored = [replace(t, salience=salience(at.get(t.id, []), len(text), lead)) for t in tags.values()]
    never = len(text) + 1
    order = {k: i for i, k in enumerate(TAG_KINDS)}
    first = {tag_id: min(starts) for tag_id, starts in at.items()}
    return sorted(scored, key=lambda t: (-t.salience, order[t.kind], first.get(t.id, never), t.id))


def _vocabulary_tag(entry: Entry) -> Tag:
    return Tag(entry.id, entry.kind, entry.kk, entry.en, latin=_latin(entry.kk))


def _add_mention(mentions: dict[str, list[str]], tag_id: str, mention: str) -> None:
    """Note ``mention`` for the tag (once); the tags get their mentions when all are found."""
    written = mentions.setdefault(tag_id, [])
    if mention not in written:
        written.append(mention)


@lru_cache(maxsize=20_000)
def _latin(label: str) -> str:
    """``label`` in the official 2021 Latin alphabet (Latin-script Kazakh, never English)."""
    latin = kazakh.transliterate(label)
    if _CYRILLIC.search(latin):  # the core left Cyrillic: fall back to a plain romanisation
        latin = " ".join(w.capitalize() for w in slugify(latin, separator=" ").split())
    return latin


_CYRILLIC = re.compile("[\u0400-\u04ff]")


@lru_cache(maxsize=20_000)
def discovered_tag(label: str, kind: str) -> Tag:
    """A tag for an entity not in the vocabulary: kk = base form, no English label
    (none is known), latin and id by transliteration."""
    latin = _latin(label)
    return Tag(slugify(latin) or slugify(label), kind, label, None, discovered=True, latin=latin)


def editor_tag(label: str, vocabulary: Vocabulary) -> Tag | None:
    """A front-matter tag: a vocabulary entry by id or label (any inflected form);
    None when it names no known tag (a misspelt "ecologyy" must not make a tag page)."""
    label = label.strip()
    tag_id = vocabulary.labels.get(label.lower())
    if tag_id is None:
        base = vocabulary.labels.get(kazakh.stem(label))
        tag_id = base
    if tag_id is not None:
        return _vocabulary_tag(vocabulary.by_id[tag_id])
    return None


def unknown_tag_warnings(labels: Iterable[str], vocabulary: Vocabulary) -> list[str]:
    """A warning for each front-matter tag that names no known tag, with the nearest known one."""
    warnings = []
    for label in labels:
        if editor_tag(label, vocabulary) is not None:
            continue
        near = difflib.get_close_matches(label.strip().lower(), vocabulary.labels, n=1, cutoff=0.6)
        hint = f"; did you mean {near[0]!r} ({vocabulary.labels[near[0]]})?" if near else ""
        warnings.append(f"front matter tag {label!r} is no known tag (site_config/vocabulary/): "
                        f"it is left out{hint}")
    return warnings


def tag_candidates(articles_tags: Iterable[Iterable[Tag]]) -> list[tuple[Tag, int]]:
    """Discovered tags across articles with the number of articles carrying each, most first.

    Editors promote the frequent ones into the vocabulary (``digest tags``).
    """
    counts: Counter[str] = Counter()
    merged: dict[str, Tag] = {}
    for tags in articles_tags:
        for tag in {t.id: t for t in tags if t.discovered}.values():
            counts[tag.id] += 1
            old = merged.get(tag.id)
            if old is None:
                merged[tag.id] = tag
            else:
                extra = tuple(m for m in tag.mentions if m not in old.mentions)
                merged[tag.id] = replace(old, mentions=old.mentions + extra)
    return sorted(((merged[i], c) for i, c in counts.items()), key=lambda tc: (-tc[1], tc[0].id))
