// Event table and the detail drawer (the article with the evidence highlighted).
import { QUAD_NAMES, actorLabel, api, esc, fmt, highlight } from './util.js';

let cameoNames = {};
export function setCameoNames(names) { cameoNames = names; }

export const cameoLabel = (code) =>
  `<span class="code">${esc(code)}</span><span class="sub">${esc(cameoNames[code] ?? '')}</span>`;

const quadBadge = (q) => `<span class="badge q${q}" title="${esc(QUAD_NAMES[q])}">${q}</span>`;

export function renderTable(tbody, page, onOpen) {
  if (!page.items.length) {
    tbody.innerHTML = '<tr><td colspan="7" class="none">No events match these filters.</td></tr>';
    return;
  }
  tbody.innerHTML = page.items.map((e) => `
    <tr tabindex="0" data-id="${e.store.id}">
      <td>${esc(e.date)}</td>
      <td>${actorLabel(e.source)}</td>
      <td>${cameoLabel(e.cameo)}</td>
      <td>${actorLabel(e.target)}</td>
      <td>${quadBadge(e.quad_class)}</td>
      <td>${e.store.mentions}</td>
      <td class="ev">${esc(e.evidence.text)}<span class="sub">${e.store.source ? `${esc(e.store.source)} · ` : ''}${esc(e.doc_id)}</span></td>
    </tr>`).join('');
  for (const tr of tbody.querySelectorAll('tr[data-id]')) {
    const open = () => onOpen(Number(tr.dataset.id));
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); } });
  }
}

const DATE_SOURCES = {
  meta: 'page metadata', 'json-ld': 'page JSON-LD', feed: 'feed', time: 'date in the page', default: 'no date found: default',
};

/** the article's provenance: title, outlet, published (and from where), language, feed, link */
export function articleFacts(doc) {
  const safeUrl = (u) => (/^https?:\/\//i.test(u ?? '') ? u : null);
  const link = safeUrl(doc.url);
  const feed = safeUrl(doc.feed);
  const parts = [
    doc.title ? `<b class="doc-title">${esc(doc.title)}</b>` : esc(doc.ext_id),
    doc.source ? `<span class="doc-outlet">${esc(doc.source)}</span>` : '',
    `published ${esc(doc.date)}${doc.date_source ? ` <span class="doc-date-source">(${esc(DATE_SOURCES[doc.date_source] ?? doc.date_source)}${doc.published_at ? `: ${esc(doc.published_at)}` : ''})</span>` : ''}`,
    doc.language ? `language <span class="code doc-language">${esc(doc.language)}</span>` : '',
    feed ? `via <a class="doc-feed" href="${esc(feed)}" rel="noreferrer noopener" target="_blank">feed</a>` : '',
    link ? `<a class="doc-link" href="${esc(link)}" rel="noreferrer noopener" target="_blank">${esc(hostOf(link))}</a>` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function hostOf(url) {
  try { return new URL(url).host; } catch { return 'link'; }
}

const drawer = () => document.getElementById('detail');

export function closeDetail() {
  drawer().classList.remove('open');
  drawer().setAttribute('aria-hidden', 'true');
  document.getElementById('scrim').hidden = true;
}

export async function openDetail(id) {
  const body = document.getElementById('detail-body');
  body.innerHTML = '<p class="hint">Loading…</p>';
  drawer().classList.add('open');
  drawer().setAttribute('aria-hidden', 'false');
  document.getElementById('scrim').hidden = false;
  let d;
  try {
    d = await api(`/api/events/${id}`);
  } catch (e) {
    body.innerHTML = `<p class="error">${esc(e.message)}</p>`;
    return;
  }
  const e = d.event;
  const doc = d.document;
  document.getElementById('detail-title').innerHTML =
    `${esc(e.source.code ?? e.source.text)} → ${esc(e.target?.code ?? '—')} · ${esc(cameoNames[e.cameo] ?? e.cameo)}`;
  const spans = d.mentions.map((m) => ({ start: m.evidence.start, end: m.evidence.end, primary: false }));
  spans.push({ start: e.evidence.start, end: e.evidence.end, primary: true });
  const c = d.cluster;
  const clusterHtml = c && c.events > 1
    ? `<div class="cluster-box">Reported in <b>${fmt(c.documents)}</b> articles (<b>${fmt(c.mentions)}</b> mentions, ${fmt(c.sources)} sources) on ${esc(c.key.date)}.
       <span class="sub">merged because they share: ${c.merged_on.map(esc).join(', ')} · cluster #${c.id}</span>
       <span class="members">${c.members.slice(0, 12).map((m) => m === e.store.id
    ? `<span class="member current">#${m}</span>`
    : `<button type="button" class="member" data-id="${m}">#${m}</button>`).join('')}</span></div>`
    : '';
  body.innerHTML = `
    <dl class="facts">
      <dt>Event</dt><dd><span class="code">${esc(e.cameo)}</span> ${esc(cameoNames[e.cameo] ?? '')} ${quadBadge(e.quad_class)} goldstein ${esc(e.goldstein)}${e.plover.type ? ` · PLOVER ${esc(e.plover.type)}` : ''}</dd>
      <dt>Source</dt><dd>${esc(e.source.text)} <span class="code">${esc(e.source.code ?? '?')}</span></dd>
      <dt>Target</dt><dd>${e.target ? `${esc(e.target.text)} <span class="code">${esc(e.target.code ?? '?')}</span>` : '—'}</dd>
      <dt>Date</dt><dd>${esc(e.date)} (${esc(e.date_precision)})${e.location ? ` · ${esc(e.location.name)}` : ''}</dd>
      <dt>Flags</dt><dd>${[e.quote && `quoted${e.speaker ? ` (${esc(e.speaker)})` : ''}`, e.conditional && 'conditional', e.negated && 'negated'].filter(Boolean).join(', ') || '—'}</dd>
      <dt>Article</dt><dd>${articleFacts(doc)}</dd>
      <dt>Mentions</dt><dd>${d.mentions.length} in this article (highlighted)</dd>
    </dl>
    ${clusterHtml}
    <pre class="article" id="detail-text">${highlight(doc.text, spans)}</pre>`;
  for (const b of body.querySelectorAll('button.member')) b.addEventListener('click', () => openDetail(Number(b.dataset.id)));
  body.querySelector('mark.primary')?.scrollIntoView({ block: 'center' });
}
