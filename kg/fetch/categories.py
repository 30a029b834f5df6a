"""arXiv's category taxonomy (https://arxiv.org/category_taxonomy) and the OAI-PMH set that
holds each category: the archive (``cs``, ``math``, ``stat``, ...) or, for the physics archives,
``physics:<archive>``."""

from __future__ import annotations

import difflib

from kg.fetch.errors import FetchArgumentError

_SUBJECTS: dict[str, str] = {
    "cs": "AI AR CC CE CG CL CR CV CY DB DC DL DM DS ET FL GL GR GT HC IR IT LG LO MA MM MS NA NE NI "
    "OH OS PF PL RO SC SD SE SI SY",
    "econ": "EM GN TH",
    "eess": "AS IV SP SY",
    "math": "AC AG AP AT CA CO CT CV DG DS FA GM GN GR GT HO IT KT LO MG MP NA NT OA OC PR QA RA RT SG SP ST",
    "stat": "AP CO ME ML OT TH",
    "q-bio": "BM CB GN MN NC OT PE QM SC TO",
    "q-fin": "CP EC GN MF PM PR RM ST TR",
    "astro-ph": "CO EP GA HE IM SR",
    "cond-mat": "dis-nn mes-hall mtrl-sci other quant-gas soft stat-mech str-el supr-con",
    "nlin": "AO CD CG PS SI",
    "physics": "acc-ph ao-ph app-ph atm-clus atom-ph bio-ph chem-ph class-ph comp-ph data-an ed-ph "
    "flu-dyn gen-ph geo-ph hist-ph ins-det med-ph optics plasm-ph pop-ph soc-ph space-ph",
    "gr-qc": "",
    "hep-ex": "",
    "hep-lat": "",
    "hep-ph": "",
    "hep-th": "",
    "math-ph": "",
    "nucl-ex": "",
    "nucl-th": "",
    "quant-ph": "",
}
_OWN_SETS = frozenset({"cs", "econ", "eess", "math", "stat", "q-bio", "q-fin"})

ARCHIVES: tuple[str, ...] = tuple(_SUBJECTS)
CATEGORIES: frozenset[str] = frozenset(
    f"{archive}.{subject}" if subject else archive
    for archive, subjects in _SUBJECTS.items()
    for subject in (subjects.split() or [""])
)


def archive_of(category: str) -> str:
    """``cs`` for ``cs.CL``; an archive is its own archive."""
    return category.split(".", 1)[0]


def oai_set(category: str) -> str:
    """The OAI-PMH set to harvest for ``category`` (``cs``; ``physics:hep-th``)."""
    archive = archive_of(category)
    return archive if archive in _OWN_SETS else f"physics:{archive}"


def checked_categories(names: list[str]) -> tuple[str, ...]:
    """The categories named (an archive alone means all of it), in the order given, without
    repeats; an unknown one is an error naming close matches."""
    if not names:
        raise FetchArgumentError("name at least one arXiv category (--category cs.CL)")
    known = CATEGORIES | frozenset(ARCHIVES)
    lowered = {name.lower(): name for name in known}
    checked: list[str] = []
    for name in names:
        value = lowered.get(name.strip().lower())
        if value is None:
            close = difflib.get_close_matches(name.strip(), sorted(known), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise FetchArgumentError(f"--category {name!r}: not an arXiv category{hint}")
        if value not in checked:
            checked.append(value)
    return tuple(checked)


def matches(record_categories: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Whether a paper listed in ``record_categories`` belongs to one of ``wanted`` (a category,
    or an archive standing for all its categories)."""
    return any(category in wanted or archive_of(category) in wanted for category in record_categories)
