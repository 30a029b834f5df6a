"""The trained role classifier: does this paper propose the method or dataset, or use it?

A logistic regression over a few dozen signals of one entity in one abstract: the rule cues'
verdict ("we propose X", "termed X"), where the entity is written (title, "X:" title lead,
first sentence), how it is written (coined, defined with an abbreviation, a known gazetteer
name, CamelCase), words around its mentions ("our", "existing", "such as", "compared
with", "benchmark"), and the name's history in the annotated abstracts (used by other papers,
proposed by one). Weights are trained by ``scripts/train/roles.py`` on the annotated
abstracts and shipped in the pipeline directory (``kg_roles/weights.json``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from extractors.roles import cue_ends, is_proposed_at

_OUR = re.compile(r"\bour\b[^.;:]{0,30}$", re.IGNORECASE)
_NAMING = re.compile(r"\b(?:termed|called|dubbed|named|coined)\s*[\"'“]?\s*$", re.IGNORECASE)
_EXISTING = re.compile(
    r"\b(?:existing|popular|standard|conventional|prior|previous|widely[- ]used|state-of-the-art"
    r"|classic(?:al)?|traditional|established|common(?:ly used)?|baselines?)\b[^.;:]{0,40}$",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(r"\b(?:such as|e\.g\.|including|like)\s*[^.;:]{0,40}$", re.IGNORECASE)
_COMPARE = re.compile(
    r"\b(?:compared? (?:to|with)|outperform\w*|than|versus|vs\.?|over)\b[^.;:]{0,40}$", re.IGNORECASE
)
_USE = re.compile(
    r"\b(?:using|use[sd]?|utiliz\w+|leverag\w+|adopt\w*|based on|build(?:s|ing)? (?:up)?on|apply\w*"
    r"|employ\w*|via|with)\s*[^.;:]{0,25}$",
    re.IGNORECASE,
)
_AFTER_NEW = re.compile(
    r"\s*(?:\([^)]{0,30}\))?\s*,\s*(?:a|an|our)\s+(?:novel|new|simple|unified|first)\b", re.IGNORECASE
)
_AFTER_DATA = re.compile(r"[\s-]*(?:benchmark|dataset|corpus|suite|leaderboard)s?\b", re.IGNORECASE)
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}")

FEATURES = (
    "bias",
    "rule_proposed",
    "in_title",
    "title_lead",
    "first_sentence",
    "defined",
    "known",
    "coined",
    "learned_only",
    "mentions_1",
    "mentions_2",
    "mentions_3plus",
    "camel",
    "our",
    "naming",
    "existing",
    "example",
    "compare",
    "use",
    "after_new",
    "after_data",
    "dataset",
    "multiword",
    "seen_used",
    "seen_used_often",
    "seen_proposed",
)


def entity_features(
    text: str,
    title_end: int,
    spans: Sequence[tuple[int, int]],
    *,
    name: str,
    label: str,
    rule_proposed: bool,
    defined: bool,
    sources: set[str],
    sentences: Sequence[tuple[int, int]],
    history: tuple[int, int] = (0, 0),
) -> list[float]:
    """The feature vector (in :data:`FEATURES` order) of one entity's mentions in one text.

    ``history``: in how many annotated abstracts the name was used, and proposed (names other
    papers use are rarely this paper's own).
    """
    first_sentence_end = next((end for start, end in sentences if start > title_end), len(text))
    f = dict.fromkeys(FEATURES, 0.0)
    f["bias"] = 1.0
    f["rule_proposed"] = float(rule_proposed)
    f["defined"] = float(defined)
    f["known"] = float("kg_gazetteer" in sources)
    f["coined"] = float("kg_coined" in sources)
    f["learned_only"] = float(sources == {"kg_learned"})
    n = len(spans)
    f["mentions_1"], f["mentions_2"], f["mentions_3plus"] = float(n == 1), float(n == 2), float(n >= 3)
    f["camel"] = float(bool(_CAMEL.search(name)))
    f["dataset"] = float(label == "Dataset")
    f["multiword"] = float(" " in name)
    used, proposed = history
    f["seen_used"], f["seen_used_often"], f["seen_proposed"] = (
        float(used >= 1),
        float(used >= 3),
        float(proposed >= 1),
    )
    for start, end in spans:
        before = text[max(0, start - 60) : start]
        f["in_title"] = max(f["in_title"], float(start < title_end))
        f["title_lead"] = max(
            f["title_lead"], float(start == 0 and text[end : end + 3].lstrip().startswith(":"))
        )
        f["first_sentence"] = max(f["first_sentence"], float(title_end < start < first_sentence_end))
        for key, pattern in (
            ("our", _OUR),
            ("naming", _NAMING),
            ("existing", _EXISTING),
            ("example", _EXAMPLE),
            ("compare", _COMPARE),
            ("use", _USE),
        ):
            if pattern.search(before):
                f[key] = 1.0
        if _AFTER_NEW.match(text, end):
            f["after_new"] = 1.0
        if _AFTER_DATA.match(text, end):
            f["after_data"] = 1.0
    return [f[name] for name in FEATURES]


def rule_verdict(
    text: str, title_end: int, spans: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]]
) -> bool:
    """The cue rules' verdict: proposed when any mention is presented as the paper's own."""
    cues = cue_ends(text)
    for start, end in spans:
        s_start = max((s for s, _ in sentences if s <= start), default=0)
        if is_proposed_at(text, s_start, start, end, cues, in_title=start < title_end):
            return True
    return False


class RoleModel:
    """Logistic regression weights by feature name; ``probability`` of "proposed"."""

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights = weights or {}

    def probability(self, features: Sequence[float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in zip(FEATURES, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def fit(
        cls,
        rows: Sequence[Sequence[float]],
        labels: Sequence[int],
        *,
        l2: float = 1.0,
        steps: int = 2000,
        rate: float = 0.5,
    ) -> RoleModel:
        """Batch gradient descent from zero weights: deterministic, no seed needed."""
        import numpy

        x = numpy.asarray(rows, dtype=numpy.float64)
        y = numpy.asarray(labels, dtype=numpy.float64)
        w = numpy.zeros(x.shape[1])
        penalty = numpy.full(x.shape[1], l2 / len(y))
        penalty[FEATURES.index("bias")] = 0.0
        for _ in range(steps):
            p = 1.0 / (1.0 + numpy.exp(-numpy.clip(x @ w, -30, 30)))
            w -= rate * (x.T @ (p - y) / len(y) + penalty * w)
        return cls({name: round(float(value), 6) for name, value in zip(FEATURES, w, strict=True)})
