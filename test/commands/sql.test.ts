import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ndjson, ROOT, sgtrail } from '../helpers/cli.js';
import { duckdb, duckdbRows, EVENT_COLUMNS, loadDuckdb, loadPostgres, postgres, postgresRows } from '../helpers/sql-engines.js';

/** `sgtrail sql` end to end: what it prints, what it refuses, and names that try to be SQL. */

const DAY = join(ROOT, 'samples/day.ndjson');
const DAY_TEXT = readFileSync(DAY, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'sgtrail-sql-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sql(args: string[]): string {
  const r = sgtrail(['sql', ...args]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Verdict → count, from `messages --json` on the sample. */
function cliVerdicts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of ndjson(sgtrail(['messages', '--json', DAY]).stdout)) counts[m['verdict'] as string] = (counts[m['verdict'] as string] ?? 0) + 1;
  return counts;
}

function verdictsOf(rows: Record<string, unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r['verdict'] as string] = (counts[r['verdict'] as string] ?? 0) + 1;
  return counts;
}

describe('sgtrail sql prints one statement and nothing else', () => {
  it.each([['duckdb'], ['postgres']])('--dialect %s', async (dialect) => {
    const text = sql(['--dialect', dialect]);
    expect(text.startsWith('WITH\n')).toBe(true);
    expect(text.endsWith(';\n')).toBe(true);
    const con = await duckdb();
    expect((await con.extractStatements(text)).count).toBe(1);
    expect(text).toContain('FROM "sendgrid_events"');
  });
});

describe('usage errors (exit 2, a sentence on stderr, nothing on stdout)', () => {
  it.each([
    [['--dialect', 'oracle'], 'duckdb or postgres'],
    [[], "required option '--dialect <NAME>' not specified"],
    [['--dialect', 'postgres', '--files', 'logs/*.ndjson'], 'only DuckDB reads files itself'],
    [['--dialect', 'duckdb', '--files', 'a.ndjson', '--events', 't'], '--files or --events, not both'],
    [['--dialect', 'duckdb', '--files', 'a.ndjson', '--seq', 'n'], 'files are read in their own order'],
    [['--dialect', 'duckdb', '--missing', 'email'], 'only optional columns can be missing'],
    [['--dialect', 'duckdb', '--events', 'a..b'], 'an empty part'],
    [['--dialect', 'duckdb', '--events', '"unclosed'], 'an unclosed quote'],
    [['--dialect', 'duckdb', '--events', 'a.b.c.d'], 'more than 3 parts'],
    [['--dialect', 'duckdb', '--attach-window', 'soon'], 'use a duration'],
  ])('sql %j', (args, message) => {
    const r = sgtrail(['sql', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('no argument can add SQL of its own', () => {
  // Unquoted, as typed: no dot, no leading quote, lower case (an unquoted name is folded).
  const hostile = [`events"; drop table canary; --`, `it's; delete from canary; /* x */`, `a\`b' or '1'='1`];

  it.each(hostile)('a table named %j is read as that table, and the canary survives', { timeout: 60_000 }, async (name) => {
    const con = await duckdb();
    await con.run('CREATE TABLE canary (x INTEGER); INSERT INTO canary VALUES (1)');
    await loadDuckdb(con, name, DAY_TEXT);
    const rows = await duckdbRows(con, sql(['--dialect', 'duckdb', '--events', name, '--seq', 'seq']));
    expect(rows).toHaveLength(300);
    expect(await duckdbRows(con, 'SELECT count(*) AS n FROM canary')).toEqual([{ n: '1' }]);

    const db = await postgres();
    await db.exec('CREATE TABLE canary (x INTEGER); INSERT INTO canary VALUES (1)');
    await loadPostgres(db, name, DAY_TEXT);
    expect(await postgresRows(db, sql(['--dialect', 'postgres', '--events', name, '--seq', 'seq']))).toHaveLength(300);
    expect(await postgresRows(db, 'SELECT count(*)::int AS n FROM canary')).toEqual([{ n: 1 }]);
    await db.close();
  });

  it('schema.table, and quoted parts with dots and quotes, name the table they say', { timeout: 60_000 }, async () => {
    const con = await duckdb();
    await con.run(`CREATE SCHEMA audit; CREATE SCHEMA "my.schema"`);
    await loadDuckdb(con, 'events', DAY_TEXT, EVENT_COLUMNS, 'audit');
    expect(await duckdbRows(con, sql(['--dialect', 'duckdb', '--events', 'audit.events', '--seq', 'seq']))).toHaveLength(300);
    await loadDuckdb(con, 'ev"ents', DAY_TEXT, EVENT_COLUMNS, 'my.schema');
    expect(await duckdbRows(con, sql(['--dialect', 'duckdb', '--events', '"my.schema"."ev""ents"', '--seq', 'seq']))).toHaveLength(300);

    const db = await postgres();
    await db.exec(`CREATE SCHEMA "my.schema"`);
    await loadPostgres(db, 'my.schema', DAY_TEXT);
    await db.exec(`ALTER TABLE "my.schema" SET SCHEMA "my.schema"`);
    await db.exec(`ALTER TABLE "my.schema"."my.schema" RENAME TO "Ev""ents; --"`);
    expect(await postgresRows(db, sql(['--dialect', 'postgres', '--events', '"my.schema"."Ev""ents; --"', '--seq', 'seq']))).toHaveLength(300);
    await db.close();
  });

  it('an unquoted name is folded to lower case, as PostgreSQL folds it; a quoted one is kept', { timeout: 60_000 }, async () => {
    expect(sql(['--dialect', 'postgres', '--events', 'Audit.WebhookEvents', '--seq', 'Seq'])).toContain('"seq" AS seq FROM "audit"."webhookevents"');
    expect(sql(['--dialect', 'postgres', '--events', '"Audit"."WebhookEvents"'])).toContain('FROM "Audit"."WebhookEvents"');
    const db = await postgres();
    await db.exec('CREATE SCHEMA Audit');
    await loadPostgres(db, 'webhookevents', DAY_TEXT);
    await db.exec('ALTER TABLE webhookevents SET SCHEMA audit');
    expect(await postgresRows(db, sql(['--dialect', 'postgres', '--events', 'Audit.WebhookEvents', '--seq', 'SEQ']))).toHaveLength(300);
    await db.close();
  });

  it('a file pattern with quotes, semicolons and comment markers is one string', { timeout: 60_000 }, async () => {
    const sub = join(dir, "it's; DROP TABLE canary; -- x");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'day.ndjson'), DAY_TEXT);
    const con = await duckdb();
    await con.run('CREATE TABLE canary (x INTEGER); INSERT INTO canary VALUES (1)');
    const rows = await duckdbRows(con, sql(['--dialect', 'duckdb', '--files', join(sub, '*.ndjson')]));
    expect(verdictsOf(rows)).toEqual(cliVerdicts());
    expect(await duckdbRows(con, 'SELECT count(*) AS n FROM canary')).toEqual([{ n: '1' }]);
  });
});

describe('what a table may hold', () => {
  it('an arrival column of any orderable type (a timestamp with zone), used as it is', { timeout: 60_000 }, async () => {
    const db = await postgres();
    await loadPostgres(db, 'sendgrid_events', DAY_TEXT);
    await db.exec(`ALTER TABLE sendgrid_events ADD COLUMN received timestamptz; UPDATE sendgrid_events SET received = timestamptz '2026-11-30 00:00:00Z' + seq * interval '1 millisecond'`);
    const rows = await postgresRows(db, sql(['--dialect', 'postgres', '--seq', 'received']));
    expect(verdictsOf(rows)).toEqual(cliVerdicts());
    await db.close();
  });

  it('a number too large for a double (a time, an attempt) costs only its own value, in PostgreSQL too', { timeout: 60_000 }, async () => {
    const huge = `1${'0'.repeat(400)}`;
    const extra = [
      JSON.stringify({ email: 'huge@example.com', event: 'processed', timestamp: huge, sg_message_id: 'Huge000000000000000001.filter0001.1.0' }),
      JSON.stringify({ email: 'huge@example.com', event: 'deferred', timestamp: 1794961888, attempt: huge, sg_message_id: 'Huge000000000000000001.filter0001.1.0' }),
    ].join('\n');
    const db = await postgres();
    await loadPostgres(db, 'sendgrid_events', `${DAY_TEXT}${extra}\n`);
    const rows = await postgresRows(db, sql(['--dialect', 'postgres', '--seq', 'seq']));
    expect(rows).toHaveLength(301);
    expect(rows.find((r) => r['email'] === 'huge@example.com')?.['events']).toBe(1);
    await db.close();
  });
});

describe('--attach-window reaches the query', () => {
  it('as seconds, and a window too long for a number as no limit at all', () => {
    expect(sql(['--dialect', 'duckdb', '--attach-window', '1h'])).toContain('<= 3600');
    expect(sql(['--dialect', 'duckdb'])).toContain(`<= ${7 * 86400}`);
    const unlimited = sql(['--dialect', 'duckdb', '--attach-window', `1${'0'.repeat(400)}d`]);
    expect(unlimited).not.toContain('Infinity');
    expect(unlimited).not.toMatch(/coalesce\(delivered, sent\) <=/);
  });
});

describe('a table without the optional columns', () => {
  it('runs with --missing naming them, and gives the same verdicts on the sample', { timeout: 60_000 }, async () => {
    const absent = ['url', 'useragent', 'category', 'attempt'];
    const con = await duckdb();
    await loadDuckdb(con, 'sendgrid_events', DAY_TEXT, EVENT_COLUMNS.filter((c) => !absent.includes(c)));
    const rows = await duckdbRows(con, sql(['--dialect', 'duckdb', '--missing', absent.join(','), '--seq', 'seq']));
    expect(verdictsOf(rows)).toEqual(cliVerdicts());
  });
});

describe('sgtrail sql --report', () => {
  it.each([['duckdb'], ['postgres']])('in %s gives the report headline: each verdict, and how many of each the error list shows', { timeout: 60_000 }, async (dialect) => {
    const report = JSON.parse(sgtrail(['report', '--format', 'json', DAY]).stdout) as {
      messages: number;
      error_list: { total: number; outcomes: { group: string; verdicts: Record<string, number> }[] };
    };
    const text = sql(['--dialect', dialect, '--report', '--seq', 'seq']);
    let rows: Record<string, unknown>[];
    if (dialect === 'duckdb') {
      const con = await duckdb();
      await loadDuckdb(con, 'sendgrid_events', DAY_TEXT);
      rows = await duckdbRows(con, text);
    } else {
      const db = await postgres();
      await loadPostgres(db, 'sendgrid_events', DAY_TEXT);
      rows = await postgresRows(db, text);
      await db.close();
    }
    expect(rows).toHaveLength(12);
    expect(rows.reduce((n, r) => n + Number(r['messages']), 0)).toBe(report.messages);
    const listed = Object.fromEntries(rows.filter((r) => Number(r['on_error_list']) > 0).map((r) => [r['verdict'], Number(r['on_error_list'])]));
    const expected = Object.assign({}, ...report.error_list.outcomes.map((o) => o.verdicts)) as Record<string, number>;
    expect(listed).toEqual(Object.fromEntries(Object.entries(expected).filter(([, n]) => n > 0)));
    for (const r of rows) expect(Number(r['share_of_error_list'] ?? 0)).toBeCloseTo(Number(r['on_error_list']) / report.error_list.total, 4);
  });
});
