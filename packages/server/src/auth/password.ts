import { hash, verify } from '@node-rs/argon2';

// argon2id with the library defaults (m = 19 MiB, t = 2, p = 1): OWASP's minimum recommendation.

/** Hashes a password with argon2id (the hash embeds salt and parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the username is unknown, so that response time does not reveal which names exist.
let dummyHash: Promise<string> | null = null;

/** Checks a password against a stored hash; with no hash, spends the same time and returns false. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hash('not-a-real-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    // A malformed stored hash is a failed sign-in, not a server error.
    return false;
  }
}
