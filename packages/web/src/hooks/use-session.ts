import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import type { Action } from '@jixiao/core/accounts/policies';
import { useEffect, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { accountsApi, type SessionInfo } from '../api/accounts.api.ts';
import { ApiError } from '../api/api-client.ts';

/** Who is signed in, as the server said (GET /api/auth/me); `loading` until it answered once. */
export type SessionState =
  | { status: 'loading'; user: null; actions: Action[] }
  // `offline`: the server could not be reached, so who is signed in is unknown (not "nobody").
  | {
      status: 'ready';
      user: SessionUser | null;
      actions: Action[];
      offline?: boolean;
      /** Admin-created or admin-reset account: the change-password page comes before anything else. */
      mustChangePassword?: boolean;
    };

// One store for the whole tab (no provider needed): the shell, the pages and the login form share it.
let state: SessionState = { status: 'loading', user: null, actions: [] };
let started = false;
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session as last known, outside React (tests, event handlers). */
export function currentSession(): SessionState {
  return state;
}

/** Asks the server who is signed in (also gives the browser its CSRF cookie). */
export async function refreshSession(): Promise<void> {
  try {
    const info = await accountsApi.me();
    setState({
      status: 'ready',
      user: info.user,
      actions: info.actions,
      mustChangePassword: info.mustChangePassword,
    });
  } catch (error) {
    const offline = error instanceof ApiError && error.status === 0;
    setState({ status: 'ready', user: null, actions: [], offline });
  }
}

/** Signs in; throws the server's ApiError (wrong password, throttled) for the form to show. */
export async function signIn(username: string, password: string): Promise<SessionInfo> {
  // Sign-in is protected by the double-submit cookie, which GET /api/auth/me hands out.
  if (!document.cookie.split('; ').some((pair) => pair.startsWith('jixiao_csrf='))) await accountsApi.me();
  const info = await accountsApi.login(username, password);
  setState({
    status: 'ready',
    user: info.user,
    actions: info.actions,
    mustChangePassword: info.mustChangePassword,
  });
  return info;
}

/** Signs out on the server and forgets the user here. */
export async function signOut(): Promise<void> {
  await accountsApi.logout().catch(() => undefined);
  setState({ status: 'ready', user: null, actions: [] });
}

/** The current session; the first use anywhere loads it from the server. */
export function useSession(): SessionState & { can: (action: Action) => boolean } {
  const snapshot = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (!started) {
      started = true;
      void refreshSession();
    }
  }, []);
  return { ...snapshot, can: (action) => snapshot.actions.includes(action) };
}

/** The event api-client fires when the server answers 401 auth.unauthenticated. */
export const unauthenticatedEvent = 'jixiao:unauthenticated';

/** Sends the user to the login page (and back afterwards) when their session ended under them. */
export function useUnauthenticatedRedirect(): void {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    const onUnauthenticated = () => {
      // Only a session that ended (expired, signed out elsewhere) sends the user to sign in again; an
      // anonymous visitor reading published tables just sees the message where the data would be.
      const hadSession = state.user !== null;
      setState({ status: 'ready', user: null, actions: [] });
      if (!hadSession || location.pathname === '/login') return;
      const next = `${location.pathname}${location.search}`;
      navigate(`/login?next=${encodeURIComponent(next)}`);
    };
    window.addEventListener(unauthenticatedEvent, onUnauthenticated);
    return () => window.removeEventListener(unauthenticatedEvent, onUnauthenticated);
  }, [navigate, location.pathname, location.search]);
}
