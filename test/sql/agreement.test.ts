import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSync } from '../../scripts/generate.mjs';
import { DUCKDB, POSTGRES } from '../../src/sql/dialect.js';
import { messagesQuery, type SqlQueryOptions } from '../../src/sql/query.js';
import { ndjson, ROOT, sgtrail } from '../helpers/cli.js';
import { duckdb, duckdbRows, loadDuckdb, loadPostgres, postgres, postgresRows } from '../helpers/sql-engines.js';

/**
 * Acceptance of `sgtrail sql`: on the same events, the emitted SQL run in DuckDB and in
 * PostgreSQL gives every message `messages --json` gives, with the same verdict, forward target,
 * reason class and the other fields below — all messages, not a sample.
 */

const FIELDS = [
  'email',
  'message_id',
  'sg_message_id',
  'verdict',
  'error_list',
  'events',
  'deferrals',
  'first_event_at',
  'last_event_at',
  'delivered_at',
  'failed_at',
  'status',
  'reason',
  'reason_class',
  'permanent',
  'hard',
  'forward_to',
  'bad_address',
  'contradictory',
] as const;

const dir = mkdtempSync(join(tmpdir(), 'sgtrail-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = readFileSync(join(ROOT, 'samples/day.ndjson'), 'utf8');
const generated = join(dir, 'generated-20k.ndjson');
writeFileSync(generated, generateSync({ messages: 20_000, seed: 20261130, framing: 'ndjson' }).text);
// Material nobody here wrote: SendGrid's documentation examples and other projects' webhook
// fixtures (test/fixtures/real/PROVENANCE.md), one event per line.
const real = join(dir, 'real-fixtures.ndjson');
writeFileSync(
  real,
  readdirSync(join(ROOT, 'test/fixtures/real'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const value = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/real', f), 'utf8')) as unknown;
      return (Array.isArray(value) ? value : [value]).map((e) => `${JSON.stringify(e)}\n`);
    })
    .join(''),
);
const LOGS = [
  // Boundaries of the rules, written by hand (test/fixtures/sql/PROVENANCE.md).
  { name: 'the edge cases', file: join(ROOT, 'test/fixtures/sql/edges.ndjson'), text: readFileSync(join(ROOT, 'test/fixtures/sql/edges.ndjson'), 'utf8'), messages: 25 },
  { name: 'the real-world fixtures', file: real, text: readFileSync(real, 'utf8'), messages: 29 },
  { name: 'samples/day.ndjson', file: join(ROOT, 'samples/day.ndjson'), text: DAY, messages: 300 },
  { name: 'a generated 20k-message log', file: generated, text: readFileSync(generated, 'utf8'), messages: 20_000 },
];

function iso(seconds: unknown): string | null {
  return seconds === null || seconds === undefined ? null : new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** SQL columns named differently from `messages --json`. */
const SQL_NAME: Partial<Record<(typeof FIELDS)[number], string>> = { first_event_at: 'first_at', last_event_at: 'last_at' };

/** A SQL row in the shape of a `messages --json` record (times as ISO text, counts as numbers). */
function asCli(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = row[SQL_NAME[f] ?? f];
    out[f] = f.endsWith('_at') ? iso(v) : f === 'events' || f === 'deferrals' ? Number(v) : v;
  }
  return out;
}

const keyOf = (r: Record<string, unknown>): string => `${String(r['email']).toLowerCase()}\u0000${String(r['message_id'] ?? r['sg_message_id'] ?? '')}`;

/**
 * Every message, every field. `emailAsWritten: false`: the address (and a bad address, which is
 * the recipient's) only case-insensitively —
 * without an arrival order, "as first written" is the first by time, which may be another of
 * the spellings a log holds.
 */
/** `messages --json` of each log, run once for all the engines compared with it. */
const cliRuns = new Map<string, Record<string, unknown>[]>();
function cliMessages(file: string): Record<string, unknown>[] {
  let records = cliRuns.get(file);
  if (records === undefined) {
    records = ndjson(sgtrail(['messages', '--json', file]).stdout);
    cliRuns.set(file, records);
  }
  return records;
}

/** The rows of a query, with its run time on the test's output (the closing notes quote it). */
async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const rows = await run();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`);
  return rows;
}

function expectSameMessages(sqlRows: Record<string, unknown>[], file: string, count: number, emailAsWritten = true): void {
  const cli = cliMessages(file);
  expect(cli).toHaveLength(count);
  const spelled = (r: Record<string, unknown>): Record<string, unknown> =>
    emailAsWritten ? r : { ...r, email: String(r['email']).toLowerCase(), bad_address: (r['bad_address'] as string | null)?.toLowerCase() ?? null };
  const expected = new Map(cli.map((r) => [keyOf(r), spelled(Object.fromEntries(FIELDS.map((f) => [f, r[f]])))]));
  const actual = new Map(sqlRows.map((r) => [keyOf(r), spelled(asCli(r))]));
  expect(actual.size).toBe(sqlRows.length);
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  // Each difference as (message, field, CLI value, SQL value): a failure shows what differs.
  const differing = [...expected].flatMap(([k, v]) =>
    FIELDS.filter((f) => JSON.stringify(actual.get(k)?.[f]) !== JSON.stringify(v[f])).map((f) => ({ message: k, field: f, cli: v[f], sql: actual.get(k)?.[f] })),
  );
  expect(differing.slice(0, 5)).toEqual([]);
}

const options = (o: Partial<SqlQueryOptions>): SqlQueryOptions => ({
  dialect: DUCKDB,
  source: { kind: 'relation', name: 'sendgrid_events' },
  seq: 'seq',
  missing: [],
  attachWindow: 7 * 86400,
  ...o,
});

describe.each(LOGS)('the emitted SQL agrees with messages --json on $name', ({ file, text, messages }) => {
  it('in DuckDB, over a table', { timeout: 180_000 }, async () => {
    const con = await duckdb();
    await loadDuckdb(con, 'sendgrid_events', text);
    const rows = await timed(`duckdb table, ${messages} messages`, () => duckdbRows(con, messagesQuery(options({ dialect: DUCKDB }))));
    expectSameMessages(rows, file, messages);
  });

  it('in DuckDB, over a table without an arrival column (rows ordered by time)', { timeout: 180_000 }, async () => {
    const con = await duckdb();
    await loadDuckdb(con, 'sendgrid_events', text);
    expectSameMessages(await duckdbRows(con, messagesQuery(options({ seq: null }))), file, messages, false);
  });

  it('in DuckDB, reading the NDJSON file itself (--files)', { timeout: 180_000 }, async () => {
    const con = await duckdb();
    const rows = await duckdbRows(con, messagesQuery(options({ source: { kind: 'files', pattern: file }, seq: null })));
    expectSameMessages(rows, file, messages);
  });

  it('in PostgreSQL (PGlite), over a table', { timeout: 300_000 }, async () => {
    const db = await postgres();
    await loadPostgres(db, 'sendgrid_events', text);
    const rows = await timed(`postgres table, ${messages} messages`, () => postgresRows(db, messagesQuery(options({ dialect: POSTGRES }))));
    expectSameMessages(rows, file, messages);
    await db.close();
  });
});

describe('--files reads POST bodies logged one per line, and a whole-file array', () => {
  it.each([
    ['an array per line', 'array'],
    ['a whole-file array', 'whole'],
  ])('%s gives the messages the CLI gives', { timeout: 60_000 }, async (_, shape) => {
    const arrays = join(dir, `posts-${shape}.json`);
    const text = generateSync({ messages: 300, seed: 11, framing: 'array', minEach: 6 }).text;
    writeFileSync(arrays, shape === 'array' ? text : JSON.stringify(text.split('\n').filter((l) => l.trim() !== '').flatMap((l) => JSON.parse(l) as unknown[])));
    const con = await duckdb();
    const rows = await duckdbRows(con, messagesQuery(options({ source: { kind: 'files', pattern: arrays }, seq: null })));
    expectSameMessages(rows, arrays, 300);
  });
});

describe('--files reads gzip and a glob of several files', () => {
  it('gives the same messages as the CLI on the same events split over two gzip files', { timeout: 60_000 }, async () => {
    const lines = DAY.split('\n').filter((l) => l.trim() !== '');
    const half = Math.floor(lines.length / 2);
    const logs = join(dir, 'logs');
    rmSync(logs, { recursive: true, force: true });
    mkdirSync(logs);
    writeFileSync(join(logs, 'a.ndjson.gz'), gzipSync(`${lines.slice(0, half).join('\n')}\n`));
    writeFileSync(join(logs, 'b.ndjson.gz'), gzipSync(`${lines.slice(half).join('\n')}\n`));
    const con = await duckdb();
    const rows = await duckdbRows(con, messagesQuery(options({ source: { kind: 'files', pattern: join(logs, '*.ndjson.gz') }, seq: null })));
    expectSameMessages(rows, join(ROOT, 'samples/day.ndjson'), 300);
  });
});
