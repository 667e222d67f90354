// The network map: sigma.js (WebGL) over graphology, fed by /map.json: the people you know and who knows
// whom among them (you, tied to everyone, are left out: you would sit on every path).
// Layout: ForceAtlas2 (Jacomy et al. 2014, PLoS ONE 9(6): e98679), started from each community on its own
// disc so that it converges on the same picture every visit (the algorithm has no randomness).
// Labels: sigma's label grid shows the largest nodes' names first, one per cell, more as you zoom in.
(function () {
  "use strict";
  // Tableau 20's strong colours then its light ones: 20 communities before a colour repeats.
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                   "#9c755f", "#79706e", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf",
                   "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78"];
  const NO_COMMUNITY = "#b8bec6";
  // Node size by tier (pixels at the default zoom), closest first; a tier the page does not know: 3.
  const TIER_SIZE = { "inner circle": 13, "close": 10, "active": 7.5, "meaningful": 6, "known": 4.5, "collected names": 3 };
  const GOLDEN = Math.PI * (3 - Math.sqrt(5));
  const container = document.getElementById("map");
  const status = document.getElementById("map-status");
  const tip = document.getElementById("map-tip");
  const legend = document.getElementById("map-legend");
  const tierLegend = document.getElementById("map-tiers");

  function colour(community) {
    return community === null || community === undefined ? NO_COMMUNITY : PALETTE[community % PALETTE.length];
  }
  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }
  // Sizes shrink on a crowded map (our choice: full size up to 400 people, then by the square root).
  function sizeOf(node, people) {
    const scale = Math.min(1, Math.sqrt(400 / Math.max(1, people)));
    const base = node.tier in TIER_SIZE ? TIER_SIZE[node.tier] : 3 + 8 * Math.sqrt(Math.max(0, node.strength || 0));
    return Math.max(1.5, base * scale);
  }

  // The layout in two levels, both ForceAtlas2 (Jacomy et al. 2014):
  // 1. each community alone, over the ties inside it, scaled to a disc whose area grows with its people;
  // 2. the communities as discs, pulled together by the ties between them and kept from overlapping
  //    (adjustSizes), so communities that know each other sit side by side.
  // One ForceAtlas2 over everyone mixes the communities into one ball: the map shows each person's
  // four heaviest ties only, and a large share of them cross communities (the demo: 502 of 1,296).
  // Deterministic: the algorithm has no randomness and starts from fixed spirals.
  function spiral(count, scale) {
    const out = [];
    for (let j = 0; j < count; j++) {
      const r = scale * Math.sqrt(j + 0.5), a = j * GOLDEN;
      out.push([r * Math.cos(a), r * Math.sin(a)]);
    }
    return out;
  }

  function groupKey(community) {
    return community === null || community === undefined ? "none" : String(community);
  }

  function layOut(graph) {
    const fa2 = window.graphologyLayoutForceAtlas2;
    const groups = new Map();
    graph.forEachNode(function (node, attrs) {
      const key = groupKey(attrs.community);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(node);
    });
    for (const members of groups.values()) {  // strongest (largest) at the spiral's centre
      members.sort((a, b) => graph.getNodeAttribute(b, "size") - graph.getNodeAttribute(a, "size"));
    }
    const local = new Map();
    const radius = new Map();
    for (const [key, members] of groups) {
      const sub = new graphology.Graph({ type: "undirected" });
      const start = spiral(members.length, 1);
      members.forEach(function (node, j) {
        sub.addNode(node, { x: start[j][0], y: start[j][1], size: graph.getNodeAttribute(node, "size") });
      });
      if (key !== "none") {
        for (const node of members) {
          graph.forEachEdge(node, function (edge, attrs, source, target) {
            if (source === node && sub.hasNode(target) && !sub.hasEdge(source, target)) {
              sub.addEdge(source, target, { weight: attrs.weight });
            }
          });
        }
      }
      if (fa2 && sub.size > 0 && members.length > 2) {
        const many = members.length > 120;
        const settings = Object.assign(fa2.inferSettings(sub), {
          gravity: 1, scalingRatio: 2, slowDown: 1,
          adjustSizes: !many,          // keep nodes apart (quadratic: small communities only)
          barnesHutOptimize: many,
          edgeWeightInfluence: 0.5,    // heavy threads pull harder, without a few of them deciding alone
        });
        // our choice: 150 iterations settle a small community; a large one gets fewer, cheaper ones
        const iterations = Math.round(Math.max(40, Math.min(150, 15000 / members.length)));
        fa2.assign(sub, { iterations: iterations, settings: settings, getEdgeWeight: "weight" });
      }
      // centre and scale to a disc of area proportional to the people in it
      let cx = 0, cy = 0;
      sub.forEachNode(function (_, a) { cx += a.x; cy += a.y; });
      cx /= sub.order; cy /= sub.order;
      let far = 1e-9;
      sub.forEachNode(function (_, a) { far = Math.max(far, Math.hypot(a.x - cx, a.y - cy)); });
      const r = 7 * Math.sqrt(members.length) + 5;
      sub.forEachNode(function (node, a) { local.set(node, [((a.x - cx) / far) * r, ((a.y - cy) / far) * r]); });
      radius.set(key, r);
    }
    // the communities as discs: biggest first on a spiral, then ForceAtlas2 over the ties between them
    const meta = new graphology.Graph({ type: "undirected" });
    const keys = [...groups.keys()].sort((a, b) => (a === "none") - (b === "none") || groups.get(b).length - groups.get(a).length);
    const start = spiral(keys.length, 30);
    keys.forEach(function (key, i) {
      meta.addNode(key, { x: start[i][0], y: start[i][1], size: radius.get(key) + 12 });
    });
    graph.forEachEdge(function (edge, attrs, source, target, sa, ta) {
      const a = groupKey(sa.community), b = groupKey(ta.community);
      if (a === b || a === "none" || b === "none") return;
      if (meta.hasEdge(a, b)) meta.updateEdgeAttribute(a, b, "weight", (w) => w + 1);
      else meta.addEdge(a, b, { weight: 1 });
    });
    if (fa2 && keys.length > 1) {
      const settings = Object.assign(fa2.inferSettings(meta), {
        adjustSizes: true, gravity: 2, scalingRatio: 20, slowDown: 1, edgeWeightInfluence: 0.5,
      });
      fa2.assign(meta, { iterations: 1000, settings: settings, getEdgeWeight: "weight" });
    }
    graph.forEachNode(function (node, attrs) {
      const centre = meta.getNodeAttributes(groupKey(attrs.community));
      const [x, y] = local.get(node);
      graph.mergeNodeAttributes(node, { x: centre.x + x, y: centre.y + y });
    });
    // where each community's name goes: above its disc
    const places = [];
    for (const [key, members] of groups) {
      if (key === "none") continue;
      const centre = meta.getNodeAttributes(key);
      places.push({ key: key, members: members, x: centre.x, y: centre.y, r: radius.get(key) });
    }
    places.sort((a, b) => b.members.length - a.members.length);  // the larger community's name wins a clash
    return places;
  }

  // Community names over the map (HTML, so they stay crisp), kept above each disc as the camera moves.
  function nameCommunities(renderer, graph, places, communities) {
    const layer = document.createElement("div");
    layer.className = "map-communities";
    container.append(layer);
    const tags = places.map(function (place) {
      const tag = document.createElement("span");
      tag.className = "map-community";
      tag.textContent = communities.get(Number(place.key)).label;
      tag.style.color = colour(Number(place.key));
      layer.append(tag);
      return tag;
    });
    // Before each frame: put each name above its disc, hide a name that would cover a larger
    // community's, and reserve the space so that no person's name is drawn under it.
    function place() {
      drawnLabels.length = 0;
      places.forEach(function (p, i) {
        let top = Infinity, sumX = 0;
        for (const node of p.members) {
          const d = renderer.getNodeDisplayData(node);
          if (!d) return;
          const v = renderer.framedGraphToViewport({ x: d.x, y: d.y });
          top = Math.min(top, v.y - d.size);
          sumX += v.x;
        }
        const x = sumX / p.members.length, y = top - 4;
        const tag = tags[i];
        tag.style.left = x + "px";
        tag.style.top = y + "px";
        tag.hidden = false;  // a hidden name measures 0 x 0
        const w = tag.offsetWidth, h = tag.offsetHeight;
        const box = { x1: x - w / 2 - 2, x2: x + w / 2 + 2, y1: y - h, y2: y, label: tag.textContent, community: true };
        const clash = drawnLabels.some((o) => box.x1 < o.x2 && o.x1 < box.x2 && box.y1 < o.y2 && o.y1 < box.y2);
        tag.hidden = clash;
        if (!clash) drawnLabels.push(box);
      });
    }
    // sigma announces a frame before it computes the nodes' positions: place the names at the first
    // person's name drawn in the frame (or after the frame, when it draws none)
    prepareFrame = place;
    renderer.on("beforeRender", function () { framePrepared = false; });
    renderer.on("afterRender", function () {
      if (!framePrepared) {
        place();
        framePrepared = true;
      }
    });
    renderer.refresh();
  }

  // Labels: sigma's label grid offers the names of the largest nodes in each screen cell; of those, a name
  // is drawn only where it covers no name already drawn in this frame, so no two names ever overlap.
  const drawnLabels = [];
  let framePrepared = false;
  let prepareFrame = function () { drawnLabels.length = 0; };
  function drawLabel(context, data, settings) {
    if (!framePrepared) {
      prepareFrame();
      framePrepared = true;
    }
    if (!data.label) return;
    const size = data.labelSize || settings.labelSize;
    context.font = settings.labelWeight + " " + size + "px " + settings.labelFont;
    const x = data.x + data.size + 3, y = data.y + size / 3;
    const box = { x1: x - 2, x2: x + context.measureText(data.label).width + 2, y1: y - size, y2: y + size * 0.35, label: data.label };
    if (!data.highlighted) {
      for (const other of drawnLabels) {
        if (box.x1 < other.x2 && other.x1 < box.x2 && box.y1 < other.y2 && other.y1 < box.y2) return;
      }
      drawnLabels.push(box);
    }
    context.lineWidth = 3;
    context.strokeStyle = "rgba(255,255,255,0.9)";
    context.lineJoin = "round";
    context.strokeText(data.label, x, y);
    context.fillStyle = "#1f2937";
    context.fillText(data.label, x, y);
  }

  function draw(data) {
    const graph = new graphology.Graph({ multi: false, type: "undirected" });
    const communities = new Map();
    const tiers = new Map();
    for (const n of data.nodes) {
      const base = colour(n.community);
      graph.addNode(String(n.id), {
        x: 0, y: 0, label: n.label, size: sizeOf(n, data.nodes.length),
        color: n.dormant ? rgba(base, 0.35) : base, base: n.dormant ? rgba(base, 0.35) : base,
        tier: n.tier || "", community: n.community, communityLabel: n.community_label, personId: n.id,
      });
      if (n.community !== null && n.community !== undefined) {
        const entry = communities.get(n.community) || { label: n.community_label || "community " + n.community, count: 0 };
        entry.count += 1;
        communities.set(n.community, entry);
      }
      if (n.tier) tiers.set(n.tier, (tiers.get(n.tier) || 0) + 1);
    }
    // line width and opacity by weight up to the 90th percentile (the heaviest few would make the rest invisible)
    const weights = data.edges.map((e) => e[2]).sort((a, b) => a - b);
    const heaviest = Math.max(1e-9, weights.length ? weights[Math.floor(0.9 * (weights.length - 1))] : 1);
    for (const [a, b, w] of data.edges) {
      const s = String(a), t = String(b);
      if (!graph.hasNode(s) || !graph.hasNode(t) || s === t || graph.hasEdge(s, t)) continue;
      const share = Math.sqrt(Math.min(1, w / heaviest));
      const ca = graph.getNodeAttribute(s, "community"), cb = graph.getNodeAttribute(t, "community");
      const inside = ca !== null && ca !== undefined && ca === cb;
      const tint = inside ? rgba(colour(ca), 0.45 + 0.45 * share) : "rgba(100,106,118," + (0.18 + 0.35 * share) + ")";
      graph.addEdge(s, t, { weight: w, size: (inside ? 1 : 0.5) + (inside ? 2 : 1.5) * share, color: tint, base: tint });
    }
    status.textContent = "laying out…";
    // let the page paint "laying out…" before the layout takes the main thread
    window.setTimeout(function () {
      try {
        render(graph, data, communities, tiers);
      } catch (err) {
        status.textContent = "The map could not be drawn: " + err.message;
      }
    }, 0);
  }

  function render(graph, data, communities, tiers) {
    const started = performance.now();
    const places = layOut(graph);
    container.dataset.layoutMs = String(Math.round(performance.now() - started));
    const renderer = new Sigma(graph, container, {
      renderLabels: true,
      labelDensity: 1.5,
      labelGridCellSize: 100,
      labelRenderedSizeThreshold: 5,
      labelSize: 12,
      labelWeight: "500",
      labelFont: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      defaultDrawNodeLabel: drawLabel,
      zIndex: true,
      minEdgeThickness: 0.4,
    });
    // Hovering a person brings out their ties and fades the rest.
    let hovered = null;
    renderer.setSetting("nodeReducer", function (node, attrs) {
      if (hovered === null || node === hovered || graph.areNeighbors(node, hovered)) {
        return node === hovered ? Object.assign({}, attrs, { highlighted: true, zIndex: 2 }) : attrs;
      }
      return Object.assign({}, attrs, { color: "#e5e7eb", label: "", zIndex: 0 });
    });
    renderer.setSetting("edgeReducer", function (edge, attrs) {
      if (hovered === null) return attrs;
      if (graph.hasExtremity(edge, hovered)) return Object.assign({}, attrs, { color: "rgba(31,41,55,0.6)", zIndex: 1 });
      return Object.assign({}, attrs, { hidden: true });
    });
    renderer.on("enterNode", function (e) {
      hovered = e.node;
      const attrs = graph.getNodeAttributes(e.node);
      tip.textContent = attrs.label + (attrs.tier ? " · " + attrs.tier : "") +
        (attrs.communityLabel ? " · " + attrs.communityLabel : "") + " · knows " + graph.degree(e.node) + " here";
      tip.hidden = false;
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on("leaveNode", function () {
      hovered = null;
      tip.hidden = true;
      renderer.refresh({ skipIndexation: true });
    });
    renderer.on("clickNode", function (e) {
      const id = graph.getNodeAttribute(e.node, "personId");
      if (id !== null) window.location.href = "/person/" + id;
    });
    container.addEventListener("mousemove", function (ev) {
      tip.style.left = ev.pageX + 12 + "px";
      tip.style.top = ev.pageY + 12 + "px";
    });
    nameCommunities(renderer, graph, places, communities);
    drawLegend(data, communities, tiers);
    window.netvalueMap = { graph: graph, renderer: renderer, drawnLabels: drawnLabels };
    const people = data.shown === data.total
      ? data.shown.toLocaleString() + " people"
      : data.shown.toLocaleString() + " strongest of " + data.total.toLocaleString() + " people";
    status.textContent = people + " · " + graph.size.toLocaleString() + " ties between them";
    container.dataset.drawMs = String(Math.round(performance.now() - started));
    container.dataset.nodes = String(graph.order);
    container.dataset.edges = String(graph.size);
  }

  function item(swatch, text) {
    const li = document.createElement("li");
    li.append(swatch, document.createTextNode(" " + text));
    return li;
  }

  function drawLegend(data, communities, tiers) {
    legend.innerHTML = "";
    const sorted = [...communities.entries()].sort((a, b) => b[1].count - a[1].count);
    for (const [cid, entry] of sorted) {
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour(cid);
      legend.append(item(swatch, entry.label + " (" + entry.count + ")"));
    }
    if (data.nodes.some((n) => n.community === null || n.community === undefined)) {
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = NO_COMMUNITY;
      legend.append(item(swatch, "in no community"));
    }
    tierLegend.innerHTML = "";
    const order = (data.tiers || []).filter((t) => tiers.has(t));
    for (const t of tiers.keys()) if (!order.includes(t)) order.push(t);
    for (const t of order) {
      const dot = document.createElement("span");
      dot.className = "swatch tier-dot";
      const px = 2 * (TIER_SIZE[t] || 3);
      dot.style.width = px + "px";
      dot.style.height = px + "px";
      tierLegend.append(item(dot, t + " (" + tiers.get(t) + ")"));
    }
    const faded = document.createElement("span");
    faded.className = "swatch tier-dot dormant-dot";
    tierLegend.append(item(faded, "faded: dormant"));
  }

  const query = window.location.search;
  fetch(container.dataset.source + query, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(draw)
    .catch(function (err) { status.textContent = "The map could not be drawn: " + err.message; });
})();
