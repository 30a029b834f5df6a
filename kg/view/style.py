"""How a view looks: colour and shape per node label, sizes, short labels and the tooltips.

Tooltips are small HTML fragments in which every text from the data is escaped with
:func:`html.escape`: the page turns them into elements, so a title like
``<img src=x onerror=…>`` shows as text. Node labels are drawn on a canvas (never parsed as HTML).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from kg.model import Edge, Label, Node

LABEL_CHARS = 42
EVIDENCE_CHARS = 280
EVIDENCE_LINES = 3


@dataclass(frozen=True, slots=True)
class LabelStyle:
    """A label's colour, vis-network shape, legend symbol and plural name."""

    colour: str
    shape: str
    symbol: str
    plural: str


STYLES: dict[Label, LabelStyle] = {
    Label.PAPER: LabelStyle("#4e79a7", "dot", "●", "papers"),
    Label.METHOD: LabelStyle("#f28e2b", "diamond", "◆", "methods"),
    Label.DATASET: LabelStyle("#59a14f", "square", "■", "datasets"),
    Label.MODEL: LabelStyle("#e15759", "triangle", "▲", "models"),
    Label.MODEL_FAMILY: LabelStyle("#b07aa1", "triangleDown", "▼", "model families"),
    Label.TASK: LabelStyle("#d4a017", "star", "★", "tasks"),
    Label.METRIC: LabelStyle("#76b7b2", "hexagon", "⬢", "metrics"),
    Label.REPO: LabelStyle("#9c755f", "square", "■", "repos"),
    Label.AUTHOR: LabelStyle("#8c8c8c", "dot", "●", "authors"),
    Label.CONCEPT: LabelStyle("#ff9da7", "dot", "●", "concepts"),
    Label.TOPIC: LabelStyle("#bab0ac", "hexagon", "⬢", "topics"),
}


def display_name(node: Node) -> str:
    """A node's full name: a paper's title, an entity's canonical name, else its id."""
    key = "title" if node.label is Label.PAPER else "name"
    return str(node.props.get(key) or node.id)


def short_label(node: Node) -> str:
    """The label drawn next to a node: its name, shortened with an ellipsis."""
    return _shorten(display_name(node), LABEL_CHARS)


def node_size(degree: int, *, centre: bool = False) -> float:
    """A node's size from its degree in the view (centres drawn larger)."""
    return round(min(10 + 4 * math.sqrt(degree), 42) + (8 if centre else 0), 1)


def node_tooltip(node: Node, edges: Iterable[Edge], names: dict[str, str]) -> str:
    """A node's tooltip (escaped HTML): name, kind, id, date and a few evidence sentences.

    ``edges`` are the node's edges in the view; ``names`` gives the name of every node in it.
    """
    props = node.props
    lines = [f"<b>{escape(display_name(node))}</b>", f"{escape(node.label.value)} · {escape(node.id)}"]
    if node.label is Label.PAPER:
        date = props.get("published") or props.get("listed")
        facts = [
            f"date {date}" if date else "",
            f"arXiv {props['arxiv_id']}" if props.get("arxiv_id") else "",
        ]
        if props.get("upvotes") is not None:
            facts.append(f"{props['upvotes']} upvotes")
        if any(facts):
            lines.append(escape(" · ".join(f for f in facts if f)))
    aliases = [str(a) for a in props.get("aliases") or []]
    if aliases:
        lines.append("also " + escape("; ".join(aliases)))
    if node.label is Label.REPO and props.get("url"):
        lines.append(escape(str(props["url"])))
    shown = 0
    for edge in edges:
        if shown >= EVIDENCE_LINES or not edge.props.get("evidence"):
            continue
        other = edge.target if edge.source == node.id else edge.source
        role = f" ({edge.props['role']})" if edge.props.get("role") else ""
        lines.append(
            f"<i>{escape(edge.type.value + role)}</i> {escape(_shorten(names.get(other, other), 60))}: "
            f"“{escape(_shorten(str(edge.props['evidence']), EVIDENCE_CHARS))}”"
        )
        shown += 1
    return "<br>".join(lines)


PAPERS_SHOWN = 12
"""How many shared papers a tooltip lists."""


def papers_tooltip(papers: tuple[str, ...]) -> str:
    """The papers behind an overview link or node (escaped HTML lines, oldest first)."""
    lines = [escape(_shorten(title, 90)) for title in papers[:PAPERS_SHOWN]]
    if len(papers) > PAPERS_SHOWN:
        lines.append(f"… and {len(papers) - PAPERS_SHOWN:,} more")
    return "".join(f"<br>{line}" for line in lines)


def edge_tooltip(edge: Edge) -> str:
    """An edge's tooltip (escaped HTML): type, role, confidence, extractor and evidence sentence."""
    props = edge.props
    facts = [str(props[k]) for k in ("role",) if props.get(k)]
    if props.get("confidence") is not None:
        facts.append(f"confidence {props['confidence']}")
    if props.get("extractor"):
        facts.append(str(props["extractor"]))
    head = f"<b>{escape(edge.type.value)}</b>" + (f" ({escape(', '.join(facts))})" if facts else "")
    evidence = props.get("evidence")
    return head + (f"<br>“{escape(_shorten(str(evidence), EVIDENCE_CHARS))}”" if evidence else "")


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
