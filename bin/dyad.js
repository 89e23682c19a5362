#!/usr/bin/env -S node --max-semi-space-size=64
// --max-semi-space-size=64: V8's young generation may grow to 64 MB semi-spaces (Node's default is 16 MB): bulk coding
// allocates ~50 KB per sentence, and fewer scavenges made it ~7 % faster (8 alternating pairs: -0.1 to +16 %) for
// ~95 MB more peak RSS
// (docs/performance.md, "Sixth round"). Only when run through this line (npx dyad, ./bin/dyad.js); `node bin/dyad.js`
// takes node's defaults. src/core/v8-heap.ts HEAP_FLAGS names the same flag.
import { main } from '../dist/src/cli/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
