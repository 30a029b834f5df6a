"""Cypher from the user (``kg cypher``), run read-only unless asked otherwise.

The read-only check is the stores' own (:func:`kg.store.read_only.check_read_only`: a token scan
for writing clauses and for ``CALL`` of a procedure not known to be read-only). It runs here
before the statement reaches a store too, so the refusal names the clause the same way on every
store, before a Neo4j server is even asked; a Neo4j store also runs reads in read-only
transactions, which the server enforces, and the embedded store never writes. Values only ever
travel as Cypher parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kg.store.read_only import check_read_only

if TYPE_CHECKING:
    from kg.store.base import GraphStore


def run_checked(
    store: GraphStore, query: str, params: Mapping[str, Any] | None = None, *, write: bool = False
) -> list[dict[str, Any]]:
    """Run ``query`` with ``params`` on ``store`` and return its rows (one dict a row).

    Read-only unless ``write``: a statement that writes is refused with a
    :class:`~kg.errors.ReadOnlyError` naming the clause. With ``write`` a Neo4j store runs it in
    a write transaction; the embedded store refuses writes even then.
    """
    if not write:
        check_read_only(query)
    return store.run_cypher(query, dict(params or {}), write=write)
