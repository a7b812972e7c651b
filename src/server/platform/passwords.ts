import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2's Algorithm is a const enum; 2 is Argon2id.
const ARGON2ID = 2;

// OWASP's argon2id baseline (19 MiB, t=2). Tests may lower the cost through the env.
const memoryCost = Number(process.env.XJKP_ARGON2_MEMORY_KIB) || 19_456;
const timeCost = Number(process.env.XJKP_ARGON2_TIME_COST) || 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost, timeCost, parallelism: 1 });
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps the response time the same whether or not the account exists.
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('dummy-password-for-timing');
  return dummyHash.then((h) => verifyPassword(h, password));
}
