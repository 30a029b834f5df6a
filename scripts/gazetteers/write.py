"""Output: the JSONL pattern files, their counts, and the counts table in the folder's README."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .registry import LABELS

FILES = {
    "METHOD": "methods.jsonl",
    "DATASET": "datasets.jsonl",
    "TASK": "tasks.jsonl",
    "METRIC": "metrics.jsonl",
}
COUNTS_START, COUNTS_END = "<!-- counts:start -->", "<!-- counts:end -->"

Stats = dict[str, dict[str, int]]  # label -> counter name -> value


def write_outputs(rows: dict[str, list[dict[str, Any]]], out: Path) -> Stats:
    """Write one compact JSONL file per label into ``out``; return their counts."""
    out.mkdir(parents=True, exist_ok=True)
    stats: Stats = {}
    for label in LABELS:
        lines = rows.get(label, [])
        path = out / FILES[label]
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            for row in lines:
                fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        stats[label] = {
            "patterns": len(lines),
            "entities": len({r["id"] for r in lines}),
            "needs_context": sum(1 for r in lines if r.get("needs_context")),
            "case_sensitive": sum(1 for r in lines if r.get("case_sensitive")),
            "model_like": sum(1 for r in lines if r.get("model_like")),
            "bytes": path.stat().st_size,
        }
    return stats


def counts_table(stats: Stats) -> list[str]:
    """The Markdown counts table (one row per output file)."""
    table = [
        "| file | entities (ids) | pattern lines | needs_context | case_sensitive | model_like | size |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label in LABELS:
        s = stats[label]
        table.append(
            f"| `{FILES[label]}` | {s['entities']} | {s['patterns']} | {s['needs_context']} | "
            f"{s['case_sensitive']} | {s['model_like']} | {s['bytes'] / 1024:.0f} KB |"
        )
    return table


def update_readme_counts(out: Path, stats: Stats) -> None:
    """Replace the table between the counts markers of ``out/README.md`` (if both are there)."""
    readme = out / "README.md"
    if not readme.exists():
        return
    text = readme.read_text(encoding="utf-8")
    if COUNTS_START not in text or COUNTS_END not in text:
        return
    head, rest = text.split(COUNTS_START, 1)
    _, tail = rest.split(COUNTS_END, 1)
    table = "\n".join(counts_table(stats))
    readme.write_text(f"{head}{COUNTS_START}\n{table}\n{COUNTS_END}{tail}", encoding="utf-8")


def summary_lines(stats: Stats) -> list[str]:
    """One console line per output file."""
    return [
        f"{FILES[label]:15} {s['entities']:5d} entities {s['patterns']:6d} patterns "
        f"({s['needs_context']} needs_context, {s['case_sensitive']} case_sensitive, "
        f"{s['model_like']} model_like) {s['bytes'] / 1024:.0f} KB"
        for label, s in ((label, stats[label]) for label in LABELS)
    ]
