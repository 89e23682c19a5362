/** The conflict-system view as Markdown (for reading) and Graphviz DOT (for drawing). */
import type { EvidenceRef, SystemView } from './types.js';

const SIDE_COLORS = ['#2f6fb0', '#c8453d', '#7a4fb5', '#d08a1e', '#2a9d8f', '#8a6d3b', '#5c7080', '#b5487a'];
export const sideColor = (i: number | null): string => (i === null ? '#9aa5b1' : SIDE_COLORS[i % SIDE_COLORS.length]);

const sign = (x: number) => (x > 0 ? `+${x}` : String(x));
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function cite(e: EvidenceRef, names: Record<string, string>): string {
  const what = names[e.cameo] ? `${e.cameo} ${names[e.cameo]}` : e.cameo;
  return `#${e.id} ${e.date} ${e.source} → ${e.target} (${what}): “${oneLine(e.text)}” [${e.event}]`;
}

/** Markdown: sides with confidence and reasons, mediators, proxy relations, tie changes, strongest dyads. */
export function systemMarkdown(v: SystemView, names: Record<string, string> = {}, perClaim = 2): string {
  const L: string[] = [];
  const p = v.params;
  const range = `${v.first_date ?? '…'} → ${v.last_date ?? '…'}`;
  L.push(`# Conflict system${p.country ? ` — ${p.country}` : ''}`, '');
  L.push(`${v.stats.events} events among ${v.stats.actors} actors (${v.stats.ties} ties), ${range}; windows by ${p.window}; ` +
    `actors collapsed: ${p.collapse}; local parties: ${v.local_countries.join(', ') || 'none found'}. ` +
    `Structural balance ${(v.balance * 100).toFixed(0)}% (frustration ${v.frustration}). Method: ${v.method}.`, '');
  L.push('## Sides', '');
  if (!v.sides.length) L.push('No ties between actors in this range.', '');
  for (const s of v.sides) {
    L.push(`### Side ${s.id + 1}: ${s.label}`, '');
    if (s.local.length || s.outside.length) L.push(`local parties: ${s.local.join(', ') || '—'} · outside actors: ${s.outside.join(', ') || '—'}`, '');
    for (const m of s.members) {
      L.push(`- **${m.actor}** — confidence ${m.confidence.toFixed(2)} (agreeing tie weight ${m.agree}, against ${m.against})`);
      for (const r of m.reasons) {
        const how = r.relation === 'against' ? `tie against this placement: ${r.with}` : `${r.relation} of ${r.with}`;
        L.push(`  - ${how} (tie ${sign(r.weight)})`);
        for (const e of r.evidence.slice(0, perClaim)) L.push(`    - ${cite(e, names)}`);
      }
    }
    L.push('');
  }
  if (v.mediators.length) L.push(`Mediators (cooperate with opposed sides, fight none): ${v.mediators.join(', ')}`, '');
  L.push('## Proxy relations', '');
  if (!v.proxies.length) L.push('None found: no outside actor supports a local party that is in conflict with another.', '');
  for (const x of v.proxies) {
    L.push(`- **${x.backer}** backs **${x.client}** against **${x.opponent}** (${x.support} support, strength ${x.strength}` +
      `${x.direct_conflict < 0 ? `; in direct conflict with ${x.opponent}, ${x.direct_conflict}` : ''})` +
      `${x.opponent_backers.length ? `; ${x.opponent} is backed by ${x.opponent_backers.join(', ')}` : ''}`);
    for (const e of x.evidence.support.slice(0, perClaim)) L.push(`  - support: ${cite(e, names)}`);
    for (const e of x.evidence.conflict.slice(0, perClaim)) L.push(`  - conflict: ${cite(e, names)}`);
    for (const e of x.evidence.direct.slice(0, 1)) L.push(`  - direct: ${cite(e, names)}`);
  }
  L.push('', '## Ties that changed sign', '');
  if (!v.changes.length) L.push('None.', '');
  for (const c of v.changes) {
    L.push(`- ${c.a} – ${c.b} **${c.kind}**: ${c.before.window} ${sign(c.before.net)} → ${c.after.window} ${sign(c.after.net)}`);
    for (const e of c.before.evidence.slice(0, 1)) L.push(`  - before: ${cite(e, names)}`);
    for (const e of c.after.evidence.slice(0, 1)) L.push(`  - after: ${cite(e, names)}`);
  }
  L.push('', '## Strongest dyads', '', '| dyad | tie | events | q1 | q2 | q3 | q4 | Goldstein mean | first | last | event ids |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const d of v.dyads) {
    L.push(`| ${d.a} – ${d.b} | ${sign(d.weight)} | ${d.events} | ${d.quad.q1} | ${d.quad.q2} | ${d.quad.q3} | ${d.quad.q4} | ${d.goldstein_mean} | ` +
      `${d.first} | ${d.last} | ${d.event_ids.slice(0, 8).join(' ')}${d.event_ids.length > 8 ? ' …' : ''} |`);
  }
  return L.join('\n') + '\n';
}

const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

/** Graphviz DOT: nodes filled by side (grey: mediators), green edges for cooperation, red dashed for conflict. */
export function systemDot(v: SystemView): string {
  const L = ['graph conflict_system {', '  graph [overlap=false, splines=true];', '  node [style=filled, fontcolor=white, fontname="Helvetica"];'];
  for (const a of v.actors) {
    // \n is Graphviz's line break inside a label: added after quoting the id
    const label = a.side === null ? q(a.id) : `${q(a.id).slice(0, -1)}\\nside ${a.side + 1}"`;
    L.push(`  ${q(a.id)} [label=${label}, fillcolor=${q(sideColor(a.side))}, shape=${a.local ? 'box' : 'ellipse'}];`);
  }
  const max = Math.max(1e-9, ...v.ties.map((t) => Math.abs(t.weight)));
  for (const t of v.ties) {
    if (!t.weight) continue;
    const width = (1 + 4 * Math.abs(t.weight) / max).toFixed(1);
    const style = t.weight > 0 ? 'color="#237a52"' : 'color="#c8453d", style=dashed';
    L.push(`  ${q(t.a)} -- ${q(t.b)} [${style}, penwidth=${width}, label=${q(sign(t.weight))}];`);
  }
  L.push('}');
  return L.join('\n') + '\n';
}
