import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { EXIT, type ExitCode } from '../cli/exit-codes.js';
import { Output } from '../output/writer.js';
import { inputPlan } from './read-events.js';
import type { Io } from './io.js';
import type { ReportConfig } from './report-command.js';

/**
 * `sgtrail report` over a large input runs in a worker thread whose young generation (V8's
 * nursery) is small. Nearly everything the whole-input pass allocates — each line's text, parsed
 * object and event — is garbage before the next line, so a small nursery costs no time, while
 * V8's default (three 16 MB semi-spaces) sits in the resident set of every run. Measured on the
 * 200k-message benchmark (213 MB): peak RSS about 255 MB in-process, about 235 MB in the worker,
 * 2-4% slower in side-by-side runs.
 *
 * The worker runs the same `runReport`; its stdout and stderr are forwarded here as they are
 * written (progress stays live), and the main thread keeps signals, EPIPE and the exit code.
 */

/** Inputs smaller than this are reported in-process: the worker's start (~0.1 s) would dominate. */
export const THREAD_MIN_BYTES = 32 * 1024 * 1024;

/** The young generation the worker gets, in MB (V8 splits it into semi-spaces). */
const YOUNG_GENERATION_MB = 8;

/**
 * The worker's old-generation cap, in MB. Under 2 GB V8 lets a heap grow by at most about 2x
 * between full collections (4x above it), which cuts the garbage a long run carries (measured:
 * ~10 MB less peak on the benchmark). A report that outgrows it — a few million messages — runs
 * again in a worker allowed as much as the process itself (Node's heap limit, which
 * NODE_OPTIONS=--max-old-space-size raises); if that is not enough either, sgtrail says so and
 * what to do, rather than dying with V8's fatal error.
 */
const OLD_GENERATION_MB = 2000;

/** The caps to try in turn: SGTRAIL_THREAD_HEAP_MB=A[,B] (tests, tuning), else the two above. */
function heapCaps(io: Io): number[] {
  const asked = (io.env['SGTRAIL_THREAD_HEAP_MB'] ?? '').split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);
  if (asked.length > 0) return asked;
  const processLimit = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  return processLimit > OLD_GENERATION_MB ? [OLD_GENERATION_MB, processLimit] : [OLD_GENERATION_MB];
}

/** A run that ran out of heap before it wrote anything: it can be repeated with a larger cap. */
const OUT_OF_MEMORY = 'out-of-memory';
/** A run that ran out of heap after it wrote to stdout: it cannot be repeated. */
const OUT_OF_MEMORY_AFTER_OUTPUT = 'out-of-memory-after-output';

/** Messages from the worker. */
export type ThreadMessage = { kind: 'stdout' | 'stderr'; text: string } | { kind: 'done'; code: ExitCode };

/** What the worker needs to rebuild the command's Io. */
export interface ThreadData {
  cfg: ReportConfig;
  env: Record<string, string | undefined>;
  stdoutTTY: boolean;
  stderrTTY: boolean;
}

/**
 * Whether this run goes to the worker: files only (stdin cannot be handed over), at least
 * THREAD_MIN_BYTES of regular files in all. SGTRAIL_THREAD=on|off overrides the size rule (tests
 * use both).
 */
export function useReportThread(cfg: ReportConfig, io: Io): boolean {
  const plan = inputPlan(cfg.files);
  if (plan.paths.includes('-')) return false;
  const asked = io.env['SGTRAIL_THREAD'];
  if (asked === 'on') return true;
  if (asked === 'off') return false;
  return plan.total !== null && plan.total >= THREAD_MIN_BYTES;
}

/**
 * The report in the worker; out of heap before it wrote anything, again with the next cap; out of
 * every cap (or after it wrote), a message on stderr and exit 3 (the input could not be read in
 * full).
 */
export async function runReportInThread(cfg: ReportConfig, io: Io): Promise<ExitCode> {
  const caps = heapCaps(io);
  const out = new Output(io.stdout);
  let tried = 0;
  try {
    for (const cap of caps) {
      tried = cap;
      const result = await inThread(cfg, io, out, cap);
      if (typeof result === 'number') return result;
      // A progress line the worker drew stays on the terminal otherwise.
      if (io.stderr.isTTY === true) io.stderr.write('\r\u001b[K');
      if (result === OUT_OF_MEMORY_AFTER_OUTPUT) break;
    }
  } finally {
    await out.end();
  }
  io.stderr.write(
    `sgtrail: out of memory: the input holds more recipient messages than ${tried} MB of heap can group.\n` +
      'Report it in parts (one file per day), or give Node more heap: NODE_OPTIONS=--max-old-space-size=16384 sgtrail report ...\n',
  );
  return EXIT.input;
}

/**
 * Runs the worker to its end. stdout is passed on to `out` as it arrives (not held back), so that
 * it keeps its order with stderr as in-process. Out of heap before any stdout and before the end,
 * the run can be repeated: OUT_OF_MEMORY. Any other failure is thrown once what arrived is written.
 */
function inThread(
  cfg: ReportConfig,
  io: Io,
  out: Output,
  oldGenerationMb: number,
): Promise<ExitCode | typeof OUT_OF_MEMORY | typeof OUT_OF_MEMORY_AFTER_OUTPUT> {
  const data: ThreadData = {
    cfg,
    env: { ...io.env },
    stdoutTTY: io.stdout.isTTY === true,
    stderrTTY: io.stderr.isTTY === true,
  };
  const worker = new Worker(new URL('./report-thread-entry.js', import.meta.url), {
    workerData: data,
    resourceLimits: {
      maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      maxOldGenerationSizeMb: oldGenerationMb,
    },
  });
  let code: ExitCode | null = null;
  let wrote = false;
  let failure: unknown = null;
  worker.on('message', (m: ThreadMessage) => {
    if (m.kind === 'done') {
      code = m.code;
    } else if (m.kind === 'stdout') {
      wrote = true;
      out.write(m.text);
      out.flush();
    } else {
      io.stderr.write(m.text);
    }
  });
  worker.on('error', (err) => {
    failure = err;
  });
  return new Promise((resolve, reject) => {
    worker.on('exit', (exit) => {
      out.drained().then(() => {
        const outOfMemory = (failure as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
        if (code !== null) resolve(code);
        else if (outOfMemory) resolve(wrote ? OUT_OF_MEMORY_AFTER_OUTPUT : OUT_OF_MEMORY);
        else reject(failure ?? new Error(`the report thread stopped (exit ${exit}) before it finished`));
      }, reject);
    });
  });
}
