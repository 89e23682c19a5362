// Conflict system panel: the signed actor network coloured by side, sides and proxy relations with their
// evidence, and a timeline of how the strongest ties changed. Click anything to reach the events.
import cytoscape from '/vendor/cytoscape.mjs';
import { api, esc, fmt, qs } from './util.js';

export const SIDE_COLORS = ['#2f6fb0', '#c8453d', '#7a4fb5', '#d08a1e', '#2a9d8f', '#8a6d3b', '#5c7080', '#b5487a'];
const sideColor = (i) => (i === null || i === undefined ? '#9aa5b1' : SIDE_COLORS[i % SIDE_COLORS.length]);
const POS = '#237a52', NEG = '#c8453d';
const signed = (x) => (x > 0 ? `+${x}` : String(x));

let cy = null;
let openEvent = () => {};
const $ = (id) => document.getElementById(id);

/** Evidence items: each opens the event in its article. */
function evidenceList(refs) {
  if (!refs.length) return '<p class="hint">no events</p>';
  return `<ul class="sys-ev">${refs.map((e) => `<li><button type="button" class="ev-link" data-id="${e.id}">
    <span class="code">#${e.id}</span> ${esc(e.date)} <span class="code">${esc(e.source)}</span> → <span class="code">${esc(e.target)}</span>
    <span class="code">${esc(e.cameo)}</span> <span class="sub">“${esc(e.text)}”</span></button></li>`).join('')}</ul>`;
}

function wireLinks(root) {
  for (const b of root.querySelectorAll('button.ev-link')) b.addEventListener('click', () => openEvent(Number(b.dataset.id)));
}

/** Show events by store id in the evidence pane (details fetched for the first few). */
async function showEvents(title, ids) {
  const pane = $('system-evidence');
  pane.innerHTML = `<h3>${esc(title)}</h3><p class="hint">Loading…</p>`;
  const shown = ids.slice(0, 8);
  const details = await Promise.all(shown.map((id) => api(`/api/events/${id}`).catch(() => null)));
  const refs = details.filter(Boolean).map((d) => ({
    id: d.event.store.id, date: d.event.date, source: d.event.source.code ?? '?', target: d.event.target?.code ?? '—',
    cameo: d.event.cameo, text: d.event.evidence.text,
  }));
  pane.innerHTML = `<h3>${esc(title)}</h3>${evidenceList(refs)}${ids.length > shown.length ? `<p class="hint">and ${fmt(ids.length - shown.length)} more</p>` : ''}`;
  wireLinks(pane);
}

function showActor(v, id) {
  const a = v.actors.find((x) => x.id === id);
  const side = v.sides.find((s) => s.members.some((m) => m.actor === id));
  const m = side?.members.find((x) => x.actor === id);
  const pane = $('system-evidence');
  if (!m) {
    pane.innerHTML = `<h3>${esc(id)}</h3><p class="hint">${a?.mediator ? 'mediator: cooperates with opposed sides and fights none' : 'no side'}</p>`;
    return;
  }
  pane.innerHTML = `<h3>${esc(id)} · side ${side.id + 1} · confidence ${m.confidence.toFixed(2)}</h3>` + m.reasons.map((r) =>
    `<div class="reason"><b>${r.relation === 'against' ? `tie against this placement: ${esc(r.with)}` : `${esc(r.relation)} of ${esc(r.with)}`}</b>
     <span class="sub">tie ${signed(r.weight)}</span>${evidenceList(r.evidence)}</div>`).join('');
  wireLinks(pane);
}

/**
 * Positions by side: side centres on a circle (two sides face each other left and right), members around
 * their centre with the local parties facing the other sides; mediators and unaligned actors in the middle.
 */
function sidePositions(v) {
  const pos = {};
  const S = v.sides.length;
  const R = S > 1 ? 240 : 0;
  v.sides.forEach((side, i) => {
    const a = Math.PI + (2 * Math.PI * i) / Math.max(S, 1);
    const cx = R * Math.cos(a), cy = R * Math.sin(a);
    const k = side.members.length;
    const r = k === 1 ? 0 : 46 + 16 * k;
    side.members.forEach((m, j) => {
      const step = (2 * Math.PI) / k;
      const off = Math.ceil(j / 2) * step * (j % 2 ? 1 : -1);
      const b = a + Math.PI + off + (j ? 0.45 : 0); // j = 0 faces the centre; a tilt keeps ties off straight lines
      pos[m.actor] = { x: cx + r * Math.cos(b), y: cy + r * Math.sin(b) };
    });
  });
  const rest = v.actors.filter((x) => !(x.id in pos));
  rest.forEach((x, j) => { pos[x.id] = { x: (j - (rest.length - 1) / 2) * 90, y: -R * 0.75 - 20 }; });
  return pos;
}

function renderGraph(el, v) {
  if (cy) { cy.destroy(); cy = null; }
  el.querySelector('.empty-state')?.remove();
  el.dataset.nodes = String(v.actors.length);
  el.dataset.ties = String(v.ties.length);
  if (!v.ties.length) {
    el.insertAdjacentHTML('beforeend', '<div class="empty-state"><div><b>No ties</b>no events between two actors in this range</div></div>');
    return;
  }
  const max = Math.max(...v.ties.map((t) => Math.abs(t.weight)), 1e-9);
  const maxEv = Math.max(...v.actors.map((a) => a.events), 1);
  cy = cytoscape({
    container: el,
    elements: [
      ...v.actors.map((a) => ({ data: {
        id: a.id, label: a.id, color: sideColor(a.side), size: 18 + 22 * Math.sqrt(a.events / maxEv), shape: a.local ? 'round-rectangle' : 'ellipse',
      } })),
      ...v.ties.map((t, i) => ({ data: {
        id: `t${i}`, source: t.a, target: t.b, weight: t.weight, events: t.events, color: t.weight >= 0 ? POS : NEG,
        style: t.weight >= 0 ? 'solid' : 'dashed', width: 1.5 + 7 * Math.abs(t.weight) / max,
      } })),
    ],
    style: [
      { selector: 'node', style: {
        'background-color': 'data(color)', shape: 'data(shape)', width: 'data(size)', height: 'data(size)', label: 'data(label)',
        color: '#1d2733', 'font-size': 11, 'font-weight': 600, 'text-valign': 'bottom', 'text-margin-y': 4,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2, 'border-width': 2, 'border-color': '#fff',
      } },
      { selector: 'node:selected', style: { 'border-color': '#ffb400', 'border-width': 4 } },
      { selector: 'edge', style: {
        width: 'data(width)', 'line-color': 'data(color)', 'line-style': 'data(style)', 'curve-style': 'unbundled-bezier',
        'control-point-distances': 18, 'control-point-weights': 0.5, opacity: 0.8,
      } },
    ],
    layout: { name: 'preset', positions: sidePositions(v), padding: 36 },
  });
  cy.on('tap', 'node', (evt) => showActor(v, evt.target.id()));
  cy.on('tap', 'edge', (evt) => {
    const d = evt.target.data();
    const rel = v.dyads.find((x) => (x.a === d.source && x.b === d.target) || (x.a === d.target && x.b === d.source));
    const ids = rel ? rel.event_ids : [];
    if (ids.length) showEvents(`${d.source} – ${d.target}: tie ${signed(d.weight)}, ${d.events} event(s)`, ids);
    else $('system-evidence').innerHTML = `<h3>${esc(d.source)} – ${esc(d.target)}</h3><p class="hint">tie ${signed(d.weight)}, ${d.events} event(s): raise “top” to list its events</p>`;
  });
  window.dyadSystem = cy;
}

function renderSides(el, v) {
  const sides = v.sides.map((s) => `<div class="side-box" style="border-left-color:${sideColor(s.id)}">
    <h3>Side ${s.id + 1}: ${esc(s.label)}</h3>
    <ul class="members">${s.members.map((m) => `<li><button type="button" class="actor-link" data-actor="${esc(m.actor)}">
      <span class="code">${esc(m.actor)}</span></button>${s.local.includes(m.actor) ? '<span class="tag">local</span>' : ''}
      <span class="conf" title="confidence"><i style="width:${Math.round(m.confidence * 100)}%;background:${sideColor(s.id)}"></i></span>
      <span class="sub">${m.confidence.toFixed(2)}</span></li>`).join('')}</ul></div>`).join('');
  const mediators = v.mediators.length ? `<p class="hint">Mediators: ${v.mediators.map((m) => `<span class="code">${esc(m)}</span>`).join(' ')}</p>` : '';
  const proxies = v.proxies.length ? `<h3>Proxy relations</h3><ul class="proxies">${v.proxies.map((p, i) => `<li>
      <button type="button" class="proxy-link" data-i="${i}"><b>${esc(p.backer)}</b> backs <b>${esc(p.client)}</b> against <b>${esc(p.opponent)}</b></button>
      <span class="sub">${esc(p.support)} support${p.opponent_backers.length ? ` · ${esc(p.opponent)} backed by ${p.opponent_backers.map(esc).join(', ')}` : ''}</span></li>`).join('')}</ul>`
    : '<p class="hint">No proxy relations found.</p>';
  el.innerHTML = `<p class="hint">${fmt(v.stats.events)} events · ${fmt(v.stats.actors)} actors · balance ${(v.balance * 100).toFixed(0)}% ·
    local: ${v.local_countries.map(esc).join(', ') || '—'}</p>${sides}${mediators}${proxies}`;
  for (const b of el.querySelectorAll('button.actor-link')) b.addEventListener('click', () => {
    cy?.$(':selected').unselect();
    cy?.getElementById(b.dataset.actor).select();
    showActor(v, b.dataset.actor);
  });
  for (const b of el.querySelectorAll('button.proxy-link')) b.addEventListener('click', () => {
    const p = v.proxies[Number(b.dataset.i)];
    const pane = $('system-evidence');
    pane.innerHTML = `<h3>${esc(p.backer)} backs ${esc(p.client)} against ${esc(p.opponent)}</h3>
      <div class="reason"><b>support</b>${evidenceList(p.evidence.support)}</div>
      <div class="reason"><b>the local conflict</b>${evidenceList(p.evidence.conflict)}</div>
      ${p.evidence.direct.length ? `<div class="reason"><b>${esc(p.backer)} against ${esc(p.opponent)} directly</b>${evidenceList(p.evidence.direct)}</div>` : ''}`;
    wireLinks(pane);
  });
}

/** Rows: the strongest dyads; columns: windows; cells: net tie in that window (green cooperation, red conflict). */
function renderTieTimeline(el, v) {
  const windows = v.windows;
  const dyads = v.dyads.slice(0, 12);
  if (!dyads.length || !windows.length) { el.innerHTML = ''; return; }
  const max = Math.max(...dyads.flatMap((d) => d.windows.map((w) => Math.abs(w.net))), 1e-9);
  const changed = new Set(v.changes.map((c) => `${c.a}|${c.b}|${c.after.window}`));
  const head = `<tr><th></th>${windows.map((w, i) => `<th>${i % Math.ceil(windows.length / 12) === 0 ? esc(w) : ''}</th>`).join('')}</tr>`;
  const rows = dyads.map((d, r) => {
    const byW = new Map(d.windows.map((w) => [w.window, w]));
    return `<tr><th class="dyad">${esc(d.a)} – ${esc(d.b)}</th>${windows.map((w) => {
      const c = byW.get(w);
      if (!c) return '<td></td>';
      const a = 0.25 + 0.75 * Math.min(1, Math.abs(c.net) / max);
      const color = c.net >= 0 ? `rgba(35,122,82,${a.toFixed(2)})` : `rgba(200,69,61,${a.toFixed(2)})`;
      const flip = changed.has(`${d.a}|${d.b}|${w}`) ? ' flip' : '';
      return `<td class="cell${flip}" style="background:${color}" data-r="${r}" data-w="${esc(w)}"
        title="${esc(`${d.a} – ${d.b}, ${w}: net ${signed(c.net)}, ${c.events} event(s)`)}"></td>`;
    }).join('')}</tr>`;
  }).join('');
  el.innerHTML = `<table class="tie-grid">${head}${rows}</table>`;
  for (const td of el.querySelectorAll('td.cell')) td.addEventListener('click', () => {
    const d = v.dyads[Number(td.dataset.r)];
    const w = d.windows.find((x) => x.window === td.dataset.w);
    showEvents(`${d.a} – ${d.b} in ${w.window}: net ${signed(w.net)}, ${w.events} event(s)`, w.event_ids);
  });
}

/** Load /api/system for the dashboard filter (from, to) and the panel's own country and window. */
export async function loadSystem(filter, onEvent) {
  openEvent = onEvent;
  const form = $('system-form');
  const params = { from: filter.from, to: filter.to, country: form.elements.country.value.trim().toUpperCase(), window: form.elements.window.value, top: 60 };
  const v = await api(`/api/system${qs(params)}`);
  renderGraph($('system-net'), v);
  renderSides($('system-sides'), v);
  renderTieTimeline($('system-timeline'), v);
  $('system-evidence').innerHTML = '<p class="hint">Click an actor, a tie, a proxy relation or a timeline cell to see the events behind it.</p>';
  $('system-card').dataset.sides = String(v.sides.length);
  $('system-card').dataset.proxies = String(v.proxies.length);
  return v;
}
