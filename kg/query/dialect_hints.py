"""What to tell a user whose Cypher the embedded engine refused: the dialect difference behind the
error, and where the differences are listed (docs/CYPHER_DIALECTS.md)."""

from __future__ import annotations

import re

DOC = "docs/CYPHER_DIALECTS.md"
FUNCTIONS: dict[str, str] = {
    "TOINTEGER": "toInteger(x) is CAST(x AS INT64) there",
    "TOFLOAT": "toFloat(x) is CAST(x AS DOUBLE) there",
    "TOSTRING": "toString(x) is CAST(x AS STRING) there",
    "TOBOOLEAN": "toBoolean(x) is CAST(x AS BOOL) there",
    "SPLIT": "split(s, sep) is string_split(s, sep) there",
    "TYPE": "type(r) is label(r) there",
    "LABELS": "labels(n) is label(n) there (a string, not a list)",
    "HEAD": "head(l) is list_extract(l, 1) there (lists are 1-based)",
    "LAST": "last(l) is list_extract(l, size(l)) there (lists are 1-based)",
    "TAIL": "tail(l) is list_slice(l, 2, size(l)) there",
    "REDUCE": "reduce(…) is list_reduce(l, (a, x) -> …) there",
    "ELEMENTID": "elementId(n) does not exist there: use n.id",
    "EXISTS": "exists(n.prop) is n.prop IS NOT NULL",
    "STDEV": "stDev has no equivalent there",
}
"""Neo4j functions the embedded engine lacks, and its way of saying them."""
_MISSING = re.compile(r"function (?P<name>\w+) does not exist", re.IGNORECASE)
_ENGINE = ("Catalog exception", "Binder exception", "Parser exception", "Runtime exception")


def dialect_hint(message: str) -> str | None:
    """The hint for an embedded-engine error ``message``, or None when it is no dialect error."""
    if not any(kind in message for kind in _ENGINE):
        return None
    found = _MISSING.search(message)
    specific = FUNCTIONS.get(found.group("name").upper()) if found else None
    prefix = (
        f"the embedded engine speaks its own Cypher dialect: {specific}"
        if specific
        else ("the embedded engine (ladybug) speaks its own Cypher dialect, not Neo4j's")
    )
    return f"{prefix}; see {DOC} for every difference"
