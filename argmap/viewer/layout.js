"use strict";
/* The focus view's layout: a claim's neighbourhood (or a folded group of an overview) laid out in
   columns by how many relations away from the start each claim is, as Graphviz's LR diagrams put
   conclusions left and what they rest on to the right. Within a column, claims are ordered by the
   mean place of their neighbours in the column before (one barycentre pass: few crossings on the
   tree-like neighbourhoods of argument maps, and linear). */
const FOCUS_LIMIT = 400;           // claims a focus view draws at most
const BOX_W = 230, GAP_X = 110, GAP_Y = 16, LINE = 14, PAD = 7, WRAP_AT = 36;

/* Whether text[i] is the first half of a character JavaScript counts as two (an emoji, say). */
const isHighHalf = (text, i) => i >= 0 && text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff;

/* Break ``text`` into lines of at most ``width`` characters, at most ``max`` lines. */
function wrapText(text, width, max) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = ""; }
    line = line ? line + " " + word : word;
    while (line.length > width) {
      const cut = width - (isHighHalf(line, width - 1) ? 1 : 0);  // never between the halves of an emoji
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  if (lines.length > max) {
    lines.length = max;
    const last = lines[max - 1], cut = width - 1 - (isHighHalf(last, width - 2) ? 1 : 0);
    lines[max - 1] = last.slice(0, cut) + "\u2026";
  }
  return lines;
}

/* Each claim's neighbours through any relation, either way: [[claim, relation index], ...]. */
function neighbourLists(data) {
  const near = data.claims.map(() => []);
  data.relations.forEach(([u, v], r) => { near[u].push([v, r]); near[v].push([u, r]); });
  return near;
}

/* Claim ``want``'s shortest way from ``roots``, at most ``depth`` steps (only through ``allowed``, if
   given): the claims on it, a root first and ``want`` last; [] when there is none. */
function wayTo(near, roots, depth, allowed, want) {
  const parent = new Map(roots.map((r) => [r, -1]));
  let frontier = [...roots];
  for (let d = 1; d <= depth && frontier.length && !parent.has(want); d++) {
    const next = [];
    for (const n of frontier) {
      for (const [m] of near[n]) {
        if (parent.has(m) || (allowed && !allowed.has(m))) continue;
        parent.set(m, n);
        next.push(m);
      }
    }
    frontier = next;
  }
  const way = [];
  if (parent.has(want)) for (let n = want; n !== -1; n = parent.get(n)) way.unshift(n);
  return way;
}

/* Lay out what is at most ``depth`` steps from ``roots`` (only through ``allowed``, a Set, if given).
   ``lines(i)`` gives the text lines of claim i's box. Returns the boxes, the relations between
   them, what lies one step further (``hidden``: claim -> how many neighbours are not drawn), the
   drawing's size, and whether FOCUS_LIMIT cut it short; claim ``want`` (if given), when within
   reach, is drawn with its way from a root even past the limit. */
function focusLayout(data, near, roots, depth, allowed, lines, want) {
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
  if (capped && want !== undefined && !level.has(want)) {
    wayTo(near, roots, depth, allowed, want).forEach((n, d) => { if (!level.has(n)) level.set(n, d); });
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
