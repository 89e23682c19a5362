/**
 * Write a large JSONL file of scraped-looking articles, to measure `dyad code` on big inputs:
 *   node dist/scripts/big-jsonl.js /tmp/big.jsonl 200      # about 200 MB
 *   /usr/bin/time -v node bin/dyad.js code --date 2024-03-16 /tmp/big.jsonl > /dev/null
 * Each line is one article: a few news sentences around an embedded base64 blob (as scraped pages carry
 * data: URIs), with CRLF or LF line ends. Deterministic (a fixed-seed generator). Never write it into the repo.
 */
import { createWriteStream } from 'node:fs';

const [out, mbArg] = process.argv.slice(2);
if (!out) {
  process.stderr.write('usage: node dist/scripts/big-jsonl.js OUT.jsonl [MB=200]\n');
  process.exit(2);
}
const target = Number(mbArg ?? 200) * 1e6;

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
const COUNTRIES = ['Russia', 'Ukraine', 'Turkey', 'Greece', 'Iran', 'Israel', 'Egypt', 'China', 'Japan', 'France', 'Germany', 'Syria'];
const VERBS = ['attacked', 'condemned', 'praised', 'met', 'accused', 'threatened', 'visited', 'signed an agreement with'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function article(i: number): string {
  const s: string[] = [];
  for (let k = 0; k < 3 + Math.floor(rnd() * 4); k++) s.push(`${pick(COUNTRIES)} ${pick(VERBS)} ${pick(COUNTRIES)} on Monday, officials said.`);
  let blob = 'data:image/png;base64,';
  const n = 2000 + Math.floor(rnd() * 18000);
  for (let k = 0; k < n; k++) blob += B64[Math.floor(rnd() * 64)];
  return `Dispatch ${i}. ${s.join(' ')} ${blob} ${pick(COUNTRIES)} ${pick(VERBS)} ${pick(COUNTRIES)}.`;
}

const ws = createWriteStream(out);
let written = 0;
let i = 0;
function more(): void {
  while (written < target) {
    const line = JSON.stringify({ id: `a${i}`, date: '2024-03-16', text: article(i) }) + (i % 2 ? '\r\n' : '\n');
    written += Buffer.byteLength(line);
    i++;
    if (!ws.write(line)) { ws.once('drain', more); return; }
  }
  ws.end(() => process.stderr.write(`wrote ${i} lines, ${(written / 1e6).toFixed(1)} MB to ${out}\n`));
}
more();
