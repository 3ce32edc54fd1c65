/**
 * Quoting for what a user's arguments put into the query: no argument can end a literal or an
 * identifier early, so none can add SQL of its own (`'; DROP TABLE x; --` stays a name).
 */

/** Problems with an argument, said as a usage error. */
export class SqlArgumentError extends Error {}

/** A string literal: single quotes doubled. Both engines read backslashes literally here. */
export function sqlString(s: string): string {
  if (s.includes('\u0000')) throw new SqlArgumentError('a NUL character cannot be part of SQL text');
  return `'${s.replace(/'/g, "''")}'`;
}

/** One identifier, double-quoted with its quotes doubled: any name is taken as written. */
export function sqlIdentifier(name: string): string {
  if (name.length === 0) throw new SqlArgumentError('an empty name');
  if (name.includes('\u0000')) throw new SqlArgumentError('a NUL character cannot be part of a name');
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A name as SQL reads it, of at most `maxParts` dotted parts (`table`, `schema.table`,
 * `catalog.schema.table`). A part in double quotes is taken as written (`"My.Schema"."Ev""ents"`);
 * an unquoted part has its ASCII letters folded to lower case, as PostgreSQL folds them (DuckDB
 * ignores case). Every
 * part is written back quoted, so nothing in it can be read as SQL.
 */
export function sqlName(name: string, maxParts: number): string {
  const what = maxParts === 1 ? 'the column name' : 'the relation name';
  const parts: string[] = [];
  let i = 0;
  while (i <= name.length) {
    let part = '';
    if (name[i] === '"') {
      i++;
      for (;;) {
        if (i >= name.length) throw new SqlArgumentError(`an unclosed quote in ${what} ${JSON.stringify(name)}`);
        if (name[i] === '"') {
          if (name[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += name[i];
        i++;
      }
      if (i < name.length && name[i] !== '.') throw new SqlArgumentError(`text after a quoted part of ${what} ${JSON.stringify(name)}`);
    } else {
      const dot = name.indexOf('.', i);
      const end = dot < 0 ? name.length : dot;
      part = name.slice(i, end).replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
      i = end;
    }
    if (part.length === 0) throw new SqlArgumentError(`an empty part in ${what} ${JSON.stringify(name)}`);
    parts.push(part);
    i++;
  }
  if (parts.length > maxParts) throw new SqlArgumentError(`${what} ${JSON.stringify(name)} has more than ${maxParts === 1 ? 'one part' : `${maxParts} parts`}`);
  return parts.map(sqlIdentifier).join('.');
}
