"""Train the entity filter (``kg_filter``) on the annotations' train split; thresholds on tune.

    python scripts/train/filter.py --model build/train/model/model-best [--out build/train/filter]

1. Runs the assembled pipeline (rules + the given recogniser, no filter) over the train and tune
   papers and labels each entity it finds: right when the annotation has an entity of the same
   type with a shared name or alias (``kg eval``'s matching).
2. The lexicon features of a train paper, and the lexicon's names ``kg_lexicon`` proposes in it,
   come from the annotations of the *other* folds (five folds by batch), so the filter learns how
   far to trust the lexicon on names it has not seen.
3. Fits the logistic regression, then picks each type's threshold for the best mean F1 on the
   tune split and the development gold (``--dev``: the official conventions, which are a little
   more generous with well-known techniques than our annotators). Writes ``weights.json``,
   ``lexicon.json`` (all train annotations) and ``thresholds.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import annotations  # noqa: E402
import assemble  # noqa: E402

KINDS = {"methods": "Method", "datasets": "Dataset", "models": "Model", "tasks": "Task", "metrics": "Metric"}
FOLDS = annotations.FOLDS
fold = annotations.fold


def annotated_forms(paper: annotations.Paper) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = defaultdict(set)
    for kind, label in KINDS.items():
        for entity in paper.record.get(kind) or []:
            for form in (entity["name"], *(entity.get("aliases") or [])):
                if annotations.occurs(form, paper.text):
                    forms[label].add(form)
    return forms


def collect(nlp, papers, lexicons):  # type: ignore[no-untyped-def]
    """(features, right?, type, paper index) per entity; ``lexicons(paper)`` picks the lexicon."""
    from extractors.entity_filter import doc_entities, entity_features
    from extractors.state import doc_state
    from kg.ids import normalise_key

    rows = []
    for i, (paper, doc) in enumerate(zip(papers, nlp.pipe([p.text for p in papers]), strict=True)):
        state = doc_state(doc)
        gold: dict[str, set[str]] = defaultdict(set)
        for kind, label in KINDS.items():
            for entity in paper.record.get(kind) or []:
                gold[label] |= {normalise_key(f) for f in (entity["name"], *(entity.get("aliases") or []))}
        groups, ents, sentences = doc_entities(doc)
        lexicon = lexicons(paper)
        for mentions in groups.values():
            label = mentions[0].label.value
            forms = {
                mentions[0].name,
                *(a for m in mentions for a in m.aliases),
                *(state.text[m.start : m.end] for m in mentions),
            }
            right = bool({normalise_key(f) for f in forms} & gold[label])
            x = entity_features(state.text, state.title_end, mentions, ents, lexicon, sentences)
            rows.append((x, int(right), label, i))
    return rows


def best_thresholds(model, sets):  # type: ignore[no-untyped-def]
    """Per type, the threshold with the best mean F1 over ``sets`` of (rows, gold counts): tp/fp from
    the entities kept, fn from the gold count."""
    thresholds = {}
    for label in KINDS.values():
        scored = [
            ([(model.probability(x), y) for x, y, t, _ in rows if t == label], counts[label])
            for rows, counts in sets
        ]
        best = (0.0, 0.5, [0.0])
        for step in range(5, 81):
            threshold = step / 100
            f1s = []
            for pairs, gold in scored:
                tp = sum(y for p, y in pairs if p >= threshold)
                fp = sum(1 - y for p, y in pairs if p >= threshold)
                f1s.append(2 * tp / (tp + fp + gold) if tp else 0.0)
            if sum(f1s) / len(f1s) > best[0] + 1e-9:
                best = (sum(f1s) / len(f1s), threshold, f1s)
        thresholds[label] = best[1]
        print(
            f"{label:<8} threshold {best[1]:.2f}  F1 over found entities "
            + " / ".join(f"{f:.3f}" for f in best[2])
        )
    return thresholds


def gold_papers(gold_path: Path, sample: list[Path]) -> list[annotations.Paper]:
    """The development gold as annotated papers (texts from the bundled pages, matched by title)."""
    from kg.build import merge_duplicates
    from kg.ids import normalise_title
    from kg.ingest import read_papers

    texts = {
        normalise_title(p.title): p.text
        for p in merge_duplicates(q for path in sample for q in read_papers(path))
    }
    papers = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = texts.get(normalise_title(record["title"]))
        if text is not None:
            papers.append(annotations.Paper(record["pid"], "dev", "dev", text, record))
    return papers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "train" / "filter")
    parser.add_argument(
        "--dev",
        type=Path,
        default=ROOT.parent / "shared" / "eval" / "gold-dev.jsonl",
        help="development gold whose conventions thresholds also answer to (none: tune split only)",
    )
    parser.add_argument("--sample", type=Path, default=ROOT / "kg" / "data" / "sample")
    args = parser.parse_args()
    if args.dev and not args.dev.exists():
        args.dev = None
    import spacy

    from extractors.entity_filter import Lexicon
    from extractors.logistic import LogisticModel

    train = list(annotations.papers({"train"}))
    tune = list(annotations.papers({"tune"}))
    forms = {p.pid: annotated_forms(p) for p in train}
    by_fold = {k: Lexicon.build((p.text, forms[p.pid]) for p in train if fold(p) != k) for k in range(FOLDS)}
    full = Lexicon.build((p.text, forms[p.pid]) for p in train)
    with tempfile.TemporaryDirectory() as tmp:
        assemble.assemble(args.model.resolve() if args.model else None, target=Path(tmp) / "pipe")
        nlp = spacy.load(Path(tmp) / "pipe")
    # The lexicon's names (kg_lexicon) of a train paper also come from the other folds.
    names = nlp.get_pipe("kg_lexicon") if "kg_lexicon" in nlp.pipe_names else None
    train_rows = []
    for k in range(FOLDS):
        if names is not None:
            names.set_lexicon(by_fold[k].table)
        train_rows += collect(nlp, [p for p in train if fold(p) == k], lambda p, k=k: by_fold[k])
    if names is not None:
        names.set_lexicon(full.table)
    model = LogisticModel.fit([x for x, *_ in train_rows], [y for _, y, *_ in train_rows])
    sets = []
    for papers in (tune, gold_papers(args.dev, sorted(args.sample.glob("*.txt"))) if args.dev else []):
        if papers:
            counts = {
                label: sum(len(p.record.get(kind) or []) for p in papers) for kind, label in KINDS.items()
            }
            sets.append((collect(nlp, papers, lambda p: full), counts))
    thresholds = best_thresholds(model, sets)
    print(
        f"train: {len(train_rows)} entities ({sum(y for _, y, *_ in train_rows)} right), "
        f"{len(model.weights)} weights"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "weights.json").write_text(json.dumps(model.weights, indent=0, sort_keys=True) + "\n")
    (args.out / "lexicon.json").write_text(json.dumps(full.table, sort_keys=True) + "\n")
    (args.out / "thresholds.json").write_text(json.dumps(thresholds, indent=1, sort_keys=True) + "\n")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
