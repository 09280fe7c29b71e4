// Parse Mermaid diagrams with Mermaid's own parser (mermaid.parse), in Node with jsdom for the DOM it expects.
// Reads a JSON array of diagram texts on stdin; writes a JSON array of {"ok": true} or {"ok": false, "error": "..."}.
// Installed by `make mermaid` into build/mermaid (tests/test_mermaid.py runs it there).
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of ["DOMParser", "Element", "HTMLElement", "Node", "navigator"]) {
  if (!(name in globalThis)) {
    try { globalThis[name] = dom.window[name]; } catch { /* read-only in this Node */ }
  }
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error.message || error).split("\n").slice(0, 4).join("\n") });
  }
}
process.stdout.write(JSON.stringify(results));
