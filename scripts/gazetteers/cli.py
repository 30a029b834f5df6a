"""Command line: ``python scripts/build_gazetteers.py --external DIR --out DIR [options]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .pipeline import build
from .write import summary_lines, update_readme_counts, write_outputs

DESCRIPTION = "Build paper-kg's spaCy EntityRuler gazetteers from independent external corpora."
PACKAGE_PATTERNS = ("extractors", "patterns")  # the shipped pattern folder


def parser() -> argparse.ArgumentParser:
    """The argument parser."""
    ap = argparse.ArgumentParser(description=DESCRIPTION)
    ap.add_argument("--external", type=Path, required=True, help="folder of the external corpora")
    ap.add_argument("--out", type=Path, required=True, help="folder for the JSONL pattern files")
    ap.add_argument("--log", type=Path, help="write the decision log (drops, conflicts) here")
    ap.add_argument(
        "--align",
        type=Path,
        nargs="*",
        help="hand-curated pattern files whose ids to reuse (default: OUT/curated_*.jsonl; none: --align)",
    )
    ap.add_argument(
        "--include-unlicensed",
        action="store_true",
        help="also mine SciERC, GSAP-NER and CS-NER (no licence stated: local experiments only)",
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    """Build, write the pattern files (and README counts), print a summary; returns the exit code."""
    ap = parser()
    args = ap.parse_args(argv)
    out: Path = args.out
    if args.include_unlicensed and out.resolve().parts[-2:] == PACKAGE_PATTERNS:
        ap.error("--include-unlicensed output must not go into the package (extractors/patterns)")
    align = out.glob("curated_*.jsonl") if args.align is None else args.align
    rows, log = build(args.external, args.include_unlicensed, align)
    stats = write_outputs(rows, out)
    update_readme_counts(out, stats)
    if args.log:
        args.log.write_text("\n".join(log) + "\n", encoding="utf-8")
    for line in summary_lines(stats):
        print(line)
    print(f"decision log: {len(log)} lines" + (f" -> {args.log}" if args.log else ""), file=sys.stderr)
    return 0
