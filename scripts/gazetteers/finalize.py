"""From registries to output rows: filter, assign ids, resolve conflicts, flag and sort."""

from __future__ import annotations

from typing import Any

from .acronyms import named_token
from .alignment import assign_ids
from .conflicts import Chosen, LabelsByPattern, choose_owners, resolve_labels
from .context import BuildContext
from .corpus_stats import CorpusStats
from .english import is_english
from .normalise import stat_tokens
from .registry import SOURCE_RANK, Entity, Pattern
from .selection import select_patterns
from .wordlists import SOURCE_NAMES

Row = dict[str, Any]


def finalize(ctx: BuildContext) -> dict[str, list[Row]]:
    """The output rows per label, each label's rows sorted by id (canonical pattern first)."""
    ctx.stats.count_pool(
        {
            stat_tokens(p.text)
            for reg in ctx.registries.values()
            for e in reg.entities.values()
            for p in e.patterns.values()
        }
    )
    owners = select_patterns(ctx)
    assign_ids(ctx.registries, ctx.alignment)
    chosen = choose_owners(owners, ctx.log)
    by_pattern = resolve_labels(chosen, ctx.log)
    rows = _rows(ctx.stats, chosen, by_pattern)
    for label in rows:
        rows[label].sort(
            key=lambda r: (r["id"], r["pattern"].lower() != r["canonical"].lower(), r["pattern"].lower())
        )
    return rows


def _rows(stats: CorpusStats, chosen: Chosen, by_pattern: LabelsByPattern) -> dict[str, list[Row]]:
    """One JSONL row per chosen (label, pattern)."""
    rows: dict[str, list[Row]] = {}
    for (label, low), (ent, pat) in chosen.items():
        row: Row = {
            "label": label,
            "pattern": pat.text,
            "id": ent.eid,
            "canonical": ent.canonical,
            "source": "+".join(sorted(pat.sources, key=lambda s: (SOURCE_RANK.get(s, 9), s))),
        }
        row.update(flags(stats, label, ent, pat))
        if ent.model_like:
            row["model_like"] = True
        others = sorted(set(by_pattern[low]) - {label})
        if others:
            row["other_labels"] = others
        rows.setdefault(label, []).append(row)
    return rows


def flags(stats: CorpusStats, label: str, ent: Entity, pat: Pattern) -> dict[str, bool]:
    """``needs_context`` for common words, ``case_sensitive`` where only the casing makes a name."""
    text = pat.text
    toks = text.split()
    out = _word_flags(stats, label, text.strip("-")) if len(toks) == 1 else _phrase_flags(label, toks)
    if label == "DATASET" and text.lower() in SOURCE_NAMES:
        out["needs_context"] = True
    return out


def _word_flags(stats: CorpusStats, label: str, word: str) -> dict[str, bool]:
    """Flags of a one-word pattern (``word`` without outer hyphens)."""
    out: dict[str, bool] = {}
    alpha = word.replace("-", "").isalpha()
    if alpha and word.isupper() and len(word) >= 3:
        if is_english(word) or stats.lowercase_usage(word):
            out["needs_context"] = True
            out["case_sensitive"] = True
    elif alpha and not named_token(word):
        if is_english(word):
            out["needs_context"] = True
            if word[:1].isupper() and label in ("METHOD", "DATASET"):
                out["case_sensitive"] = True
        elif (
            stats.lowercase_usage(word)
            or (label in ("TASK", "METRIC") and word.islower() and "-" not in word)
            or (label == "DATASET" and word.lower() in SOURCE_NAMES)
        ):
            out["needs_context"] = True
    return out


def _phrase_flags(label: str, toks: list[str]) -> dict[str, bool]:
    """Flags of a multi-word pattern: all everyday words (or text sources, for datasets)."""
    out: dict[str, bool] = {}
    if label == "DATASET" and all(is_english(t) or t.lower() in SOURCE_NAMES for t in toks):
        out["needs_context"] = True
    if label == "METHOD" and all(is_english(t) for t in toks):
        out["needs_context"] = True
    return out
