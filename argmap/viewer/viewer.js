"use strict";
/* argmap's interactive page. The map's data is the JSON in #argmap-data (argmap/viewer/__init__.py,
   page_data); every text from it is written with textContent, never as markup. What is shown is
   kept in the address's fragment, so every view has a permalink and the back button works:
     #ID                   the map (overview or full), claim ID selected
     #focus/DEPTH/ID       the neighbourhood of claim ID, DEPTH steps wide
     #open/N/DEPTH         the overview with its folded group N opened in place, DEPTH steps deep
     #group/N/DEPTH        folded group N on its own, DEPTH steps from the claim it hangs below
   each of the last three optionally followed by /ID, the claim selected in it. */
(() => {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("argmap-data").textContent);
  const claims = data.claims;
  const near = neighbourLists(data);
  const byId = new Map(claims.map((c, i) => [c.id, i]));
  const $ = (id) => document.getElementById(id);
  const mapBox = $("map");
  const zoom = new PanZoom(mapBox);
  const findingsOf = claims.map(() => []);
  data.findings.forEach((f, i) => { if (f.claim !== null) findingsOf[f.claim].push(i); });
  const groupOf = new Map();   // claim -> the folded group that holds it
  data.groups.forEach((g, k) => g.members.forEach((m) => groupOf.set(m, k)));

  // What is shown: the view (the Graphviz drawing, or a focus view laid out here), the group opened in
  // place on the drawing, the claim selected, the search's matches and which of them is current, the
  // source text shown.
  const state = { view: null, open: null, selected: null, matches: [], current: -1, sourceShown: null, started: false };
  let elements = new Map();    // claim -> its <g> in the view shown now
  let links = [];              // [from, to, element] for each relation drawn in the view shown now

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  const hrefOf = (i) => "#" + encodeURIComponent(claims[i].id);
  function claimLink(i) {
    const a = el("a", { href: hrefOf(i), class: "claim-link", "data-claim": String(i) });
    a.append(el("span", { class: "claim-id" }, claims[i].id), " " + short(claims[i].text || "(linked argument)", 90));
    return a;
  }
  /* ``text`` with each 'id' of a claim (as evaluate and check write them) made a link to that claim. */
  function withLinks(text) {
    const out = document.createDocumentFragment();
    let at = 0;
    for (const found of text.matchAll(/'([A-Za-z0-9_][A-Za-z0-9_.#-]*)'/g)) {  // an id, or map#id (a map's name may start with a capital)
      if (!byId.has(found[1])) continue;
      out.append(text.slice(at, found.index + 1));
      const i = byId.get(found[1]);
      out.append(el("a", { href: hrefOf(i), "data-claim": String(i), title: short(claims[i].text, 120) }, found[1]));
      at = found.index + found[0].length - 1;
    }
    out.append(text.slice(at));
    return out;
  }
  const short = (text, n) => (text.length > n ? text.slice(0, n - 1) + "\u2026" : text);
  const kindName = (k) => (k === "argument" ? "linked argument" : k);

  /* ---------------------------------------------------------------- the views */

  function decorate(g, i) {
    g.classList.add("kind-" + claims[i].kind, "lab-" + claims[i].label);
    g.dataset.claim = String(i);
    elements.set(i, g);
  }

  function mount(svg) {
    state.open = null;  // a group opened in place goes with the drawing it was opened in
    mapBox.replaceChildren(svg);
    zoom.attach(svg);
  }

  /* The Graphviz drawing: the whole map, or its overview. */
  function showMap() {
    const which = $("toggle-quotes").checked ? "quotes" : "plain";
    if (state.view && state.view.kind === "map" && state.view.which === which) return;
    const doc = new DOMParser().parseFromString(data.svg[which], "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    elements = new Map();
    for (const g of svg.querySelectorAll("g.node")) {
      const id = g.getAttribute("id") || "";
      if (id[0] === "c") decorate(g, Number(id.slice(1)));
      else if (id[0] === "g") { g.classList.add("folded"); g.dataset.group = id.slice(1); }
    }
    links = [];
    for (const g of svg.querySelectorAll("g.edge[id^='e-c']")) {
      const [, u, v] = /^e-c(\d+)-c(\d+)-/.exec(g.id) || [];
      if (u !== undefined) links.push([Number(u), Number(v), g]);
    }
    state.view = { kind: "map", which };
    mount(svg);
    addIdTags(svg);
    crumbs();
  }

  /* The ids of the claims, above each box (shown by the "ids" toggle). */
  function addIdTags(svg) {
    const layer = svgEl("g", { class: "id-tags" });
    const root = svg.querySelector("g.graph") || svg;
    root.append(layer);
    for (const [i, g] of elements) {
      const box = g.getBBox();
      layer.append(svgEl("text", { class: "id-tag", x: box.x.toFixed(1), y: (box.y - 2).toFixed(1) }, claims[i].id));
    }
  }

  function boxLines(i) {
    const c = claims[i];
    const lines = [];
    if ($("toggle-ids").checked || c.kind === "argument") for (const line of wrapText(c.id, WRAP_AT, 2)) lines.push(["fid", line]);
    for (const line of wrapText(c.text || "", WRAP_AT, 5)) lines.push(["", line]);
    if (c.quote && $("toggle-quotes").checked) {
      for (const line of wrapText("\u201c" + c.quote + "\u201d", WRAP_AT, 4)) lines.push(["fquote", line]);
    }
    if (findingsOf[i].length) lines.push(["", "\u26a0 " + [...new Set(findingsOf[i].map((f) => data.findings[f].code))].join(" ")]);
    return lines;
  }

  /* The arrowheads of the views laid out here, once per drawing. */
  function addMarkers(svg) {
    const defs = svgEl("defs");
    for (const [name, colour, shape] of [["supports", "#2e7d32", "M0,0 L10,5 L0,10 z"], ["opposes", "#c62828", "M6,-1 L6,11 L9,11 L9,-1 z"]]) {
      const marker = svgEl("marker", { id: "m-" + name, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "8", markerHeight: "8", orient: "auto-start-reverse" });
      marker.append(svgEl("path", { d: shape, fill: colour }));
      defs.append(marker);
    }
    svg.prepend(defs);
  }

  /* Draw a layout of layout.js into ``parent``: its relations, then its claims (leaving out ``skip``). */
  function drawLaid(laid, parent, roots, skip) {
    const edges = svgEl("g"), nodes = svgEl("g");
    parent.append(edges, nodes);
    for (const e of laid.edges) {
      if (skip.has(e.u) || skip.has(e.v)) continue;
      const a = laid.boxes.get(e.u), b = laid.boxes.get(e.v);
      // From the supporter or attacker (u) to what it supports or attacks (v), side to side.
      const leftward = a.x > b.x || (a.x === b.x && e.u > e.v);
      const x1 = leftward ? a.x : a.x + a.w, x2 = leftward ? b.x + b.w : b.x;
      const y1 = a.y + a.h / 2, y2 = b.y + b.h / 2;
      const bend = a.x === b.x ? 60 * (leftward ? -1 : 1) : (x2 - x1) / 2;
      const attrs = { class: "fedge " + e.kind, d: `M${x1},${y1} C${x1 + (a.x === b.x ? -bend : bend)},${y1} ${x2 - bend},${y2} ${x2},${y2}` };
      if (e.kind === "supports" || e.kind === "opposes") attrs["marker-end"] = `url(#m-${e.kind})`;
      const path = svgEl("path", attrs);
      edges.append(path);
      links.push([e.u, e.v, path]);
    }
    for (const [i, box] of laid.boxes) {
      if (skip.has(i)) continue;
      const g = svgEl("g", { class: "fnode", transform: `translate(${box.x},${box.y})` });
      g.append(svgEl("title", {}, claims[i].id));
      g.append(svgEl("rect", { width: box.w, height: box.h, rx: claims[i].kind === "argument" ? 14 : 5 }));
      boxLines(i).forEach(([cls, line], k) => g.append(svgEl("text", { x: 8, y: PAD + LINE * (k + 1) - 3, class: cls }, line)));
      if (laid.hidden.has(i)) {
        g.append(svgEl("text", { x: box.w + 4, y: box.h / 2 + 4, class: "more" }, "+" + laid.hidden.get(i)));
      }
      const worst = findingsOf[i].some((f) => data.findings[f].severity === "error") ? "error" : findingsOf[i].length ? "warning" : "";
      if (worst) g.classList.add("finding-" + worst);
      if (roots.includes(i)) g.classList.add("root");
      decorate(g, i);
      nodes.append(g);
    }
  }

  /* How many steps from the top of folded group k claim i is (at least 2), within the group. */
  function stepsInGroup(k, i) {
    const roots = groupRoots(k), allowed = groupAllowed(k, roots);
    const seen = new Map(roots.map((r) => [r, 0]));
    const queue = [...roots];
    for (let at = 0; at < queue.length && !seen.has(i); at++) {
      for (const [m] of near[queue[at]]) {
        if (!seen.has(m) && allowed.has(m)) { seen.set(m, seen.get(queue[at]) + 1); queue.push(m); }
      }
    }
    return Math.max(2, seen.get(i) || 2);
  }

  const groupAllowed = (k, roots) => new Set([...data.groups[k].members, ...roots]);

  /* A focus view: ``roots`` and what is near them, laid out here (layout.js). */
  function showFocus(view) {
    const allowed = view.group === undefined ? null : groupAllowed(view.group, view.roots);
    const laid = focusLayout(data, near, view.roots, view.depth, allowed, boxLines, view.want);
    const svg = svgEl("svg", { viewBox: `-20 -20 ${laid.width + 40} ${laid.height + 40}`, role: "img" });
    addMarkers(svg);
    elements = new Map();
    links = [];
    drawLaid(laid, svg, view.roots, new Set());
    state.view = { ...view, kind: "focus", capped: laid.capped, drawn: laid.boxes.size, hidden: laid.hidden.size };
    mount(svg);
    crumbs();
  }

  /* Folded group k of the overview, opened in place: its claims laid out from where its grey box is,
     ``depth`` steps from the claim it hangs below, over the overview (which stays as it was). */
  function openInPlace(k, depth, want) {
    closeInPlace();
    const folded = mapBox.querySelector(`g.folded[data-group="${k}"]`);
    if (!folded) return;
    const roots = groupRoots(k);
    const laid = focusLayout(data, near, roots, depth, groupAllowed(k, roots), boxLines, want);
    const anchor = data.groups[k].anchor;
    const skip = new Set(anchor !== null && elements.has(anchor) ? [anchor] : []);  // drawn already, where it is
    const at = folded.getBBox();
    const shown = [...laid.boxes].filter(([i]) => !skip.has(i)).map(([, b]) => b);
    if (!shown.length) return;
    const left = Math.min(...shown.map((b) => b.x)), top = Math.min(...shown.map((b) => b.y));
    const right = Math.max(...shown.map((b) => b.x + b.w)), bottom = Math.max(...shown.map((b) => b.y + b.h));
    const layer = svgEl("g", { class: "inplace", transform: `translate(${at.x - left},${at.y - top})` });
    layer.append(svgEl("rect", { class: "inplace-back", x: left - 16, y: top - 16, width: right - left + 60, height: bottom - top + 32, rx: 8 }));
    const root = zoom.svg.querySelector("g.graph") || zoom.svg;
    if (!zoom.svg.querySelector("defs marker")) addMarkers(zoom.svg);
    root.append(layer);
    drawLaid(laid, layer, roots, skip);
    // From the claim the group hangs below (in the overview) to the group's first claims.
    if (skip.size) {
      const from = elements.get(anchor).getBBox();
      const x1 = from.x + from.width, y1 = from.y + from.height / 2;
      for (const [i, b] of laid.boxes) {
        if (b.level !== 1) continue;
        const x2 = b.x + at.x - left, y2 = b.y + b.h / 2 + at.y - top;
        const path = svgEl("path", { class: "fedge inplace-link", d: `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}` });
        root.insertBefore(path, layer);
        links.push([anchor, i, path]);
      }
    }
    folded.classList.add("opened");
    state.open = { group: k, depth, layer, capped: laid.capped, hidden: laid.hidden.size, drawn: shown.length };
    const box = boxOf(layer.firstChild);
    zoom.full = union(zoom.full, box);
    const head = { x: box.x, y: box.y, w: box.w, h: Math.min(box.h, box.w) };  // its top, readable,
    zoom.reveal(skip.size ? union(head, boxOf(elements.get(anchor))) : head);  // with the claim it hangs below
    crumbs();
  }

  function closeInPlace() {
    if (!state.open) return;
    for (const [i, g] of [...elements]) if (state.open.layer.contains(g)) elements.delete(i);
    links = links.filter(([, , line]) => !state.open.layer.contains(line) && !line.classList.contains("inplace-link"));
    for (const line of mapBox.querySelectorAll(".inplace-link")) line.remove();
    state.open.layer.remove();
    for (const g of mapBox.querySelectorAll("g.folded.opened")) g.classList.remove("opened");
    state.open = null;
  }

  const union = (a, b) => {
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
  };

  /* The line above the map: where we are, and how to widen or leave a focus view. */
  function crumbs() {
    const bar = $("crumbs");
    const v = state.view;
    const total = claims.filter((c) => c.kind !== "argument").length;
    const keep = () => (state.selected === null ? "" : "/" + encodeURIComponent(claims[state.selected].id));
    const stepButtons = (depth, hidden, capped, address) => {
      const narrow = el("button", { type: "button", id: "narrow", title: "One step less" }, "\u2212 step");
      const widen = el("button", { type: "button", id: "widen", title: "One step more" }, "+ step");
      narrow.disabled = depth <= 1;
      widen.disabled = capped || hidden === 0;
      narrow.onclick = () => { location.hash = address(depth - 1) + keep(); };
      widen.onclick = () => { location.hash = address(depth + 1) + keep(); };
      return capped ? [narrow, widen, el("span", { class: "muted" }, `(limited to ${FOCUS_LIMIT} claims)`)] : [narrow, widen];
    };
    if (v.kind === "map" && state.open) {
      const o = state.open, g = data.groups[o.group];
      const close = el("button", { type: "button", id: "close-group" }, "Close");
      close.onclick = () => { location.hash = g.anchor === null ? "" : hrefOf(g.anchor); };
      const alone = el("a", { href: `#group/${o.group}/${o.depth}`, id: "group-alone" }, "on its own");
      bar.replaceChildren(el("span", {}, `Folded group ${o.group + 1} open in place: ${o.drawn} of ${g.members.length} claims,`
        + ` ${o.depth} step${o.depth === 1 ? "" : "s"}${g.anchor === null ? "" : " below " + claims[g.anchor].id}`),
      ...stepButtons(o.depth, o.hidden, o.capped, (d) => `#open/${o.group}/${d}`), close, alone);
      return;
    }
    if (v.kind === "map") {
      const drawn = [...elements.keys()].filter((i) => claims[i].kind !== "argument").length;
      const what = data.overview
        ? `Overview: ${drawn} of ${total} claims; click a grey box to open what it folds, or a claim and \u201cFocus\u201d for its neighbourhood.`
        : `Whole map: ${total} claim${total === 1 ? "" : "s"}.`;
      bar.replaceChildren(el("span", {}, what));
      return;
    }
    const back = el("a", { href: "#", id: "to-map" }, "\u2190 Map");
    back.onclick = (e) => { e.preventDefault(); location.hash = state.selected === null ? "" : hrefOf(state.selected); };
    const title = v.group === undefined
      ? `Around ${claims[v.roots[0]].id}: ${v.depth} step${v.depth === 1 ? "" : "s"}, ${v.drawn} claims`
      : `Folded group ${v.group + 1} (${data.groups[v.group].members.length} claims)${v.roots.length === 1 ? " below " + claims[v.roots[0]].id : ""}: ${v.depth} step${v.depth === 1 ? "" : "s"}, ${v.drawn} shown`;
    bar.replaceChildren(back, el("span", { class: "sep" }, "\u203a"), el("span", {}, title),
      ...stepButtons(v.depth, v.hidden, v.capped, (d) => focusHash(v, d)));
  }

  const focusHash = (v, depth) => (v.group === undefined
    ? `#focus/${depth}/${encodeURIComponent(claims[v.roots[0]].id)}`
    : `#group/${v.group}/${depth}`);

  function groupRoots(k) {
    const g = data.groups[k];
    if (g.anchor !== null) return [g.anchor];
    const inside = new Set(g.members);  // under no conclusion: start from the members nothing in the group rests on
    const supportsInside = (m) => near[m].some(([o, r]) => data.relations[r][0] === m && data.relations[r][2] === "supports" && inside.has(o));
    const tops = g.members.filter((m) => !supportsInside(m));
    return (tops.length ? tops : g.members).slice(0, 12);
  }

  /* ---------------------------------------------------------------- selecting a claim */

  function highlight() {
    const sel = state.selected;
    const around = new Set(sel === null ? [] : [sel, ...near[sel].map(([m]) => m)]);
    const matched = new Set(state.matches);
    const current = state.current >= 0 ? state.matches[state.current] : null;
    for (const [i, g] of elements) {
      g.classList.toggle("selected", i === sel);
      g.classList.toggle("dim", sel !== null && !around.has(i));
      g.classList.toggle("match", matched.has(i));
      g.classList.toggle("current", i === current);
    }
    for (const [u, v, line] of links) {  // the selected claim's relations stand out, however long
      line.classList.toggle("lit", u === sel || v === sel);
      line.classList.toggle("dim", sel !== null && u !== sel && v !== sel);
    }
    for (const m of $("source").querySelectorAll("mark")) {
      m.classList.toggle("current", sel !== null && m.dataset.claims.split(" ").includes(String(sel)));
    }
  }

  /* Claim i's box in the drawing's own units (the viewBox's), whatever transforms lie between. */
  function boxOf(g) {
    const b = g.getBBox();
    const m = zoom.svg.getScreenCTM().inverse().multiply(g.getScreenCTM());
    const p = (x, y) => new DOMPoint(x, y).matrixTransform(m);
    const a = p(b.x, b.y), c = p(b.x + b.width, b.y + b.height);
    return { x: Math.min(a.x, c.x), y: Math.min(a.y, c.y), w: Math.abs(c.x - a.x), h: Math.abs(c.y - a.y) };
  }

  function reveal(i) {
    const g = elements.get(i);
    if (g) zoom.reveal(boxOf(g));
  }

  function select(i, show = true) {
    state.selected = i;
    highlight();
    claimPanel(i);
    showTab("claim");
    if (i === null) return;
    if (show) reveal(i);
    const c = claims[i];
    if (c.source !== undefined) {
      showSource(c.source);
      const mark = [...$("source").querySelectorAll("mark")].find((m) => m.dataset.claims.split(" ").includes(String(i)));
      if (mark) scrollWithin($("source"), mark);
    }
  }

  function scrollWithin(box, item) {
    const top = item.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }

  function claimPanel(i) {
    const panel = $("panel-claim");
    if (i === null) {
      panel.replaceChildren(el("p", { class: "muted" }, "Click a claim on the map, a quote in the source, a finding or a search match."));
      return;
    }
    const c = claims[i];
    const dl = el("dl");
    const row = (term, value) => { dl.append(el("dt", {}, term)); const dd = el("dd"); dd.append(value); dl.append(dd); };
    const permalink = el("a", { href: hrefOf(i), class: "claim-id", title: "Permalink to this claim" }, c.id);
    row("id", permalink);
    row("kind", kindName(c.kind));
    const badge = el("span", { class: "badge " + c.label }, c.label);
    row("grounded", badge);
    if (c.section) row("section", c.section);
    row("where", `${data.paths[c.map] || c.map} line ${c.line}` + (c.external ? " (another map)" : ""));
    if (c.note) row("note", c.note);
    const parts = [el("h2", {}, c.text || `linked argument ${c.id}`), dl];
    if (c.quote) {
      parts.push(el("h3", {}, c.span ? "Quote (highlighted in the source)" : "Quote (not found in the source)"));
      parts.push(el("blockquote", {}, c.quote));
    }
    const actions = el("div", { class: "actions" });
    const focus = el("a", { href: `#focus/1/${encodeURIComponent(c.id)}` }, "Focus on its neighbourhood");
    actions.append(focus);
    if (groupOf.has(i) && data.overview) {
      const k = groupOf.get(i);
      actions.append(el("a", { href: `#open/${k}/${stepsInGroup(k, i)}/${encodeURIComponent(c.id)}` }, "Open its folded group here"));
    }
    parts.push(actions);
    if (findingsOf[i].length) {
      parts.push(el("h3", {}, "Findings"));
      const ul = el("ul");
      for (const f of findingsOf[i]) ul.append(findingItem(f, false));
      parts.push(ul);
    }
    parts.push(el("h3", {}, "Why it is " + c.label));
    const why = el("ul", { class: "why" });
    for (const line of c.why) { const li = el("li"); li.append(withLinks(line)); why.append(li); }
    parts.push(why);
    // Each relation, by its kind and whether the claim is where it starts (u) or where it ends.
    const groups = [["Supports", (u, k) => k === "supports" && u === i], ["Supported by", (u, k) => k === "supports" && u !== i],
      ["Opposes", (u, k) => k === "opposes" && u === i], ["Opposed by", (u, k) => k === "opposes" && u !== i],
      ["In tension with", (u, k) => k === "tension"], ["Same claim as", (u, k) => k === "same-as"]];
    for (const [title, test] of groups) {
      const others = [];
      for (const [m, r] of near[i]) {
        const [u, , k] = data.relations[r];
        if (test(u, k)) others.push(m);
      }
      if (!others.length) continue;
      parts.push(el("h3", {}, title));
      const ul = el("ul");
      for (const m of [...new Set(others)]) { const li = el("li"); li.append(claimLink(m)); ul.append(li); }
      parts.push(ul);
    }
    panel.replaceChildren(...parts);
  }

  /* What folded group k holds: how many claims of which kinds, below which claim, with which findings. */
  function groupPanel(k) {
    const g = data.groups[k];
    const kinds = {};
    for (const m of g.members) kinds[kindName(claims[m].kind)] = (kinds[kindName(claims[m].kind)] || 0) + 1;
    const parts = [el("h2", {}, `Folded group ${k + 1}: ${g.members.length} claims`)];
    const below = el("p", {}, g.anchor === null ? "Under no conclusion. " : "Below ");
    if (g.anchor !== null) below.append(claimLink(g.anchor), ". ");
    below.append(Object.entries(kinds).sort().map(([kind, n]) => `${n} ${kind}`).join(", ") + ".");
    parts.push(below);
    const found = g.members.flatMap((m) => findingsOf[m]);
    if (found.length) {
      parts.push(el("h3", {}, `Findings in the group (${found.length})`));
      const ul = el("ul");
      for (const f of found.slice(0, 100)) ul.append(findingItem(f, true));
      parts.push(ul);
    }
    $("panel-claim").replaceChildren(...parts);
  }

  /* ---------------------------------------------------------------- findings, matches, tabs */

  function findingItem(f, withClaim) {
    const finding = data.findings[f];
    const li = el("li");
    li.append(el("span", { class: "sev-" + finding.severity }, `${finding.severity} ${finding.code}`), ` ${finding.rule}: `);
    if (withClaim && finding.claim !== null) {
      const a = el("a", { href: hrefOf(finding.claim), class: "finding", "data-claim": String(finding.claim) }, finding.message);
      li.append(a);
    } else {
      li.append(withLinks(finding.message));
    }
    li.append(el("span", { class: "muted" }, ` (line ${finding.line})`));
    return li;
  }

  function findingsPanel() {
    const panel = $("panel-findings");
    const errors = data.findings.filter((f) => f.severity === "error").length;
    const summary = el("p", {}, `${errors} error${errors === 1 ? "" : "s"}, ${data.findings.length - errors} warning${data.findings.length - errors === 1 ? "" : "s"}. Click one to go to its claim.`);
    const ul = el("ul");
    data.findings.forEach((f, k) => ul.append(findingItem(k, true)));
    panel.replaceChildren(summary, ul);
    $("tab-findings").textContent = `Findings (${data.findings.length})`;
  }

  function showTab(name) {
    for (const tab of ["claim", "findings", "matches"]) {
      $("tab-" + tab).setAttribute("aria-selected", String(tab === name));
      $("panel-" + tab).hidden = tab !== name;
    }
  }

  /* ---------------------------------------------------------------- search */

  let lowered = null;
  let searched = "";  // the query the matches are of
  function search(query) {
    searched = query;
    const q = query.trim().toLowerCase();
    if (!lowered) lowered = claims.map((c) => (c.id + "\n" + c.text + "\n" + (c.quote || "")).toLowerCase());
    // Every claim whose id, text or quote holds the words typed; the claim of that very id first, then
    // ids that begin with them, then the rest in the map's order.
    const rank = (i) => (claims[i].id.toLowerCase() === q ? 0 : claims[i].id.toLowerCase().startsWith(q) ? 1 : 2);
    state.matches = q ? lowered.flatMap((text, i) => (text.includes(q) ? [i] : [])) : [];
    state.matches.sort((a, b) => rank(a) - rank(b) || a - b);
    state.current = -1;
    $("search-count").textContent = q ? `${state.matches.length} match${state.matches.length === 1 ? "" : "es"}` : "";
    const panel = $("panel-matches");
    const ul = el("ul");
    for (const i of state.matches.slice(0, 300)) { const li = el("li"); li.append(claimLink(i)); ul.append(li); }
    const more = state.matches.length > 300 ? [el("p", { class: "muted" }, `and ${state.matches.length - 300} more; Enter steps through all`)] : [];
    panel.replaceChildren(el("p", {}, q ? `${state.matches.length} claims match \u201c${query.trim()}\u201d.` : "Type in the search box."), ul, ...more);
    $("tab-matches").textContent = `Matches (${state.matches.length})`;
    highlight();
  }

  function step(by) {
    if (!state.matches.length) return;
    state.current = (state.current + by + state.matches.length) % state.matches.length;
    $("search-count").textContent = `${state.current + 1} of ${state.matches.length}`;
    const i = state.matches[state.current];
    go(i);
  }

  /* ---------------------------------------------------------------- the source text */

  function showSource(k) {
    if (!data.sources.length) {
      const unread = data.unreadSources.map((s) => s.path).join(", ");
      $("source").replaceChildren(el("p", { class: "empty" }, unread
        ? `The source ${unread} could not be read; the findings say why.`
        : "This map names no source text, so there are no quotes to show."));
      return;
    }
    if (state.sourceShown === k) return;
    state.sourceShown = k;
    for (const b of $("source-tabs").children) b.setAttribute("aria-pressed", String(Number(b.dataset.source) === k));
    const text = data.sources[k].text;
    const spans = [];
    claims.forEach((c, i) => { if (c.source === k) spans.push([c.span[0], c.span[1], i]); });
    spans.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    const out = document.createDocumentFragment();
    let at = 0, mark = null, end = -1;
    for (const [start, stop, i] of spans) {
      if (mark && start < end) {            // overlaps the mark before: one mark for both
        if (stop > end) { mark.textContent = text.slice(Number(mark.dataset.start), stop); end = stop; at = stop; }
        mark.dataset.claims += " " + i;
        continue;
      }
      if (start > at) out.append(text.slice(at, start));
      mark = el("mark", { "data-claims": String(i), "data-start": String(start), title: claims[i].id }, text.slice(start, stop));
      out.append(mark);
      at = end = stop;
    }
    out.append(text.slice(at));
    $("source").replaceChildren(out);
    highlight();
  }

  function sourceTabs() {
    const tabs = $("source-tabs");
    data.sources.forEach((s, k) => {
      const b = el("button", { type: "button", "data-source": String(k), title: s.path }, s.path.split("/").pop());
      b.onclick = () => showSource(k);
      tabs.append(b);
    });
    if (data.sources.length < 2) tabs.hidden = true;
  }

  /* ---------------------------------------------------------------- the address: what to show */

  /* The DEPTH of an address: 1 to 99 (a hand-made #focus/999999999/x is 99, and "- step" works at once). */
  const stepsOf = (written) => Math.min(99, Math.max(1, Number(written)));

  function route() {
    let hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (error) { /* a hand-made address: taken as written */ }
    const v = state.view;
    let m;
    if ((m = /^focus\/(\d+)\/([^/]+)(?:\/([^/]+))?$/.exec(hash)) && byId.has(m[2])) {
      const root = byId.get(m[2]), depth = stepsOf(m[1]), want = byId.get(m[3]);
      const same = v && v.kind === "focus" && v.group === undefined && v.roots[0] === root && v.depth === depth;
      if (!same || (want !== undefined && !elements.has(want))) showFocus({ roots: [root], depth, want });
      select(want !== undefined ? want : root);
    } else if ((m = /^group\/(\d+)\/(\d+)(?:\/([^/]+))?$/.exec(hash)) && Number(m[1]) < data.groups.length) {
      const k = Number(m[1]), depth = stepsOf(m[2]), want = byId.get(m[3]);
      const same = v && v.kind === "focus" && v.group === k && v.depth === depth;
      if (!same || (want !== undefined && !elements.has(want))) showFocus({ roots: groupRoots(k), depth, group: k, want });
      select(want !== undefined ? want : data.groups[k].anchor);
    } else if ((m = /^open\/(\d+)\/(\d+)(?:\/([^/]+))?$/.exec(hash)) && Number(m[1]) < data.groups.length) {
      const k = Number(m[1]), depth = stepsOf(m[2]);
      const want = byId.get(m[3]);
      showMap();
      const same = state.open && state.open.group === k && state.open.depth === depth;
      if (!same || (want !== undefined && !elements.has(want))) openInPlace(k, depth, want);
      if (want !== undefined) select(want); else { select(null); groupPanel(k); }
    } else if (byId.has(hash)) {
      const i = byId.get(hash);
      showMap();
      closeInPlace();
      crumbs();
      if (!elements.has(i)) showFocus({ roots: [i], depth: 1 });  // folded away in the overview
      select(i);
    } else {
      showMap();
      closeInPlace();
      crumbs();
      select(null);
      if (!state.started) startHere();
    }
    state.started = true;
    document.body.dataset.route = location.hash;  // for tests and scripts: the page shows this address
  }

  /* A map too large to read when fitted to the window opens at its conclusions, readable; Fit shows all. */
  function startHere() {
    if (zoom.scale() >= 0.6) return;
    const boxes = [...elements].filter(([i]) => claims[i].kind === "conclusion").map(([, g]) => boxOf(g));
    if (!boxes.length) return;
    const { w, h } = zoom.size();
    zoom.show({ x: Math.min(...boxes.map((b) => b.x)) - 30, y: Math.min(...boxes.map((b) => b.y)) - 30, w: w / 0.9, h: h / 0.9 });
  }

  /* The address that selects claim i: in the focus view shown now if it is drawn there, else on the map. */
  function addressOf(i) {
    const v = state.view;
    if (state.open && elements.has(i) && state.open.layer.contains(elements.get(i))) {
      return `#open/${state.open.group}/${state.open.depth}/${encodeURIComponent(claims[i].id)}`;
    }
    if (v.kind !== "focus" || !elements.has(i)) return hrefOf(i);
    return focusHash(v, v.depth) + "/" + encodeURIComponent(claims[i].id);
  }

  function go(i) {
    const address = addressOf(i);
    if (location.hash === address) route(); else location.hash = address;
  }

  /* ---------------------------------------------------------------- wiring */

  function start() {
    document.title = data.title;
    $("title").textContent = data.title;
    $("toggle-labels").checked = Boolean(data.labelsOn);
    mapBox.classList.toggle("labels", Boolean(data.labelsOn));
    findingsPanel();
    sourceTabs();
    showSource(0);
    search("");

    mapBox.addEventListener("click", (e) => {
      const g = e.target.closest("g.node, g.fnode");
      if (!g) return;
      e.preventDefault();
      if (g.dataset.group !== undefined) { location.hash = `#open/${g.dataset.group}/2`; return; }
      if (g.dataset.claim !== undefined) go(Number(g.dataset.claim));
    });
    // Links to claims (panel, findings, matches) stay in the focus view when it shows the claim.
    document.addEventListener("click", (e) => {
      const a = e.target.closest && e.target.closest("a[data-claim]");
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      go(Number(a.dataset.claim));
    });
    $("source").addEventListener("click", (e) => {
      const mark = e.target.closest("mark");
      if (!mark) return;
      const ids = mark.dataset.claims.split(" ").map(Number);
      const next = ids[(ids.indexOf(state.selected) + 1) % ids.length];  // several claims quote it: each in turn
      go(next);
    });
    for (const tab of ["claim", "findings", "matches"]) $("tab-" + tab).onclick = () => showTab(tab);
    const box = $("search");
    let timer = null;
    box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => search(box.value), claims.length > 2000 ? 150 : 0); });
    box.addEventListener("keydown", (e) => {
      // Enter before the timer ran (a large map waits 150 ms) searches what is typed now, not the query before.
      if (e.key === "Enter") { e.preventDefault(); clearTimeout(timer); if (box.value !== searched) search(box.value); step(e.shiftKey ? -1 : 1); }
      if (e.key === "Escape") { box.value = ""; search(""); box.blur(); }
    });
    $("search-next").onclick = () => step(1);
    $("search-prev").onclick = () => step(-1);
    $("toggle-labels").onchange = (e) => mapBox.classList.toggle("labels", e.target.checked);
    // Boxes laid out here hold the ids and quotes as lines: lay them out again, where they were.
    const relayout = () => {
      const box = zoom.box;
      if (state.view.kind === "focus") showFocus(state.view);
      else if (state.open) openInPlace(state.open.group, state.open.depth);
      zoom.show(box);
      highlight();
    };
    $("toggle-ids").onchange = (e) => { mapBox.classList.toggle("ids", e.target.checked); relayout(); };
    $("toggle-quotes").onchange = () => {
      if (state.view.kind === "focus") relayout();
      else { state.view = null; route(); }  // the other Graphviz drawing, and what the address opens in it
    };
    $("fit").onclick = () => zoom.fit();
    $("zoom-in").onclick = () => zoom.zoom(1.25);
    $("zoom-out").onclick = () => zoom.zoom(0.8);
    document.addEventListener("keydown", (e) => {
      const typing = e.target.closest && e.target.closest("input, textarea, select");
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "/") { e.preventDefault(); box.focus(); box.select(); return; }
      if (e.key === "Escape") { location.hash = ""; return; }
      if (e.target.closest && e.target.closest("#source, #side")) return;  // arrows scroll the text there
      if (zoom.svg && zoom.key(e)) e.preventDefault();
    });
    window.addEventListener("hashchange", route);
    route();
    document.body.dataset.ready = "true";  // for tests and scripts: the page is usable
    performance.mark("argmap-ready");      // bench/viewer.py reads how long that took
  }

  start();
})();
