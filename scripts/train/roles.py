"""Train the role classifier (proposed / used) on the annotations' train split.

    python scripts/train/roles.py [--model build/train/model/model-best] [--out build/train/roles.json]

Runs the assembled pipeline (rules + the given recogniser, rule roles) over the train split,
matches its methods and datasets to the annotated ones (``kg eval``'s name matching) and fits
:class:`extractors.role_model.RoleModel` on the matched pairs, the annotated role as the label.
A name's history (in how many annotated abstracts it is used, or proposed) is a feature: for a
train paper it comes from the other folds' annotations, as it will for a paper never seen.
Reports role accuracy on the tune split, rule roles against the classifier.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import annotations  # noqa: E402
import assemble  # noqa: E402


def history(papers) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Name key -> in how many of ``papers`` it was annotated as used, and as proposed."""
    from kg.ids import normalise_key

    counts: dict[str, list[int]] = {}
    for paper in papers:
        roles: dict[str, int] = {}
        for kind in ("methods", "datasets"):
            for entity in paper.record.get(kind) or []:
                column = int(entity.get("role") == "proposed")
                for form in (entity["name"], *(entity.get("aliases") or [])):
                    roles.setdefault(normalise_key(form), column)
        for key, column in roles.items():
            counts.setdefault(key, [0, 0])[column] += 1
    return {k: (v[0], v[1]) for k, v in counts.items() if k}


def examples(nlp, papers, names):  # type: ignore[no-untyped-def]
    """(features, annotated role == proposed, rule role == proposed) for every matched entity;
    ``names``: the name history the features see."""
    from extractors.role_component import mention_features
    from extractors.sentences import sentence_bounds
    from extractors.state import doc_state
    from kg.ids import normalise_key

    rows = []
    for paper, doc in zip(papers, nlp.pipe([p.text for p in papers]), strict=True):
        state = doc_state(doc)
        gold: dict[str, bool] = {}
        for kind in ("methods", "datasets"):
            for entity in paper.record.get(kind) or []:
                for form in (entity["name"], *(entity.get("aliases") or [])):
                    gold.setdefault(normalise_key(form), entity.get("role") == "proposed")
        groups: dict[str, list] = {}
        for m in state.mentions or []:
            if m.label.value in ("Method", "Dataset"):
                groups.setdefault(m.node_id, []).append(m)
        sentences = state.sentences or sentence_bounds(state.text, state.title_end)
        for mentions in groups.values():
            forms = {
                mentions[0].name,
                *(a for m in mentions for a in m.aliases),
                *(state.text[m.start : m.end] for m in mentions),
            }
            label = next((gold[k] for f in forms if (k := normalise_key(f)) in gold), None)
            if label is None:
                continue
            rule = any(m.role == "proposed" for m in mentions)
            x = mention_features(state.text, state.title_end, mentions, sentences, names)
            known = any(m.extractor == "kg_gazetteer" for m in mentions)
            rows.append((x, int(label), rule, known))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "train" / "roles.json")
    args = parser.parse_args()
    import spacy

    from extractors.role_model import RoleModel

    with tempfile.TemporaryDirectory() as tmp:
        assemble.assemble(args.model.resolve() if args.model else None, target=Path(tmp) / "pipe")
        nlp = spacy.load(Path(tmp) / "pipe")
    papers = list(annotations.papers({"train"}))
    train = []
    for k in range(annotations.FOLDS):  # a train paper's name history comes from the other folds
        names = history(p for p in papers if annotations.fold(p) != k)
        train += examples(nlp, [p for p in papers if annotations.fold(p) == k], names)
    model = RoleModel.fit([x for x, *_ in train], [y for _, y, *_ in train])
    full = history(papers)
    tune = examples(nlp, list(annotations.papers({"tune"})), full)
    rule_right = sum(int(rule) == y for _, y, rule, _ in tune)
    model_right = sum(int(model.probability(x) >= 0.5 and not known) == y for x, y, _, known in tune)
    print(f"train: {len(train)} matched entities ({sum(y for _, y, *_ in train)} proposed)")
    print(
        f"tune: rule roles {rule_right}/{len(tune)} = {rule_right / len(tune):.3f}; "
        f"classifier {model_right}/{len(tune)} = {model_right / len(tune):.3f}"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"weights": model.weights, "history": full}, sort_keys=True) + "\n")
    print(f"weights -> {args.out}")


if __name__ == "__main__":
    main()
