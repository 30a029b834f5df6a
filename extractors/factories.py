"""spaCy factories of paper-kg's components (registered on import, and as entry points).

Components append :class:`~kg.model.Mention` values to ``doc._.kg_mentions``; offsets are
character offsets into the doc's text (title + newline + abstract).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractors.links import find_links
from kg.ids import normalise_url
from kg.model import Evidence, Label, Mention

if not Doc.has_extension("kg_mentions"):
    Doc.set_extension("kg_mentions", default=None)


def mentions(doc: Doc) -> list[Mention]:
    """The doc's mention list, created on first use."""
    found: list[Mention] | None = doc._.kg_mentions
    if found is None:
        found = doc._.kg_mentions = []
    return found


def sentence_at(doc: Doc, start: int, end: int) -> Evidence:
    """The sentence holding the character range, as evidence (falls back to the whole line)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and doc.has_annotation("SENT_START"):
        sent = span.sent
        return Evidence(sent.text, sent.start_char, sent.end_char)
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", end)
    line_end = len(doc.text) if line_end < 0 else line_end
    return Evidence(doc.text[line_start:line_end], line_start, line_end)


class TitleSentence:
    """Make the title its own sentence: the token after the first newline starts a sentence."""

    def __call__(self, doc: Doc) -> Doc:
        newline = doc.text.find("\n")
        if newline >= 0:
            for token in doc:
                if token.idx > newline and not token.is_space:
                    token.is_sent_start = True
                    break
        return doc


class LinkFinder:
    """Code, model, data and project URLs as Repo mentions, cleaned and typed."""

    def __init__(self, name: str, confidence: float) -> None:
        self.name = name
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        found = mentions(doc)
        for link in find_links(doc.text):
            found.append(
                Mention(
                    label=Label.REPO,
                    name=link.url,
                    key=normalise_url(link.url),
                    start=link.start,
                    end=link.end,
                    sentence=sentence_at(doc, link.start, link.end),
                    extractor=self.name,
                    confidence=self.confidence,
                    attrs=(("url", link.url), ("kind", link.kind.value)),
                )
            )
        return doc


@Language.factory("kg_title_sentence")
def make_title_sentence(nlp: Language, name: str) -> TitleSentence:
    """The title is a sentence of its own (run after the sentencizer)."""
    return TitleSentence()


@Language.factory("kg_links", default_config={"confidence": 0.99})
def make_link_finder(nlp: Language, name: str, confidence: float) -> LinkFinder:
    """Find repository, model, data and project links."""
    return LinkFinder(name, confidence)
