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
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
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
