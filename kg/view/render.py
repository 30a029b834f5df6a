"""A :class:`~kg.view.select.View` as one self-contained HTML page.

pyvis builds the vis-network node and edge records and carries the vis-network library; the page
around them is ours (``page.html``, ``page.css``, ``page.js`` next to this module), because
pyvis's own template loads Bootstrap from a CDN even with ``cdn_resources="in_line"`` and its
select/filter menus need tom-select. The result makes no request to any host: vis-network and
every script and style are inline, and a Content-Security-Policy allows only those scripts (by
hash), inline styles and ``data:`` images, so not even a broken escape could load or run anything.

Physics settles in a bounded number of iterations and is then switched off (``page.js``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import defaultdict
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from kg.atomic import atomic_write
from kg.errors import KGError
from kg.model import Edge, Label
from kg.view.select import View
from kg.view.style import (
    STYLES,
    display_name,
    edge_tooltip,
    node_size,
    node_tooltip,
    papers_tooltip,
    short_label,
)

LABEL_MAX_PX = 14
"""A node label is drawn at most this tall on screen, however far the view is zoomed in."""
LABEL_MIN_PX = 5
"""A node label smaller than this on screen is not drawn (vis-network's threshold)."""
EDGE_LABELS_UP_TO = 100
"""Views with more nodes than this draw no edge labels (the tooltips still name the relation)."""
STABILIZATION_ITERATIONS = 200
"""Layout iterations before the page stops the physics (vis-network's default is 1,000)."""
VIS_NETWORK = ("lib", "vis-9.1.2")
_MARKER = re.compile(r"@@[A-Z_]+@@")
_JSON_IN_HTML = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def options(node_count: int) -> dict[str, Any]:
    """The vis-network options: physics that settles in a bounded number of iterations."""
    return {
        "autoResize": True,
        "nodes": {
            "font": {"size": 12, "face": "sans-serif"},
            "borderWidth": 1,
            # Labels grow with the zoom up to LABEL_MAX_PX on screen, so zooming in makes room for
            # more of them (page.js draws only labels that overlap no other).
            "scaling": {"label": {"maxVisible": LABEL_MAX_PX, "drawThreshold": LABEL_MIN_PX}},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "color": {"color": "#b8c0c8", "highlight": "#333333", "hover": "#666666"},
            "font": {"size": 9, "color": "#666666", "strokeWidth": 2, "align": "middle"},
            "width": 1,
        },
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "centralGravity": 0.3,
                "springLength": 110,
                "springConstant": 0.04,
                "damping": 0.5,
                "avoidOverlap": 0.1,
            },
            "minVelocity": 1,
            "stabilization": {
                "enabled": True,
                "iterations": STABILIZATION_ITERATIONS,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": node_count > 300,
            "hideEdgesOnZoom": node_count > 300,
        },
    }


def render_html(view: View) -> str:
    """The page showing ``view``: the graph, a legend that filters by type, a search box, the note
    on what was left out, and tooltips."""
    network = _network(view)
    nodes, edges, _heading, _height, _width, options_json = network.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options_json), "centres": view.centres}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_IN_HTML)
    vis_js, vis_css = _vis_network()
    page_js = _resource("page.js")
    scripts = [vis_js, page_js]
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(f"'sha256-{_sha256(s)}'" for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
        ]
    )
    counts = _counts(view)
    replacements = {
        "@@POLICY@@": escape(policy, quote=False),  # our own text: no double quote in it
        "@@TITLE@@": escape(f"{view.heading} — paper-kg"),
        "@@HEADING@@": escape(view.heading),
        "@@SUMMARY@@": escape(
            f"{len(view.nodes):,} nodes, {len(view.edges) + len(view.links):,} edges"
            + (f" (of {view.total_nodes:,} nodes)" if view.pruned else "")
        ),
        "@@NOTE@@": "".join(
            f'<p id="{key}" role="status">{escape(text)}</p>'
            for key, text in (("kg-note", view.note), ("kg-hubs", view.hub_note))
            if text
        ),
        "@@LEGEND@@": _legend(counts),
        "@@RELATIONS@@": _relations(view.edges, len(view.links)),
        "@@VIS_CSS@@": vis_css,
        "@@PAGE_CSS@@": _resource("page.css"),
        "@@DATA@@": payload,
        "@@VIS_JS@@": vis_js,
        "@@PAGE_JS@@": page_js,
    }
    template = _resource("page.html")
    missing = [marker for marker in replacements if marker not in template]
    if missing:
        raise KGError(f"the view template lacks {', '.join(missing)}")
    # One pass over the template: a marker inside inserted text (a title, say) stays text.
    return _MARKER.sub(lambda match: replacements[match.group(0)], template)


def write_html(view: View, path: str | Path) -> Path:
    """Write the page showing ``view`` to ``path`` (folders created, the file replaced whole); the
    path written."""
    target = Path(path)
    page = render_html(view)
    with atomic_write(target) as handle:
        handle.write(page)
    return target


def _network(view: View) -> Any:
    """The pyvis network of a view's nodes and edges, styled."""
    from pyvis.network import Network

    network = Network(directed=True, cdn_resources="in_line")
    names = {node.id: display_name(node) for node in view.nodes}
    edges_of: dict[str, list[Edge]] = defaultdict(list)
    for edge in view.edges:
        edges_of[edge.source].append(edge)
        edges_of[edge.target].append(edge)
    centres = set(view.centres)
    shared = {link.target: link.papers for link in view.links}
    for node in view.nodes:
        style = STYLES[node.label]
        centre = node.id in centres
        hub = node.id in view.hubs
        tooltip = node_tooltip(node, edges_of[node.id], names)
        if node.id in shared:
            tooltip += papers_tooltip(shared[node.id])
        if hub:
            tooltip += f"<br><i>a hub: linked to {view.hubs[node.id]:,} papers, not drawn</i>"
        degree = len(shared[node.id]) if node.id in shared else len(edges_of[node.id])
        network.add_node(
            node.id,
            label=short_label(node),
            shape=style.shape,
            color=style.colour,
            size=node_size(degree, centre=centre),
            title=tooltip,
            borderWidth=3 if centre else 1,
            font={"size": 16 if centre else 12},
            opacity=0.35 if hub else 1.0,
            kind=node.label.value,
            name=names[node.id],
            centre=centre,
        )
    for number, edge in enumerate(view.edges):
        network.add_edge(
            edge.source,
            edge.target,
            id=f"e{number}",
            **({"label": edge.type.value} if len(view.nodes) <= EDGE_LABELS_UP_TO else {}),
            title=edge_tooltip(edge),
            kind=edge.type.value,
        )
    for number, link in enumerate(view.links):
        count = len(link.papers)
        network.add_edge(
            link.source,
            link.target,
            id=f"l{number}",
            title=f"<b>{count} shared paper{'' if count == 1 else 's'}</b>" + papers_tooltip(link.papers),
            width=round(1 + 1.5 * math.sqrt(count), 1),
            arrows={"to": {"enabled": False}},
            kind="SHARED_PAPERS",
        )
    network.set_options(json.dumps(options(len(view.nodes))))
    return network


def _counts(view: View) -> dict[Label, int]:
    counts: dict[Label, int] = {}
    for node in view.nodes:
        counts[node.label] = counts.get(node.label, 0) + 1
    return counts


def _legend(counts: dict[Label, int]) -> str:
    """One checkbox a node label present in the view, with its symbol and count (filters by type)."""
    items = []
    for label in Label:
        if label not in counts:
            continue
        style = STYLES[label]
        items.append(
            f'<label class="kg-legend-item"><input type="checkbox" checked data-kind="{escape(label.value)}">'
            f'<span class="kg-symbol" style="color:{style.colour}">{style.symbol}</span>'
            f"{escape(label.value)} <small>{counts[label]:,}</small></label>"
        )
    return "\n".join(items)


def _relations(edges: list[Edge], links: int = 0) -> str:
    """One checkbox a relationship type present in the view (filters edges by type)."""
    counts: dict[str, int] = {"SHARED_PAPERS": links} if links else {}
    for edge in edges:
        counts[edge.type.value] = counts.get(edge.type.value, 0) + 1
    return "\n".join(
        f'<label class="kg-legend-item"><input type="checkbox" checked data-relation="{escape(rel)}">'
        f"{escape(rel)} <small>{count:,}</small></label>"
        for rel, count in sorted(counts.items())
    )


def _vis_network() -> tuple[str, str]:
    """vis-network's script and style sheet, as pyvis ships them."""
    import pyvis

    folder = Path(pyvis.__file__).parent.joinpath(*VIS_NETWORK)
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def _resource(name: str) -> str:
    """A file shipped next to this module (the page template, its script and styles)."""
    return (files("kg.view") / name).read_text(encoding="utf-8")


def _sha256(script: str) -> str:
    """The CSP hash of an inline script's text."""
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
