"""What paper-kg's components know about one doc, kept in one object in ``doc.user_data``.

Every component reads the text, the title end and the candidates so far; through spaCy's
``doc._`` each read builds a new accessor object, which costs more than some finders. One plain
slots object per doc, created by the tokenizer (or on first use), is a dict lookup away. The
``doc._.kg_*`` extensions stay as read-only views of it for users of the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

if TYPE_CHECKING:
    from extractors.abbreviations import Abbreviation
    from extractors.candidates import Candidate
    from extractors.types import Mention

KEY = "kg"


@dataclass(slots=True)
class DocState:
    """The text as given (newlines included), where its title ends, and the components' results."""

    text: str
    title_end: int
    sentences: list[tuple[int, int]] | None = None
    abbreviations: list[Abbreviation] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] | None = None


def new_state(doc: Doc, text: str) -> DocState:
    """Attach a fresh state for ``text`` (title, newline, abstract) to ``doc``."""
    newline = text.find("\n")
    state = DocState(text, newline if newline >= 0 else len(text))
    doc.user_data[KEY] = state
    return state


def doc_state(doc: Doc) -> DocState:
    """The doc's state, created from ``doc.text`` if no paper-kg tokenizer made the doc."""
    state: DocState | None = doc.user_data.get(KEY)
    return state if state is not None else new_state(doc, doc.text)


def _view(name: str) -> Any:
    return lambda doc: getattr(doc_state(doc), name)


for _name, _attr in (
    ("kg_text", "text"),
    ("kg_title_end", "title_end"),
    ("kg_sentences", "sentences"),
    ("kg_abbreviations", "abbreviations"),
    ("kg_candidates", "candidates"),
    ("kg_mentions", "mentions"),
):
    Doc.set_extension(_name, getter=_view(_attr), force=True)
