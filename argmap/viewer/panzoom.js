"use strict";
/* Pan and zoom of one SVG inside a container, by its viewBox: drag with a mouse or a finger, the
   wheel or a pinch to zoom, the keyboard (arrows, + and -, 0 to fit). The viewBox always has the
   container's proportions, so one unit of it is the same number of pixels across and down. */
class PanZoom {
  constructor(container) {
    this.container = container;
    this.svg = null;
    this.full = null;      // the whole drawing: {x, y, w, h}
    this.box = null;       // what is shown now
    this.pointers = new Map();
    this.moved = false;    // the last press was a drag, not a click
    container.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    container.addEventListener("pointerdown", (e) => this.onDown(e));
    container.addEventListener("pointermove", (e) => this.onMove(e));
    for (const type of ["pointerup", "pointercancel", "pointerleave"]) {
      container.addEventListener(type, (e) => this.onUp(e));
    }
    // A drag ends in a click on whatever is under the pointer: swallow it.
    container.addEventListener("click", (e) => {
      if (this.moved) { e.stopPropagation(); e.preventDefault(); this.moved = false; }
    }, true);
    window.addEventListener("resize", () => { if (this.box) this.show(this.box); });
  }

  /* Take over ``svg`` (already in the container), showing all of it. */
  attach(svg) {
    const view = svg.viewBox.baseVal;
    this.svg = svg;
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    this.full = view && view.width ? { x: view.x, y: view.y, w: view.width, h: view.height } : svg.getBBox();
    this.fit();
  }

  size() {
    return { w: this.container.clientWidth || 800, h: this.container.clientHeight || 600 };
  }

  /* Show ``box`` (in drawing units), widened to the container's proportions around its centre. */
  show(box) {
    const { w, h } = this.size();
    let bw = box.w, bh = box.h;
    if (bw / bh < w / h) bw = bh * w / h; else bh = bw * h / w;
    this.box = { x: box.x + (box.w - bw) / 2, y: box.y + (box.h - bh) / 2, w: bw, h: bh };
    this.svg.setAttribute("viewBox", [this.box.x, this.box.y, this.box.w, this.box.h].map((v) => v.toFixed(2)).join(" "));
  }

  fit() {
    const f = this.full, pad = Math.max(f.w, f.h) * 0.02;
    this.show({ x: f.x - pad, y: f.y - pad, w: f.w + 2 * pad, h: f.h + 2 * pad });
  }

  /* Pixels on screen per drawing unit. */
  scale() { return this.size().w / this.box.w; }

  /* Zoom by ``factor`` keeping the point at client coordinates (cx, cy) where it is. */
  zoom(factor, cx, cy) {
    const rect = this.container.getBoundingClientRect();
    const fx = cx === undefined ? 0.5 : (cx - rect.left) / rect.width;
    const fy = cy === undefined ? 0.5 : (cy - rect.top) / rect.height;
    const limit = Math.max(this.full.w, this.full.h) * 4;
    let w = this.box.w / factor;
    if (w > limit) w = limit;
    if (this.size().w / w > 8) w = this.size().w / 8;  // at most 8 screen pixels per unit
    const h = w * this.box.h / this.box.w;
    this.show({ x: this.box.x + fx * (this.box.w - w), y: this.box.y + fy * (this.box.h - h), w, h });
  }

  /* Move the view by (dx, dy) screen pixels. */
  pan(dx, dy) {
    const k = this.box.w / this.size().w;
    this.show({ x: this.box.x - dx * k, y: this.box.y - dy * k, w: this.box.w, h: this.box.h });
  }

  /* Bring the rectangle ``r`` (drawing units) into view, zooming in until its text is readable
     (about one screen pixel per unit) and out until it fits; left alone if it is readable in view. */
  reveal(r) {
    const { w, h } = this.size();
    const inside = r.x >= this.box.x && r.y >= this.box.y && r.x + r.w <= this.box.x + this.box.w && r.y + r.h <= this.box.y + this.box.h;
    let k = this.scale();
    if (inside && k >= 0.85) return;
    k = Math.max(k, 1);
    k = Math.min(k, w / (r.w * 1.4), h / (r.h * 1.4));
    const bw = w / k, bh = h / k;
    this.show({ x: r.x + r.w / 2 - bw / 2, y: r.y + r.h / 2 - bh / 2, w: bw, h: bh });
  }

  onWheel(e) {
    if (!this.svg) return;
    e.preventDefault();
    const step = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    this.zoom(Math.exp(-step / 300), e.clientX, e.clientY);
  }

  onDown(e) {
    if (!this.svg || (e.pointerType === "mouse" && e.button !== 0)) return;
    this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY });
    this.moved = false;
  }

  onMove(e) {
    const p = this.pointers.get(e.pointerId);
    if (!p) return;
    if (!this.moved && Math.hypot(e.clientX - p.x0, e.clientY - p.y0) < 5) return;
    if (!this.moved) {
      this.moved = true;
      this.container.classList.add("dragging");
      try { this.container.setPointerCapture(e.pointerId); } catch (error) { /* the pointer is gone */ }
    }
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      const before = Math.hypot(a.x - b.x, a.y - b.y);
      p.x = e.clientX; p.y = e.clientY;
      const after = Math.hypot(a.x - b.x, a.y - b.y);
      if (before > 0) this.zoom(after / before, (a.x + b.x) / 2, (a.y + b.y) / 2);
      return;
    }
    this.pan(e.clientX - p.x, e.clientY - p.y);
    p.x = e.clientX; p.y = e.clientY;
  }

  onUp(e) {
    if (!this.pointers.delete(e.pointerId)) return;
    if (!this.pointers.size) this.container.classList.remove("dragging");
  }

  /* The keys of the map; true when the key was one of them. */
  key(e) {
    const moves = { ArrowLeft: [80, 0], ArrowRight: [-80, 0], ArrowUp: [0, 80], ArrowDown: [0, -80] };
    if (moves[e.key]) this.pan(...moves[e.key]);
    else if (e.key === "+" || e.key === "=") this.zoom(1.25);
    else if (e.key === "-" || e.key === "_") this.zoom(0.8);
    else if (e.key === "0") this.fit();
    else return false;
    return true;
  }
}
