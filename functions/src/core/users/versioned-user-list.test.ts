import { describe, expect, it } from 'vitest';
import { withVersionedUserList } from './versioned-user-list.js';
import type { UserStore } from './users.port.js';

describe('withVersionedUserList', () => {
  const query = { sort: 'ratings' as const, limit: 20, offset: 0 };

  function versionedStore() {
    const state = { version: 1, listed: 0 };
    const store = {
      async listUsers() {
        state.listed++;
        return { items: [], total: state.version, hasMore: false };
      },
    } as unknown as UserStore;
    const users = withVersionedUserList(store, async () => String(state.version));
    return { state, users };
  }

  it('keeps a page per query while the version stands, and reads it again once it moves', async () => {
    const { state, users } = versionedStore();
    const first = await users.listUsers(query);
    expect(await users.listUsers(query)).toBe(first);
    expect(state.listed).toBe(1);
    await users.listUsers({ ...query, offset: 20 });
    await users.listUsers({ ...query, search: '4' });
    expect(state.listed).toBe(3);
    state.version = 2;
    expect((await users.listUsers(query)).total).toBe(2);
    expect(state.listed).toBe(4);
  });

  it('reads the version before the page, so a write landing during a read is seen next time', async () => {
    const state = { version: 1, users: 1 };
    const store = {
      async listUsers() {
        const page = { items: [], total: state.users, hasMore: false };
        // Another instance commits a new user after this page was read.
        state.users++;
        state.version++;
        return page;
      },
    } as unknown as UserStore;
    const users = withVersionedUserList(store, async () => String(state.version));
    expect((await users.listUsers(query)).total).toBe(1);
    expect((await users.listUsers(query)).total).toBe(2);
  });
});
