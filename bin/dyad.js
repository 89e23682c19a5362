#!/usr/bin/env -S node --max-semi-space-size=64
// --max-semi-space-size=64: V8's young generation may grow to 64 MB semi-spaces (node's default is 16 MB). Bulk
// coding allocates ~50 KB per sentence: fewer scavenges made it ~7 % faster (8 alternating pairs: -0.1 to +16 %),
// and stage-major batches four times as large (BATCH_CHARS follows the semi-space size) gain ~4 % more, for ~100 MB
// more peak RSS (docs/performance.md, "Sixth round"). Only when run through this line (npx dyad, ./bin/dyad.js);
// `node bin/dyad.js` takes node's defaults. src/core/v8-heap.ts HEAP_FLAGS names the same flag.
import { main } from '../dist/src/cli/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
