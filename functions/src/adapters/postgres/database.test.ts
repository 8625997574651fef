import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from './migrate.js';
import { testDrivers } from './testing/test-databases.js';
import { useTestDatabase } from './testing/use-test-database.js';

describe.each(testDrivers)('database on %s', (driver) => {
  const t = useTestDatabase(driver);

  it('has the schema and pg_trgm after migrating', async () => {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(t.db);
    expect(tables.rows.map((r) => r.name)).toEqual([
      'catalog_version',
      'dataset_loads',
      'ingestion_checkpoints',
      'movies',
      'ratings',
      'trending_items',
      'trending_snapshots',
      'user_list_version',
      'users',
    ]);
    const similarity = await sql<{ s: number }>`select similarity('toy story', 'toy stroy') as s`.execute(t.db);
    expect(similarity.rows[0]?.s).toBeGreaterThan(0.3);
  });

  it('migrating again applies nothing', async () => {
    expect(await migrateToLatest(t.db)).toEqual({ applied: [], current: '0008-user-list-version' });
  });

  it('rolls back a failed transaction', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('movies')
          .values({ movielens_id: 1, title: 'Toy Story', genres: [], keywords: [] })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const count = await t.db
      .selectFrom('movies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('enforces one id space and valid ratings', async () => {
    await expect(
      t.db.insertInto('movies').values({ title: 'No ids', genres: [], keywords: [] }).execute(),
    ).rejects.toThrow(/movies_has_external_id/);
    const movie = await t.db
      .insertInto('movies')
      .values({ movielens_id: 10, tmdb_id: 710, title: 'GoldenEye', genres: ['Action'], keywords: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await t.db
      .insertInto('users')
      .values({ movielens_id: 1, kind: 'movielens' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rate = (rating: number) =>
      t.db
        .insertInto('ratings')
        .values({ user_id: user.id, movie_id: movie.id, rating, rated_at: new Date() })
        .execute();
    await expect(rate(4.25)).rejects.toThrow(/check constraint/);
    await expect(rate(0)).rejects.toThrow(/check constraint/);
    await rate(4.5);
    await expect(rate(3)).rejects.toThrow(/duplicate key/);
  });
});
