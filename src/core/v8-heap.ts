import v8 from 'node:v8';

/**
 * V8 allocation-site pretenuring is switched off for the process as soon as dyad's pipeline is loaded
 * (imported first by src/pipeline.ts, src/index.ts and src/cli/main.ts). It changes where V8 first places new
 * objects, never what the code computes; its point is peak memory (issue #8).
 *
 * Why: V8 samples, per allocation site (an object or array literal in the source), how many of the objects
 * created since the last young-generation GC are still alive at it, and when 85 % or more are, it "pretenures"
 * the site: from then on its objects are allocated straight in the old generation, which only a full
 * mark-compact frees. Coding stage-major (Pipeline.runAll) makes every document of a batch hold its stage's
 * objects (tokens, chunks, clauses, lexicon units...) at once until the batch ends, so whenever a GC falls
 * inside a batch the sites that just ran look long-lived: about 60 of dyad's and wink-nlp's sites get tenured
 * during a run, and each batch's per-document data then lands in the old generation (old space grew ~0.8 MB per
 * batch of 64 documents; the scavenges promoted 425 MB over the bench child's 768 batches) although it dies when
 * the batch ends. V8 lets the old generation grow to about four times what survived the last full GC before
 * the next one: a peak heap of ~270 MB for a live set of ~60 MB, RSS 370–405 MB. And objects allocated in the
 * old generation while a full GC is marking count as live for that GC: when its marking ran long (143 ms
 * instead of ~40 ms, on a busy machine) 130 MB "survived" instead of 64 MB, V8 set the next limit four times
 * higher, and the process peaked at 665–686 MB (about 1 run in 7).
 *
 * With pretenuring off the same objects die young: the scavenges promote 87 MB over the run instead of 425 MB,
 * two full GCs instead of five, and the bench child peaks at 238–265 MB RSS instead of 369–389 MB (668 MB in
 * the outlier run), at no measured CPU cost (docs/performance.md, "Peak RSS: the cause and the fix"). V8
 * consults this flag while running, when it digests each GC's feedback, so setting it at run time takes effect
 * (measured; unlike the heap-size flags, which V8 reads only at start-up); sites tenured before this module
 * ran would stay tenured, which is why it is imported before anything allocates the pipeline's data.
 *
 * It is process-wide (worker threads included). Someone who wants V8's default back names the flag on the
 * command line (`node --allocation-site-pretenuring bin/dyad.js …`): then dyad leaves it alone. Node 20 refuses
 * V8 flags in NODE_OPTIONS ("is not allowed in NODE_OPTIONS"), so the command line is the way; NODE_OPTIONS is
 * read too, for runtimes that accept it there.
 */
export const PRETENURING_FLAG = 'allocation-site-pretenuring';

/** node's flags: NODE_OPTIONS split on spaces, then the command line's (execArgv), so a later one overrides */
export function nodeFlags(execArgv: readonly string[] = process.execArgv, nodeOptions: string | undefined = process.env.NODE_OPTIONS): string[] {
  return [...(nodeOptions ?? '').split(/\s+/), ...execArgv];
}

/** did the user set the pretenuring flag on the command line or in NODE_OPTIONS (either spelling)? */
export function userSetPretenuring(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return nodeFlags(execArgv, nodeOptions).some((s) => s.replace(/_/g, '-').includes(PRETENURING_FLAG));
}

/**
 * The heap-size flag that makes bulk coding faster: a young generation of up to 64 MB semi-spaces instead of node's
 * 16 MB (docs/performance.md, "Sixth round": ~7 % in paired runs, 2-13 % in full bench runs, ~100 MB more peak RSS).
 * V8 reads it only at start-up, so dyad cannot set it from here: an operator gives it to node, on the command line
 * (`node --max-semi-space-size=64 bin/dyad.js ingest …`) or in NODE_OPTIONS. bin/dyad.js's #! line cannot carry it
 * portably (`env -S` is missing from BusyBox, so from Alpine images). Stage-major batches follow whatever size is
 * in effect (BATCH_CHARS in src/batch.ts); the bench prints it and passes command-line heap flags on to the
 * processes it spawns (heapFlags).
 */
export const HEAP_FLAGS = ['--max-semi-space-size=64'];

/** the heap-size flags among node flags (execArgv by default; nodeFlags() for NODE_OPTIONS too) */
export function heapFlags(args: readonly string[] = process.execArgv): string[] {
  return args.filter((a) => /^--(max|min)[-_](semi|old)[-_]space[-_]size=/.test(a));
}

/** V8's largest semi-space in Node 20 on a 64-bit machine when no flag sets it (8 MB × 2; `--trace-gc` shows the scavenges) */
export const DEFAULT_SEMI_SPACE_MB = 16;

/**
 * The largest semi-space, in MB, that V8's young generation may grow to in this thread: `--max-semi-space-size` on
 * the command line or in NODE_OPTIONS (the last one given; V8 lets the flag win over a worker's resource limits,
 * and worker threads inherit the process's flags), else a worker's resourceLimits.maxYoungGenerationSizeMb
 * (three semi-spaces' worth: `youngMb`), else DEFAULT_SEMI_SPACE_MB. Stage-major batches are sized by it
 * (BATCH_CHARS in src/batch.ts).
 */
export function maxSemiSpaceMb(execArgv: readonly string[] = process.execArgv, nodeOptions: string | undefined = process.env.NODE_OPTIONS, youngMb?: number): number {
  let flag: number | null = null;
  for (const a of nodeFlags(execArgv, nodeOptions)) {
    const m = /^--max[-_]semi[-_]space[-_]size=(\d+(?:\.\d+)?)$/.exec(a);
    if (m && Number(m[1]) > 0) flag = Number(m[1]);
  }
  if (flag !== null) return flag;
  return youngMb && youngMb > 0 ? youngMb / 3 : DEFAULT_SEMI_SPACE_MB;
}

let applied: boolean | null = null;

/** switch allocation-site pretenuring off once per process (see above); true when dyad set the flag */
export function tuneV8Heap(): boolean {
  if (applied !== null) return applied;
  applied = false;
  if (userSetPretenuring(process.execArgv, process.env.NODE_OPTIONS)) return applied;
  try {
    v8.setFlagsFromString(`--no-${PRETENURING_FLAG}`);
    applied = true;
  } catch {
    // a runtime whose V8 flags are frozen: the default heuristics stay, nothing else changes
  }
  return applied;
}

tuneV8Heap();
