// Runs the case tables and prints only mismatches: `node dist/scripts/cases.js [file...]`.
import path from 'node:path';
import { code } from '../src/index.js';
import { ROOT, caseFiles, readCaseTable, compareEvents } from '../test/helpers.js';

const files = process.argv.length > 2 ? process.argv.slice(2) : caseFiles(path.join(ROOT, 'test', 'cases'));
let pass = 0, fail = 0;
for (const f of files) {
  for (const r of readCaseTable(f)) {
    const msg = compareEvents(code(r.text, { date: r.date, id: 'case' }), r.expected);
    if (msg) { fail++; console.log(`${path.basename(f)}:${r.line} ${r.text}\n    ${msg}`); } else pass++;
  }
}
console.log(`${pass} passed, ${fail} failed`);
