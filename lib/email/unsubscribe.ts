import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailUnsubscribes } from "@/db/schema";
import { appUrl, authSecret } from "@/lib/env";

/**
 * The notification kinds a recipient can turn off, each from the link in its own emails, in their
 * words. Invitations, password resets and a brand's operational alerts have no link: they are not
 * newsletters, and a brand must hear that its webhook endpoint was disabled.
 */
export const UNSUBSCRIBABLE_KINDS = {
  "sale-credited": "new sales credited to you",
  "commission-reversed": "commission reversed by refunds",
  "payout-sent": "payouts sent to you",
  "payout-ready": "payouts ready to review",
  "code-push-failed": "codes that could not be pushed to Shopify",
} as const;
export type UnsubscribableKind = keyof typeof UNSUBSCRIBABLE_KINDS;

const isKind = (k: string): k is UnsubscribableKind => Object.hasOwn(UNSUBSCRIBABLE_KINDS, k);

const key = (secret: string) => Buffer.from(hkdfSync("sha256", secret, "tally-unsubscribe", "email unsubscribe links", 32));
const mac = (payload: string, secret: string) => createHmac("sha256", key(secret)).update(payload, "utf8").digest().subarray(0, 18).toString("base64url");

/**
 * The link's token: the address and the kind, signed (HMAC, key derived from AUTH_SECRET), so a link
 * unsubscribes exactly that address from exactly that kind and cannot be forged for another. It does
 * not expire: an old email's link still works.
 */
export function unsubscribeToken(email: string, kind: UnsubscribableKind, secret = authSecret()): string {
  const payload = Buffer.from(JSON.stringify([email.trim().toLowerCase(), kind]), "utf8").toString("base64url");
  return `${payload}.${mac(payload, secret)}`;
}

export function readUnsubscribeToken(token: string, secret = authSecret()): { email: string; kind: UnsubscribableKind } | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [email, kind] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [unknown, unknown];
    return typeof email === "string" && typeof kind === "string" && isKind(kind) ? { email, kind } : null;
  } catch {
    return null;
  }
}

export const unsubscribeUrl = (email: string, kind: UnsubscribableKind) => `${appUrl()}/unsubscribe/${unsubscribeToken(email, kind)}`;
/** The List-Unsubscribe header's URL: one-click (RFC 8058) by POST, the page by GET. */
export const oneClickUnsubscribeUrl = (pageUrl: string) => pageUrl.replace(/\/unsubscribe\/([^/]+)$/, "/api/unsubscribe/$1");

/** Records the choice (once; again is a no-op). */
export async function unsubscribe(db: Db, input: { email: string; kind: UnsubscribableKind }): Promise<void> {
  await db.insert(emailUnsubscribes).values({ email: input.email.trim().toLowerCase(), kind: input.kind }).onConflictDoNothing();
}

export async function isUnsubscribed(db: Db, input: { email: string; kind: string }): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`1` })
    .from(emailUnsubscribes)
    .where(and(eq(emailUnsubscribes.email, input.email.trim().toLowerCase()), eq(emailUnsubscribes.kind, input.kind)));
  return Boolean(row);
}
