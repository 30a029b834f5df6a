"""The state one build threads through its steps."""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from pathlib import Path

from .alignment import Alignment
from .corpus_stats import CorpusStats
from .readers import Mention
from .registry import LABELS, Registry


@dataclass
class BuildContext:
    """Inputs, the decision log, per-label registries and mention pools of one build."""

    ext: Path
    include_unlicensed: bool
    log: list[str] = field(default_factory=list)
    stats: CorpusStats = field(default_factory=CorpusStats)
    pools: collections.defaultdict[str, list[Mention]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )
    registries: dict[str, Registry] = field(init=False)
    alignment: Alignment = field(init=False)

    def __post_init__(self) -> None:
        self.registries = {label: Registry(label, self.log) for label in LABELS}
        self.alignment = Alignment(self.log)

    def pool(self, label: str, text: str, source: str, times: int = 1) -> None:
        """Add ``times`` annotated mentions of ``text`` to ``label``'s pool."""
        self.pools[label].extend(Mention(text, source) for _ in range(times))
