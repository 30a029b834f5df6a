"""GSAP-NER, SciERC and CS-NER: no licence stated, so mined only with ``--include-unlicensed``
(local experiments; the CLI refuses to write such a build into the package)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..context import BuildContext
from ..readers import read_jsonl

GSAP_TYPES = {"Method": "METHOD", "Dataset": "DATASET", "Task": "TASK"}
SCIERC_TYPES = {"Method": "METHOD", "Task": "TASK", "Metric": "METRIC"}
CSNER_TYPES = {"METHOD": "METHOD", "DATASET": "DATASET", "RESEARCH_PROBLEM": "TASK"}


def add_unlicensed(ctx: BuildContext) -> None:
    """Pool the annotated mentions of GSAP-NER, SciERC and CS-NER."""
    for rec in read_jsonl(ctx.ext / "gsap_ner" / "gsap_ner_paragraphs_all100pubs.jsonl"):
        for ent in rec.get("entities") or []:
            if ent["label"] in GSAP_TYPES:
                ctx.pool(GSAP_TYPES[ent["label"]], ent["text"], "gsap_ner")
    for split in ("train", "dev", "test"):
        for rec in read_jsonl(ctx.ext / "scierc" / "derived" / f"{split}_flat.jsonl"):
            for ent in rec.get("entities") or []:
                if ent["type"] in SCIERC_TYPES:
                    ctx.pool(SCIERC_TYPES[ent["type"]], ent["text"], "scierc")
    for path in sorted((ctx.ext / "cs_ner").glob("*.data")):
        for typ, text in read_bioes(path):
            if typ in CSNER_TYPES:
                ctx.pool(CSNER_TYPES[typ], text, "cs_ner")


def read_bioes(path: Path) -> Iterator[tuple[str, str]]:
    """CS-NER: whitespace tokens with BIOES labels -> (type, text)."""
    toks: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = [ln.rstrip("\n").split("\t") for ln in fh]
    lines.append([""])
    for parts in lines:
        if len(parts) < 2 or not parts[0]:
            toks = []
            continue
        tok, tag = parts[0], parts[-1]
        if tag.startswith(("B-", "S-")):
            toks = [(tag[2:], tok)]
        elif tag.startswith(("I-", "E-")) and toks:
            toks.append((tag[2:], tok))
        if tag.startswith(("S-", "E-")) and toks:
            yield toks[0][0], " ".join(t for _, t in toks).strip("(),.;:")
            toks = []
