"""Which articles a change of the vocabulary can give other tags.

An article's tags read the vocabulary in three ways only (``tags.find_tags``):
the entries whose names or keywords occur in its text (and entity discovery
is told where those are), its editor's tags (looked up by label), and the
labels of the entries it carries. So when an editor adds a name, only the
articles that hold one of the changed entries' *anchors* (strings any text
the name matches in holds: ``ner_names.name_anchors``), carry one of the
changed entries, or have editor's tags need their tags found again; the
others keep theirs. At 1,000 articles, one name added meant 3.2 s of tagging
every article again.

Which of two entries sharing a name wins depends on their order, so a change
that reorders the entries both vocabularies hold counts as changing all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterable

from digest.extract.ner_names import name_anchors
from digest.extract.tags import Entry
from digest.extract.topics import TopicIndex


def _essence(entry: Entry) -> Entry:
    """The entry without where it is written (moving it to another file changes no tag)."""
    return dataclasses.replace(entry, path="", line=0)


def entry_anchors(entry: Entry) -> tuple[str, ...]:
    """Strings one of which a text holds (lower-cased) if ``entry`` can match in it."""
    if entry.kind == "topic":
        return (tuple(a for keyword in entry.keywords for a in TopicIndex.anchors(keyword))
                + tuple(a for keyword in entry.stem_keywords for a in TopicIndex.stem_anchors(keyword)))
    return tuple(a for name in (entry.kk, *entry.aliases) for a in name_anchors(name))


@dataclass(frozen=True)
class VocabularyChange:
    """The ids of the entries added, removed or edited, and their anchors.

    ``everything``: the change is not known (no record of the vocabulary
    before it, or entries reordered); every article may have other tags."""

    ids: frozenset[str] = frozenset()
    anchors: tuple[str, ...] = ()
    everything: bool = False

    @classmethod
    def between(cls, old: Iterable[Entry], new: Iterable[Entry]) -> "VocabularyChange":
        before = [_essence(e) for e in old]
        after = [_essence(e) for e in new]
        changed = set(before) ^ set(after)
        common = set(before) & set(after)
        if [e for e in before if e in common] != [e for e in after if e in common]:
            return cls(everything=True)
        anchors = {a for e in changed for a in entry_anchors(e)}
        return cls(frozenset(e.id for e in changed), tuple(sorted(anchors)))

    def may_retag(self, text: str, extra: tuple[str, ...], tag_ids: Iterable[str]) -> bool:
        """True unless the tags found in ``text`` with editor's tags ``extra``,
        which were ``tag_ids`` before the change, are certainly the same after it."""
        if self.everything:
            return True
        if not self.ids:
            return False
        if extra or not self.ids.isdisjoint(tag_ids):
            return True
        low = text.lower()
        return any(anchor in low for anchor in self.anchors)
