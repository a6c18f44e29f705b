/**
 * A plain, unquoted PostgreSQL identifier (a table or column name). Table and column names are
 * written into SQL text, never passed as parameters, so anything else is refused before it gets there.
 */
const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function sqlIdentifier(name: string, what = "identifier"): string {
  if (!SQL_IDENTIFIER.test(name)) throw new Error(`${JSON.stringify(name)} is not a plain lower-case SQL ${what}`);
  return name;
}
