"""One person named several ways in one article.

News names a person in full once ("Ержан Сәденов", "Нартай Сәрсенғалиев")
and then more briefly. ``same_person`` gives the brief mentions the full
name's tag, when exactly one full name in the text fits:

* a surname alone or with initials, before or after it: "Сәденов", "Е. Сәденов",
  "Койнов С.С."; a first name
  alone: "Кристина" where the text names "Кристина Гаврилюк";
* a first name and patronymic, the polite Kazakh form: "Нартай Аралбайұлы";
* the full name with the patronymic: "Ерболат Асқарбекұлы Досаев" where the
  text also says "Ерболат Досаев";
* a surname taken for a place or a body (a one-word name in the genitive,
  "Рубионың орынбасары", reads like either): "Рубио" where the text names
  "Марко Рубио".

Only discovered mentions change; the vocabulary's are as it says.

``same_body`` does the same for a body named in full once ("Атырау облысы
Полиция департаменті") and then by its head ("Полиция департаментінің").
"""

from __future__ import annotations

from dataclasses import replace

from digest.model import Mention

_PATRONYMIC = ("ұлы", "қызы", "улы", "кызы", "вич", "вна", "ична")  # Kazakh and Russian patronymics

Names = dict[str, set[tuple[str, "str | None"]]]  # a word of the name → (label, tag id) of each full name


def same_person(found: list[Mention]) -> list[Mention]:
    """``found`` with each brief mention of a person named in full elsewhere in the text as that person."""
    short = {m.label.lower(): (m.label, m.tag_id) for m in found if m.kind == "person"}
    found = [_without_patronymic(m, short) or m for m in found]
    surnames: Names = {}
    first_names: Names = {}
    for m in found:
        words = _words(m.label)
        if m.kind == "person" and len(words) >= 2 and len(words[0].rstrip(".")) > 1:
            surnames.setdefault(words[-1].lower(), set()).add((m.label, m.tag_id))
            if not words[-1].lower().endswith(_PATRONYMIC):
                first_names.setdefault(words[0].lower(), set()).add((m.label, m.tag_id))
    if not surnames:
        return found
    return [_as_full(m, surnames, first_names) for m in found]


def _without_patronymic(m: Mention, short: dict[str, tuple[str, str | None]]) -> Mention | None:
    """"Ерболат Асқарбекұлы Досаев" where the text also says "Ерболат Досаев": that person."""
    words = _words(m.label)
    if m.kind != "person" or m.tag_id is not None or len(words) != 3 or not words[1].lower().endswith(_PATRONYMIC):
        return None
    named = short.get(f"{words[0]} {words[2]}".lower())
    return replace(m, label=named[0], tag_id=named[1]) if named else None


def _words(label: str) -> list[str]:
    return label.replace(".", ". ").split()


def _as_full(m: Mention, surnames: Names, first_names: Names) -> Mention:
    if m.tag_id is not None:
        return m
    words = _words(m.label)
    if m.kind == "person":
        named = surnames.get(words[-1].lower())
        if named and len(named) == 1 and all(len(w.rstrip(".")) == 1 for w in words[:-1]):
            label, tag_id = next(iter(named))
            initials = [w[0] for w in words[:-1]]
            if (label, tag_id) != (m.label, None) and initials == [w[0] for w in label.split()[: len(initials)]]:
                return replace(m, label=label, tag_id=tag_id)
        named = surnames.get(words[0].lower())  # "Койнов С.С.": the surname, then the initials
        if named and len(named) == 1 and len(words) > 1 and all(len(w.rstrip(".")) == 1 for w in words[1:]):
            label, tag_id = next(iter(named))
            if label[:1].lower() == words[1][:1].lower() and (label, tag_id) != (m.label, None):
                return replace(m, label=label, tag_id=tag_id)
        if len(words) == 2 and words[1].lower().endswith(_PATRONYMIC):  # "Нартай Аралбайұлы"
            named = first_names.get(words[0].lower())
            if named and len(named) == 1:
                label, tag_id = next(iter(named))
                return replace(m, label=label, tag_id=tag_id)
        if len(words) == 1:  # "Кристина" where the text names "Кристина Гаврилюк"
            named = first_names.get(words[0].lower())
            if named and len(named) == 1:
                label, tag_id = next(iter(named))
                return replace(m, label=label, tag_id=tag_id)
    elif len(words) == 1 and m.kind in ("place", "organization"):  # "Рубионың орынбасары"
        named = surnames.get(words[0].lower())
        if named and len(named) == 1:
            label, tag_id = next(iter(named))
            return replace(m, kind="person", label=label, tag_id=tag_id)
    return m


def same_body(found: list[Mention]) -> list[Mention]:
    """``found`` with a discovered organisation named by the end of exactly one
    fuller discovered name in the text as that one: "Полиция департаменті"
    after "Атырау облысы Полиция департаменті"."""
    full = [m.label for m in found if m.kind == "organization" and m.tag_id is None]
    if len(full) < 2:
        return found
    out = []
    for m in found:
        if m.kind == "organization" and m.tag_id is None:
            longer = {f for f in full if f != m.label and f.lower().endswith(" " + m.label.lower())}
            if len(longer) == 1:
                m = replace(m, label=longer.pop())
        out.append(m)
    return out

