"""Short forms learned across papers: once one paper defines "Dynamic Sparse No Training
(DSnoT)", a later paper that writes only "DSnoT" links to the same entity.

Only acronym-like short forms are learned (two capitals, or a capital and a digit), so a
definition never turns an ordinary word into an entity elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Evidence, Label, Mention, Paper

LEARNED = "kg_corpus_aliases"
_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2}|.*[A-Z].*\d)[A-Za-z0-9][\w.-]*$")
_LINKED_LABELS = (Label.METHOD, Label.DATASET, Label.TASK, Label.METRIC)


@dataclass(frozen=True, slots=True)
class Known:
    """The entity a learned short form stands for."""

    label: Label
    key: str
    name: str
    aliases: tuple[str, ...]


class AliasTable:
    """Acronym-like aliases of defined entities, matched in papers that do not define them."""

    def __init__(self) -> None:
        self.known: dict[str, Known] = {}
        self._pattern: re.Pattern[str] | None = None

    def learn(self, label: Label, key: str, name: str, aliases: Iterable[str]) -> None:
        """Remember the acronym-like name and aliases of one entity.

        Where two entities claim a form, the smaller (label, key) keeps it, so what is learned
        does not depend on the order papers arrive in (re-ingesting changes nothing).
        """
        if label not in _LINKED_LABELS:
            return
        forms = tuple(sorted(set(aliases) | {name}))
        for form in forms:
            if len(form) < 3 or not _ACRONYM.match(form):
                continue
            current = self.known.get(form)
            if current is None or (label.value, key) < (current.label.value, current.key):
                self.known[form] = Known(label, key, name, forms)
                self._pattern = None

    def learn_mentions(self, mentions: Iterable[Mention]) -> None:
        """Learn the name and aliases of every mentioned entity."""
        for mention in mentions:
            self.learn(mention.label, mention.key, mention.name, mention.aliases)

    def link(self, paper: Paper, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` plus a mention for every learned short form the paper uses unannotated."""
        if not self.known:
            return mentions
        if self._pattern is None:
            from extractors.regex import alternation

            self._pattern = re.compile(r"(?<![\w-])(?:" + alternation(self.known) + r")(?![\w-])")
        text = paper.text
        taken = [(m.start, m.end) for m in mentions]
        defined = {a for m in mentions for a in (m.name, *m.aliases)}
        added = []
        for match in self._pattern.finditer(text):
            form = match.group()
            if form in defined or any(s < match.end() and match.start() < e for s, e in taken):
                continue
            known = self.known[form]
            sentence = _sentence(text, match.start(), match.end())
            added.append(
                Mention(
                    label=known.label,
                    name=known.name,
                    key=known.key,
                    start=match.start(),
                    end=match.end(),
                    sentence=sentence,
                    extractor=LEARNED,
                    confidence=0.6,
                    role="used" if known.label in (Label.METHOD, Label.DATASET) else None,
                )
            )
        return sorted([*mentions, *added], key=lambda m: (m.start, m.end)) if added else mentions


def _sentence(text: str, start: int, end: int) -> Evidence:
    """The sentence around a character range, split on full stops and the title's newline."""
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return Evidence(text[left:right].strip(), left, right)
