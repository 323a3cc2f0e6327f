/**
 * Passwords: argon2id hashes (memory 19 MiB, 2 passes, 1 lane: the OWASP recommendation),
 * generated one-time passwords, and the minimum a chosen password must meet.
 */
import { randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id (a const enum, not importable as a value)

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/** Whether `password` matches `passwordHash`; a malformed hash never matches. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A random one-time password such as `k7Qm2-xT9bd-R4hwe-3JcPq` (about 114 bits). */
export function generateOneTimePassword(): string {
  const group = () =>
    Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}

export const MIN_PASSWORD_LENGTH = 12;

/** The problem with a password a person chose, in German, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Das Passwort muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen lang sein.`;
  }
  if (password.length > 1024) return "Das Passwort ist zu lang (höchstens 1.024 Zeichen).";
  if (new Set(password).size < 5)
    return "Das Passwort besteht aus zu wenigen verschiedenen Zeichen.";
  if (password.toLowerCase().includes(email.split("@")[0]!.toLowerCase())) {
    return "Das Passwort darf den Anmeldenamen nicht enthalten.";
  }
  return null;
}
