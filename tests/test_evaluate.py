"""``kg eval`` scoring on a tiny gold file whose scores are computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import IngestError
from kg.evaluate import evaluate, load_gold

GOLD = [
    {
        "title": "Paper One",
        "methods": [
            {"name": "Direct Preference Optimization", "aliases": ["DPO"], "role": "used"},
            {"name": "TreeSynth", "aliases": [], "role": "proposed"},
        ],
        "datasets": [{"name": "MMLU", "aliases": [], "role": "used"}],
        "models": [{"name": "Llama-2-7B", "family": "Llama", "aliases": []}],
        "tasks": [],
        "metrics": [{"name": "accuracy", "aliases": []}],
        "repos": [{"url": "https://github.com/a/b", "kind": "code"}],
    },
    {"title": "Paper Two", "methods": [{"name": "LoRA", "aliases": [], "role": "used"}], "models": []},
]
PREDICTED = [
    {
        "title": "paper one",  # titles match after normalisation
        "methods": [
            {"name": "dpo", "aliases": [], "role": "used"},  # matches through the gold alias
            {"name": "Tree Synth", "aliases": [], "role": "used"},  # matches; wrong role
            {"name": "baselines", "aliases": [], "role": "used"},  # false positive
        ],
        "datasets": [],  # MMLU missed
        "models": [{"name": "LLaMA-2-13B", "family": "LLaMA", "aliases": []}],  # model FP+FN, family TP
        "tasks": [],
        "metrics": [{"name": "Accuracy", "aliases": []}],
        "repos": [{"url": "http://www.github.com/a/b.git/", "kind": "code"}],
    },
    # "Paper Two" is missing: its LoRA is a false negative.
]


def test_hand_computed_scores() -> None:
    report = evaluate(GOLD, PREDICTED)
    scores = {row["type"]: row for row in report.rows()}
    assert (scores["methods"]["tp"], scores["methods"]["fp"], scores["methods"]["fn"]) == (2, 1, 1)
    assert scores["methods"]["precision"] == round(2 / 3, 4) and scores["methods"]["recall"] == round(
        2 / 3, 4
    )
    assert (scores["datasets"]["tp"], scores["datasets"]["fn"]) == (0, 1)
    assert (scores["models"]["tp"], scores["models"]["fp"], scores["models"]["fn"]) == (0, 1, 1)
    assert (scores["families"]["tp"], scores["families"]["fp"], scores["families"]["fn"]) == (1, 0, 0)
    assert (scores["metrics"]["tp"], scores["repos"]["tp"]) == (1, 1)
    # micro pools the six entity types, families apart:
    # tp 2+0+0+0+1+1 = 4, fp 1+0+1+0+0+0 = 2, fn 1+1+1+0+0+0 = 3
    micro = scores["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (4, 2, 3)
    assert micro["f1"] == round(2 * (4 / 6) * (4 / 7) / (4 / 6 + 4 / 7), 4)
    assert [row["type"] for row in report.rows()][-2:] == ["micro", "families"]
    assert (report.roles_correct, report.roles_total) == (1, 2)
    assert report.missing == ["Paper Two"]


def test_kg_eval_on_files(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {"title": "MaskLLM", "repos": [{"url": "https://github.com/NVlabs/MaskLLM", "kind": "code"}]}
        )
        + "\n"
    )
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        json.dumps({"title": "MaskLLM", "abstract": "Code: https://github.com/NVlabs/MaskLLM."}) + "\n"
    )
    result = CliRunner().invoke(app, ["eval", str(gold), str(papers), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = {row["type"]: row for row in json.loads(result.stdout)["scores"]}
    assert scores["repos"]["f1"] == 1.0


def test_bad_gold_names_the_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"title": "A"}\n{"methods": []}\n')
    with pytest.raises(IngestError, match=r"gold\.jsonl:2: a gold record needs a 'title'"):
        load_gold(gold)
