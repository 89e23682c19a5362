import type { Stage } from '../core/stage.js';
import type { Doc, ActorMention } from '../core/doc.js';
import type { EventActor, DatePrecision } from '../core/event.js';
import type { ActorDictionary } from './dictionary.js';
import { defaultActors } from './defaults.js';
import { codeOn, splitCode } from './model.js';

/** the day a dated code is read on: the middle of a year or month when the event date is that coarse */
export function codeDate(date: string, precision: DatePrecision): string {
  if (precision === 'year') return `${date.slice(0, 4)}-07-01`;
  if (precision === 'month') return `${date.slice(0, 7)}-15`;
  return date;
}

/**
 * Actors are resolved on the publication date; an event the dates stage places earlier ("In 2016, Hulusi
 * Akar met ...") takes the codes its actors had on the event date: a person's or group's dated code, and
 * the holder of a title ("the Turkish defence minister") on that date. Composed codes ("Erdogan's troops")
 * and countries do not change.
 */
export function actorDatesStage(dict?: ActorDictionary): Stage {
  return {
    name: 'actor-dates',
    requires: ['actors', 'event-dates'],
    assigns: ['event-actor-dates'],
    run(doc: Doc) {
      const d = dict ?? defaultActors();
      for (let i = 0; i < doc.events.length; i++) {
        const ev = doc.events[i];
        if (ev.date === doc.date) continue;
        const day = codeDate(ev.date, ev.date_precision);
        const meta = doc.eventMeta[i];
        for (const side of ['source', 'target'] as const) {
          const actor = ev[side];
          if (!actor || !actor.code) continue;
          const m = findMention(doc, actor, meta);
          if (!m) continue;
          const note = recode(d, doc, m, actor, day);
          if (note && ev.explain) (side === 'source' ? ev.explain.source_entries : ev.explain.target_entries).push(note);
        }
      }
    },
  };
}

function findMention(doc: Doc, a: EventActor, meta: { from: number; to: number } | undefined): ActorMention | null {
  let any: ActorMention | null = null;
  for (const m of doc.mentions) {
    if (m.text !== a.text || m.code !== a.code) continue;
    if (meta && m.start >= meta.from && m.end <= meta.to) return m;
    any ??= m;
  }
  return any;
}

function recode(d: ActorDictionary, doc: Doc, m: ActorMention, a: EventActor, day: string): string | null {
  if (m.holder && m.country) {
    const office = m.entries.map((e) => /^office '([^']+)'/.exec(e)?.[1]).find(Boolean);
    const h = office ? d.holderOf(m.country, office, day) : null;
    if (h && h.entry.label !== a.name) { a.name = h.entry.label; return `office '${office}' of ${m.country} on the event date ${day}: ${h.entry.label}`; }
    return null;
  }
  if (!m.entryId) return null;
  const e = d.byId(m.entryId);
  if (!e || (e.kind !== 'person' && e.kind !== 'group')) return null;
  const then = codeOn(e, doc.date);
  if (!then || then.code !== a.code) return null; // the code was composed or overridden, not the entry's own
  const now = codeOn(e, day);
  if (!now || now.code === a.code) return null;
  const { country, sector } = splitCode(now.code);
  a.code = now.code;
  a.country = country;
  a.sector = sector;
  return `${e.id} on the event date ${day}: ${now.code} [${now.from ?? ''}..${now.to ?? ''}] (was ${then.code} on ${doc.date})`;
}
