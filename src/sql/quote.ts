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
 * A relation name as `table`, `schema.table` or `catalog.schema.table`. A part that contains a
 * dot is written in double quotes, as in SQL: `"my.schema".events`.
 */
export function sqlRelation(name: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i <= name.length) {
    let part = '';
    if (name[i] === '"') {
      i++;
      for (;;) {
        if (i >= name.length) throw new SqlArgumentError(`an unclosed quote in the relation name ${JSON.stringify(name)}`);
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
      if (i < name.length && name[i] !== '.') throw new SqlArgumentError(`text after a quoted part of the relation name ${JSON.stringify(name)}`);
    } else {
      const dot = name.indexOf('.', i);
      const end = dot < 0 ? name.length : dot;
      part = name.slice(i, end);
      i = end;
    }
    if (part.length === 0) throw new SqlArgumentError(`an empty part in the relation name ${JSON.stringify(name)}`);
    parts.push(part);
    i++;
  }
  if (parts.length > 3) throw new SqlArgumentError(`the relation name ${JSON.stringify(name)} has more than three parts`);
  return parts.map(sqlIdentifier).join('.');
}
