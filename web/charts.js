// Timeline (stacked bars per day by quad class) and map (equirectangular world, located events), plain SVG.
import { QUAD_COLORS, QUAD_NAMES, fmt, svgEl } from './util.js';

export function renderTimeline(el, points) {
  el.innerHTML = '';
  const W = 560, H = 190, m = { l: 34, r: 8, t: 8, b: 24 };
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'events per day by quad class' }, el);
  if (!points.length) {
    el.insertAdjacentHTML('beforeend', '<div class="empty-state"><div><b>No events</b>nothing matches these filters</div></div>');
    el.style.position = 'relative';
    return 0;
  }
  // fill missing days so the time axis is honest
  const days = [];
  const byDate = new Map(points.map((p) => [p.date, p]));
  const d0 = new Date(points[0].date + 'T00:00:00Z'), d1 = new Date(points[points.length - 1].date + 'T00:00:00Z');
  for (let d = d0; d <= d1 && days.length < 4000; d = new Date(d.getTime() + 86400000)) {
    const k = d.toISOString().slice(0, 10);
    days.push(byDate.get(k) ?? { date: k, q1: 0, q2: 0, q3: 0, q4: 0, total: 0 });
  }
  const max = Math.max(...days.map((p) => p.total), 1);
  const iw = W - m.l - m.r, ih = H - m.t - m.b;
  const step = iw / days.length;
  const bw = Math.max(1, Math.min(44, step * 0.8));
  const y = (v) => m.t + ih - (v / max) * ih;
  const axis = svgEl('g', { class: 'axis' }, svg);
  for (const t of [0, Math.ceil(max / 2), max]) {
    svgEl('line', { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t) }, axis);
    svgEl('text', { x: m.l - 6, y: y(t) + 3, 'text-anchor': 'end' }, axis).textContent = fmt(t);
  }
  let bars = 0;
  days.forEach((p, i) => {
    const x = m.l + i * step + (step - bw) / 2;
    let acc = 0;
    for (const q of [1, 2, 3, 4]) {
      const v = p[`q${q}`];
      if (!v) continue;
      const r = svgEl('rect', { class: `bar q${q}`, x, width: bw, y: y(acc + v), height: Math.max(1, y(acc) - y(acc + v)), fill: QUAD_COLORS[q] }, svg);
      svgEl('title', {}, r).textContent = `${p.date}: ${v} ${QUAD_NAMES[q]}`;
      acc += v;
      bars++;
    }
  });
  const labels = Math.min(days.length, 6);
  for (let k = 0; k < labels; k++) {
    const i = labels === 1 ? 0 : Math.round((k * (days.length - 1)) / (labels - 1));
    const anchor = labels > 1 && k === 0 ? 'start' : labels > 1 && k === labels - 1 ? 'end' : 'middle';
    const x = anchor === 'start' ? m.l + i * step : anchor === 'end' ? m.l + (i + 1) * step : m.l + i * step + step / 2;
    svgEl('text', { x, y: H - 6, 'text-anchor': anchor }, axis).textContent = days[i].date;
  }
  return bars;
}

let world = null;

async function loadWorld() {
  if (world) return world;
  const topo = await (await fetch('/vendor/countries-110m.json')).json();
  world = window.topojson.feature(topo, topo.objects.countries).features;
  return world;
}

const W = 960, H = 440, LAT_TOP = 84, LAT_BOTTOM = -58;
const px = (lon) => ((lon + 180) / 360) * W;
const py = (lat) => ((LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM)) * H;

/** Rings as an SVG path; a jump across the antimeridian starts a new sub-path instead of a line across the map. */
function ringsPath(rings) {
  let d = '';
  for (const ring of rings) {
    let prev = null;
    for (const [lon, lat] of ring) {
      const cmd = prev === null || Math.abs(lon - prev) > 180 ? 'M' : 'L';
      d += `${cmd}${px(lon).toFixed(1)},${py(Math.max(LAT_BOTTOM, lat)).toFixed(1)}`;
      prev = lon;
    }
    d += 'Z';
  }
  return d;
}

export async function renderMap(el, events) {
  el.innerHTML = '';
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'map of located events' }, el);
  for (let lon = -150; lon <= 150; lon += 30) svgEl('line', { class: 'graticule', x1: px(lon), x2: px(lon), y1: 0, y2: H }, svg);
  for (let lat = -30; lat <= 60; lat += 30) svgEl('line', { class: 'graticule', x1: 0, x2: W, y1: py(lat), y2: py(lat) }, svg);
  const features = await loadWorld();
  const g = svgEl('g', {}, svg);
  for (const f of features) {
    const geom = f.geometry;
    if (!geom) continue;
    const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
    const p = svgEl('path', { class: 'country', d: polys.map(ringsPath).join('') }, g);
    svgEl('title', {}, p).textContent = f.properties?.name ?? '';
  }
  const located = events.filter((e) => e.location && e.location.lat !== null && e.location.lon !== null);
  // one dot per place and quad class, sized by count
  const groups = new Map();
  for (const e of located) {
    const k = `${e.location.lat.toFixed(2)},${e.location.lon.toFixed(2)},${e.quad_class}`;
    const gr = groups.get(k) ?? { e, n: 0 };
    gr.n++;
    groups.set(k, gr);
  }
  for (const { e, n } of [...groups.values()].sort((a, b) => b.n - a.n)) {
    const r = Math.min(16, 3.5 + 2.2 * Math.log2(1 + n));
    const c = svgEl('circle', { class: 'event', cx: px(e.location.lon), cy: py(e.location.lat), r, fill: QUAD_COLORS[e.quad_class] }, svg);
    svgEl('title', {}, c).textContent = `${e.location.name}: ${n} event(s), ${QUAD_NAMES[e.quad_class]}`;
  }
  el.dataset.located = String(located.length);
  if (!located.length) {
    el.insertAdjacentHTML('beforeend', '<div class="empty-state" id="map-empty"><div><b>No located events</b>' +
      'events get a place when the coder resolves where they happened</div></div>');
  }
  return located.length;
}
