import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { code } from '../src/index.js';
import { ROOT, caseFiles, readCaseTable, compareEvents } from './helpers.js';

// Case tables: one row = one sentence + publication date → the events a careful human coder gives.
for (const file of caseFiles(path.join(ROOT, 'test', 'cases'))) {
  const rows = readCaseTable(file);
  describe(`case table ${path.basename(file)}`, () => {
    for (const r of rows) {
      it(`[${r.group}] ${r.text}`, () => {
        const events = code(r.text, { date: r.date, id: 'case' });
        const msg = compareEvents(events, r.expected);
        assert.equal(msg, null, `${path.basename(r.file)}:${r.line}: ${msg}`);
      });
    }
  });
}
