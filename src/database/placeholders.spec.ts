import { describe, expect, it } from 'vitest';
import { bindInOrder, toSqlitePlaceholders } from './placeholders.js';

describe(toSqlitePlaceholders.name, () => {
  it('replaces each $n by ? and binds each ? to its parameter, a reused placeholder twice', () => {
    const sql = 'SELECT * FROM t WHERE a = $2 AND (b = $1 OR $2 IS NULL) AND c > $10';
    const { text, order } = toSqlitePlaceholders(sql);
    expect(text).toBe('SELECT * FROM t WHERE a = ? AND (b = ? OR ? IS NULL) AND c > ?');
    expect(bindInOrder(order, ['one', 'two', 3, 4, 5, 6, 7, 8, 9, 'ten'])).toEqual(['two', 'one', 'two', 'ten']);
  });

  it('leaves SQL without placeholders as it is', () => {
    expect(toSqlitePlaceholders("SELECT '$' AS x")).toEqual({ text: "SELECT '$' AS x", order: [] });
  });
});
