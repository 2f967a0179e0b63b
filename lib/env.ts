import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";

/**
 * Configuration (CONTRACT.md). In development, secrets that are not set are generated once into
 * `.data/secrets.json` so that a newcomer's first `npm run dev` just works; in production they are required.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  APP_URL: z.string().url().default("http://localhost:3000"),
  SHOPIFY_API_KEY: z.string().optional(),
  SHOPIFY_API_SECRET: z.string().optional(),
  SHOPIFY_API_SECRET_PREVIOUS: z.string().optional(),
  SHOPIFY_ADMIN_ORIGIN: z.string().url().optional(),
  ENCRYPTION_KEY: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_BASE_URL: z.string().optional(),
  INNGEST_DEV: z.string().optional(),
  TALLY_DEMO: z.string().optional(),
  /** Read per request by lib/http/client-address.ts; validated here so that a bad value stops the boot. */
  TRUST_PROXY_HOPS: z
    .string()
    .regex(/^(10|[0-9])$/, "TRUST_PROXY_HOPS must be a whole number from 0 to 10.")
    .optional(),
  SMTP_URL: z.string().url().optional(),
});

export type TEnv = z.infer<typeof ZEnv>;

export const DATA_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.TALLY_DATA_DIR ?? ".data");

export const DEMO_SHOPIFY_API_KEY = "tally-demo-client-id";
export const DEMO_SHOPIFY_API_SECRET = "shpss_dev_secret";

let cached: TEnv | undefined;
export function env(): TEnv {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid configuration:\n${lines}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production" && !process.env.TALLY_ALLOW_DEV_SECRETS;

type DevSecrets = { authSecret: string; encryptionKey: string };

function devSecrets(): DevSecrets {
  const file = path.join(DATA_DIR, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets: DevSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function required(name: string): never {
  throw new Error(`${name} is required in production (see README, Configuration).`);
}

export function authSecret(): string {
  return env().AUTH_SECRET ?? (isProduction() ? required("AUTH_SECRET") : devSecrets().authSecret);
}

/** 32-byte key for AES-256-GCM encryption of shop tokens at rest. */
export function encryptionKey(): Buffer {
  const raw = env().ENCRYPTION_KEY ?? (isProduction() ? required("ENCRYPTION_KEY") : devSecrets().encryptionKey);
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64 or hex encoded.");
  return key;
}

export function shopifyApiKey(): string {
  return env().SHOPIFY_API_KEY ?? (isProduction() ? required("SHOPIFY_API_KEY") : DEMO_SHOPIFY_API_KEY);
}

export function shopifyApiSecrets(): string[] {
  const current =
    env().SHOPIFY_API_SECRET ?? (isProduction() ? required("SHOPIFY_API_SECRET") : DEMO_SHOPIFY_API_SECRET);
  const previous = env().SHOPIFY_API_SECRET_PREVIOUS;
  return previous ? [current, previous] : [current];
}

export function appUrl(): string {
  return env().APP_URL.replace(/\/$/, "");
}

/** True when background work should go to an Inngest server rather than run in-process. */
export function inngestConfigured(): boolean {
  const e = env();
  return Boolean(e.INNGEST_EVENT_KEY || e.INNGEST_BASE_URL || e.INNGEST_DEV);
}
