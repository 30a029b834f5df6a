"""Short forms learned across papers: once one paper defines "Dynamic Sparse No Training
(DSnoT)", a later paper that writes only "DSnoT" links to the same entity.

Only acronym-like short forms are learned (two capitals, or a capital and a digit), so a
definition never turns an ordinary word into an entity elsewhere. A form that many more papers
use than define is a common acronym with several meanings ("OOD" is out-of-distribution in
hundreds of papers and "object-object distinguishing" in one): it is not linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Evidence, Label, Mention, Paper

LEARNED = "kg_corpus_aliases"
_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2}|.*[A-Z].*\d)[A-Za-z0-9][\w.-]*$")
_LINKED_LABELS = (Label.METHOD, Label.DATASET, Label.TASK, Label.METRIC)
# A learned form links in papers that do not define it only while at most this many papers of the
# batch use it (undefined) per paper that defines it.
USES_PER_DEFINITION = 3


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
        self.definitions: dict[str, int] = {}  # papers (of this batch) that define each form
        self.uses: dict[str, int] = {}  # papers (of this batch) that use each form undefined
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
        """Learn the name and aliases of every entity one paper mentions."""
        forms: set[str] = set()
        for mention in mentions:
            self.learn(mention.label, mention.key, mention.name, mention.aliases)
            forms.update((mention.name, *mention.aliases))
        for form in forms & self.known.keys():
            self.definitions[form] = self.definitions.get(form, 0) + 1

    def count_uses(self, papers: Iterable[tuple[Paper, list[Mention]]]) -> None:
        """Count the papers that use each learned form without defining it."""
        pattern = self._compiled()
        if pattern is None:
            return
        for paper, mentions in papers:
            defined = {a for m in mentions for a in (m.name, *m.aliases)}
            for form in {m.group() for m in pattern.finditer(paper.text)} - defined:
                self.uses[form] = self.uses.get(form, 0) + 1

    def _compiled(self) -> re.Pattern[str] | None:
        if not self.known:
            return None
        if self._pattern is None:
            from extractors.regex import alternation

            self._pattern = re.compile(r"(?<![\w-])(?:" + alternation(self.known) + r")(?![\w-])")
        return self._pattern

    def _common(self, form: str) -> bool:
        uses = self.uses.get(form, 0)
        # A form known only from the stored graph counts as defined once.
        return uses > USES_PER_DEFINITION * max(self.definitions.get(form, 0), 1)

    def link(self, paper: Paper, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` plus a mention for every learned short form the paper uses unannotated."""
        pattern = self._compiled()
        if pattern is None:
            return mentions
        text = paper.text
        taken = [(m.start, m.end) for m in mentions]
        defined = {a for m in mentions for a in (m.name, *m.aliases)}
        added = []
        for match in pattern.finditer(text):
            form = match.group()
            if (
                form in defined
                or self._common(form)
                or any(s < match.end() and match.start() < e for s, e in taken)
            ):
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
