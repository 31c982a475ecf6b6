import { createHash, randomBytes } from 'node:crypto';

/** A new unguessable token (256 bits, URL-safe) for a session or a CSRF check. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a session token: its SHA-256, never the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
