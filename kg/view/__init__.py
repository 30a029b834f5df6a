"""Interactive views of the graph: one self-contained HTML page around a paper, an entity or a
named query's result (:func:`select_view` picks and prunes the nodes, :func:`render_html` draws
them with pyvis / vis-network). pyvis is imported only when a page is rendered."""

from __future__ import annotations

from kg.view.render import render_html, write_html
from kg.view.select import (
    DEFAULT_HOPS,
    DEFAULT_MAX_NODES,
    FORCE_ABOVE,
    View,
    ViewError,
    check_limits,
    prune,
    select_view,
)

__all__ = [
    "DEFAULT_HOPS",
    "DEFAULT_MAX_NODES",
    "FORCE_ABOVE",
    "View",
    "ViewError",
    "check_limits",
    "prune",
    "render_html",
    "select_view",
    "write_html",
]
