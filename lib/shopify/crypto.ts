import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { encryptionKey } from "@/lib/env";

/**
 * Secrets at rest (shop access/refresh tokens, custom-app webhook secrets): AES-256-GCM under
 * ENCRYPTION_KEY, stored as `v1:<iv>:<tag>:<ciphertext>` (base64url parts). GCM authenticates the
 * ciphertext, so a tampered or truncated value fails to decrypt instead of yielding garbage.
 * The version prefix leaves room for key rotation (a `v2` under a new key) without a data migration.
 */
const VERSION = "v1";
const IV_BYTES = 12; // the GCM standard nonce size; random per secret, never reused under one key
const TAG_BYTES = 16;

export function encryptSecret(plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(":");
}

const B64URL = /^[A-Za-z0-9_-]*$/;

export function decryptSecret(enc: string): string {
  const parts = enc.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION || !parts.slice(1).every((p) => B64URL.test(p))) {
    throw new Error("Encrypted secret has an unknown format.");
  }
  const iv = Buffer.from(parts[1]!, "base64url");
  const tag = Buffer.from(parts[2]!, "base64url");
  const ciphertext = Buffer.from(parts[3]!, "base64url");
  // A short tag would weaken authentication (GCM accepts truncated tags unless told otherwise).
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("Encrypted secret has an unknown format.");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // Wrong key or modified data: never hint which part failed.
    throw new Error("Encrypted secret could not be decrypted (tampered, or encrypted under another key).");
  }
}
