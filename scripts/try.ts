// Codes a text and prints compact events: `node dist/scripts/try.js "text" [date]`.
// PARTIAL=1 / NEG=1 keep unresolved sources / negated events; PETR=1 codes with the PETRARCH validation
// dictionaries (../shared/eval/petrarch-validation) and the literal grammar, as `dyad eval petrarch` does.
import { codeDoc } from '../src/pipeline.js';
import { loadDictBundle } from '../src/dict/load.js';

const text = process.argv[2];
const date = process.argv[3] ?? '2024-03-16';
const petr = process.env.PETR === '1';
const dir = '../shared/eval/petrarch-validation';
const dict = petr ? loadDictBundle(['actors', 'agents', 'discards', 'verbs'].map((k) => `${dir}/PETR.Validate.${k}.txt`), { mode: 'replace' }) : null;
const doc = codeDoc(text, {
  date, explain: true, partial: petr || process.env.PARTIAL === '1', negated: process.env.NEG === '1',
  ...(dict ? { anyCode: true, grammar: 'literal' as const, actors: dict.actors, verbs: dict.verbs, nouns: dict.nouns } : {}),
});
for (const m of doc.mentions) console.log(`  mention "${m.text}" ${m.code} ${m.kind}${m.locative ? ' (loc)' : ''}`);
for (const e of doc.events) {
  console.log(`${e.source.code} ${e.cameo} ${e.target?.code ?? '-'}${e.negated ? ' neg' : ''}${e.conditional ? ' cond' : ''}${e.quote ? ' quote' : ''}  «${e.evidence.text}»  [${e.explain?.pattern} ${e.explain?.rules.join('; ')}]`);
}
