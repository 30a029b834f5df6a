"""SciREX (Apache-2.0): salient entities become entities, their linked mentions aliases; all other
annotated mentions go to the mention pools."""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable

from ..acronyms import acronym_of, is_acronym_token, named_token, plausible_acronym, split_parenthetical
from ..context import BuildContext
from ..metric_names import add_metric_name
from ..naming import Aliases, dataset_suffix, method_named
from ..normalise import clean, strip_leading_det, word_set
from ..readers import Mention, read_jsonl
from ..wordlists import GENERIC

TYPE_MAP = {"Method": "METHOD", "Material": "DATASET", "Task": "TASK", "Metric": "METRIC"}
ABSTRACTS = ("scirex", "scirex_train_title_abstract.jsonl")

Key = tuple[str, str]  # (label, salient entity name)
Surfaces = collections.Counter[str]  # linked mention text -> count


def add_scirex(ctx: BuildContext) -> None:
    """Add SciREX's salient entities; pool unlinked mentions and linked ones of unused entities."""
    salient: collections.Counter[Key] = collections.Counter()
    linked: dict[Key, Surfaces] = collections.defaultdict(collections.Counter)
    for doc in read_jsonl(ctx.ext.joinpath(*ABSTRACTS)):
        for typ, names in (doc.get("salient_entities_mentioned_in_title_or_abstract") or {}).items():
            if typ in TYPE_MAP:
                for name in names:
                    salient[(TYPE_MAP[typ], name)] += 1
        for m in doc.get("mentions") or []:
            label = TYPE_MAP.get(m.get("type"))
            if label is None:
                continue
            if m.get("salient_entity"):
                linked[(label, m["salient_entity"])][m["text"]] += 1
            else:
                ctx.pool(label, m["text"], "scirex")
    for (label, raw), n in sorted(salient.items()):
        _add_salient(ctx, label, raw, n, linked.get((label, raw), collections.Counter()))
    # linked mentions not attached as aliases still count as annotated mentions
    for (label, raw), surfaces in sorted(linked.items()):
        if (label, raw) not in salient:
            _pool_surfaces(ctx, label, surfaces)


def _pool_surfaces(ctx: BuildContext, label: str, surfaces: Surfaces) -> None:
    """Pool every linked mention (sorted by text, each as often as it occurred)."""
    for text, k in sorted(surfaces.items()):
        ctx.pool(label, text, "scirex", k)


def _add_salient(ctx: BuildContext, label: str, raw: str, n: int, surfaces: Surfaces) -> None:
    """One salient entity (``n`` documents) with its linked mention ``surfaces``."""
    if label == "METRIC":
        add_metric_name(ctx, scirex_clean(raw, label) or raw, "scirex", keep_rule="always", mentions=n)
        _pool_surfaces(ctx, label, surfaces)
        return
    name = scirex_clean(raw, label)
    if not name or "+" in name:
        ctx.log.append(f"scirex drop salient {label} {raw!r}")
        _pool_surfaces(ctx, label, surfaces)
        return
    if label == "TASK":
        name = ctx.stats.sentence_case(name)
    canonical, acr, variant = split_parenthetical(name)
    aliases: Aliases = []
    if acr and acronym_of(acr, canonical):
        aliases.append((acr, "alias"))
    if variant:
        aliases.append((variant, "alias"))
    leftovers = _attach_surfaces(ctx, label, canonical, surfaces, aliases)
    keep_rule = "always"
    if label == "METHOD" and not (method_named(canonical) or aliases):
        if len(canonical.split()) < 2 or canonical.lower() in GENERIC["METHOD"]:
            ctx.log.append(f"scirex drop unnamed salient method {raw!r}")
            ctx.pools[label].extend(_mentions(surfaces.elements()))
            return
        keep_rule = "support"  # a descriptive name: keep only if it also occurs elsewhere
    ctx.registries[label].add(canonical, aliases, "scirex", weight=n, mentions=n, keep_rule=keep_rule)
    ctx.pools[label].extend(_mentions(leftovers))


def _mentions(texts: Iterable[str]) -> list[Mention]:
    """SciREX mentions of ``texts``."""
    return [Mention(t, "scirex") for t in texts]


def _attach_surfaces(
    ctx: BuildContext, label: str, canonical: str, surfaces: Surfaces, aliases: Aliases
) -> list[str]:
    """Append the linked mentions that name the entity to ``aliases``; return the others (one
    item per occurrence) for the mention pool."""
    leftovers: list[str] = []
    for text, k in sorted(surfaces.items()):
        surf = clean(strip_leading_det(text))
        if label == "DATASET":
            surf, _ = dataset_suffix(surf, [], ctx.registries["DATASET"])
        if not surf:
            continue
        if _names_entity(ctx, label, surf, canonical, surfaces):
            aliases.append((surf, "alias"))
        else:
            leftovers.extend([text] * k)
    return leftovers


def _names_entity(ctx: BuildContext, label: str, surf: str, canonical: str, surfaces: Surfaces) -> bool:
    """Same name, its acronym, its expansion, or (datasets) a named part of it."""
    reg = ctx.registries[label]
    if reg.key(surf) == reg.key(canonical) or (
        len(surf) <= 8
        and " " not in surf
        and is_acronym_token(surf)
        and any(plausible_acronym(surf, lf) for lf in [canonical] + [t for t in surfaces if " " in t])
    ):
        return True
    if " " not in canonical and is_acronym_token(canonical) and plausible_acronym(canonical, surf):
        return True  # "Labeled Faces in the Wild" for LFW
    return (
        label == "DATASET"
        and " " in surf
        and any(named_token(t) or t.isupper() for t in surf.split())
        and word_set(surf) < word_set(canonical)
        and (not re.search(r"\d", canonical) or bool(re.search(r"\d", surf)))
    )  # "VOC 2007" of "PASCAL VOC 2007"


def scirex_clean(raw: str, label: str) -> str:
    """PwC-style leaderboard keys -> names: 'Penn_Treebank__Word_Level_' -> 'Penn Treebank',
    'Set14_-_4x_upscaling' -> 'Set14', 'IWSLT2015_German-English' -> 'IWSLT2015'."""
    text = re.sub(r"__([^_].*?)_$", r" (\1)", raw).strip("_")
    text = text.split("_-_")[0]
    text = re.sub(r"(?<=\d)_(?=\d)", ".", text)
    text = re.sub(r"(?<=[a-z])_s_", "'s_", text)
    text = text.replace("___", " + ").replace("__", " ").replace("_", " ")
    text = clean(text)
    text = re.sub(r"\s*\([^)]*\)$", lambda m: m.group(0) if label == "TASK" else "", text).strip()
    if label == "DATASET":
        text = _clean_dataset_key(text)
    if label == "METHOD":
        text = re.sub(r"\s*\((?:ensemble|single model)\)$", "", text, flags=re.IGNORECASE)
        text = re.sub(r"\s+(?:ensemble|baseline)$", "", text, flags=re.IGNORECASE)
        if text.lower() in ("ensemble", "single model", "i", "baseline") or re.match(r"\d+D ", text):
            return ""
    if len(text.split()) > 6:
        return ""
    return text


def _clean_dataset_key(text: str) -> str:
    """Drop leaderboard qualifiers (language pair, split, difficulty, size) from a dataset name."""
    text = re.sub(
        r"\s+(?:[A-Z][a-z]+-(?:English|German|French|Romanian|Czech|Chinese|Russian|Japanese))$", "", text
    )
    text = re.sub(r"\s+(?:Binary|Fine-grained) classification$", "", text)
    text = re.sub(r"\s+\d+-Shot Learning$", "", text)
    text = re.sub(
        r"\s+(?:\d+ labels?|\d+ ?x ?\d+|A\d|(?:Pedestrians|Cars|Cyclists)(?: \w+)?|val|test|"
        r"Easy|Medium|Hard|[A-Z][a-z]+-to-[A-Z][a-z]+)$",
        "",
        text,
    )
    if text.startswith("Atari 2600"):
        text = "Atari 2600"
    if text.startswith("COCO Visual Question Answering"):
        text = "VQA"
    m = re.fullmatch(r"SQuAD(\d)[ _](\d)", text)
    if m:
        text = f"SQuAD{m.group(1)}.{m.group(2)}"
    return text
