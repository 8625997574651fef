/**
 * Who is browsing: a MovieLens user being impersonated, or a cold-start user with the token that lets
 * them rate. Kept in localStorage, so a reload or a later visit continues as that user; signing out
 * forgets it. Every tab sees the same session (the storage event).
 */
import { useSyncExternalStore } from 'react';

export interface Session {
  userId: number;
  kind: 'movielens' | 'cold_start';
  movielensId: number | null;
  /** MovieLens users cannot rate unless the server allows demo writes. */
  readOnly: boolean;
  /** Only cold-start users have one: "Authorization: Bearer <token>" on their ratings. */
  token: string | null;
}

const KEY = 'movierec.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function isSession(value: unknown): value is Session {
  const s = value as Partial<Session> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    Number.isInteger(s.userId) &&
    (s.kind === 'movielens' || s.kind === 'cold_start') &&
    typeof s.readOnly === 'boolean'
  );
}

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

export function readSession(): Session | null {
  const raw = localStorage.getItem(KEY);
  if (raw !== cached.raw) cached = { raw, session: parse(raw) };
  return cached.session;
}

const notify = () => listeners.forEach((listener) => listener());

export function signIn(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  notify();
}

export function signOut(): void {
  localStorage.removeItem(KEY);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export const useSession = (): Session | null => useSyncExternalStore(subscribe, readSession, () => null);

/** Who is browsing, as the header and the home page name them. */
export const sessionName = (s: Session): string =>
  s.kind === 'movielens' ? `MovieLens user ${s.movielensId ?? s.userId}` : `Your profile (#${s.userId})`;

/** The Authorization header for this session's writes, if it has a token. */
export const authHeaders = (session: Session | null): Record<string, string> =>
  session?.token ? { authorization: `Bearer ${session.token}` } : {};
