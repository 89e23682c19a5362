// Small shared helpers for the dashboard (no dependencies).

export const QUAD_COLORS = { 1: '#6fb07f', 2: '#237a52', 3: '#e69a3c', 4: '#c8453d' };
export const QUAD_NAMES = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export const fmt = (n) => Number(n).toLocaleString('en-US');

/** GET/POST JSON; throws Error(message) with the API's {error:{code,message}}. */
export async function api(path, init) {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const e = new Error(body?.error?.message ?? `HTTP ${res.status}`);
    e.code = body?.error?.code;
    throw e;
  }
  return body;
}

/** URL query string from a filter object, without empty values. */
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/**
 * The article text as HTML with spans marked. spans: [{start, end, primary}] (character offsets).
 * Overlapping spans are merged; the primary one keeps its class.
 */
export function highlight(text, spans) {
  const sorted = [...spans].filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || Number(!!b.primary) - Number(!!a.primary));
  let html = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    html += esc(text.slice(at, s.start));
    html += `<mark class="${s.primary ? 'primary' : ''}" data-start="${s.start}">${esc(text.slice(s.start, s.end))}</mark>`;
    at = s.end;
  }
  return html + esc(text.slice(at));
}

export function svgEl(name, attrs = {}, parent) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (parent) parent.appendChild(el);
  return el;
}

export function actorLabel(a) {
  if (!a) return '<span class="sub">—</span>';
  const name = a.name ?? a.text;
  return `<span class="code">${esc(a.code ?? '?')}</span><span class="sub">${esc(name)}</span>`;
}
