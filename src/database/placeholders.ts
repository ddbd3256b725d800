/** SQL written with PostgreSQL placeholders, made ready for SQLite. */
export interface SqlitePlaceholders {
  /** The SQL with every `$n` replaced by `?`. */
  readonly text: string;
  /** For each `?` in order, the index of the parameter it takes (`$2` → 1). */
  readonly order: readonly number[];
}

/**
 * Turns `$1, $2, …` into SQLite's positional `?`. A placeholder used twice takes its value twice,
 * so the parameters are bound in `order` (`bindInOrder`). Shared by `rawQuery`, `emQuery` and the
 * SQLite case writer's prepared statements.
 */
export const toSqlitePlaceholders = (sql: string): SqlitePlaceholders => {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { text, order };
};

export const bindInOrder = (order: readonly number[], params: readonly unknown[]): unknown[] => order.map((i) => params[i]);
