"""The extractors' own types: entity labels, mentions and their evidence.

``kg`` builds its graph schema on these (``kg.model`` re-exports them); nothing here imports ``kg``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Label(StrEnum):
    """Node labels."""

    PAPER = "Paper"
    METHOD = "Method"
    DATASET = "Dataset"
    MODEL = "Model"
    MODEL_FAMILY = "ModelFamily"
    TASK = "Task"
    METRIC = "Metric"
    REPO = "Repo"
    AUTHOR = "Author"
    # Concepts and topics (kg.concepts): mined phrases and communities, not extracted mentions.
    CONCEPT = "Concept"
    TOPIC = "Topic"

    @property
    def id_prefix(self) -> str:
        """The prefix of this label's entity ids (papers use bare arXiv ids or hashes)."""
        return _ID_PREFIX[self]


_ID_PREFIX = {
    Label.PAPER: "",
    Label.METHOD: "method",
    Label.DATASET: "dataset",
    Label.MODEL: "model",
    Label.MODEL_FAMILY: "family",
    Label.TASK: "task",
    Label.METRIC: "metric",
    Label.REPO: "repo",
    Label.AUTHOR: "author",
    Label.CONCEPT: "concept",
    Label.TOPIC: "topic",
}


class Evidence(NamedTuple):
    """Where an edge came from: the sentence and the mention's offsets into ``Paper.text``."""

    sentence: str
    start: int
    end: int


class Mention(NamedTuple):
    """One entity mention an extractor found in a paper's text (a tuple: cheap to build by the
    hundred thousand and to send between processes).

    ``key`` is the normalised canonical key (the node id is ``<label prefix>:<key>``);
    ``start``/``end`` index into :attr:`Paper.text`; ``attrs`` holds label-specific values
    (a repo's ``url`` and ``kind``, a model's ``family``).
    """

    label: Label
    name: str
    key: str
    start: int
    end: int
    sentence: Evidence
    extractor: str
    confidence: float = 1.0
    role: str | None = None
    aliases: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def node_id(self) -> str:
        return f"{self.label.id_prefix}:{self.key}"
