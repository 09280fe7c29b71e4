"use strict";
/* The focus view's layout: a claim's neighbourhood (or a folded group of an overview) laid out in
   columns by how many relations away from the start each claim is, as Graphviz's LR diagrams put
   conclusions left and what they rest on to the right. Within a column, claims are ordered by the
   mean place of their neighbours in the column before (one barycentre pass: few crossings on the
   tree-like neighbourhoods of argument maps, and linear). */
const FOCUS_LIMIT = 400;           // claims a focus view draws at most
const BOX_W = 230, GAP_X = 110, GAP_Y = 16, LINE = 14, PAD = 7, WRAP_AT = 36;

/* Break ``text`` into lines of at most ``width`` characters, at most ``max`` lines. */
function wrapText(text, width, max) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = ""; }
    line = line ? line + " " + word : word;
    while (line.length > width) { lines.push(line.slice(0, width)); line = line.slice(width); }
  }
  if (line) lines.push(line);
  if (lines.length > max) { lines.length = max; lines[max - 1] = lines[max - 1].slice(0, width - 1) + "\u2026"; }
  return lines;
}

/* Each claim's neighbours through any relation, either way: [[claim, relation index], ...]. */
function neighbourLists(data) {
  const near = data.claims.map(() => []);
  data.relations.forEach(([u, v], r) => { near[u].push([v, r]); near[v].push([u, r]); });
  return near;
}

/* Lay out what is at most ``depth`` steps from ``roots`` (only through ``allowed``, a Set, if given).
   ``lines(i)`` gives the text lines of claim i's box. Returns the boxes, the relations between
   them, what lies one step further (``hidden``: claim -> how many neighbours are not drawn), the
   drawing's size, and whether FOCUS_LIMIT cut it short. */
function focusLayout(data, near, roots, depth, allowed, lines) {
  const level = new Map();
  let frontier = [];
  for (const r of roots) if (!level.has(r)) { level.set(r, 0); frontier.push(r); }
  let capped = false;
  for (let d = 1; d <= depth && frontier.length && !capped; d++) {
    const next = [];
    for (const n of frontier) {
      for (const [m] of near[n]) {
        if (level.has(m) || (allowed && !allowed.has(m))) continue;
        if (level.size >= FOCUS_LIMIT) { capped = true; break; }
        level.set(m, d);
        next.push(m);
      }
      if (capped) break;
    }
    frontier = next;
  }
  const columns = [];
  for (const [n, d] of level) (columns[d] = columns[d] || []).push(n);
  const place = new Map();
  columns.forEach((column, d) => {
    if (d > 0) {
      const weight = (n) => {
        const around = near[n].map(([m]) => m).filter((m) => level.get(m) === d - 1).map((m) => place.get(m));
        return around.length ? around.reduce((a, b) => a + b, 0) / around.length : Infinity;
      };
      const key = new Map(column.map((n) => [n, weight(n)]));
      column.sort((a, b) => (key.get(a) - key.get(b)) || (a - b));
    }
    column.forEach((n, i) => place.set(n, i));
  });
  const boxes = new Map();
  const heights = columns.map((column) => column.reduce((sum, n) => sum + PAD * 2 + lines(n).length * LINE + GAP_Y, -GAP_Y));
  const tallest = Math.max(...heights);
  columns.forEach((column, d) => {
    let y = (tallest - heights[d]) / 2;
    for (const n of column) {
      const h = PAD * 2 + lines(n).length * LINE;
      boxes.set(n, { x: d * (BOX_W + GAP_X), y, w: BOX_W, h, level: d });
      y += h + GAP_Y;
    }
  });
  const edges = [];
  data.relations.forEach(([u, v, kind], r) => { if (boxes.has(u) && boxes.has(v)) edges.push({ u, v, kind, r }); });
  const hidden = new Map();
  for (const n of boxes.keys()) {
    const missing = near[n].filter(([m]) => !boxes.has(m) && (!allowed || allowed.has(m))).length;
    if (missing) hidden.set(n, missing);
  }
  return { boxes, edges, hidden, capped, width: columns.length * (BOX_W + GAP_X) - GAP_X, height: tallest };
}
