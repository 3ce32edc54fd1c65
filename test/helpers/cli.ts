import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/**
 * The one way tests run the CLI: the built `bin/sgtrail.js`, as a user runs it, from the
 * repository root, with a small fixed environment (NO_COLOR=1, TZ=UTC, PATH) plus what a test
 * adds. `sgtrail` gives text; the raw, streaming and in-process variants below share its
 * environment and its result fields.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/sgtrail.js', import.meta.url));
export const ENV: Record<string, string> = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TZ: 'UTC' };

export interface CliResult {
  args: string[];
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sgtrail ...args` and waits for it (`npm test` builds first). */
export function sgtrail(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  if (!existsSync(join(ROOT, 'dist/sgtrail.cjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...ENV, ...opts.env },
    maxBuffer: 1 << 30,
  });
  if (r.error) throw r.error;
  return { args, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function ndjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const RSS_PRELOAD = fileURLToPath(new URL('../fixtures/hardening/report-rss.mjs', import.meta.url));

export interface RawResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** stdout as bytes: whether it is valid UTF-8 is part of what is tested. */
  stdout: Buffer;
  stderr: string;
}

export function sgtrailRaw(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): RawResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    env: { ...ENV, ...opts.env },
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** As sgtrailRaw, without blocking: for `it.concurrent` tables (each spawn is mostly Node's start-up). */
export async function sgtrailAsync(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<RawResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...ENV, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  const out = collect(child.stdout);
  const err = collect(child.stderr);
  child.stdin.on('error', () => undefined);
  child.stdin.end(opts.input ?? '');
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exit = await exited(child);
  await closed;
  return { status: exit.code, signal: exit.signal, stdout: out.bytes(), stderr: err.text() };
}

/**
 * The CLI in this process (src/cli/program.ts `run`, as bin/sgtrail.js calls it, minus the process
 * edges of main.ts): for the many cases where what is tested is the pipeline and its output, not
 * the process, at a fraction of a spawn's cost. Returns the exit code `run` resolves to.
 */
export async function sgtrailInProcess(
  args: string[],
  opts: { input?: string | Buffer; env?: Record<string, string>; stdoutTTY?: boolean; columns?: number } = {},
): Promise<RawResult> {
  const { run } = await import('../../src/cli/program.js');
  // A terminal on stdout, as far as sgtrail can tell (what it writes is still collected).
  const stdout = Object.assign(new PassThrough(), opts.stdoutTTY ? { isTTY: true, columns: opts.columns ?? 120 } : {});
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const stdin = Readable.from(opts.input === undefined ? [] : [Buffer.from(opts.input)]);
  const code = await run(['node', 'sgtrail', ...args], {
    stdin,
    stdout,
    stderr,
    env: { TZ: 'UTC', NO_COLOR: '1', ...opts.env },
    now: () => Date.now(),
  });
  return { status: code, signal: null, stdout: out.bytes(), stderr: err.text() };
}

/** A child sgtrail with piped stdio; with `rssFile`, it records its peak RSS (KB) there on exit. */
export function spawnSgtrail(args: string[], opts: { rssFile?: string; env?: Record<string, string> } = {}): ChildProcessWithoutNullStreams {
  const pre = opts.rssFile ? ['--import', RSS_PRELOAD] : [];
  return spawn(process.execPath, [...pre, BIN, ...args], {
    cwd: ROOT,
    env: { ...ENV, ...opts.env, ...(opts.rssFile ? { SGTRAIL_RSS_FILE: opts.rssFile } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function exited(child: ChildProcessWithoutNullStreams): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Collects a stream's data as it comes. */
export function collect(stream: NodeJS.ReadableStream): { text(): string; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

/** Writes `total` bytes of `block` (repeated) to a stream, honouring backpressure; resolves when written. */
export async function writeRepeated(stream: NodeJS.WritableStream, block: Buffer, total: number, stop?: () => boolean): Promise<number> {
  let sent = 0;
  while (sent < total && !(stop?.() ?? false)) {
    const ok = stream.write(block);
    sent += block.length;
    if (!ok) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          stream.off('error', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
        stream.on('error', done);
      });
    }
  }
  return sent;
}

/** Resident set size of a live process in KB (Linux /proc), or null. */
export function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function tempDir(name: string): { path: string; file(n: string): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `sgtrail-${name}-`));
  return { path, file: (n) => join(path, n), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** `[file:line]` of a stack frame or a Node error banner: what must never reach a user's screen. */
export const STACK_TRACE = /\n\s+at .+[(:]\d+|^\w*Error:|Error \[ERR_|node:internal|Node\.js v\d/m;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

