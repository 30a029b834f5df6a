"""Per-label word lists: generic words and phrases, name heads and other filter vocabularies."""

from __future__ import annotations

from .english import wordlist

# Sources of text that double as dataset names (matching them needs context).
SOURCE_NAMES = frozenset(
    wordlist(
        """
        wikipedia twitter amazon reddit yelp google facebook freebase news web imdb
        """
    )
)

# Entries that are never useful as gazetteer patterns, per label (lowercased, whole pattern).
GENERIC = {
    "METHOD": frozenset(
        [
            *wordlist(
                """
                attention library lib focus ontology heatmap counterfactuals inpainting colorization
                """
            ),
            "rendezvous",  # a real PwC method, but the word is everyday English (and named as such)
            *wordlist(
                """
                ensemble baseline baselines model network method approach framework algorithm system
                """
            ),
            "single model",
            "internet explorer",
            "low-resolution input",
            "high-resolution input",
            "low-level backbone",
            "high-level backbone",
            "cross-resolution features",
            "visual analytics",
            "self-learning",
            "tunable network",
            "pixel tracking",
            "streaming module",
            "neural network",
            "neural networks",
            "deep learning",
            "machine learning",
            "3d models",
            "attention-based models",
            "pytorch",
            "tensorflow",
            "jft",
            "multidomainsentiment",
            *wordlist(
                """
                nlp mt nmt smt pos qa cpu gpu gpus kb kbs rl ai ml cv gpu ir ocr asr tts
                """
            ),
        ]
    ),
    "TASK": frozenset(),
    "DATASET": frozenset(),
    "METRIC": frozenset(),
}
GENERIC_WORDS = {
    "METHOD": frozenset(),
    "TASK": frozenset(
        wordlist(
            """
            training learning inference evaluation prediction classification detection recognition
            generation analysis extraction modeling modelling reasoning vision language nlp optimization
            ranking matching search estimation understanding reconstruction verification tracking
            localization synthesis transfer adaptation alignment planning control representation
            processing identification selection mining labeling labelling decoding encoding annotation
            sentiment prediction supervised unsupervised semi-supervised recommendation retrieval
            normalization normalisation simplification paraphrase filtering scoring testing
            """
        )
    ),
    "DATASET": frozenset(
        wordlist(
            """
            data dataset datasets corpus corpora benchmark benchmarks forums reviews tweets news web
            documents articles images videos text texts sentences dev test train
            """
        )
    ),
    "METRIC": frozenset(
        wordlist(
            """
            performance quality efficiency speed time cost complexity robustness generalization
            generalisation score scores metric metrics size memory latency throughput parameters params
            localization recognition training space ranking
            """
        )
    ),
}
# Multi-word generic phrases, per label (lowercased).
GENERIC_PHRASES = {
    "METHOD": frozenset(),
    "TASK": frozenset(
        [
            "natural language processing",
            "computer vision",
            "machine learning",
            "deep learning",
            "vision tasks",
            "matching tasks",
            "classification tasks",
            "reinforcement learning",
            "multi-task learning",
            "representation learning",
            "natural language understanding",
            "language understanding",
            "natural language",
            "downstream tasks",
            "nlp tasks",
            "real-time",
            "prediction tasks",
            "recognition tasks",
            "data augmentation",
            "knowledge distillation",
            "dimensionality reduction",
            "matrix factorization",
            "human-computer interaction",
            "error reduction",
            "manual annotation",
            "semantic annotation",
            "automatic evaluation",
            "quantitative evaluation",
        ]
    ),
    "DATASET": frozenset(
        [
            "smaller datasets",
            "social media",
            "google dataset",
            "test set",
            "test sets",
            "training set",
            "training data",
            "dev set",
            "development set",
            "development data",
            "test data",
            "dev data",
            "long-tail emerging entities",
            "easy set",
            "medium set",
            "hard set",
            "phase contrast",
            "in-the-wild",
            "review data set",
            "regression test set",
        ]
    ),
    "METRIC": frozenset(
        [
            "computational cost",
            "computational complexity",
            "model size",
            "memory consumption",
            "training speed",
            "training time",
            "processing time",
            "inference time",
            "human performance",
            "human judgement",
            "human judgements",
            "human judgment",
            "human judgments",
            "human evaluation",
            "error reduction",
            "relative error reduction",
            "recognition performance",
            "reconstruction quality",
            "generalization ability",
            "visual inspection",
            "annotation cost",
            "post-editing time",
            "number of params",
            "number of parameters",
            "question split",
            "query split",
            "lower bound",
            "macro-average",
            "micro-average",
            "te metrics",
            "compression rate",
            "comparability scores",
        ]
    ),
}

# Heads of metric names (singular, lowercase).
METRIC_HEADS = frozenset(
    wordlist(
        """
        accuracy precision recall error rate score measure f-measure f-score perplexity correlation
        coefficient divergence distance agreement similarity rank ratio likelihood entropy cross-entropy
        bleu rouge meteor auc iou map mrr ndcg kappa purity fluency adequacy smatch awareness gain hits
        """
    )
)

# Last words of task names (a pool-derived task must end in one, or in -tion/-sion/-sis/-ing).
TASK_HEADS = frozenset(
    wordlist(
        """
        answering qa retrieval parsing tagging summarization translation recognition detection
        segmentation classification estimation generation extraction linking resolution labeling
        tracking captioning entailment prediction completion comprehension reasoning alignment matching
        ranking disambiguation induction identification normalization correction simplification
        compression categorization clustering modeling analysis mining understanding synthesis
        reconstruction restoration denoising super-resolution verification localization scoring
        selection filling attribution interpretation acquisition expansion grounding regression
        inpainting retargeting captioning chunking supertagging segmentation transliteration
        paraphrasing
        """
    )
)
TASK_BAD_HEADS = frozenset(
    wordlist(
        """
        training inference processing learning setting process phase time applications application
        systems system community research data models model efficiency devices images questions agents
        domains boxes representation representations information context signals scenarios bias
        benchmarks benchmark question agent domain box signal scenario device image
        """
    )
)
# Adjectives that make a task mention a description rather than a name ("accurate prediction").
TASK_BAD_MODIFIERS = frozenset(
    wordlist(
        """
        accurate precise quantitative qualitative manual efficient robust fast better improved early
        model low
        """
    )
)
# Last words that make a method mention a description ("CNN-based methods", "RL agents").
METHOD_BAD_HEADS = frozenset(
    wordlist(
        """
        method approach agent algorithm setting system platform architecture backbone training tagger
        based technique framework baseline pipeline variant solution scheme idea strategy
        """
    )
)
# Dataset "names" that are genres or domains (Blitzer's BOOKS/DVD/KITCHEN splits, etc.).
GENRE_WORDS = frozenset(
    wordlist(
        """
        blogs books sports finance stories news reviews movies music games kitchen dvd electronics
        treebank treebanks
        """
    )
)
LANGUAGES = frozenset(
    wordlist(
        """
        english german french chinese japanese russian czech romanian arabic spanish italian portuguese
        dutch hindi korean turkish finnish hungarian urdu vietnamese swedish polish greek hebrew persian
        malay indonesian thai bengali estonian latvian lithuanian
        """
    )
)

# Modifiers that make "<x> accuracy" a metric of its own (others just say what was measured).
ACCURACY_KINDS = frozenset(
    wordlist(
        """
        top top-1 top-5 joint goal request weighted balanced exact micro macro micro-averaged macro-
        averaged per-class pixel mean average sentence-level word-level
        """
    )
)

ACCURACY_ADJECTIVES = frozenset(
    wordlist(
        """
        competitive high higher better good improved state-of-the-art compatibility-based one-shot
        overall
        """
    )
)


def is_generic(label: str, low: str) -> bool:
    """Is the lowercased pattern ``low`` a generic (never useful) entry for ``label``?"""
    return low in GENERIC[label] or low in GENERIC_PHRASES[label]
