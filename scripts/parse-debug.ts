// Prints the shallow parse of a sentence: `node dist/scripts/parse-debug.js "text"`.
import { Doc } from '../src/core/doc.js';
import { tokenizeStage, parseStage } from '../src/nlp/stage.js';

const doc = new Doc({ id: 'dbg', text: process.argv.slice(2).join(' '), date: '2024-01-01' });
tokenizeStage.run(doc);
parseStage.run(doc);
for (const cl of doc.clauses) {
  const v = cl.verb !== null ? doc.verbs[cl.verb] : null;
  const subj = cl.subject.map((c) => doc.spanText(doc.chunks[c].start, doc.chunks[c].end)).join(' | ');
  console.log(`[${cl.i}] ${cl.kind} parent=${cl.parent} "${doc.spanText(cl.start, cl.end)}" verb=${v ? `${v.lemma}${v.passive ? '(pass)' : ''}${v.negated ? '(neg)' : ''}${v.modal ? `(${v.modal})` : ''}${v.infinitive ? '(inf)' : ''}${v.participle ? '(part)' : ''}/${v.tense}` : '-'} subj=[${subj}] from=${cl.subjectFrom}`);
}
console.log(doc.chunks.map((c) => `${c.kind}${c.prep !== undefined ? '(' + doc.tokens[c.prep].text + ')' : ''}[${doc.spanText(c.start, c.end)}]`).join(' '));
