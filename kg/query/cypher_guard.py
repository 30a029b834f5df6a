"""Cypher from the user (``kg cypher``), bounded and run read-only unless asked otherwise.

The checks are the stores' own: the statement's size and nesting and the parameters' range
(:mod:`kg.store.limits`), and the read-only scan (:func:`kg.store.read_only.check_read_only`:
writing clauses, files and network, ``CALL`` of a procedure not known to be read-only). They run
here before the statement reaches a store too, so the refusal names the clause the same way on every
store, before a Neo4j server is even asked; a Neo4j store also runs reads in read-only
transactions, which the server enforces, and the embedded store never writes. Values only ever
travel as Cypher parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kg.store.limits import check_bounds, check_params
from kg.store.read_only import check_no_outside_access, check_read_only

if TYPE_CHECKING:
    from kg.store.base import GraphStore


def run_checked(
    store: GraphStore,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
) -> list[dict[str, Any]]:
    """Run ``query`` with ``params`` on ``store`` and return its rows (one dict a row).

    Read-only unless ``write``: a statement that writes is refused with a
    :class:`~kg.errors.ReadOnlyError` naming the clause. With ``write`` a Neo4j store runs it in
    a write transaction; the embedded store refuses writes even then. A statement or parameter out
    of bounds is a :class:`~kg.errors.QueryLimitError`; a query running past ``timeout`` seconds
    (None: :data:`kg.store.limits.DEFAULT_TIMEOUT`) a :class:`~kg.errors.QueryTimeoutError`.
    """
    check_bounds(query)
    check_params(params or {})
    if write:
        check_no_outside_access(query)
    else:
        check_read_only(query)
    from kg.errors import StoreError

    try:
        return store.run_cypher(query, dict(params or {}), write=write, timeout=timeout)
    except StoreError as exc:
        from kg.query.dialect_hints import dialect_hint

        hint = dialect_hint(str(exc)) if store.cypher_dialect == "embedded" else None
        if hint is None or type(exc) is not StoreError:
            raise
        raise StoreError(f"{str(exc).rstrip('.')}. {hint[0].upper()}{hint[1:]}") from exc
