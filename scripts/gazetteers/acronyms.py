"""Acronyms and name-like tokens: detection, long/short form matching, bracketed acronyms."""

from __future__ import annotations

import re

from .english import STOPWORDS

# Trailing words that an initialism usually leaves out ("LFW" = "Labeled Faces in the Wild dataset").
_INITIALS_SUFFIXES = ("dataset", "corpus", "benchmark", "data", "set", "score")


def is_acronym_token(tok: str) -> bool:
    """NER, LoRA, mAP, GANs, F1, BiDAF: at least two capitals, or a capital plus a digit (but not a
    hyphenated Title-case compound such as "Cross-Entropy" or "Multi-Scale")."""
    if "-" in tok and all((p[:1].isupper() and p[1:].islower()) or p.islower() for p in tok.split("-") if p):
        return False
    core = tok.rstrip("s") if tok.endswith("s") and tok[:-1].isupper() else tok
    uppers = sum(ch.isupper() for ch in core)
    digits = any(ch.isdigit() for ch in core)
    return uppers >= 2 or (uppers >= 1 and digits)


def named_token(tok: str) -> bool:
    """A token that marks a name: internal capital, digit+letter mix or acronym."""
    if any(ch.isupper() for ch in tok[1:]):
        return True
    return any(ch.isdigit() for ch in tok) and any(ch.isalpha() for ch in tok)


def acronym_of(short: str, long: str) -> bool:
    """Schwartz & Hearst (2003): can ``short`` abbreviate ``long``?"""
    s = [ch.lower() for ch in short if ch.isalnum()]
    if len(s) < 2 or not any(ch.isalpha() for ch in s) or len(long) <= len(short):
        return False
    lng = long.lower()
    si, li = len(s) - 1, len(lng) - 1
    while si >= 0:
        ch = s[si]
        while li >= 0 and (
            lng[li] != ch or (si == 0 and li > 0 and lng[li - 1].isalnum())  # first char starts a word
        ):
            li -= 1
        if li < 0:
            return False
        si -= 1
        li -= 1
    return True


def plausible_acronym(short: str, long: str) -> bool:
    """A stricter acronym test for aliasing: Schwartz-Hearst, the short form is not just a piece of
    the long one, and the long form has a word for each capital ("ResNet" is not "Res2NeXt-29")."""
    if " " in short.strip() or short.lower() in long.lower() or not acronym_of(short, long):
        return False
    caps = sum(ch.isupper() for ch in short) or len(short)
    long_words = [w for w in re.split(r"[\s\-]+", long) if re.search(r"[A-Za-z]", w)]
    return len(long_words) >= max(2, caps)


def initials_match(short: str, long: str) -> bool:
    """Strict: the capitals of ``short`` are exactly the initials of the content words of ``long``
    (LFW = Labeled Faces in the Wild, FGVC = Fine-Grained Visual Classification)."""
    if not re.fullmatch(r"[A-Z][A-Za-z\-]*[A-Z][a-z]?", short):
        return False
    letters = [ch for ch in short if ch.isupper()]
    toks = [w for w in re.split(r"[\s\-]+", long) if w and w.lower() not in STOPWORDS]
    if [w[0].upper() for w in toks] == letters:
        return True
    while toks and toks[-1].lower() in _INITIALS_SUFFIXES:
        toks.pop()
    return [w[0].upper() for w in toks] == letters


def split_parenthetical(text: str) -> tuple[str, str | None, str | None]:
    """'Long Form (LF)' -> ('Long Form', 'LF', None); 'part-of-speech (POS) tagging' -> the form
    without the bracket plus the acronym-substituted variant ('POS tagging')."""
    m = re.fullmatch(r"(.+?)\s*\(\s*([^()]+?)\s*\)\s*(.*)", text)
    if not m:
        return text, None, None
    before, inner, after = m.group(1).strip(), m.group(2).strip(), m.group(3).strip()
    if not after:
        return before, inner, None
    if plausible_acronym(inner, before):
        # the acronym replaces the trailing words of `before` that it abbreviates
        toks = before.split()
        for k in range(1, len(toks) + 1):
            if acronym_of(inner, " ".join(toks[-k:])):
                variant = " ".join([*toks[:-k], inner, after])
                return f"{before} {after}", None, variant
    return f"{before} {after}", None, None
