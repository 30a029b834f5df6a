"""Annotated-mention pools (TDMSci, SciREX leftovers, opt-in corpora) -> entities.

Mentions are normalised, grouped by merge key, given the acronyms they were written with, and kept
as entities when they pass the label's name filters (or extend an entity that already exists).
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field

from .acronyms import plausible_acronym, split_parenthetical
from .context import BuildContext
from .metric_names import acronymish, metric_canonical
from .naming import dataset_suffix
from .normalise import clean, strip_leading_det
from .pool_filters import pool_keep
from .readers import Mention
from .registry import LABELS, SOURCE_RANK, Registry

Forms = tuple[str, str | None, str | None]  # (surface, acronym, acronym-substituted variant)


@dataclass
class Groups:
    """Pooled mentions of one label, grouped by merge key."""

    surfaces: dict[str, collections.Counter[str]] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )
    sources: dict[str, set[str]] = field(default_factory=lambda: collections.defaultdict(set))
    acr_pairs: dict[str, collections.Counter[str]] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )
    variants: dict[str, set[str]] = field(default_factory=lambda: collections.defaultdict(set))


def process_pools(ctx: BuildContext) -> None:
    """Turn every label's pool into entities (METHOD first: later labels check known methods)."""
    for label in LABELS:
        _process_pool(ctx, label, ctx.pools.get(label, []))


def mention_forms(ctx: BuildContext, label: str, text: str) -> Forms | None:
    """Normalise an annotated mention: (surface, acronym, acronym-variant) or None to skip."""
    text = clean(strip_leading_det(clean(text)))
    text = re.sub(r"\s*-\s*", "-", text) if " - " in text else text
    text = re.sub(r"\s+([,.:;)])", r"\1", re.sub(r"\(\s+", "(", text))
    text = text.replace(" . ", ".").replace(" +", "+").strip(' "')
    text = re.sub(r"\s+'\s*s\b", "'s", text)
    text = re.sub(r"(?<=\d) (?=[KkMB]\b)", "", text)
    if not text or len(text) > 80 or re.search(r"[,;:\"]|\band\b|\bor\b|\bvs\b|\bet al\b", text):
        return None
    if ctx.stats.broken_word(text):
        return None
    base, acr, variant = split_parenthetical(text)
    if acr and not plausible_acronym(acr, base):
        acr = None
    if "(" in base or ")" in base:
        return None
    if label == "TASK":
        base = re.sub(r"\s+(?:tasks?|problems?)$", "", base, flags=re.IGNORECASE)
    if label == "METRIC":
        got = metric_canonical(base, ctx.stats)
        if got is None:
            return None
        base = got[0]
        acr = acr or (got[1][0] if got[1] else None)
    return base, acr, variant


def _group(ctx: BuildContext, label: str, mentions: list[Mention]) -> Groups:
    """Group the usable mentions by merge key, with their acronyms and variants."""
    reg = ctx.registries[label]
    groups = Groups()
    for m in mentions:
        forms = mention_forms(ctx, label, m.text)
        if forms is None:
            continue
        base, acr, variant = forms
        if label == "DATASET":
            base, extra = dataset_suffix(base, [], ctx.registries["DATASET"])
            for alias, _ in extra:
                groups.variants[reg.key(base)].add(alias)
        key = reg.key(base)
        if not key:
            continue
        groups.surfaces[key][base] += 1
        groups.sources[key].add(m.source)
        if m.acronym and plausible_acronym(m.acronym, base):
            acr = acr or m.acronym
        if acr:
            groups.acr_pairs[acr][key] += 1
        if variant:
            groups.variants[key].add(variant)
    return groups


def _acronym_owners(ctx: BuildContext, label: str, groups: Groups) -> dict[str, str]:
    """An acronym belongs to the long form it was most often paired with."""
    owners: dict[str, str] = {}
    for acr, pairs in sorted(groups.acr_pairs.items()):
        (owner, _), *rest = sorted(pairs.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
        owners[acr] = owner
        for other, _ in rest:
            ctx.log.append(f"{label} acronym {acr!r}: kept for {owner!r}, not {other!r}")
    return owners


def _process_pool(ctx: BuildContext, label: str, mentions: list[Mention]) -> None:
    reg = ctx.registries[label]
    groups = _group(ctx, label, mentions)
    owners = _acronym_owners(ctx, label, groups)
    acrs_of: dict[str, list[str]] = collections.defaultdict(list)
    for acr, owner in owners.items():
        acrs_of[owner].append(acr)
    absorbed = {
        reg.key(a) for a, owner in owners.items() if reg.key(a) in groups.surfaces and reg.key(a) != owner
    }
    for key in sorted(groups.surfaces):
        if key not in absorbed:
            _add_group(ctx, label, key, groups, acrs_of.get(key, []))


def _add_group(ctx: BuildContext, label: str, key: str, groups: Groups, acrs: list[str]) -> None:
    """Extend the entity a group names, or add the group as a new entity if it passes the filters."""
    reg = ctx.registries[label]
    surfaces = groups.surfaces[key]
    count = sum(surfaces.values())
    for acr in acrs:
        count += sum(groups.surfaces.get(reg.key(acr), {}).values())
    canonical = _pool_canonical(ctx, label, surfaces)
    aliases = _group_aliases(reg, key, canonical, groups, acrs)
    srcs = sorted(groups.sources[key], key=lambda s: SOURCE_RANK[s])
    # SciREX's leftover mentions are noisy: alone they need a hit in the abstract pool;
    # metric phrases occur everywhere ("quality score"), so they need two annotated mentions
    keep_rule = "support" if srcs != ["scirex"] or label == "METHOD" else "pool"
    if label == "METRIC" and not acronymish(canonical):
        keep_rule = "count2"
    existing = reg.find(canonical, *[a for a, _ in aliases if " " in a])
    if existing is not None:
        for src in srcs:
            reg.add(existing.canonical, [*aliases, (canonical, "alias")], src, mentions=count)
        return
    if not pool_keep(ctx, label, canonical, count, scirex_only=srcs == ["scirex"]):
        return
    for src in srcs:
        reg.add(canonical, aliases, src, weight=count, mentions=count, keep_rule=keep_rule)


def _group_aliases(
    reg: Registry, key: str, canonical: str, groups: Groups, acrs: list[str]
) -> list[tuple[str, str]]:
    """The group's other surfaces, its acronyms (with their own surfaces) and its variants."""
    aliases = [(s, "alias") for s in sorted(groups.surfaces[key]) if s != canonical]
    for acr in sorted(acrs):
        aliases.append((acr, "alias"))
        aliases += [(s, "alias") for s in sorted(groups.surfaces.get(reg.key(acr), {}))]
    aliases += [(v, "alias") for v in sorted(groups.variants.get(key, ()))]
    return aliases


def _pool_canonical(ctx: BuildContext, label: str, surfaces: collections.Counter[str]) -> str:
    """The most frequent surface (ties: more capitals); tasks sentence-cased, metrics acronym-first."""
    ranked = sorted(surfaces.items(), key=lambda kv: (-kv[1], -sum(ch.isupper() for ch in kv[0]), kv[0]))
    best = ranked[0][0]
    if label == "TASK":
        best = ctx.stats.sentence_case(best)
    if label == "METRIC":
        caps = [s for s, _ in ranked if acronymish(s)]
        best = caps[0] if caps else best
    return best
