// dyad dashboard: filters → network, timeline, map, event table; paste box; event drawer.
import { api, esc, fmt, highlight, qs, actorLabel } from './util.js';
import { renderNetwork } from './network.js';
import { renderMap, renderTimeline } from './charts.js';
import { cameoLabel, closeDetail, openDetail, renderTable, setCameoNames } from './table.js';
import { loadSystem } from './system.js';

const PAGE = 25;
const state = { filter: {}, offset: 0 };
const $ = (id) => document.getElementById(id);

function readFilters() {
  const f = Object.fromEntries(new FormData($('filters')).entries());
  if (f.actor) f.actor = f.actor.trim().toUpperCase();
  return f;
}

async function loadStats() {
  const s = await api('/api/stats');
  const chip = (n, what) => `<li><b>${fmt(n)}</b> ${what}</li>`;
  $('stats').innerHTML = chip(s.documents, 'articles') + chip(s.events, 'events') + chip(s.clusters, 'clusters') +
    chip(s.actors, 'actors') + (s.first_date ? `<li>${esc(s.first_date)} → ${esc(s.last_date)}</li>` : '');
}

async function loadTable() {
  const page = await api(`/api/events${qs({ ...state.filter, limit: PAGE, offset: state.offset })}`);
  renderTable(document.querySelector('#events tbody'), page, openDetail);
  const last = Math.min(page.offset + page.items.length, page.total);
  $('page').textContent = page.total ? `${fmt(page.offset + 1)}–${fmt(last)} of ${fmt(page.total)}` : '';
  $('events-count').textContent = `${fmt(page.total)} events · click one to read it in its article`;
  $('prev').disabled = page.offset === 0;
  $('next').disabled = last >= page.total;
}

async function refresh() {
  const f = state.filter;
  const errors = [];
  const guard = (p) => p.catch((e) => errors.push(e.message));
  await Promise.all([
    guard(api(`/api/network${qs(f)}`).then((net) => renderNetwork($('network'), net, (code) => {
      $('filters').elements.actor.value = code;
      apply();
    }))),
    guard(api(`/api/timeline${qs(f)}`).then((t) => renderTimeline($('timeline'), t.items))),
    guard(api(`/api/events${qs({ ...f, located: true, limit: 1000 })}`).then(async (page) => {
      const n = await renderMap($('map'), page.items);
      $('map-hint').textContent = `${fmt(n)} located event${n === 1 ? '' : 's'}`;
    })),
    guard(loadTable()),
    guard(loadSystem(f, openDetail)),
  ]);
  document.body.dataset.ready = errors.length ? 'error' : 'yes';
  if (errors.length) $('events-count').textContent = `Error: ${errors[0]}`;
}

function apply() {
  state.filter = readFilters();
  state.offset = 0;
  refresh();
}

function setupPaste() {
  const form = $('paste');
  form.elements.date.value = new Date().toISOString().slice(0, 10);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('paste-error').textContent = '';
    const text = form.elements.text.value;
    const body = { text };
    if (form.elements.date.value) body.date = form.elements.date.value;
    let r;
    try {
      r = await api('/api/code', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (e) {
      $('paste-error').textContent = e.message;
      $('paste-result').innerHTML = '';
      return;
    }
    const list = r.events.length
      ? `<ul class="ev-list">${r.events.map((e) => `<li>${actorLabel(e.source)} ${cameoLabel(e.cameo)} ${actorLabel(e.target)}
          <span class="sub">“${esc(e.evidence.text)}”</span></li>`).join('')}</ul>`
      : '<p class="hint">No events found in this text.</p>';
    const spans = r.events.map((e) => ({ start: e.evidence.start, end: e.evidence.end, primary: false }));
    $('paste-result').innerHTML = `<div><h2>${r.events.length} event${r.events.length === 1 ? '' : 's'}</h2>${list}</div>
      <pre class="article">${highlight(text, spans)}</pre>`;
  });
}

async function main() {
  $('filters').addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  $('filters').addEventListener('reset', () => setTimeout(apply, 0));
  $('system-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    loadSystem(state.filter, openDetail).catch((e) => { $('system-evidence').textContent = `Error: ${e.message}`; });
  });
  $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
  $('next').addEventListener('click', () => { state.offset += PAGE; loadTable(); });
  $('detail-close').addEventListener('click', closeDetail);
  $('scrim').addEventListener('click', closeDetail);
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') closeDetail(); });
  setupPaste();
  try {
    setCameoNames((await api('/api/cameo')).names);
  } catch { /* labels are optional */ }
  await loadStats().catch(() => {});
  await refresh();
}

main();
