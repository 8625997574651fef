import { describe, expect, it } from 'vitest';
import { testDrivers } from '../testing/test-databases.js';
import { useTestDatabase } from '../testing/use-test-database.js';
import { checkpointStore } from './checkpoints.repository.js';

describe.each(testDrivers)('checkpoints repository on %s', (driver) => {
  const t = useTestDatabase(driver);

  it('stores one checkpoint per job and updates it in place', async () => {
    const store = checkpointStore(t.db);
    expect(await store.read('load-embeddings:embedded')).toBeNull();
    const started = {
      job: 'load-embeddings:embedded',
      sourceFingerprint: 'sha256:aa',
      position: 512,
      total: 9742,
      completedAt: null,
    };
    await store.save(started);
    expect(await store.read('load-embeddings:embedded')).toEqual(started);
    // Positions are bigint: past 2^31 they must still come back as numbers.
    const done = {
      ...started,
      position: 3_000_000_000,
      total: 3_000_000_000,
      completedAt: new Date('2026-01-02T03:04:05Z'),
    };
    await store.save(done);
    await store.save({ ...started, job: 'load-embeddings:qdrant:movies' });
    expect(await store.read('load-embeddings:embedded')).toEqual(done);
    expect(await store.read('load-embeddings:qdrant:movies')).toMatchObject({ position: 512, completedAt: null });
    const rows = await t.db.selectFrom('ingestion_checkpoints').select('job').execute();
    expect(rows).toHaveLength(2);
  });
});
