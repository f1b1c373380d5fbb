// Paste an article, see its events, places, dates and quotes highlighted at once; optionally save it.
"use strict";

const form = document.getElementById("analyse");
const message = document.getElementById("message");

function eventLine(e, i) {
  const who = [esc(names(e.source)), `<b>${esc(e.trigger.text)}</b>`, esc(names(e.target))].filter(Boolean).join(" → ");
  return `<li class="clickable" data-event="${i}">${badge(e.event_type)} ${who}
    <div class="muted">${esc(e.status)} · ${esc(e.date || "undated")} · ${esc(e.location ? e.location.name : "no place")}</div></li>`;
}

function show(result) {
  document.getElementById("results").classList.remove("hidden");
  document.getElementById("keys").innerHTML = keysHtml(["trigger", "source", "target", "place", "date", "quote"]);
  document.getElementById("marked").innerHTML = renderMarked(result.article.text, result.marks);
  document.getElementById("n-events").textContent = `(${result.events.length})`;
  document.getElementById("events").innerHTML = result.events.map(eventLine).join("") || '<li class="muted">No events found.</li>';
  document.getElementById("places").innerHTML = result.places.map((p) =>
    `<li><b>${esc(p.text)}</b> → ${esc(p.name)} <span class="muted">${esc(p.country || "")} ${esc(p.feature || "")}${p.lat != null ? ` · ${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}` : ""}</span></li>`).join("") || '<li class="muted">None.</li>';
  document.getElementById("dates").innerHTML = result.timexes.map((t) =>
    `<li><b>${esc(t.text)}</b> → <code>${esc(t.value)}</code> <span class="muted">${esc(t.type)}</span></li>`).join("") || '<li class="muted">None.</li>';
  document.getElementById("quotes").innerHTML = result.quotes.map((q) =>
    `<li>${esc(q.content.text)} <div class="muted">— ${esc(q.speaker ? q.speaker.name : "unattributed")} (${esc(q.kind)})</div></li>`).join("") || '<li class="muted">None.</li>';
  document.body.dataset.analysed = String(result.events.length);
}

async function run(save) {
  const body = { text: form.elements.text.value, published: form.elements.published.value || null,
    title: form.elements.title.value || null, save };
  const headers = { "Content-Type": "application/json" };
  if (save) headers.Authorization = "Bearer " + form.elements.token.value;
  message.innerHTML = '<p class="muted">Analysing…</p>';
  for (const b of form.querySelectorAll("button")) b.disabled = true;
  try {
    const result = await api("/api/analyse", { method: "POST", headers, body: JSON.stringify(body) });
    show(result);
    message.innerHTML = result.saved
      ? `<div class="ok">Saved as article <code>${esc(result.saved.article_id)}</code>${result.saved.already_stored ? " (it was already stored)" : `, ${result.saved.events} events`}.</div>`
      : "";
  } catch (e) {
    showError(message, e);
  } finally {
    for (const b of form.querySelectorAll("button")) b.disabled = false;
  }
}

form.addEventListener("submit", (e) => { e.preventDefault(); run(false); });
document.getElementById("save").onclick = () => run(true);
document.getElementById("events").addEventListener("click", (e) => {
  const item = e.target.closest("li[data-event]");
  if (!item) return;
  for (const m of document.querySelectorAll("mark.flash")) m.classList.remove("flash");
  const marks = [...document.querySelectorAll("#marked mark[data-event]")]
    .filter((m) => m.dataset.event.split(" ").includes(item.dataset.event));
  marks.forEach((m) => m.classList.add("flash"));
  if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
});

markServer().then((info) => { if (info && info.allow_writes) document.getElementById("save-tools").classList.remove("hidden"); });
