// paper-kg view: draws the graph, stops the physics once the layout settles, and wires the
// search box and the legend filters. Tooltip HTML comes escaped from paper-kg; every other text
// from the data is set through textContent or value, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var state = { ready: false, readyAt: null, nodeCount: data.nodes.length, edgeCount: data.edges.length };
  window.kgView = state;

  function tooltip(escapedHtml) {
    var element = document.createElement("div");
    element.className = "kg-tooltip";
    element.innerHTML = escapedHtml;
    return element;
  }
  data.nodes.forEach(function (node) { if (node.title) { node.title = tooltip(node.title); } });
  data.edges.forEach(function (edge) { if (edge.title) { edge.title = tooltip(edge.title); } });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, data.options);
  state.network = network;
  var progress = document.getElementById("kg-progress");

  network.on("stabilizationProgress", function (params) {
    progress.textContent = "laying out " + Math.round((100 * params.iterations) / params.total) + "%";
  });
  // Labels: at the current zoom a node's label is drawn only where it overlaps no label already
  // placed (the centres first, then the largest nodes) and no other node, so labels never pile
  // up; zooming in makes room for more of them. window.kgView.labelBoxes() gives the drawn labels' boxes (page pixels).
  var measure = document.createElement("canvas").getContext("2d");
  var LABEL_COLOUR = "#343434";
  var labelScaling = (data.options.nodes && data.options.nodes.scaling && data.options.nodes.scaling.label) || {};
  var MAX_PX = labelScaling.maxVisible || 30, MIN_PX = labelScaling.drawThreshold || 5;
  function labelBox(node, position, scale) {
    var size = (node.font && node.font.size) || 12;
    var px = Math.min(size * scale, MAX_PX);
    if (px < MIN_PX - 1) { return null; }  // too small: vis-network does not draw it
    measure.font = px + "px sans-serif";
    var width = measure.measureText(String(node.label || "")).width;
    var centre = network.canvasToDOM(position);
    var top = centre.y + ((node.size || 10) + 2) * scale;
    return { id: node.id, left: centre.x - width / 2, top: top, right: centre.x + width / 2, bottom: top + px * 1.2 };
  }
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function declutter() {
    var scale = network.getScale();
    var positions = network.getPositions();
    var order = nodes.get({ filter: function (node) { return !node.hidden && node.label; } });
    order.sort(function (a, b) {
      return (b.centre ? 1 : 0) - (a.centre ? 1 : 0) || (b.size || 0) - (a.size || 0) || (a.id < b.id ? -1 : 1);
    });
    var placed = [], updates = [];
    var shapes = order.map(function (node) {  // labels keep off other nodes too
      var centre = network.canvasToDOM(positions[node.id]), r = (node.size || 10) * scale;
      return { id: node.id, left: centre.x - r, top: centre.y - r, right: centre.x + r, bottom: centre.y + r };
    });
    order.forEach(function (node) {
      var box = labelBox(node, positions[node.id], scale);
      var free = box !== null && placed.every(function (other) { return !overlaps(box, other); }) &&
        (node.centre || shapes.every(function (shape) { return shape.id === node.id || !overlaps(box, shape); }));
      if (free) { placed.push(box); }
      if (node.labelShown !== free) {
        var font = Object.assign({}, node.font || {}, { color: free ? LABEL_COLOUR : "rgba(0,0,0,0)", strokeWidth: free ? 2 : 0 });
        updates.push({ id: node.id, labelShown: free, font: font });
      }
    });
    if (updates.length) { nodes.update(updates); }
    state.labelsShown = placed.length;
    return placed;
  }
  state.declutter = declutter;
  state.labelBoxes = function () {
    var scale = network.getScale();
    var positions = network.getPositions();
    return nodes.get({ filter: function (node) { return !node.hidden && node.labelShown; } })
      .map(function (node) { return labelBox(node, positions[node.id], scale); })
      .filter(function (box) { return box !== null; });
  };
  var pending = null;
  function declutterSoon() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; declutter(); }, 60);
  }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    declutter();
    network.once("afterDrawing", function () {
      progress.textContent = "";
      state.ready = true;
      state.readyAt = performance.now();
      document.body.setAttribute("data-kg-ready", "true");
    });
    network.redraw();
  });

  // Search: the names go into the datalist as option values (text, not HTML).
  var names = document.getElementById("kg-names");
  var seen = {};
  data.nodes.forEach(function (node) {
    if (!seen[node.name]) {
      seen[node.name] = true;
      var option = document.createElement("option");
      option.value = node.name;
      names.appendChild(option);
    }
  });
  var found = document.getElementById("kg-found");
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var wanted = document.getElementById("kg-search").value.trim().toLowerCase();
    var matches = wanted ? nodes.getIds({
      filter: function (node) { return !node.hidden && String(node.name).toLowerCase().indexOf(wanted) >= 0; }
    }) : [];
    network.selectNodes(matches);
    if (matches.length) { network.fit({ nodes: matches, animation: false, maxZoomLevel: 1.5 }); }
    found.textContent = matches.length === 1 ? "1 match" : matches.length + " matches";
  });

  // Filters: a legend checkbox hides or shows every node of its type, or every edge of its type.
  function applyFilters() {
    var hiddenKinds = {}, hiddenRelations = {};
    document.querySelectorAll("input[data-kind]").forEach(function (box) {
      hiddenKinds[box.getAttribute("data-kind")] = !box.checked;
    });
    document.querySelectorAll("input[data-relation]").forEach(function (box) {
      hiddenRelations[box.getAttribute("data-relation")] = !box.checked;
    });
    nodes.update(nodes.get().map(function (node) { return { id: node.id, hidden: !!hiddenKinds[node.kind] }; }));
    edges.update(edges.get().map(function (edge) { return { id: edge.id, hidden: !!hiddenRelations[edge.kind] }; }));
    declutter();
  }
  document.querySelectorAll("input[data-kind], input[data-relation]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  document.getElementById("kg-reset").addEventListener("click", function () {
    document.querySelectorAll("input[data-kind], input[data-relation]").forEach(function (box) { box.checked = true; });
    document.getElementById("kg-search").value = "";
    found.textContent = "";
    applyFilters();
    network.unselectAll();
    network.fit({ animation: false });
  });
})();
