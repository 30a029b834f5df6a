"""Check an annotation file against its batch's texts before it is accepted.

    python scripts/annotations/check.py data/annotations/raw/b017.jsonl [more files]

A file ``raw/bNNN.jsonl`` (or ``raw/bNNN.second.jsonl``, a blind second annotation) must hold one
JSON object per paper of ``texts/bNNN.jsonl`` in the GUIDELINES schema. Every entity must be
findable in the text: its name or one of its aliases written exactly as in the text (case
aside: task names are lowercase), and every repo URL must occur in the text. Problems are
printed one a line; the exit code is 1 when there are any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

TYPES = ("methods", "datasets", "models", "tasks", "metrics")
ROLED = ("methods", "datasets")
KEYS = {*TYPES, "repos", "pid", "notes"}
KINDS = {"code", "model", "data", "project"}


def texts_for(path: Path) -> dict[str, str]:
    batch = path.name.split(".")[0]
    folder = path.parent.parent / "texts"
    rows = [json.loads(line) for line in (folder / f"{batch}.jsonl").open(encoding="utf-8")]
    return {row["pid"]: row["text"] for row in rows}


def occurs(form: str, text: str) -> bool:
    """``form`` occurs in ``text`` as written up to case, not inside a longer word."""
    if not form:
        return False
    pattern = r"(?<![0-9A-Za-z])" + re.escape(form) + r"(?![0-9A-Za-z])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def check_paper(rec: dict, text: str) -> list[str]:
    pid = rec.get("pid")
    problems = []
    extra = set(rec) - KEYS
    if extra:
        problems.append(f"{pid}: unknown keys {sorted(extra)}")
    for kind in TYPES:
        items = rec.get(kind)
        if not isinstance(items, list):
            problems.append(f"{pid}: {kind} must be a list")
            continue
        for item in items:
            name = item.get("name") if isinstance(item, dict) else None
            if not isinstance(name, str) or not name.strip():
                problems.append(f"{pid}: {kind}: an entry without a name: {item!r}")
                continue
            aliases = item.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                problems.append(f"{pid}: {kind}: {name!r}: aliases must be a list of strings")
                continue
            if not any(occurs(form, text) for form in [name, *aliases]):
                problems.append(
                    f"{pid}: {kind}: {name!r}: neither the name nor an alias occurs in the text as written"
                )
            if kind in ROLED and item.get("role") not in ("proposed", "used"):
                problems.append(f"{pid}: {kind}: {name!r}: role must be 'proposed' or 'used'")
            if kind == "models" and not isinstance(item.get("family"), str):
                problems.append(f"{pid}: models: {name!r}: family must be a string")
    for repo in rec.get("repos") or []:
        url = repo.get("url") if isinstance(repo, dict) else None
        if not isinstance(url, str) or url not in text:
            problems.append(f"{pid}: repos: {url!r} does not occur in the text")
        elif repo.get("kind") not in KINDS:
            problems.append(f"{pid}: repos: {url!r}: kind must be one of {sorted(KINDS)}")
    return problems


def check_file(path: Path) -> list[str]:
    texts = texts_for(path)
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(path.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{number}: not JSON: {exc}")
            continue
        pid = rec.get("pid")
        if pid not in texts:
            problems.append(f"{path}:{number}: pid {pid!r} is not in this batch")
            continue
        if pid in seen:
            problems.append(f"{path}:{number}: pid {pid!r} annotated twice")
        seen.add(pid)
        problems += [f"{path}:{number}: {p}" for p in check_paper(rec, texts[pid])]
    for pid in texts.keys() - seen:
        problems.append(f"{path}: pid {pid} is missing")
    return problems


def main(paths: list[str]) -> int:
    problems = [p for path in paths for p in check_file(Path(path))]
    for problem in problems:
        print(problem)
    print(f"{len(paths)} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
