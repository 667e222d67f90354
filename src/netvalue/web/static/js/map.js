// The network map: sigma.js (WebGL) over graphology, fed by /map.json: your ego network, you at the centre.
// Layout: each community on its own disc (a sunflower spiral, strongest ties at its centre), the discs on a
// ring; people outside any community on an outer ring.  Deterministic, so the map is the same every visit.
(function () {
  "use strict";
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                   "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf"];
  const GOLDEN = Math.PI * (3 - Math.sqrt(5));
  const container = document.getElementById("map");
  const status = document.getElementById("map-status");
  const tip = document.getElementById("map-tip");
  const legend = document.getElementById("map-legend");

  function colour(community) {
    return community === null || community === undefined ? "#9aa0a6" : PALETTE[community % PALETTE.length];
  }
  function faded(hex) {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + ",0.25)";
  }

  function layout(nodes) {
    const groups = new Map();
    for (const n of nodes) {
      const key = n.community === null || n.community === undefined ? "none" : n.community;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(n);
    }
    const keys = [...groups.keys()].filter((k) => k !== "none");
    const ring = Math.max(1, keys.length);
    const biggest = Math.max(1, ...keys.map((k) => groups.get(k).length));
    const ringRadius = keys.length > 1 ? 2.2 * Math.sqrt(biggest) + 4 * Math.sqrt(ring) : 0;
    const positions = new Map();
    keys.forEach(function (key, i) {
      const angle = (2 * Math.PI * i) / ring;
      const cx = ringRadius * Math.cos(angle), cy = ringRadius * Math.sin(angle);
      groups.get(key).forEach(function (n, j) {
        const r = Math.sqrt(j + 0.5), a = j * GOLDEN;
        positions.set(n.id, [cx + r * Math.cos(a), cy + r * Math.sin(a)]);
      });
    });
    const loose = groups.get("none") || [];
    const outer = ringRadius + 2.5 * Math.sqrt(biggest) + 3;
    loose.forEach(function (n, j) {
      const r = keys.length ? outer + Math.sqrt(j + 0.5) * 0.8 : Math.sqrt(j + 0.5);
      const a = j * GOLDEN;
      positions.set(n.id, [r * Math.cos(a), r * Math.sin(a)]);
    });
    return positions;
  }

  function draw(data) {
    const graph = new graphology.Graph({ multi: false, type: "undirected" });
    const positions = layout(data.nodes);
    const labels = new Map();
    for (const n of data.nodes) {
      const base = colour(n.community);
      const [x, y] = positions.get(n.id);
      graph.addNode(String(n.id), {
        x: x, y: y, label: n.label, size: 2 + 10 * Math.sqrt(Math.max(0, n.strength || 0)),
        color: n.dormant ? faded(base) : base, tier: n.tier || "", personId: n.id,
      });
      if (n.community !== null && n.community !== undefined) labels.set(n.community, n.community_label || ("community " + n.community));
    }
    // The ego: you, at the centre, tied to your inner circle and close ties.
    graph.addNode("me", { x: 0, y: 0, label: "You", size: 12, color: "#111827", tier: "", personId: null, ego: true });
    for (const n of data.nodes) {
      if (n.tier === "inner circle" || n.tier === "close") {
        graph.addEdge("me", String(n.id), { size: 0.4, color: "rgba(17,24,39,0.10)" });
      }
    }
    for (const [a, b, w] of data.edges) {
      const s = String(a), t = String(b);
      if (graph.hasNode(s) && graph.hasNode(t) && !graph.hasEdge(s, t)) {
        graph.addEdge(s, t, { size: 0.3 + 1.5 * Math.min(1, w), color: "rgba(120,120,120,0.25)" });
      }
    }
    const renderer = new Sigma(graph, container, { renderLabels: true, labelRenderedSizeThreshold: 9, zIndex: true });
    renderer.on("enterNode", function (e) {
      const attrs = graph.getNodeAttributes(e.node);
      tip.textContent = attrs.label + (attrs.tier ? " · " + attrs.tier : "");
      tip.hidden = false;
    });
    renderer.on("leaveNode", function () { tip.hidden = true; });
    renderer.on("clickNode", function (e) {
      const id = graph.getNodeAttribute(e.node, "personId");
      if (id !== null) window.location.href = "/person/" + id;
    });
    container.addEventListener("mousemove", function (ev) {
      tip.style.left = ev.pageX + 12 + "px";
      tip.style.top = ev.pageY + 12 + "px";
    });
    legend.innerHTML = "";
    for (const [cid, label] of labels) {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour(cid);
      li.append(swatch, document.createTextNode(" " + label));
      legend.append(li);
    }
    window.netvalueMap = { graph: graph, renderer: renderer };
    status.textContent = data.shown === data.total
      ? data.shown.toLocaleString() + " people"
      : data.shown.toLocaleString() + " strongest of " + data.total.toLocaleString() + " people";
    container.dataset.nodes = String(graph.order - 1);
  }

  const query = window.location.search;
  fetch(container.dataset.source + query, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(draw)
    .catch(function (err) { status.textContent = "The map could not be drawn: " + err.message; });
})();
