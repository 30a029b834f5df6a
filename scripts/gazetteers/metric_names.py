"""Metric names: normalise a surface form or leaderboard column to a canonical metric name."""

from __future__ import annotations

import re

from .acronyms import acronym_of, is_acronym_token
from .context import BuildContext
from .corpus_stats import CorpusStats
from .normalise import clean, singular
from .wordlists import ACCURACY_ADJECTIVES, ACCURACY_KINDS, GENERIC_PHRASES, GENERIC_WORDS, METRIC_HEADS

_BRACKETED = re.compile(r"(.+?)\s*\(\s*([^()]+)\s*\)\s*(.*)")
_ACCURACY_OF = ("sentiment", "laptop", "restaurant", "aspect")  # "Laptop (Acc)" is accuracy
_PLAIN_ACCURACY = ("acc", "acc ex", "unigram acc", "percentage correct", "classification accuracy")
_F1_FORMS = ("f1-score", "f1 score", "f-score", "f-measure", "f1-measure", "f 1", "f-1", "f1 measure")
_UPPERCASE_METRICS = ("bleu", "rouge", "meteor", "gleu", "nist", "ribes")
_PLURAL_HEADS = ("rates", "errors", "scores", "correlations", "coefficients", "distances", "measures")
_NOT_METRICS = ("CR", "POS", "CNN", "MOVIE", "CPU", "GPU", "CoNLL")


def acronymish(text: str) -> bool:
    """Does the metric name start with an acronym (or BLEU/ROUGE/METEOR in any casing)?"""
    toks = text.split()
    return bool(toks) and (is_acronym_token(toks[0]) or toks[0].upper() in ("BLEU", "ROUGE", "METEOR"))


def metric_plural(text: str) -> str:
    """Singular of the last word of a metric name ("accuracies", "error rates")."""
    toks = text.split()
    last = toks[-1]
    if last.lower() == "accuracies":
        toks[-1] = last[:-3] + "y"
    elif last.lower() in _PLURAL_HEADS:
        toks[-1] = last[:-1]
    return " ".join(toks)


def metric_like(text: str) -> bool:
    """At most 6 words, and an acronym, an ``@`` or a known metric head ("accuracy", "rate")."""
    toks = text.replace("-", " ").split()
    if not toks or len(toks) > 6:
        return False
    if any(is_acronym_token(t) or "@" in t for t in text.split()):
        return True
    return singular(toks[-1].lower()) in METRIC_HEADS or text.lower() in METRIC_HEADS


def _split_bracket(text: str) -> tuple[str, list[str]]:
    """'Exact Match (EM)' -> ('Exact Match', ['EM']); 'Laptop (Acc)' -> 'accuracy'; else the bracket
    is dropped into the text."""
    m = _BRACKETED.fullmatch(text)
    if not m:
        return text, []
    before, inner, after = m.group(1).strip(), m.group(2).strip(), m.group(3).strip()
    if not after and acronym_of(inner, before):
        return before, [inner]
    if not after and before.lower() in _ACCURACY_OF:
        return {"acc": "accuracy"}.get(inner.lower(), inner), []
    return f"{before} {after}".strip(), []


def _respell(text: str, raw: str, stats: CorpusStats) -> str:
    """Drop split prefixes ("test", "avg") and suffixes ("score"), unify spellings, singular, casing."""
    text = re.sub(
        r"^(?:avg|average|test|validation|dev|train|matched|mismatched)\s+(?!precision)", "", text, flags=re.I
    )
    if text.lower() in _PLAIN_ACCURACY:
        text = "accuracy"
    text = re.sub(r"\s+(?:scores?|points?|metrics?)$", "", text) if acronymish(text) else text
    low = text.lower()
    if low in _F1_FORMS:
        text = "F1"
    if re.fullmatch(r"r (\d+)@(\d+)", low):
        text = re.sub(r"r (\d+)@(\d+)", r"R\1@\2", low)
    if re.fullmatch(r"h@(\d+)", low):
        text = "Hits@" + low[2:]
    if low in _UPPERCASE_METRICS or low.startswith(("bleu-", "rouge-")):
        text = text.upper()
    if low == "error" and raw.strip().lower() != "error":
        text = "error"
    text = metric_plural(text)
    return text if acronymish(text) else stats.sentence_case(text)


def _rejected(text: str) -> bool:
    """Generic, a count, a hyperparameter setting, not a metric at all?"""
    low = text.lower()
    if low in GENERIC_WORDS["METRIC"] or low in GENERIC_PHRASES["METRIC"]:
        return True
    if low.startswith(("number of", "percentage")) or text in _NOT_METRICS:
        return True
    if re.search(r"[=]|\s-\d|\blearning rate\b|\bimpact\b", text, flags=re.I):
        return True
    return not metric_like(text)


def metric_canonical(raw: str, stats: CorpusStats) -> tuple[str, list[str]] | None:
    """Normalise a metric surface or leaderboard column to (canonical, aliases); None drops."""
    text = clean(raw.replace("_", " "))
    text = re.sub(r"\s+", " ", text).strip()
    if not text or re.fullmatch(r"[\d\W]+", text):
        return None
    text = re.sub(r"\s+on\s+.+$", "", text)  # "Accuracy on Books"
    text, aliases = _split_bracket(text)
    text = _respell(text, raw, stats)
    if _rejected(text):
        return None
    m = re.fullmatch(r"((?:[a-z][a-z\-]* ){1,2})accuracy", text)
    if m and not set(m.group(1).split()) & (ACCURACY_KINDS | ACCURACY_ADJECTIVES):
        return "accuracy", [*aliases, text]  # "tagging accuracy" is accuracy
    return text, aliases


def add_metric_name(ctx: BuildContext, raw: str, source: str, keep_rule: str, mentions: int = 0) -> None:
    """Add the metric named by ``raw`` (or log that it was dropped)."""
    got = metric_canonical(raw, ctx.stats)
    if got is None:
        ctx.log.append(f"{source} drop metric {raw!r}")
        return
    canonical, aliases = got
    ctx.registries["METRIC"].add(
        canonical,
        [(a, "alias") for a in aliases],
        source,
        weight=mentions,
        mentions=mentions,
        keep_rule=keep_rule,
    )
