"""Papers with Code methods (CC BY-SA 4.0): names, full names and acronyms of METHOD entities."""

from __future__ import annotations

import json
import re
from typing import Any

from ..acronyms import acronym_of, split_parenthetical
from ..context import BuildContext
from ..english import is_english
from ..normalise import clean

# PwC collections whose members are mostly pretrained models (our MODEL type, not METHOD).
PRETRAINED_COLLECTIONS = frozenset(
    [
        "Language Models",
        "Autoencoding Transformers",
        "Vision and Language Pre-Trained Models",
        "Code Generation Transformers",
        "Transformers",
        "Autoregressive Transformers",
        "Image Models",
    ]
)
MODEL_FAMILY_RE = re.compile(
    r"(BERT|GPT|T5\b|BART|LLaMA|Llama|PaLM|BLOOM|OPT\b|GLM\b|XLNet|ELECTRA|ERNIE|XLM|CLIP|BLIP|ALIGN\b|"
    r"Chinchilla|Galactica|Pythia|CodeGen|Gopher|Flan|mT0|UL2|ELMo|ALBEF|ViLT|LXMERT|OSCAR|FLAVA|"
    r"PEGASUS|CTRL|Meena|Bort|CANINE|Florence|SimVLM|OFA\b|UNIMO|ProphetNet|CPM|PanGu|Jukebox)"
)
NOT_MODEL_RE = re.compile(
    r"(Transformer|Network|Training|Attention|Reranking|Diffusion|DPO|LoRA|Layers?|Mechanism|Encoding|"
    r"Embedding|Optimization|Search|Loss)s?$"
)
PWC_JUNK = frozenset(["dhf", "dfh", "oojpiued", "(deleted method)"])

Aliases = list[tuple[str, str]]


def add_pwc(ctx: BuildContext) -> None:
    """Add every usable PwC method, most-used first (so popular names claim shared surface forms)."""
    with open(ctx.ext / "pwc" / "methods.json", encoding="utf-8") as fh:
        records: list[dict[str, Any]] = json.load(fh)
    for rec in sorted(records, key=lambda r: (-(r.get("num_papers") or 0), r.get("name") or "")):
        _add_record(ctx, rec)


def _add_record(ctx: BuildContext, rec: dict[str, Any]) -> None:
    name = clean(rec.get("name"))
    full = clean(rec.get("full_name"))
    if _dropped(ctx, name, full, (rec.get("description") or "").strip()):
        return
    name, name_acr, name_var = split_parenthetical(name)
    aliases = _bracket_aliases(name, name_acr, name_var)
    full = _full_name(ctx.log, name, full)
    if full:
        full, full_acr, full_var = split_parenthetical(full)
        aliases.append((full, "full"))
        aliases += _bracket_aliases(full, full_acr, full_var)
    cols = {c.get("collection") for c in rec.get("collections") or []}
    ctx.registries["METHOD"].add(
        name, aliases, "pwc", weight=rec.get("num_papers") or 0, model_like=_model_like(name, full, cols)
    )


def _dropped(ctx: BuildContext, name: str, full: str, desc: str) -> bool:
    """Junk, overlong, shouting or undescribed-English-word names are dropped (and logged)."""
    if not name or name.lower() in PWC_JUNK or len(name.split()) > 8:
        ctx.log.append(f"pwc drop junk/long name: {name!r}")
        return True
    if len(name.split()) >= 3 and name.isupper():
        ctx.log.append(f"pwc drop shouting name: {name!r}")
        return True
    placeholder = not desc or desc.startswith("Please enter a description")
    if placeholder and " " not in name and is_english(name) and full.lower() in ("", name.lower()):
        ctx.log.append(f"pwc drop undescribed English word: {name!r}")
        return True
    return False


def _bracket_aliases(text: str, acr: str | None, variant: str | None) -> Aliases:
    """Aliases from a bracket: the acronym (if it abbreviates ``text``) and the substituted variant."""
    aliases: Aliases = []
    if acr and acronym_of(acr, text):
        aliases.append((acr, "alias"))
    if variant:
        aliases.append((variant, "alias"))
    return aliases


def _model_like(name: str, full: str, cols: set[Any]) -> bool:
    """A pretrained model family member (BERT, GPT-2), not a layer/loss/training method."""
    return bool(
        (cols & PRETRAINED_COLLECTIONS or MODEL_FAMILY_RE.search(name))
        and MODEL_FAMILY_RE.search(name)
        and not NOT_MODEL_RE.search(name)
        and not NOT_MODEL_RE.search(full or "")
    )


def _full_name(log: list[str], name: str, full: str) -> str:
    """PwC's full_name, unless it is a paper title, a list or a sentence."""
    if not full or full.lower() == name.lower():
        return ""
    if ":" in full:
        head = full.split(":", 1)[0].strip()
        if head.lower() == name.lower():
            return ""
        full = head
    if full.lower().startswith(name.lower() + " ") and len(full.split()) - len(name.split()) >= 3:
        log.append(f"pwc drop title-like full_name: {name!r} / {full!r}")
        return ""
    if len(full.split()) > 8 or ("/" in full and "/" not in name) or "," in full:
        log.append(f"pwc drop long/list full_name: {name!r} / {full!r}")
        return ""
    if full.upper() == full and len(full.split()) >= 3:
        return ""
    return full
