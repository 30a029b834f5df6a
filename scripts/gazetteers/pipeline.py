"""The build, step by step (the order matters: earlier sources name the entities)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .context import BuildContext
from .finalize import Row, finalize
from .metrics_table import add_metric_synonyms
from .pools import process_pools
from .readers import read_jsonl
from .registry import merge_acronym_expansions
from .sources.nlp_tdms import add_nlp_tdms
from .sources.pwc import add_pwc
from .sources.scirex import ABSTRACTS as SCIREX_ABSTRACTS
from .sources.scirex import add_scirex
from .sources.tdmsci import add_tdmsci, read_tdmsci
from .sources.unlicensed import add_unlicensed
from .variants import expand_variants


def mention_casing_texts(ext: Path) -> list[str]:
    """Task and metric mentions of TDMSci and SciREX (their lowercase words guide sentence casing)."""
    tdmsci = read_tdmsci(ext)
    texts = [m.text for label in ("TASK", "METRIC") for m in tdmsci.get(label, [])]
    for doc in read_jsonl(ext.joinpath(*SCIREX_ABSTRACTS)):
        texts += [m["text"] for m in doc.get("mentions") or [] if m.get("type") in ("Task", "Metric")]
    return texts


def build(
    ext: Path, include_unlicensed: bool, align: Iterable[Path]
) -> tuple[dict[str, list[Row]], list[str]]:
    """Build the gazetteer rows per label from the corpora under ``ext``; return (rows, decision log)."""
    ctx = BuildContext(ext, include_unlicensed)
    ctx.alignment.load(align)
    ctx.stats.load_abstracts(ext, ctx.log)
    ctx.stats.add_mention_casing(mention_casing_texts(ext))
    add_nlp_tdms(ctx)
    add_pwc(ctx)
    add_scirex(ctx)
    add_tdmsci(ctx)
    if include_unlicensed:
        add_unlicensed(ctx)
    process_pools(ctx)
    merge_acronym_expansions(ctx.registries)
    add_metric_synonyms(ctx.registries["METRIC"], ctx.log)
    expand_variants(ctx.registries)
    return finalize(ctx), ctx.log
