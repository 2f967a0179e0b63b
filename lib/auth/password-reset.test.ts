import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { passwordResetTokens } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { sentEmails } from "@/lib/email/send-email";
import { createTestBrand } from "@/test/factories";
import { requestPasswordReset, resetPassword } from "./password-reset";

async function requestToken(email: string): Promise<{ token: string; text: string }> {
  const db = await getDb();
  const before = sentEmails().length;
  await requestPasswordReset(db, { email });
  await drainInProcessJobs();
  const mail = sentEmails()
    .slice(before)
    .find((m) => m.to === email && m.kind === "password-reset");
  return { token: mail!.link!.split("/").pop()!, text: mail!.text };
}

describe("password reset tokens", () => {
  it("issuing a new token invalidates the older, unused one", async () => {
    const brand = await createTestBrand();
    const db = await getDb();
    const older = await requestToken(brand.email);
    const newer = await requestToken(brand.email);
    await expect(resetPassword(db, { token: older.token, password: "from the old link" })).rejects.toMatchObject({ code: "not_found" });
    await resetPassword(db, { token: newer.token, password: "from the new link" });
  });

  it("an older token still fails after a newer one was used", async () => {
    const brand = await createTestBrand();
    const db = await getDb();
    const older = await requestToken(brand.email);
    const newer = await requestToken(brand.email);
    await resetPassword(db, { token: newer.token, password: "from the new link" });
    await expect(resetPassword(db, { token: older.token, password: "from the old link" })).rejects.toMatchObject({ code: "not_found" });
    const rows = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, brand.user.id));
    expect(rows.every((r) => r.usedAt !== null)).toBe(true);
  });

  it("a token expires, and the email says when", async () => {
    const brand = await createTestBrand();
    const db = await getDb();
    const { token, text } = await requestToken(brand.email);
    expect(text).toMatch(/expires in 1 hour, at \d{2}:\d{2} UTC on \d{4}-\d{2}-\d{2}/);
    await db.update(passwordResetTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResetTokens.userId, brand.user.id));
    await expect(resetPassword(db, { token, password: "too late for this" })).rejects.toMatchObject({ code: "not_found" });
  });
});
