import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe secret and the SHA-256 we store instead of it. */
export function createSecretToken(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString("base64url");
  return { token, hash: sha256(token) };
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
