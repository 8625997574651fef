import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../schema.js';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import { copyRows, copyStatement } from './copy.js';

const TARGET = { table: 'copied', columns: ['a', 'b'] } as const;

async function* lines(count: number, failAt?: number): AsyncGenerator<string> {
  for (let i = 1; i <= count; i++) {
    if (i === failAt) throw new Error('bad line');
    yield `${i}\t${i * 0.5}\n`;
  }
}

async function copiedRows(db: Db): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from copied`.execute(db);
  return result.rows[0]?.n ?? 0;
}

describe.each(testDrivers)('COPY on %s', (driver) => {
  const t = useTestDatabase(driver);

  it('copies streamed rows inside the transaction, which then sees them', async () => {
    const seen = await t.db.transaction().execute(async (trx) => {
      await sql`create temporary table copied (a int, b real) on commit drop`.execute(trx);
      const copied = await copyRows(trx, TARGET, lines(30_000));
      const sums = await sql<{
        n: number;
        b: number;
      }>`select count(*)::int as n, sum(b::float8) as b from copied`.execute(trx);
      return { copied, ...sums.rows[0] };
    });
    expect(seen).toEqual({ copied: 30_000, n: 30_000, b: (30_000 * 30_001) / 4 });
  });

  it('aborts on a failing source, rolls back, and leaves the connection usable', async () => {
    await sql`create table copied (a int, b real)`.execute(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await copyRows(trx, TARGET, lines(10));
        await copyRows(trx, TARGET, lines(30_000, 25_000));
      }),
    ).rejects.toThrow('bad line');
    expect(await copiedRows(t.db)).toBe(0);
    await sql`drop table copied`.execute(t.db);
  });
});

describe('copyStatement', () => {
  it('refuses identifiers that are not plain', () => {
    expect(copyStatement(TARGET, 'stdin')).toBe('copy copied (a, b) from stdin');
    expect(() => copyStatement({ table: 'x; drop table users', columns: [] }, 'stdin')).toThrow(/identifier/);
  });
});
