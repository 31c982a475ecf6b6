import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentSession, refreshSession } from './use-session.ts';

describe('refreshSession', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('marks the session offline, not signed out, when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await refreshSession();
    expect(currentSession()).toMatchObject({ status: 'ready', user: null, offline: true });
  });

  it('is not offline when the server answers, even with nobody signed in', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        new Response(JSON.stringify({ user: null, csrfToken: 'x', actions: [] }), { status: 200 }),
      ),
    );
    await refreshSession();
    expect(currentSession()).toMatchObject({ status: 'ready', user: null });
    expect(currentSession()).not.toHaveProperty('offline', true);
  });
});
