// Codes a text and prints compact events: `node dist/scripts/try.js "text" [date]`.
import { codeDoc } from '../src/pipeline.js';

const text = process.argv[2];
const date = process.argv[3] ?? '2024-03-16';
const doc = codeDoc(text, { date, explain: true, partial: process.env.PARTIAL === '1', negated: process.env.NEG === '1' });
for (const m of doc.mentions) console.log(`  mention "${m.text}" ${m.code} ${m.kind}${m.locative ? ' (loc)' : ''}`);
for (const e of doc.events) {
  console.log(`${e.source.code} ${e.cameo} ${e.target?.code ?? '-'}${e.negated ? ' neg' : ''}${e.conditional ? ' cond' : ''}${e.quote ? ' quote' : ''}  «${e.evidence.text}»  [${e.explain?.pattern} ${e.explain?.rules.join('; ')}]`);
}
