import type { Stage } from '../core/stage.js';
import type { Doc, ActorMention } from '../core/doc.js';
import { defaultActors, type ActorDictionary } from './dictionary.js';
import { resolveNp } from './resolve.js';
import { resolvePronouns, inferAgentCountries } from './coref.js';
import { datelineCountry } from './dateline.js';

/** Finds actor mentions in noun phrases and resolves their CAMEO codes on the publication date. */
export function actorsStage(dict: ActorDictionary = defaultActors()): Stage {
  return {
    name: 'actors',
    requires: ['chunks', 'clauses'],
    assigns: ['actors'],
    run(doc: Doc) {
      doc.mentions = [];
      const chunks = doc.chunks;
      for (let c = 0; c < chunks.length; c++) {
        const ch = chunks[c];
        if (ch.kind !== 'NP') continue;
        const t = doc.tokens[ch.start];
        if (ch.end - ch.start === 1 && t.pos === 'PRON') {
          doc.mentions.push(pronounMention(doc, ch.start));
          ch.mention = doc.mentions.length - 1;
          continue;
        }
        // "the president of Egypt": an agent NP takes the country from its "of" phrase
        let extendTo = ch.end;
        const next = chunks[c + 1];
        if (next && next.kind === 'NP' && next.prep === ch.end && doc.tokens[ch.end].lower === 'of') extendTo = next.end;
        // only an NP that names no actor of its own takes one from its "of" phrase: "the president of
        // Egypt" does, "Iran of arming Hezbollah" and "the annexation of Crimea" do not
        const own = resolveNp(doc, dict, ch, ch.end);
        const ownNamed = !!own && own.kind !== 'agent' && own.kind !== 'unknown';
        const m = extendTo > ch.end && !ownNamed ? resolveNp(doc, dict, ch, extendTo) : own;
        if (!m) continue;
        if (m !== own && m.end > ch.end && m.kind === 'country' && !m.agents.length) {
          if (!own) continue;
          doc.mentions.push(own);
        } else {
          doc.mentions.push(m);
        }
        ch.mention = doc.mentions.length - 1;
        if (m !== own && m.end > ch.end) next.mention = ch.mention; // the "of" NP is part of this actor
        if (ch.possessor !== undefined && doc.tokens[ch.possessor].pos === 'PART') {
          const pm = doc.mentions[ch.mention];
          if (pm.end <= ch.possessor) ch.possessorMention = ch.mention;
        }
      }
      resolvePronouns(doc);
      inferAgentCountries(doc, datelineCountry(doc, dict));
    },
  };
}

function pronounMention(doc: Doc, k: number): ActorMention {
  const t = doc.tokens[k];
  return {
    start: k, end: k + 1, text: t.text, code: null, country: null, sector: null, name: null,
    kind: 'pronoun', entries: [], confidence: 0.5, locative: false, agents: [],
  };
}
