"""Score a pipeline variant on an annotation split with ``kg eval``'s measures.

    python scripts/train/score.py --split tune --model build/train/model/model-best \\
        --trusted kg_links kg_models kg_gazetteer --confirmed kg_phrases

Assembles the pipeline of ``pipeline.cfg`` with the given recogniser (or none: ``--rules-only``)
and resolver precedence into a temporary folder, extracts the split's papers and prints the
scores. Use the ``tune`` split to choose; the ``heldout`` split only to report a final choice.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import annotations  # noqa: E402
import assemble  # noqa: E402


def score(
    split: str,
    model: Path | None,
    trusted: list[str],
    confirmed: list[str],
    entity_filter: Path | None = None,
    roles: Path | None = None,
) -> dict:
    import spacy

    import kg.pipeline
    from kg.evaluate import evaluate
    from kg.extraction import paper_entities
    from kg.model import Paper

    with tempfile.TemporaryDirectory() as tmp:
        assemble.assemble(model, target=Path(tmp) / "pipe", entity_filter=entity_filter, roles=roles)
        overrides = {"components.kg_resolve.trusted": trusted, "components.kg_resolve.confirmed": confirmed}
        nlp = spacy.load(Path(tmp) / "pipe", config=overrides)
    kg.pipeline.make_nlp = lambda: nlp  # type: ignore[method-assign]
    papers = list(annotations.papers({split}))
    inputs = [Paper(title=p.title, abstract=p.abstract, arxiv_id=p.pid) for p in papers]
    predictions = [paper_entities(paper, mentions) for paper, mentions in kg.pipeline.extract(inputs)]
    report = evaluate([p.gold() for p in papers], predictions)
    rows = {row["type"]: row for row in report.rows()}
    rows["roles"] = {"accuracy": round(report.role_accuracy, 4), "total": report.roles_total}
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="tune")
    parser.add_argument("--model", type=Path)
    parser.add_argument("--trusted", nargs="*", default=["kg_links", "kg_models", "kg_gazetteer"])
    parser.add_argument("--confirmed", nargs="*", default=[])
    parser.add_argument("--filter", type=Path, help="trained entity filter folder (scripts/train/filter.py)")
    parser.add_argument("--roles", type=Path, help="trained role weights (scripts/train/roles.py)")
    args = parser.parse_args()
    model = args.model.resolve() if args.model else None
    rows = score(args.split, model, args.trusted, args.confirmed, args.filter, args.roles)
    for name, row in rows.items():
        if name == "roles":
            print(f"roles     {row['accuracy']:.3f} of {row['total']}")
        else:
            counts = f"(tp {row['tp']}, fp {row['fp']}, fn {row['fn']})"
            print(f"{name:<9} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}  {counts}")
    print(json.dumps({k: v.get("f1", v.get("accuracy")) for k, v in rows.items()}))


if __name__ == "__main__":
    main()
