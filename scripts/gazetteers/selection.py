"""Which entities and patterns are written: licence, support and pattern-quality filters."""

from __future__ import annotations

import collections
import re

from .acronyms import is_acronym_token, named_token
from .context import BuildContext
from .english import STOPWORDS, is_english
from .normalise import clean
from .registry import KIND_RANK, LICENSED, Entity, Pattern
from .wordlists import GENERIC_WORDS, is_generic

Owners = dict[tuple[str, str], list[tuple[Entity, Pattern]]]  # (label, lowercase pattern) -> claimants


def select_patterns(ctx: BuildContext) -> Owners:
    """Filter entities and their patterns; return every kept pattern's claimants.

    Needs the pool statistics of all patterns (:meth:`CorpusStats.count_pool`) first.
    """
    owners: Owners = collections.defaultdict(list)
    for label, reg in ctx.registries.items():
        for ent in reg.entities.values():
            if not _entity_kept(ctx, label, ent):
                continue
            kept = []
            for pat in ent.patterns.values():
                pat.text = clean(pat.text)
                if keep_pattern(ctx, label, ent, pat):
                    kept.append(pat)
            if not kept:
                continue
            _ensure_canonical_kept(ctx.log, label, ent, kept)
            for pat in kept:
                owners[(label, pat.text.lower())].append((ent, pat))
    return owners


def _entity_kept(ctx: BuildContext, label: str, ent: Entity) -> bool:
    """Licensed (unless opted in), supported as its keep rule demands, and not generic."""
    if not ctx.include_unlicensed and not (ent.sources & LICENSED):
        return False
    if ent.keep_rule == "count2" and ent.mentions < 2:
        ctx.log.append(f"{label} drop single-mention {ent.canonical!r}")
        return False
    if ent.keep_rule == "pool" or (ent.keep_rule == "support" and ent.mentions < 2):
        support = max(ctx.stats.pool_count(p.text) for p in ent.patterns.values())
        strong = (
            label in ("DATASET", "METHOD") and " " not in ent.canonical and is_acronym_token(ent.canonical)
        )
        if support == 0 and not strong:
            ctx.log.append(f"{label} drop unsupported {ent.keep_rule} {ent.canonical!r}")
            return False
    canon = ent.patterns.get(ent.canonical.lower())
    if canon is not None and is_generic(label, ent.canonical.lower()):
        ctx.log.append(f"{label} drop generic entity {ent.canonical!r}")
        return False
    return True


def _ensure_canonical_kept(log: list[str], label: str, ent: Entity, kept: list[Pattern]) -> None:
    """The display name itself was filtered out ("UD"): promote the fullest survivor."""
    if ent.canonical.lower() in {p.text.lower() for p in kept}:
        return
    best = min(kept, key=lambda p: (KIND_RANK[p.kind] > 1, " " not in p.text, len(p.text), p.text))
    log.append(f"{label} canonical {ent.canonical!r} -> {best.text!r}")
    ent.canonical = best.text


def _malformed(text: str) -> bool:
    """Too short, no letters, a number, a list, unbalanced, overlong or with bare punctuation."""
    toks = text.split()
    if len(text) < 3 and text not in ("F1",):
        return True
    if not re.search(r"[A-Za-z]", text) or re.fullmatch(r"[\d.,%\s]+", text):
        return True
    if "," in text or "*" in text or text.count("(") != text.count(")") or text.count('"') % 2:
        return True
    return len(toks) > 8 or len(text) > 90 or any(re.fullmatch(r"[^\w]+", t) and t not in "/&" for t in toks)


def keep_pattern(ctx: BuildContext, label: str, ent: Entity, pat: Pattern) -> bool:
    """Is ``pat`` a usable pattern of ``ent``? (Drops of note are logged.)"""
    text = pat.text
    low = text.lower()
    toks = text.split()
    if _malformed(text):
        return False
    if is_generic(label, low):
        ctx.log.append(f"{label} drop generic pattern {text!r} ({ent.canonical!r})")
        return False
    if len(toks) == 1 and low in GENERIC_WORDS[label]:
        ctx.log.append(f"{label} drop generic word {text!r} ({ent.canonical!r})")
        return False
    if low in STOPWORDS:
        return False
    if len(toks) == 1 and text.isalpha() and not text.isupper() and not named_token(text):
        return _keep_english_word(ctx.log, label, ent, text)
    everyday = len(toks) >= 2 and all(is_english(t) and not t.isupper() for t in toks)
    if everyday and label == "METHOD" and ent.weight < 5:
        ctx.log.append(f"METHOD drop everyday-English phrase {text!r} ({ent.weight:g} papers)")
        return False
    return True


def _keep_english_word(log: list[str], label: str, ent: Entity, text: str) -> bool:
    """An ordinary English word written as a name: keep only for widely used methods/datasets."""
    if is_english(text) and label == "METHOD" and ent.weight < 10:
        log.append(f"METHOD drop English-word pattern {text!r} ({ent.canonical!r}, {ent.weight:g} papers)")
        return False
    if is_english(text) and label == "DATASET" and ent.weight < 2:
        log.append(f"DATASET drop English-word pattern {text!r}")
        return False
    return True
