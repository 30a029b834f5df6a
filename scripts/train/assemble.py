"""Assemble the shipped pipeline directory from ``pipeline.cfg`` and the trained recogniser.

    python scripts/train/assemble.py [--trained build/train/model/model-best]

``spacy.load("extractors/pipeline")`` then rebuilds the whole pipeline (``kg.pipeline.make_nlp``
does exactly that): tokenizer, component order and settings from its ``config.cfg``, the
recogniser's weights from its ``tok2vec`` and ``ner`` folders.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TARGET = ROOT / "extractors" / "pipeline"


def assemble(
    trained: Path | None,
    config_path: Path = HERE / "pipeline.cfg",
    target: Path = TARGET,
    roles: Path | None = None,
    entity_filter: Path | None = None,
) -> None:
    import spacy
    from spacy.util import load_config, load_model_from_config

    import extractors.factories  # noqa: F401  (registers the factories and the tokenizer)

    config = load_config(config_path, overrides={"paths.trained": str(trained or "")}, interpolate=False)
    if trained is None:  # rules only: no recogniser
        names = [
            n for n in config["nlp"]["pipeline"] if n not in ("tok2vec", "ner", "kg_learned", "kg_lexicon")
        ]
        config["nlp"]["pipeline"] = names
        config["components"] = {n: c for n, c in config["components"].items() if n in names}
    if entity_filter is not None and "kg_filter" in config["components"]:
        thresholds = json.loads((entity_filter / "thresholds.json").read_text())
        config["components"]["kg_filter"]["thresholds"] = thresholds
    nlp = load_model_from_config(config, auto_fill=True)
    if trained is not None:  # sourced components do not bring their static vectors along
        nlp.vocab.vectors = spacy.load(trained).vocab.vectors
    nlp.config["paths"]["trained"] = None  # an assembly-time path: the weights are in the folder
    if entity_filter is not None and "kg_filter" in nlp.pipe_names:
        from extractors.entity_filter import Lexicon
        from extractors.logistic import LogisticModel

        pipe = nlp.get_pipe("kg_filter")
        pipe.model = LogisticModel(json.loads((entity_filter / "weights.json").read_text()))
        pipe.lexicon = Lexicon(json.loads((entity_filter / "lexicon.json").read_text()))
        if "kg_lexicon" in nlp.pipe_names:
            nlp.get_pipe("kg_lexicon").set_lexicon(pipe.lexicon.table)
    if roles is not None and "kg_roles" in nlp.pipe_names:
        from extractors.role_model import RoleModel

        trained = json.loads(roles.read_text())
        classifier = nlp.get_pipe("kg_roles")
        classifier.model = RoleModel(trained["weights"])
        classifier.history = {k: (v[0], v[1]) for k, v in trained["history"].items()}
    nlp.meta.update({"name": "paper_kg_extract", "version": "0.2.0", "description": "paper-kg extraction"})
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    spacy.load(target)  # it must load back


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trained", type=Path, default=ROOT / "build" / "train" / "model" / "model-best")
    parser.add_argument("--roles", type=Path, default=ROOT / "build" / "train" / "roles.json")
    parser.add_argument("--filter", type=Path, default=ROOT / "build" / "train" / "filter")
    parser.add_argument("--rules-only", action="store_true", help="no trained parts at all")
    args = parser.parse_args()
    if args.rules_only:
        assemble(None)
    else:
        assemble(args.trained.resolve(), roles=args.roles, entity_filter=args.filter)
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
