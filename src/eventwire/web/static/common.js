// Shared by every page: the API client, the type colours, and text highlighting.
"use strict";

const TYPE_COLOURS = {
  AGREE: "#2e86c1", CONSULT: "#5dade2", SUPPORT: "#48c9b0", CONCEDE: "#76d7c4",
  COOPERATE: "#27ae60", AID: "#82e0aa", RETREAT: "#a9cce3", REQUEST: "#f4d03f",
  ACCUSE: "#f5b041", REJECT: "#eb984e", THREATEN: "#dc7633", PROTEST: "#af7ac5",
  SANCTION: "#8e44ad", MOBILIZE: "#cd6155", COERCE: "#c0392b", ASSAULT: "#7b241c",
};

function typeColour(type) { return TYPE_COLOURS[type] || "#777"; }

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

class ApiError extends Error {
  constructor(error) { super(error.message); this.error = error; }
}

// While `eventwire ingest` or `watch` writes the store, the server answers 503 store_busy with
// Retry-After: a read waits and asks again (for up to a minute) rather than showing an error.
const BUSY_RETRIES = 30;

async function api(path, options = {}) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(path, options);
    const body = await response.json().catch(() => ({ error: { status: response.status, message: response.statusText } }));
    const read = (options.method || "GET").toUpperCase() === "GET";
    if (response.status === 503 && read && attempt < BUSY_RETRIES && body.error && body.error.code === "store_busy") {
      const seconds = Math.min(Math.max(Number(response.headers.get("Retry-After")) || 2, 0.5), 5);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    if (!response.ok) throw new ApiError(body.error || { status: response.status, message: "request failed" });
    return body;
  }
}

function badge(type) {
  return `<span class="badge" style="--c:${typeColour(type)}">${esc(type)}</span>`;
}

function names(actors) { return (actors || []).map((a) => a.name).join(", "); }

// Render `text` with overlapping marks ({start, end, kind, label}) as <mark> segments: the text is cut
// at every mark boundary and each piece carries the classes of all marks covering it.
function renderMarked(text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, m.start)); cuts.add(Math.min(text.length, m.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = marks.filter((m) => m.start <= a && m.end >= b);
    const piece = esc(text.slice(a, b));
    if (!covering.length) { html += piece; continue; }
    const classes = [...new Set(covering.map((m) => "m-" + m.kind))];
    if (classes.length === 1 && classes[0] === "m-quote") classes.push("only-quote");
    const title = covering.map((m) => `${m.kind}${m.label ? ": " + m.label : ""}`).join("\n");
    const events = covering.filter((m) => m.event !== undefined).map((m) => m.event).join(" ");
    html += `<mark class="${classes.join(" ")}" title="${esc(title)}"${events ? ` data-event="${events}"` : ""}>${piece}</mark>`;
  }
  return html;
}

function keysHtml(kinds) {
  const words = { trigger: "trigger", source: "source actor", target: "target actor", place: "place", date: "date", quote: "quote" };
  return kinds.map((k) => `<mark class="m-${k}${k === "quote" ? " only-quote" : ""}">${words[k]}</mark>`).join(" ");
}

function showError(element, error) {
  element.innerHTML = `<div class="error">${esc(error.message || error)}</div>`;
}

async function markServer() {
  try {
    const info = await api("/api");
    const el = document.querySelector("header.top .status");
    if (el) el.textContent = `${plural(info.events, "event")} · ${plural(info.mentions, "mention")} · ${plural(info.articles, "article")}` +
      (info.allow_writes ? " · writes allowed" : " · read-only");
    return info;
  } catch (e) { return null; }
}

function plural(n, word) { return `${Number(n).toLocaleString()} ${word}${n === 1 ? "" : "s"}`; }
