"""NLP-TDMS (Apache-2.0): the dataset, task and metric knowledge bases of its leaderboards."""

from __future__ import annotations

from ..acronyms import split_parenthetical
from ..context import BuildContext
from ..metric_names import add_metric_name
from ..naming import dataset_suffix
from ..readers import read_tsv

# NLP-TDMS knowledge-base names -> (canonical, extra aliases); None drops the entry.
DATASET_KB_FIX: dict[str, tuple[str, list[str]] | None] = {
    "CNN / Daily Mail (Non-anonymized version)": ("CNN / Daily Mail", []),
    "CNN / Daily Mail (Anonymized version)": ("CNN / Daily Mail", []),
    "CNN / Daily Mail": ("CNN / Daily Mail", ["CNN/Daily Mail", "CNN/DailyMail", "CNN-DailyMail", "CNN/DM"]),
    "Ontonotes v5 (English)": ("OntoNotes 5.0", ["OntoNotes v5", "OntoNotes 5"]),
    "1B Words / Google Billion Word benchmark": (
        "One Billion Word benchmark",
        ["One Billion Word", "1B Words", "Google Billion Word benchmark", "Billion Word benchmark", "LM1B"],
    ),
    "The IWSLT 2015 Evaluation Campaign": ("IWSLT 2015", []),
    "CoNLL-2014 Shared Task Restricted": ("CoNLL-2014 Shared Task", ["CoNLL-2014"]),
    "CoNLL-2014 Shared Task Unrestricted": ("CoNLL-2014 Shared Task", []),
    "CoNLL-2014 10 Annotations Restricted": ("CoNLL-2014 Shared Task", []),
    "CoNLL-2014 10 Annotations Unrestricted": ("CoNLL-2014 Shared Task", []),
    "JFLEG Unrestricted": ("JFLEG", []),
    "SemEval-2017 Task 4 subtask A Tweet Sentiment Classification dataset": ("SemEval-2017 Task 4", []),
    "SemEval-2014 Task 4 subtask 2 Aspect Term Polarity": ("SemEval-2014 Task 4", []),
    "benchmark Vietnamese dependency treebank VnDT": ("VnDT", ["Vietnamese dependency treebank"]),
    "Second dialogue state tracking challenge": (
        "DSTC2",
        ["Second Dialogue State Tracking Challenge", "DSTC 2", "DSTC-2"],
    ),
    "CoNLL 2003 (English)": ("CoNLL 2003", []),
    "Google Dataset": None,
    "Smaller Datasets": None,
    "Social media": None,
    "Long-tail emerging entities": None,
    "Scholar": None,
    "Advising": None,
}
TASK_KB_FIX: dict[str, tuple[str, list[str]]] = {
    "common_sense": ("commonsense reasoning", ["common sense reasoning"]),
    "relationship_extraction": ("relation extraction", ["relationship extraction"]),
    "retrieval-based_chatbot": ("retrieval-based chatbot", ["retrieval-based chatbots"]),
    "timex_normalisation": ("timex normalization", ["timex normalisation"]),
    "amr_parsing": ("AMR parsing", []),
    "ccg_supertagging": ("CCG supertagging", []),
    "sql_parsing": ("SQL parsing", ["text-to-SQL parsing"]),
    "part-of-speech_tagging": ("part-of-speech tagging", ["POS tagging"]),
    "named_entity_recognition": ("named entity recognition", ["NER"]),
    "natural_language_inference": ("natural language inference", ["NLI"]),
    "semantic_role_labeling": ("semantic role labeling", ["SRL"]),
    "word_sense_disambiguation": ("word sense disambiguation", ["WSD"]),
    "machine_translation": ("machine translation", []),
    "question_answering": ("question answering", []),
    "language_modeling": ("language modeling", ["language modelling"]),
    "semantic_textual_similarity": ("semantic textual similarity", ["STS"]),
    "grammatical_error_correction": ("grammatical error correction", ["GEC"]),
    "dialogue_state_tracking": ("dialogue state tracking", ["DST", "dialog state tracking"]),
}


def add_nlp_tdms(ctx: BuildContext) -> None:
    """Add the KB's datasets, tasks and metrics (all curated: always kept)."""
    base = ctx.ext / "nlp_tdms"
    for row in read_tsv(base / "datasetKB.tsv"):
        _add_dataset(ctx, row[1].strip())
    for row in read_tsv(base / "taskKB.tsv"):
        raw = row[1].strip()
        canonical, extra = TASK_KB_FIX.get(raw, (raw.replace("_", " "), []))
        ctx.registries["TASK"].add(canonical, [(a, "alias") for a in extra], "nlp_tdms", weight=1)
    for row in read_tsv(base / "evaMatrixKB.tsv"):
        add_metric_name(ctx, row[1].strip(), "nlp_tdms", keep_rule="always")


def _add_dataset(ctx: BuildContext, raw: str) -> None:
    """One dataset KB name, fixed up by DATASET_KB_FIX or split at its bracket."""
    if raw in DATASET_KB_FIX:
        fix = DATASET_KB_FIX[raw]
        if fix is None:
            ctx.log.append(f"nlp_tdms drop dataset {raw!r}")
            return
        canonical, extra = fix
        aliases = [(a, "alias") for a in extra]  # the leaderboard's raw name is not text
    else:
        canonical, acr, variant = split_parenthetical(raw)
        aliases = [(a, "alias") for a in (acr, variant) if a]
    datasets = ctx.registries["DATASET"]
    canonical, aliases = dataset_suffix(canonical, aliases, datasets)
    datasets.add(canonical, aliases, "nlp_tdms", weight=1)
