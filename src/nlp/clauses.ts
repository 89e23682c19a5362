import { participleForm } from './voice.js';
import { coordinationGap } from '../core/text.js';
import type { Doc, Clause, ClauseKind, Chunk } from '../core/doc.js';
import { SPEECH_VERBS, SUBORDINATORS, RELATIVE_PRONOUNS, TIME_HEADS } from './lexicon.js';

/** scratch space of clauseSentence (see there), grown as needed */
let scratch = new Int32Array(256);

interface Boundary {
  at: number; // first token of the new clause
  kind: ClauseKind;
  marker: number | null;
  /** the clause resumes the subject of the reduced relative before it: "Militias backed by Iran | attacked" */
  resume?: boolean;
}

/**
 * `;` `:` `—` `–`, read from a token's lower form (its text lower-cased; the dashes have no case) with one
 * length test: this runs on every token, and reading `text` as well touched a second string per token
 */
function clauseBreak(w: string): boolean {
  if (w.length !== 1) return false;
  const c = w.charCodeAt(0);
  return c === 59 || c === 58 || c === 0x2014 || c === 0x2013; // ; : — –
}

/** finite = can head a clause with its own subject */
function finite(doc: Doc, v: number): boolean {
  const vg = doc.verbs[v];
  return !vg.infinitive && !vg.participle;
}

/**
 * Segment one sentence into clauses and find each clause's subject. Boundaries come from subordinators,
 * relative pronouns, semicolons, coordinating conjunctions before a new verb, infinitives, participles,
 * and a finite verb following a speech verb ("officials said rebels attacked ...").
 */
export function clauseSentence(doc: Doc, sent: number, chunkFrom: number, verbFrom: number): void {
  const tokens = doc.tokens;
  const { first, last } = doc.sentences[sent];
  const chunkIdx: number[] = [];
  for (let c = chunkFrom; c < doc.chunks.length; c++) chunkIdx.push(c);
  // chunk → its verb and token → the chunk starting there, in arrays reused across sentences (they were two
  // Maps per sentence): vgAt[c - chunkFrom], startAt[k - first], -1 for none
  const nChunks = doc.chunks.length - chunkFrom;
  if (scratch.length < nChunks + last - first) scratch = new Int32Array(2 * (nChunks + last - first));
  const vgAt = scratch.subarray(0, nChunks).fill(-1);
  for (let v = verbFrom; v < doc.verbs.length; v++) vgAt[doc.verbs[v].chunk - chunkFrom] = v;
  const startAt = scratch.subarray(nChunks, nChunks + last - first).fill(-1);
  for (const c of chunkIdx) startAt[doc.chunks[c].start - first] = c;
  /** the chunk starting at token k of the sentence, or -1 */
  const chunkStartingAt = (k: number): number => (k >= first && k < last ? startAt[k - first] : -1);

  const bounds: Boundary[] = [{ at: first, kind: 'main', marker: null }];
  const push = (b: Boundary) => {
    // a clause opening after nothing but quote marks or brackets ("“If they shell …") starts the sentence
    if (b.at > first && bounds.length === 1) {
      let k = first;
      while (k < b.at && tokens[k].pos === 'PUNCT') k++;
      if (k === b.at) { bounds[0] = { ...b, at: first }; return; }
    }
    const same = bounds.findIndex((x) => x.at === b.at);
    if (same >= 0) {
      if (b.kind !== 'main' && bounds[same].marker === null) bounds[same] = b;
    } else bounds.push(b);
  };
  for (let k = first; k < last; k++) {
    const t = tokens[k];
    // "unless"/"if" open a clause whatever the tagger calls them (wink sometimes tags "Unless" as ADP)
    const condWord = (t.lower === 'unless' || t.lower === 'if') && (k === first || tokens[k - 1].text === ',');
    // (looked up only when used: a property lookup with a fresh string is not cheap, and this runs on every token)
    const sub = t.pos === 'SCONJ' || condWord ? SUBORDINATORS[t.lower] : undefined;
    if ((t.pos === 'SCONJ' && sub) || condWord) {
      // "that" after a noun that is not a speech noun is usually relative: "the deal that ended the war"
      let kind: ClauseKind = sub ?? 'conditional';
      if (t.lower === 'that' && k > first && (tokens[k - 1].pos === 'NOUN' || tokens[k - 1].pos === 'PROPN')) {
        const nextVerb = k + 1 < last && (tokens[k + 1].pos === 'VERB' || tokens[k + 1].pos === 'AUX');
        if (nextVerb) kind = 'relative';
      }
      push({ at: k, kind, marker: k });
    } else if ((t.pos === 'PRON' || t.pos === 'DET') && (RELATIVE_PRONOUNS.has(t.lower) || (t.lower === 'that' && k > first && (tokens[k - 1].pos === 'NOUN' || tokens[k - 1].pos === 'PROPN')))) {
      if (k > first && tokens[k - 1].pos !== 'ADP') push({ at: k, kind: 'relative', marker: k });
    } else if (clauseBreak(t.lower)) {
      if (k + 1 < last) push({ at: k + 1, kind: 'main', marker: null });
    } else if (t.pos === 'CCONJ' && k + 1 < last) {
      // "and" + VG (shared subject) or "and" + NP + finite VG (own subject)
      const c = chunkStartingAt(k + 1);
      if (c >= 0) {
        const ch = doc.chunks[c];
        const v = vgAt[c - chunkFrom];
        if (ch.kind === 'VG' && v >= 0 && finite(doc, v)) push({ at: k, kind: 'coordinate', marker: k });
        else if (ch.kind === 'NP') {
          const c2 = chunkStartingAt(ch.end);
          const v2 = c2 >= 0 ? vgAt[c2 - chunkFrom] : -1;
          // only after an earlier verb: "France, Germany and Italy condemned" is one coordinated subject
          let verbBefore = false;
          for (let v = verbFrom; v < doc.verbs.length && !verbBefore; v++) verbBefore = doc.chunks[doc.verbs[v].chunk].start < k;
          if (verbBefore && v2 >= 0 && finite(doc, v2) && !doc.verbs[v2].participle) push({ at: k, kind: 'coordinate', marker: k });
        }
      }
    }
  }
  // verb-driven boundaries: infinitives, participles, complement clauses without "that"
  let lastFiniteVerb: number | null = null;
  let lastVerbInSegment: number | null = null;
  let segStart = first;
  for (const c of chunkIdx) {
    const ch = doc.chunks[c];
    const v = vgAt[c - chunkFrom];
    // the last boundary at or before the chunk (no less than the sentence start)
    let segNow = first;
    for (const b of bounds) if (b.at <= ch.start && b.at > segNow) segNow = b.at;
    if (segNow !== segStart) { segStart = segNow; lastVerbInSegment = null; }
    if (v < 0) continue;
    const vg = doc.verbs[v];
    if (vg.infinitive) {
      push({ at: ch.start, kind: 'infinitival', marker: ch.start });
      segStart = ch.start; lastVerbInSegment = v;
      continue;
    }
    if (vg.participle || (vg.passive === false && (isReducedPassive(doc, v) || reducedBeforeVerb(doc, chunkIdx, c, v)))) {
      if (ch.start > first && lastVerbInSegment !== null) {
        push({ at: ch.start, kind: 'participial', marker: null });
        segStart = ch.start;
      } else if (ch.start > first && (isReducedPassive(doc, v) || reducedBeforeVerb(doc, chunkIdx, c, v))) {
        push({ at: ch.start, kind: 'participial', marker: null });
        segStart = ch.start;
      }
      lastVerbInSegment = v;
      continue;
    }
    // the segment the verb is in: the first of the latest boundaries at or before it
    let seg = bounds[0];
    for (const b of bounds) if (b.at <= ch.start && b.at > seg.at) seg = b;
    const afterComma = doc.tokens[ch.start - 1]?.text === ',';
    const restrictiveRelative = seg.kind === 'relative' && seg.marker !== null && doc.tokens[seg.marker - 1]?.text !== ',' && !SPEECH_VERBS.has(doc.verbs[lastVerbInSegment ?? v].lemma);
    if (lastVerbInSegment !== null && finite(doc, v) && seg.kind === 'relative' && ((afterComma && seg.marker !== null && doc.tokens[seg.marker - 1]?.text === ',') || (restrictiveRelative && !afterComma))) {
      // "The LNA, which is led by Haftar, accused Ankara": the main clause resumes after the relative clause
      push({ at: ch.start, kind: 'main', marker: null, resume: true });
      segStart = ch.start;
    } else if (lastVerbInSegment !== null && finite(doc, v) && (((isReducedPassive(doc, lastVerbInSegment) || isReducedActive(doc, lastVerbInSegment) || reducedBeforeVerb(doc, chunkIdx, doc.verbs[lastVerbInSegment].chunk, lastVerbInSegment)) && !npBetween(doc, chunkIdx, doc.verbs[lastVerbInSegment].chunk, c)) || commaParticiple(doc, lastVerbInSegment, c))) {
      push({ at: ch.start, kind: 'main', marker: null, resume: true });
      segStart = ch.start;
    } else if (lastVerbInSegment !== null && finite(doc, v) && isBareParticiple(doc, v) && !SPEECH_VERBS.has(doc.verbs[lastVerbInSegment].lemma) && doc.tokens[ch.start - 1]?.pos !== 'PUNCT' && !trailingSpeech(doc, chunkIdx, c, v)) {
      // "expelled two Russian diplomats based in Geneva": a bare -ed verb after an object is a reduced relative
      push({ at: ch.start, kind: 'participial', marker: null });
      segStart = ch.start;
    } else if (lastVerbInSegment !== null && finite(doc, v)) {
      // a second finite verb in one segment: the subject NP before it starts a new clause
      const subjStart = subjectStartBefore(doc, chunkIdx, c);
      const prevLemma = doc.verbs[lastVerbInSegment].lemma;
      if (subjStart !== null && subjStart > (doc.chunks[doc.verbs[lastVerbInSegment].chunk].end - 1)) {
        // after a fronted subordinate clause ("If Russia invades Ukraine, Germany will ..."), the main clause
        const fronted = (seg.kind === 'conditional' || seg.kind === 'adverbial') && doc.tokens[subjStart - 1]?.text === ',';
        push({ at: subjStart, kind: fronted ? 'main' : SPEECH_VERBS.has(prevLemma) ? 'complement' : 'coordinate', marker: null });
        segStart = subjStart;
      }
    }
    lastVerbInSegment = v;
    if (finite(doc, v)) lastFiniteVerb = v;
  }
  void lastFiniteVerb;
  // (boundaries have distinct starts; most sentences find them in order and need no sort)
  let sorted = true;
  for (let b = 1; b < bounds.length && sorted; b++) sorted = bounds[b - 1].at < bounds[b].at;
  if (!sorted) bounds.sort((a, b) => a.at - b.at);

  // build clauses
  const base = doc.clauses.length;
  /** resumed[ci - base]: the clause resumes the subject of the reduced relative before it */
  const resumed: boolean[] = [];
  for (let b = 0; b < bounds.length; b++) {
    const start = bounds[b].at;
    const end = b + 1 < bounds.length ? bounds[b + 1].at : last;
    if (end <= start) continue;
    let verb: number | null = null;
    for (let v = verbFrom; v < doc.verbs.length; v++) {
      const vc = doc.chunks[doc.verbs[v].chunk];
      if (vc.start >= start && vc.start < end) { verb = v; break; }
    }
    doc.clauses.push({
      i: doc.clauses.length, sent, start, end, kind: bounds[b].kind, verb, parent: null,
      marker: bounds[b].marker, subject: [], subjectFrom: null,
    });
    resumed.push(bounds[b].resume === true);
  }
  const clauses = doc.clauses;
  for (let ci = base; ci < clauses.length; ci++) {
    assignParentAndSubject(doc, clauses, base, ci, chunkIdx);
    if (resumed[ci - base] && clauses[ci].subject.length === 0 && ci > base) {
      clauses[ci].parent = null;
      clauses[ci].subjectFrom = ci - 1;
      // the clauses before it (the subject NP and the reduced relative) hang under it
      for (let q = base; q < ci; q++) if (clauses[q].parent === null || clauses[q].parent === ci - 1) clauses[q].parent = q === ci - 1 ? ci : clauses[q].parent;
    }
  }
}

/** a single -ed verb with no auxiliary: "based", "backed", "seized" */
function isBareParticiple(doc: Doc, v: number): boolean {
  const vg = doc.verbs[v];
  const ch = doc.chunks[vg.chunk];
  const w = doc.tokens[vg.head].lower;
  if (ch.end - ch.start !== 1 || doc.tokens[vg.head].pos !== 'VERB') return false;
  // an irregular participle ("memos sent by Bree") only with its "by" agent: "sent", "met", "left" are pasts too
  return /ed$/.test(w) || (participleForm(w) && doc.tokens[ch.end]?.lower === 'by');
}

/** "militias backed by Iran": an -ed verb without auxiliary followed by a "by" phrase */
function isReducedPassive(doc: Doc, v: number): boolean {
  const vg = doc.verbs[v];
  const ch = doc.chunks[vg.chunk];
  if (ch.end - ch.start !== 1) return false;
  const next = doc.tokens[ch.end];
  const prev = doc.tokens[ch.start - 1];
  if (!next || !prev || next.sent !== ch.sent || prev.sent !== ch.sent) return false;
  return next.lower === 'by' && (prev.pos === 'NOUN' || prev.pos === 'PROPN' || prev.text === ',') && participleForm(doc.tokens[vg.head].lower);
}

const REDUCED_PREPS = new Set(['in', 'with', 'to', 'near', 'from', 'at', 'on', 'across', 'along', 'for', 'under', 'inside', 'outside', 'throughout']);

/**
 * "A newspaper based in Beirut has violated a ban", "a body linked to the OAU, investigated": a lone -ed verb
 * right after the subject noun, followed by a prepositional phrase and then a finite verb group with no
 * object between, is a reduced relative; the later verb is the clause's own. c is the -ed verb's chunk.
 */
function reducedBeforeVerb(doc: Doc, chunkIdx: number[], c: number, v: number): boolean {
  const vg = doc.verbs[v];
  const ch = doc.chunks[c];
  if (vg.passive || vg.infinitive || ch.end - ch.start !== 1 || !doc.tokens[vg.head].lower.endsWith('ed')) return false;
  const prev = doc.tokens[ch.start - 1];
  const next = doc.tokens[ch.end];
  if (!prev || !next || prev.sent !== ch.sent || next.sent !== ch.sent) return false;
  if (!(prev.pos === 'NOUN' || prev.pos === 'PROPN') || !REDUCED_PREPS.has(next.lower)) return false;
  // no verb before it in the sentence: the -ed word follows the sentence's first noun phrase(s)
  for (let k = doc.sentences[ch.sent].first; k < ch.start; k++) if (doc.tokens[k].pos === 'VERB' || doc.tokens[k].pos === 'AUX') return false;
  const at = chunkIdx.indexOf(c);
  // the noun is a subject, not inside a phrase ("the minister, in remarks published on Monday, urged")
  const before = at > 0 ? doc.chunks[chunkIdx[at - 1]] : null;
  if (!before || before.kind !== 'NP' || before.prep !== undefined || before.end !== ch.start) return false;
  for (let i = at + 1; i < chunkIdx.length; i++) {
    const n = doc.chunks[chunkIdx[i]];
    if (n.sent !== ch.sent) return false;
    if (n.kind === 'NP') {
      if (n.prep === undefined && doc.tokens[n.start - 1]?.text !== ',') return false; // an object: "based" is the verb
      continue;
    }
    if (n.kind !== 'VG') continue;
    const w = doc.verbs.findIndex((x) => x.chunk === chunkIdx[i]);
    return w >= 0 && !doc.verbs[w].infinitive && !doc.verbs[w].participle;
  }
  return false;
}

/**
 * "…, Amnesty International reported on Monday.": a speech verb in -ed after ", NP" with nothing but
 * adverbials to the end of the sentence is a trailing attribution, not a reduced relative.
 */
function trailingSpeech(doc: Doc, chunkIdx: number[], c: number, v: number): boolean {
  if (!SPEECH_VERBS.has(doc.verbs[v].lemma)) return false;
  const at = chunkIdx.indexOf(c);
  const subj = at > 0 ? doc.chunks[chunkIdx[at - 1]] : null;
  if (!subj || subj.kind !== 'NP' || subj.prep !== undefined || subj.end !== doc.chunks[c].start || doc.tokens[subj.start - 1]?.text !== ',') return false;
  for (let i = at + 1; i < chunkIdx.length; i++) {
    const n = doc.chunks[chunkIdx[i]];
    if (n.sent !== doc.chunks[c].sent) break;
    if (n.kind !== 'NP') return false;
    if (n.prep === undefined && !TIME_HEADS.has(doc.tokens[n.head].lower)) return false; // an object, not "Wednesday"
  }
  return true;
}


/** first token of the NP (with its coordination) right before chunk c, if that NP is not a PP */
function subjectStartBefore(doc: Doc, chunkIdx: number[], c: number): number | null {
  const pos = chunkIdx.indexOf(c);
  if (pos <= 0) return null;
  let q = pos - 1;
  let prev = doc.chunks[chunkIdx[q]];
  if (prev.kind !== 'NP' || prev.end !== doc.chunks[c].start) return null;
  if (prev.prep === undefined) return prev.start;
  // '…," a spokesman for the foreign ministry said': back over the speaker's own prepositional phrases
  const v = doc.verbs.find((x) => x.chunk === c);
  if (!v || !SPEECH_VERBS.has(v.lemma)) return null;
  while (prev.prep !== undefined && q > 0) {
    const before = doc.chunks[chunkIdx[q - 1]];
    if (before.kind !== 'NP' || before.end !== prev.prep) return null;
    q--;
    prev = before;
  }
  const lead = doc.tokens[prev.start - 1]?.text ?? '';
  return prev.prep === undefined && (lead === ',' || /^["”’]$/.test(lead)) ? prev.start : null;
}

/** is there an object NP (not a "by" phrase) between two chunks? */
function npBetween(doc: Doc, chunkIdx: number[], a: number, b: number): boolean {
  for (const c of chunkIdx) {
    if (c <= a || c >= b) continue;
    const ch = doc.chunks[c];
    if (ch.kind === 'NP' && ch.prep === undefined) return true;
  }
  return false;
}

/**
 * "Recent drone attacks, occurring once a week, have killed …": an -ing participle set off by commas right
 * after the subject noun phrase; the finite verb after the closing comma resumes the subject.
 */
function commaParticiple(doc: Doc, p: number, c: number): boolean {
  const vg = doc.verbs[p];
  const pch = doc.chunks[vg.chunk];
  if (!vg.participle || doc.tokens[pch.start - 1]?.text !== ',' || doc.tokens[doc.chunks[c].start - 1]?.text !== ',') return false;
  const before = doc.tokens[pch.start - 2];
  if (!before || before.sent !== pch.sent || !(before.pos === 'NOUN' || before.pos === 'PROPN')) return false;
  // the participle follows the sentence's first noun phrase: no verb before it
  for (let k = doc.sentences[pch.sent].first; k < pch.start; k++) if (doc.tokens[k].pos === 'VERB' || doc.tokens[k].pos === 'AUX') return false;
  return true;
}

/** "guerrillas operating in Macedonia": an -ing participle right after a noun, before the main verb */
function isReducedActive(doc: Doc, v: number): boolean {
  const vg = doc.verbs[v];
  const ch = doc.chunks[vg.chunk];
  const prev = doc.tokens[ch.start - 1];
  return vg.participle && ch.end - ch.start === 1 && !!prev && prev.sent === ch.sent && (prev.pos === 'NOUN' || prev.pos === 'PROPN');
}

function isNp(ch: Chunk): boolean {
  return ch.kind === 'NP';
}

/** the coordinated NP list ending at chunk index position p (in chunkIdx): "France, Germany and Italy" */
export function coordinatedBefore(doc: Doc, chunkIdx: number[], p: number, floor: number): number[] {
  const out = [chunkIdx[p]];
  let q = p;
  while (q > 0) {
    const cur = doc.chunks[chunkIdx[q]];
    let prevQ = q - 1;
    let prev = doc.chunks[chunkIdx[prevQ]];
    // "the European Union (EU) and Turkey": the bracketed short form stands for the name before it
    let betweenFrom = prev.end;
    if (isParenAppositive(doc, chunkIdx, prevQ) && doc.tokens[prev.end]?.text === ')') {
      betweenFrom = prev.end + 1;
      prevQ--;
      prev = doc.chunks[chunkIdx[prevQ]];
    }
    if (!isNp(prev) || prev.prep !== undefined || prev.start < floor) break;
    if (!coordinationGap(doc.tokens, betweenFrom, cur.start, true)) break;
    out.unshift(chunkIdx[prevQ]);
    q = prevQ;
  }
  return out;
}

/** an NP in brackets right after another NP: "the European Union (EU)", "Hayat Tahrir al-Sham (HTS)" */
export function isParenAppositive(doc: Doc, chunkIdx: number[], q: number): boolean {
  if (q < 1) return false;
  const ch = doc.chunks[chunkIdx[q]];
  const prev = doc.chunks[chunkIdx[q - 1]];
  return isNp(ch) && isNp(prev) && ch.prep === undefined && doc.tokens[ch.start - 1]?.text === '(' && prev.end === ch.start - 1 && doc.tokens[ch.end]?.text === ')';
}

/**
 * NPs coordinated after chunk q ("in France, Germany and Italy"): positions in chunkIdx, only when the list
 * closes with "and"/"or" (a comma alone may end an introductory phrase: "In Syria, Turkey ...").
 */
function conjunctsAfter(doc: Doc, chunkIdx: number[], q: number, limit: number): number[] {
  const out: number[] = [];
  let closed = false;
  for (let r = q + 1; r < chunkIdx.length; r++) {
    const prev = doc.chunks[chunkIdx[r - 1]];
    const ch = doc.chunks[chunkIdx[r]];
    if (!isNp(ch) || ch.prep !== undefined || ch.start >= limit) break;
    const gap = coordinationGap(doc.tokens, prev.end, ch.start);
    if (!gap) break;
    out.push(r);
    closed = gap.conj;
    if (closed) break;
  }
  return closed ? out : [];
}

function assignParentAndSubject(doc: Doc, clauses: Clause[], base: number, ci: number, chunkIdx: number[]): void {
  const cl = clauses[ci];
  // parent: the closest earlier clause; a sentence-initial subordinate clause attaches to the next one
  if (ci > base) cl.parent = ci - 1;
  else if (cl.kind !== 'main' && ci + 1 < clauses.length && clauses[ci + 1].sent === cl.sent) cl.parent = ci + 1;
  if (cl.kind === 'main' && ci > base && clauses[ci - 1].kind !== 'main') {
    // "If they attack, they will be a target": the main clause after the conditional is the top one
    cl.parent = null;
    if (clauses[base].kind !== 'main' && clauses[base].parent === base + 1 && ci !== base + 1) clauses[base].parent = ci;
  }
  if (cl.verb === null) return;
  const vch = doc.verbs[cl.verb].chunk;
  const vstart = doc.chunks[vch].start;
  // own subject: the last non-PP NP before the verb inside the clause; NPs coordinated with a PP's object
  // belong to it ("Lawmakers in France and Germany welcomed": the subject is "Lawmakers")
  let p = -1;
  // (made only when a PP has conjuncts: rare)
  let ppConjuncts: Set<number> | null = null;
  for (let q = 0; q < chunkIdx.length; q++) {
    const ch = doc.chunks[chunkIdx[q]];
    if (ch.start >= vstart) break;
    if (ch.start < cl.start) continue;
    if (ch.kind === 'NP' && ch.prep !== undefined) for (const x of conjunctsAfter(doc, chunkIdx, q, vstart)) (ppConjuncts ??= new Set()).add(x);
    if (ch.kind === 'NP' && ch.prep === undefined && !ppConjuncts?.has(q)) p = isParenAppositive(doc, chunkIdx, q) ? q - 1 : q;
    if (ch.kind === 'VG') p = -1; // an NP before an earlier verb is that verb's subject
  }
  if (p >= 0 && cl.kind !== 'relative' && cl.kind !== 'infinitival' && cl.kind !== 'participial') {
    let list = coordinatedBefore(doc, chunkIdx, p, cl.start);
    // apposition "Hulusi Akar, Turkey's defence minister, said": keep the first NP, remember the appositive
    const before = doc.tokens[vstart - 1];
    if (list.length === 2 && before && before.text === ',') list = [list[0], list[1]];
    cl.subject = list;
    return;
  }
  if (p >= 0 && cl.kind === 'relative' && doc.chunks[chunkIdx[p]].start > (cl.marker ?? cl.start)) {
    cl.subject = coordinatedBefore(doc, chunkIdx, p, cl.start);
    return;
  }
  // inherited subjects
  if (cl.kind === 'relative' || cl.kind === 'participial') {
    // the antecedent: the NP right before the clause (skipping a comma)
    for (let q = chunkIdx.length - 1; q >= 0; q--) {
      const ch = doc.chunks[chunkIdx[q]];
      if (ch.end > cl.start) continue;
      if (ch.kind === 'NP') {
        const qq = q;
        cl.subject = ch.prep === undefined ? coordinatedBefore(doc, chunkIdx, qq, doc.sentences[cl.sent].first) : [chunkIdx[q]];
        const afterComma = doc.tokens[cl.start - 1]?.text === ',';
        if (cl.kind === 'participial' && afterComma && !doc.verbs[cl.verb].passive && !isReducedPassive(doc, cl.verb) && cl.parent !== null) {
          // ", killing three soldiers": the participle's subject is the main clause's subject; after reported
          // speech (", adding that …") the speaker's clause, not the reported one
          cl.subject = [];
          let from = cl.parent;
          for (let hops = 0; hops < 8; hops++) {
            const p = clauses[from];
            if (p.kind !== 'complement' || p.parent === null) break;
            from = p.parent;
          }
          cl.subjectFrom = from;
        }
        return;
      }
      break;
    }
  }
  if (cl.kind === 'infinitival' && cl.parent !== null) {
    // object control ("urged Russia to withdraw") when an NP object sits between the verb and "to"
    const par = clauses[cl.parent];
    if (par.verb !== null) {
      const pv = doc.chunks[doc.verbs[par.verb].chunk];
      for (let q = chunkIdx.length - 1; q >= 0; q--) {
        const ch = doc.chunks[chunkIdx[q]];
        if (ch.end > cl.start || ch.start < pv.end) continue;
        if (ch.kind === 'NP' && ch.prep === undefined && ch.end === cl.start) { cl.subject = [chunkIdx[q]]; return; }
        break;
      }
    }
  }
  if (cl.parent !== null) cl.subjectFrom = cl.parent;
}

/** The subject chunks of a clause, following inherited subjects. */
export function clauseSubject(doc: Doc, ci: number): number[] {
  let c: Clause | undefined = doc.clauses[ci];
  for (let hops = 0; c && hops < 8; hops++) {
    if (c.subject.length) return c.subject;
    if (c.subjectFrom === null) return [];
    c = doc.clauses[c.subjectFrom];
  }
  return [];
}
