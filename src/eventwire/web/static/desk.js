// The events page: filters (kept in the URL), a clustered world map, a timeline and a paged list.
"use strict";

const FILTERS = ["type", "status", "actor", "country", "since", "until", "q"];
const form = document.getElementById("filters");
const svg = document.getElementById("map");
const WORLD = { x: -180, y: -90, w: 360, h: 180 };
let view = { ...WORLD };
let cursor = null;
let serial = 0;  // answers to stale requests are dropped

function readFilters() {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, name === "country" ? value.toUpperCase() : value);
  }
  if (form.elements.inview.checked) params.set("bbox", bboxOfView());
  return params;
}

function writeUrl(params) {
  const shown = new URLSearchParams(params);
  shown.delete("bbox");
  if (form.elements.inview.checked) shown.set("inview", "1");
  if (view.w < WORLD.w) shown.set("view", [view.x, view.y, view.w, view.h].map((v) => v.toFixed(2)).join(","));
  const query = shown.toString();
  history.replaceState(null, "", query ? "?" + query : location.pathname);
}

function loadUrl() {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) form.elements[name].value = params.get(name) || "";
  form.elements.inview.checked = params.get("inview") === "1";
  const saved = (params.get("view") || "").split(",").map(Number);
  if (saved.length === 4 && saved.every(Number.isFinite) && saved[2] > 0) view = { x: saved[0], y: saved[1], w: saved[2], h: saved[3] };
}

function bboxOfView() {
  const west = Math.max(-180, view.x), east = Math.min(180, view.x + view.w);
  const north = Math.min(90, -view.y), south = Math.max(-90, -(view.y + view.h));
  return [west, south, east, north].map((v) => v.toFixed(3)).join(",");
}

// -- map ------------------------------------------------------------------------------------------

function pathOf(geometry) {
  let d = "";
  for (const polygon of geometry.coordinates) {
    for (const ring of polygon) {
      d += "M" + ring.map(([lon, lat]) => `${lon},${-lat}`).join("L") + "Z";
    }
  }
  return d;
}

async function drawCountries() {
  const world = await api("/api/world.json");
  document.getElementById("countries").innerHTML = world.features.map((f) =>
    `<path class="country" d="${pathOf(f.geometry)}"><title>${esc(f.properties.name)}</title></path>`).join("");
}

function pixelSize() {  // degrees per screen pixel
  const box = svg.getBoundingClientRect();
  return Math.max(view.w / box.width, view.h / box.height);
}

const CELLS = [30, 15, 8, 4, 2, 1, 0.5, 0.25, 0.1, 0.05, 0.02, 0.01];

function cellSize() {
  const wanted = pixelSize() * 36;
  return CELLS.find((c) => c <= wanted) || CELLS[CELLS.length - 1];
}

function setView(next) {
  const w = Math.min(WORLD.w, Math.max(0.5, next.w));
  const h = w / 2;
  const x = Math.min(WORLD.x + WORLD.w - w, Math.max(WORLD.x, next.x));
  const y = Math.min(WORLD.y + WORLD.h - h, Math.max(WORLD.y, next.y));
  view = { x, y, w, h };
  svg.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
}

function zoomAt(cx, cy, factor) {
  setView({ x: cx - (cx - view.x) / factor, y: cy - (cy - view.y) / factor, w: view.w / factor, h: view.h / factor });
  scheduleMap();
}

async function drawClusters(params) {
  const mine = ++serial;
  const query = new URLSearchParams(params);
  query.delete("bbox");
  query.set("cell", cellSize());
  const data = await api("/api/map?" + query);
  if (mine !== serial) return;
  const px = pixelSize();
  const html = data.clusters.map((c) => {
    const r = (5 + 3 * Math.log2(c.count)) * px;
    const label = c.count > 1 ? `<text class="count" x="${c.lon}" y="${-c.lat}" style="font-size:${10 * px}px">${c.count}</text>` : "";
    const types = Object.entries(c.types).map(([t, n]) => `${t} ${n}`).join(", ");
    const title = `${c.place || "several places"}: ${c.count} event${c.count > 1 ? "s" : ""} (${types})`;
    return `<g><circle class="cluster" cx="${c.lon}" cy="${-c.lat}" r="${r}" fill="${typeColour(c.top_type)}"
      data-count="${c.count}" data-type="${c.top_type}" ${c.event_id ? `data-event="${c.event_id}"` : ""}
      data-lat="${c.lat}" data-lon="${c.lon}"><title>${esc(title)}</title></circle>${label}</g>`;
  }).join("");
  document.getElementById("clusters").innerHTML = html;
  document.getElementById("map-info").textContent =
    `${plural(data.events, "located event")} in ${plural(data.clusters.length, "cluster")}`;
  svg.dataset.events = data.events;
}

let mapTimer = null;
function scheduleMap() {
  clearTimeout(mapTimer);
  mapTimer = setTimeout(() => {
    const params = readFilters();
    writeUrl(params);
    drawClusters(params).catch(showFilterError);
    if (form.elements.inview.checked) { drawTimeline(params).catch(showFilterError); loadList(params, false).catch(showFilterError); }
  }, 150);
}

function svgPoint(event) {
  const box = svg.getBoundingClientRect();
  const scale = pixelSize();
  const ox = (box.width - view.w / scale) / 2, oy = (box.height - view.h / scale) / 2;
  return { x: view.x + (event.clientX - box.left - ox) * scale, y: view.y + (event.clientY - box.top - oy) * scale };
}

function setupMapControls() {
  let drag = null;
  svg.addEventListener("wheel", (e) => { e.preventDefault(); const p = svgPoint(e); zoomAt(p.x, p.y, e.deltaY < 0 ? 1.5 : 1 / 1.5); }, { passive: false });
  svg.addEventListener("mousedown", (e) => { drag = { x: e.clientX, y: e.clientY, view: { ...view }, moved: false }; });
  window.addEventListener("mousemove", (e) => {
    if (!drag) return;
    const s = pixelSize();
    const dx = (e.clientX - drag.x) * s, dy = (e.clientY - drag.y) * s;
    if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) drag.moved = true;
    setView({ ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy });
  });
  window.addEventListener("mouseup", () => { if (drag && drag.moved) scheduleMap(); setTimeout(() => { drag = null; }, 0); });
  svg.addEventListener("click", (e) => {
    if (drag && drag.moved) return;
    const circle = e.target.closest(".cluster");
    if (!circle) return;
    if (circle.dataset.event) { location.href = "/events/" + circle.dataset.event; return; }
    zoomAt(Number(circle.dataset.lon), -Number(circle.dataset.lat), 3);
  });
  const centre = () => ({ x: view.x + view.w / 2, y: view.y + view.h / 2 });
  document.getElementById("zoom-in").onclick = () => { const c = centre(); zoomAt(c.x, c.y, 2); };
  document.getElementById("zoom-out").onclick = () => { const c = centre(); zoomAt(c.x, c.y, 0.5); };
  document.getElementById("zoom-reset").onclick = () => { setView(WORLD); scheduleMap(); };
}

function drawLegend(types) {
  document.getElementById("legend").innerHTML = Object.keys(TYPE_COLOURS).filter((t) => !types || types[t])
    .map((t) => `<span style="--c:${typeColour(t)}">${t}</span>`).join("");
}

// -- timeline -------------------------------------------------------------------------------------

function pickInterval(first, last) {
  if (!first || !last) return "month";
  const days = (new Date(last) - new Date(first)) / 864e5;
  return days <= 92 ? "day" : days <= 365 * 25 ? "month" : "year";
}

function nextPeriod(date, interval) {
  const d = new Date(date + "T00:00:00Z");
  if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

function periodEnd(date, interval) {
  const d = new Date(nextPeriod(date, interval) + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function truncate(date, interval) {
  return interval === "day" ? date : interval === "month" ? date.slice(0, 7) + "-01" : date.slice(0, 4) + "-01-01";
}

async function drawTimeline(params) {
  const el = document.getElementById("timeline");
  const probe = await api("/api/counts?" + new URLSearchParams({ ...Object.fromEntries(params), interval: "year" }));
  const years = probe.counts.map((c) => c.period);
  const first = params.get("since") || (years[0] || null), last = params.get("until") || (years.length ? years[years.length - 1].slice(0, 4) + "-12-31" : null);
  const interval = pickInterval(first, last);
  const data = interval === "year" ? probe : await api("/api/counts?" + new URLSearchParams({ ...Object.fromEntries(params), interval }));
  const byPeriod = new Map();
  for (const c of data.counts) {
    if (!byPeriod.has(c.period)) byPeriod.set(c.period, []);
    byPeriod.get(c.period).push(c);
  }
  const periods = [];
  if (data.counts.length) {
    let p = truncate(params.get("since") || data.counts[0].period, interval);
    const end = data.counts[data.counts.length - 1].period;
    const stop = params.get("until") && params.get("until") < "9999" ? truncate(params.get("until"), interval) : end;
    while (p <= (stop > end ? stop : end) && periods.length < 2000) { periods.push(p); p = nextPeriod(p, interval); }
  }
  const width = el.getBoundingClientRect().width || 600, height = 150, bottom = 18, top = 8;
  const max = Math.max(1, ...periods.map((p) => (byPeriod.get(p) || []).reduce((s, c) => s + c.count, 0)));
  const step = periods.length ? width / periods.length : width;
  let html = `<line class="baseline" x1="0" x2="${width}" y1="${height - bottom}" y2="${height - bottom}"/>`;
  periods.forEach((p, i) => {
    let y = height - bottom;
    const total = (byPeriod.get(p) || []).reduce((s, c) => s + c.count, 0);
    const parts = byPeriod.get(p) || [];
    html += `<g class="bar" data-period="${p}" data-count="${total}"><title>${p.slice(0, interval === "day" ? 10 : interval === "month" ? 7 : 4)}: ${total} events${parts.length ? " (" + parts.map((c) => c.key + " " + c.count).join(", ") + ")" : ""}</title>`;
    html += `<rect x="${i * step}" y="${top}" width="${Math.max(step, 1)}" height="${height - bottom - top}" fill="transparent"/>`;
    for (const c of parts) {
      const h = (c.count / max) * (height - bottom - top);
      y -= h;
      html += `<rect x="${i * step + step * 0.1}" y="${y}" width="${Math.max(step * 0.8, 1)}" height="${h}" fill="${typeColour(c.key)}"/>`;
    }
    html += "</g>";
  });
  const ticks = Math.min(periods.length, 8);
  for (let t = 0; t < ticks; t++) {
    const i = Math.floor((t * periods.length) / ticks);
    const label = interval === "year" ? periods[i].slice(0, 4) : interval === "month" ? periods[i].slice(0, 7) : periods[i];
    html += `<text class="axis" x="${i * step + 2}" y="${height - 4}">${label}</text>`;
  }
  el.setAttribute("viewBox", `0 0 ${width} ${height}`);
  el.innerHTML = html;
  el.dataset.interval = interval;
  el.dataset.total = data.counts.reduce((s, c) => s + c.count, 0);
  document.getElementById("timeline-info").textContent = periods.length
    ? `${plural(Number(el.dataset.total), "dated event")} per ${interval} (an event dated only to a month or year counts on its first day); click a bar to narrow the dates` : "no dated events";
  el.onclick = (e) => {
    const bar = e.target.closest(".bar");
    if (!bar) return;
    form.elements.since.value = bar.dataset.period;
    form.elements.until.value = periodEnd(bar.dataset.period, el.dataset.interval);
    refresh();
  };
}

// -- list -----------------------------------------------------------------------------------------

function rowHtml(e) {
  const who = [esc(names(e.source)), `<b>${esc(e.trigger ? e.trigger.text : e.event_type.toLowerCase())}</b>`,
    esc(names(e.target))].filter(Boolean).join(" → ");
  const reported = e.articles > 1 ? `<div class="muted">${plural(e.articles, "article")}</div>` : "";
  const where = e.location ? `${esc(e.location.name)}${e.location.country ? ` <span class="muted">${esc(e.location.country)}</span>` : ""}` : "";
  return `<tr class="event" data-id="${esc(e.id)}" data-type="${esc(e.event_type)}"><td>${esc(e.date || "")}</td><td>${badge(e.event_type)}
    ${e.status !== "occurred" ? `<div class="muted">${esc(e.status)}</div>` : ""}</td>
    <td><a href="/events/${esc(e.id)}">${who}</a>${reported}</td><td>${where}</td></tr>`;
}

async function loadList(params, append) {
  const query = new URLSearchParams(params);
  query.set("limit", "50");
  query.set("order", "desc");
  if (append && cursor) query.set("cursor", cursor);
  const data = await api("/api/events?" + query);
  const body = document.getElementById("event-rows");
  body.innerHTML = (append ? body.innerHTML : "") + data.events.map(rowHtml).join("");
  cursor = data.next_cursor;
  document.getElementById("more").classList.toggle("hidden", !cursor);
  if (!append) {
    document.getElementById("total").textContent = `${plural(data.total, "event")}, newest first`;
    document.getElementById("total").dataset.total = data.total;
  }
}

// -- wiring ---------------------------------------------------------------------------------------

function showFilterError(error) { showError(document.getElementById("filter-error"), error); }

async function refresh() {
  const params = readFilters();
  writeUrl(params);
  document.getElementById("filter-error").innerHTML = "";
  document.getElementById("export-csv").href = "/api/events.csv?" + params;
  document.getElementById("export-geojson").href = "/api/events.geojson?" + params;
  cursor = null;
  try {
    await Promise.all([drawClusters(params), drawTimeline(params), loadList(params, false)]);
    document.body.dataset.ready = String(Date.now());
  } catch (e) { showFilterError(e); }
}

async function start() {
  const info = await markServer();
  if (info) {
    document.getElementById("f-type").innerHTML += info.event_types.map((t) => `<option>${t}</option>`).join("");
    document.getElementById("f-status").innerHTML += info.statuses.map((s) => `<option>${s}</option>`).join("");
    drawLegend(info.types);
  }
  loadUrl();
  setView(view);
  setupMapControls();
  let timer = null;
  form.addEventListener("input", (e) => {
    clearTimeout(timer);
    timer = setTimeout(refresh, e.target.type === "text" ? 350 : 0);
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  document.getElementById("reset").onclick = () => { form.reset(); setView(WORLD); refresh(); };
  document.getElementById("more").onclick = () => loadList(readFilters(), true).catch(showFilterError);
  document.getElementById("event-rows").addEventListener("click", (e) => {
    const row = e.target.closest("tr.event");
    if (row && !e.target.closest("a")) location.href = "/events/" + row.dataset.id;
  });
  await drawCountries().catch(showFilterError);
  await refresh();
}

start();
