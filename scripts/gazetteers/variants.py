"""Spelling variants of patterns: hyphenation, plurals, dataset years, metric "score" forms."""

from __future__ import annotations

import re

from .acronyms import is_acronym_token
from .english import wordlist
from .normalise import clean, pluralize, singular
from .registry import Entity, Pattern, Registry

# Heads of method names that are also written in the plural ("neural networks").
PLURALIZABLE = frozenset(
    wordlist(
        """
        network net model machine autoencoder auto-encoder encoder decoder transformer embedding field
        tree forest process classifier regressor agent adapter module block unit layer mechanism kernel
        flow filter representation gan vae cnn rnn lstm gru mlp gnn gcn svm ensemble expert graph code
        estimator generator discriminator sampler optimizer operator function loss prior
        """
    )
)
ACRONYM_PLURAL_OK = frozenset(
    [
        "CNN",
        "RNN",
        "LSTM",
        "GRU",
        "GAN",
        "VAE",
        "MLP",
        "GNN",
        "GCN",
        "SVM",
        "DNN",
        "LLM",
        "VLM",
        "MLLM",
        "HMM",
        "CRF",
        "NMT",
    ]
)
JOIN_PREFIXES = frozenset(["pre", "fine", "multi", "semi", "co", "post", "non"])
_PREFIXES = "|".join(sorted(JOIN_PREFIXES))


def expand_variants(registries: dict[str, Registry]) -> None:
    """Add the spelling variants of every non-variant pattern (as kind "variant")."""
    for label, reg in registries.items():
        for ent in reg.entities.values():
            acronym_plural = label == "METHOD" and _has_pluralizable_long_form(ent)
            for pat in list(ent.patterns.values()):
                if pat.kind == "variant":
                    continue
                for var in variants_of(label, pat.text, acronym_plural):
                    if var.lower() not in ent.patterns:
                        ent.patterns[var.lower()] = Pattern(var, "variant", set(pat.sources))


def _has_pluralizable_long_form(ent: Entity) -> bool:
    """Does a multi-word name end in a countable head ("... Network"), so its acronym pluralises?"""
    return any(
        p.kind in ("name", "full", "alias")
        and " " in p.text
        and singular(p.text.split()[-1].lower()) in PLURALIZABLE
        for p in ent.patterns.values()
    )


def variants_of(label: str, text: str, acronym_plural: bool) -> list[str]:
    """The spelling variants of one pattern (cleaned, without the pattern itself)."""
    out = _hyphen_variants(text)
    if label == "METHOD":
        out += _plural_variants(text, acronym_plural)
    if label == "DATASET":
        out += _year_variants(text)
    if label == "METRIC":
        out += _metric_variants(text)
    return [clean(v) for v in out if clean(v) and clean(v) != text]


def _hyphen_variants(text: str) -> list[str]:
    """ "fine-tuning" -> "fine tuning", "finetuning"; "Bi-LSTM" -> "BiLSTM"."""
    out: list[str] = []
    if "-" in text and len(text.split()) <= 6:
        spaced = re.sub(rf"\b({_PREFIXES}|self|cross|meta)-(?=[A-Za-z]{{3}})", r"\1 ", text, flags=re.I)
        if spaced != text:
            out.append(spaced)
        joined = re.sub(rf"\b({_PREFIXES}|bi)-(?=[A-Za-z]{{3}})", r"\1", text, flags=re.I)
        if joined != text:
            out.append(joined)
    return out


def _plural_variants(text: str, acronym_plural: bool) -> list[str]:
    """ "neural network" -> "neural networks"; "CNN" -> "CNNs" (for countable acronyms)."""
    toks = text.split()
    last = toks[-1]
    singular_last = last.isalpha() and singular(last.lower()) == last.lower()
    if len(toks) >= 2 and singular_last and last.lower() in PLURALIZABLE:
        return [" ".join([*toks[:-1], pluralize(last)])]
    if (
        len(toks) == 1
        and len(text) >= 3
        and is_acronym_token(text)
        and text[-1].isupper()
        and (acronym_plural or text in ACRONYM_PLURAL_OK)
    ):
        return [text + "s"]
    return []


def _year_variants(text: str) -> list[str]:
    """ "WMT 2014" -> "WMT-2014", "WMT2014", "WMT14"."""
    m = re.fullmatch(r"([A-Za-z][A-Za-z\-]*?)[ \-]?((?:19|20)(\d\d))", text)
    if not (m and len(m.group(1)) >= 3):
        return []
    stem, year, yy = m.group(1).rstrip("-"), m.group(2), m.group(3)
    out = [f"{stem} {year}", f"{stem}-{year}", f"{stem}{year}"]
    if is_acronym_token(stem) or stem.isupper():
        out.append(f"{stem}{yy}")
    return out


def _metric_variants(text: str) -> list[str]:
    """ "BLEU" -> "BLEU score(s)"; "ROUGE-L" too; "BLEU-4" -> "BLEU4"."""
    if not re.fullmatch(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)?|m[A-Z][A-Za-z]+", text):
        return []
    out = [f"{text} score", f"{text} scores"]
    if re.fullmatch(r"[A-Z]+-\d", text):
        out.append(text.replace("-", ""))
    return out
