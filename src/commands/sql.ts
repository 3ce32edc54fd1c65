import { DIALECTS } from '../sql/dialect.js';
import { SqlArgumentError } from '../sql/quote.js';
import { messagesQuery, OPTIONAL_COLUMNS, type Column, type EventSource } from '../sql/query.js';
import { reportQuery } from '../sql/report-sql.js';
import { EXIT, UsageError, type ExitCode } from './exit-codes.js';
import type { Io } from './io.js';

export interface SqlConfig {
  dialect: string;
  /** The relation the events are in (default `sendgrid_events`). */
  events: string | null;
  /** DuckDB only: NDJSON files (a glob, gzip allowed) read by DuckDB itself. */
  files: string | null;
  seq: string | null;
  /** Optional columns the relation lacks. */
  missing: string[];
  attachWindow: number;
  report: boolean;
}

export const DEFAULT_RELATION = 'sendgrid_events';

/** Prints the query; nothing is read and nothing else is written to stdout. */
export function runSql(config: SqlConfig, io: Io): ExitCode {
  const dialect = Object.hasOwn(DIALECTS, config.dialect) ? DIALECTS[config.dialect as keyof typeof DIALECTS] : undefined;
  if (dialect === undefined) throw new UsageError((u) => u.sqlDialect(config.dialect));
  if (config.files !== null && dialect.name !== 'duckdb') {
    throw new UsageError((u) => u.sqlFilesPostgres);
  }
  if (config.files !== null && config.events !== null) throw new UsageError((u) => u.sqlFilesAndEvents);
  if (config.files !== null && config.seq !== null) throw new UsageError((u) => u.sqlSeqWithFiles);
  const unknown = config.missing.filter((c) => !(OPTIONAL_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new UsageError((u) => u.sqlMissing(unknown.map((c) => JSON.stringify(c)).join(', '), OPTIONAL_COLUMNS.join(', ')));
  }
  const source: EventSource = config.files !== null ? { kind: 'files', pattern: config.files } : { kind: 'relation', name: config.events ?? DEFAULT_RELATION };
  let sql: string;
  try {
    sql = messagesQuery({ dialect, source, seq: config.seq, missing: config.missing as Column[], attachWindow: config.attachWindow });
  } catch (err) {
    if (err instanceof SqlArgumentError) throw new UsageError((u) => u.sqlName(err.message));
    throw err;
  }
  io.stdout.write(config.report ? reportQuery(sql) : sql);
  return EXIT.ok;
}
