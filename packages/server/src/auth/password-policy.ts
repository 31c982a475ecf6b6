import { AppError } from '@jixiao/core/errors/app-error';
import { dictionary } from '@zxcvbn-ts/language-common';

// The 49,000 most common passwords of the zxcvbn-ts project's list (leaked-password frequency order),
// compared case-insensitively. Loaded on first use into a Set: a password check is one lookup.
let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Whether the password is on the common-password list (ignoring case and surrounding spaces). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/**
 * Refuses a password that is common, or that is the username (ASVS 2.1.7): `path` names the field the
 * form shows the message at. Length limits are the schema's (core accountLimits).
 */
export function assertAcceptablePassword(password: string, username: string | null, path: string): void {
  const lower = password.trim().toLowerCase();
  if (isCommonPassword(password) || /^(.)\1*$/.test(lower)) {
    throw new AppError(
      'user.password_common',
      '该密码过于常见，容易被猜中，请换一个更独特的密码',
      'This password is too common and easy to guess; choose a less common one',
      { path },
    );
  }
  const name = username?.trim().toLowerCase() ?? '';
  // Two- and three-letter names are too short to say anything about a password that contains them.
  if (name.length >= 4 && lower.includes(name)) {
    throw new AppError(
      'user.password_contains_username',
      '密码不能包含用户名',
      'The password must not contain the username',
      { path },
    );
  }
}
