import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

// argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommendation),
// about 25 ms a check on one core: slow for a guesser, unnoticed at sign-in.
export const MIN_PASSWORD = 10;
export const passwordInput = z.string().min(MIN_PASSWORD, `must be at least ${MIN_PASSWORD} characters`).max(200);

export const hashPassword = (password: string) => hash(password, { algorithm: Algorithm.Argon2id });

export async function checkPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a hash that does not parse signs nobody in
  }
}

let dummy: Promise<string> | undefined;
/**
 * An unknown email costs what a wrong password costs (one argon2 check), so the time of the
 * answer does not tell which emails have an account.
 */
export async function checkNobodysPassword(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await checkPassword(await dummy, password);
  return false;
}

/** A password for the first owner when none was given: 20 characters, easy to copy. */
export const generatePassword = () => randomBytes(15).toString('base64url');
