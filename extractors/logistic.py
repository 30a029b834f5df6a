"""A small logistic regression over named (sparse) features, trained deterministically.

Used by the trained entity filter and role classifier: a few thousand examples, a few hundred
features, weights kept as a JSON object ``{feature: weight}`` beside the pipeline.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

Features = Mapping[str, float]


class LogisticModel:
    """``probability(features)`` of the positive class; unseen features weigh nothing."""

    def __init__(self, weights: Mapping[str, float] | None = None) -> None:
        self.weights = dict(weights or {})

    def score(self, features: Features) -> float:
        get = self.weights.get
        return self.weights.get("bias", 0.0) + sum(get(name, 0.0) * value for name, value in features.items())

    def probability(self, features: Features) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.score(features)))))

    @classmethod
    def fit(
        cls,
        rows: Sequence[Features],
        labels: Sequence[int],
        *,
        l2: float = 1.0,
        steps: int = 600,
        rate: float = 1.0,
        min_count: int = 3,
    ) -> LogisticModel:
        """Batch gradient descent (Adagrad steps) from zero weights: the same data gives the same
        weights. Features seen in fewer than ``min_count`` rows are dropped."""
        import numpy

        counts = Counter(name for row in rows for name in row)
        names = sorted(name for name, n in counts.items() if n >= min_count and name != "bias")
        index = {name: i for i, name in enumerate(names)}
        data, cols, row_of = [], [], []
        for r, row in enumerate(rows):
            for name, value in row.items():
                if name in index:
                    data.append(value)
                    cols.append(index[name])
                    row_of.append(r)
        values = numpy.asarray(data, dtype=numpy.float64)
        col = numpy.asarray(cols, dtype=numpy.int64)
        row_idx = numpy.asarray(row_of, dtype=numpy.int64)
        n, m = len(rows), len(names)
        y = numpy.asarray(labels, dtype=numpy.float64)
        w = numpy.zeros(m)
        b = 0.0
        g2w, g2b = numpy.full(m, 1e-8), 1e-8
        for _ in range(steps):
            z = numpy.bincount(row_idx, weights=values * w[col], minlength=n) + b
            p = 1.0 / (1.0 + numpy.exp(-numpy.clip(z, -30, 30)))
            residual = p - y
            grad_w = numpy.bincount(col, weights=values * residual[row_idx], minlength=m) / n + (l2 / n) * w
            grad_b = float(numpy.mean(residual))
            g2w += grad_w**2
            g2b += grad_b**2
            w -= rate * grad_w / numpy.sqrt(g2w)
            b -= rate * grad_b / math.sqrt(g2b)
        weights = {name: round(float(v), 5) for name, v in zip(names, w, strict=True) if abs(v) > 1e-5}
        weights["bias"] = round(b, 5)
        return cls(weights)
