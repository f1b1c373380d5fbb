// One event: its facts, each mention's sentence with trigger, actors, place and date highlighted and
// why it was coded so (its evidence and the rules that fired), and the quotes of its articles.
"use strict";

function actorHtml(actors) {
  if (!actors || !actors.length) return '<span class="muted">—</span>';
  return actors.map((a) => `${esc(a.name)}${a.country ? ` <span class="muted">${esc(a.country)}</span>` : ""}` +
    (a.text && a.text !== a.name ? ` <span class="muted">(“${esc(a.text)}”)</span>` : "")).join("; ");
}

function mentionHtml(m, i) {
  const article = m.article || {};
  const title = article.url ? `<a href="${esc(article.url)}" rel="noreferrer">${esc(article.title || article.id)}</a>` : esc(article.title || article.id);
  return `<section class="panel mention" data-mention="${i}">
    <h2>Mention ${i + 1}: ${title} <span class="muted">${esc(article.published || "")}${m.speaker ? " · reported by " + esc(m.speaker) : ""}</span></h2>
    <p class="sentence" data-sentence>${renderMarked(m.sentence.text, m.marks)}</p>
    <p class="why"><span class="muted">Why:</span> ${esc(m.evidence || "")}${(m.rules || []).length
      ? `<br><span class="muted">Rules that fired:</span> ${m.rules.map((r) => `<code class="rule">${esc(r)}</code>`).join(" ")}`
      : ""}</p>
  </section>`;
}

function quoteHtml(q) {
  const who = q.speaker ? esc(q.speaker.name) : "unattributed";
  return `<blockquote>${esc(q.content.text)}
    <cite>— ${who}${q.cue ? `, <i>${esc(q.cue.text)}</i>` : ""} <span class="muted">(${esc(q.kind)})</span></cite></blockquote>`;
}

async function start() {
  markServer();
  const main = document.getElementById("event");
  const id = decodeURIComponent(location.pathname.split("/").pop());
  let data;
  try { data = await api("/api/events/" + encodeURIComponent(id)); } catch (e) { showError(main, e); return; }
  const e = data.event, loc = e.location || {};
  const first = data.mentions[0] || {};
  const trigger = first.trigger ? first.trigger.text : "";
  document.title = `eventwire — ${e.event_type} ${trigger}`;
  const place = loc.name ? `${esc(loc.name)}${loc.admin1 && loc.admin1 !== loc.name ? ", " + esc(loc.admin1) : ""}${loc.country ? " " + esc(loc.country) : ""}` : "unknown place";
  main.innerHTML = `
    <section class="panel">
      <h2>Event</h2>
      <p style="font-size:1.2rem;margin:.2rem 0 .8rem">${badge(e.event_type)} <b>${esc(trigger)}</b>
        · ${esc(e.status)} · ${esc(e.date || "undated")} · ${place}</p>
      <dl class="facts">
        <dt>Source</dt><dd>${actorHtml(e.source)}</dd>
        <dt>Target</dt><dd>${actorHtml(e.target)}</dd>
        <dt>When</dt><dd>${esc(e.date || "—")} <span class="muted">${esc(e.date_precision || "")} precision, from ${esc(e.date_basis || "—")}</span></dd>
        <dt>Where</dt><dd>${place} <span class="muted">${loc.lat != null ? `${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)} · ` : ""}${esc(loc.precision || "")}, from ${esc(loc.basis || "—")}</span></dd>
        <dt>Coding</dt><dd>CAMEO ${esc(e.cameo || "—")} · ${esc(e.context || "")} ${e.mode ? "· " + esc(e.mode) : ""} · confidence ${Number(e.confidence).toFixed(2)}</dd>
        <dt>Reported</dt><dd>${plural(e.mentions, "mention")} in ${plural(e.articles, "article")} from ${plural(e.sources, "source")}</dd>
        <dt>Data</dt><dd><a href="/api/events/${esc(e.id)}">JSON</a> · id <code>${esc(e.id)}</code></dd>
      </dl>
    </section>
    <div class="keys">${keysHtml(["trigger", "source", "target", "place", "date"])}</div>
    ${data.mentions.map(mentionHtml).join("")}
    <section class="panel"><h2>Quotes in the article${data.mentions.length > 1 ? "s" : ""}</h2>
      ${data.quotes.length ? data.quotes.map(quoteHtml).join("") : '<p class="muted">No quotes.</p>'}</section>
    <section class="panel"><h2>Other events in ${data.mentions.length > 1 ? "the first article" : "the article"}</h2>
      <ul class="plain">${data.article_events.map((o) => `<li>${badge(o.event_type)} <a href="/events/${esc(o.id)}">${esc(o.trigger.text)}</a>
        <span class="muted">${esc(o.status)} · ${esc(o.date || "undated")} · ${esc(o.place || "")}</span></li>`).join("") || '<li class="muted">None.</li>'}</ul></section>`;
  document.body.dataset.ready = "1";
}

start();
