import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, memberships, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { uniq } from "@/test/factories";
import { authenticateWithPassword, SIGN_IN_LIMITS, signInSlowdownMs } from "./authenticate-with-password";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { signUpBrand } from "./sign-up";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { sentEmails } from "@/lib/email/send-email";

describe("sign-up", () => {
  it("creates the user, the workspace and the owner membership", async () => {
    const db = await getDb();
    const email = `Jane.${uniq()}@Example.com`;
    const { user, workspace } = await signUpBrand(db, { name: "Jane", email, password: "long enough pw", workspaceName: "Glow Labs" });
    expect(user.email).toBe(email.toLowerCase());
    expect(user.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(workspace.slug).toMatch(/^glow-labs/);
    const [m] = await db.select().from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.workspaceId, workspace.id)));
    expect(m?.role).toBe("owner");
    const audit = await db.select().from(auditLog).where(eq(auditLog.workspaceId, workspace.id));
    expect(audit.map((a) => a.action)).toContain("workspace.created");
  });

  it("gives two workspaces with the same name distinct slugs", async () => {
    const db = await getDb();
    const name = `Same Name ${uniq()}`;
    const a = await signUpBrand(db, { name: "A", email: `a-${uniq()}@example.com`, password: "long enough pw", workspaceName: name });
    const b = await signUpBrand(db, { name: "B", email: `b-${uniq()}@example.com`, password: "long enough pw", workspaceName: name });
    expect(a.workspace.slug).not.toBe(b.workspace.slug);
  });

  it("refuses a second account with the same email (case-insensitive) and writes nothing", async () => {
    const db = await getDb();
    const email = `dup-${uniq()}@example.com`;
    await signUpBrand(db, { name: "First", email, password: "long enough pw", workspaceName: "First Co" });
    const attempt = signUpBrand(db, { name: "Second", email: email.toUpperCase(), password: "long enough pw", workspaceName: "Second Co" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "conflict" });
    const rows = await db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
  });
});

describe("password sign-in", () => {
  it("accepts the right password, rejects a wrong one with the same answer as an unknown email", async () => {
    const db = await getDb();
    const email = `signin-${uniq()}@example.com`;
    await signUpBrand(db, { name: "S", email, password: "the right password", workspaceName: "Sign In Co" });
    const ok = await authenticateWithPassword(db, { email, password: "the right password", address: `203.0.113.${Math.floor(Math.random() * 250) + 1}` });
    expect(ok.status).toBe("ok");
    expect(await authenticateWithPassword(db, { email, password: "wrong password", address: `203.0.113.${Math.floor(Math.random() * 250) + 1}` })).toEqual({ status: "invalid" });
    expect(await authenticateWithPassword(db, { email: `nobody-${uniq()}@example.com`, password: "x", address: `203.0.113.${Math.floor(Math.random() * 250) + 1}` })).toEqual({
      status: "invalid",
    });
  });

  it("rate-limits one address guessing one email, even with the right password; the owner's own address still signs in", async () => {
    const db = await getDb();
    const email = `brute-${uniq()}@example.com`;
    await signUpBrand(db, { name: "B", email, password: "the right password", workspaceName: "Brute Co" });
    const attacker = "198.18.0.77";
    for (let i = 0; i < SIGN_IN_LIMITS.perAddressAndEmail.limit; i++) {
      expect((await authenticateWithPassword(db, { email, password: "nope", address: attacker })).status).toBe("invalid");
    }
    expect((await authenticateWithPassword(db, { email, password: "the right password", address: attacker })).status).toBe("rate_limited");
    expect((await authenticateWithPassword(db, { email, password: "the right password", address: "198.18.0.78" })).status).toBe("ok");
  });

  it("slows down (never refuses) an email failing from everywhere: at most a second", () => {
    const { after, maxMs } = SIGN_IN_LIMITS.perEmailSlowdown;
    expect(signInSlowdownMs(after)).toBe(0);
    expect(signInSlowdownMs(after + 1)).toBeGreaterThan(0);
    expect(signInSlowdownMs(after + 1000)).toBe(maxMs);
  });
});

describe("password reset", () => {
  it("sends a one-hour link that sets a new password once", async () => {
    const db = await getDb();
    const email = `reset-${uniq()}@example.com`;
    await signUpBrand(db, { name: "R", email, password: "old password 123", workspaceName: "Reset Co" });
    await requestPasswordReset(db, { email });
    await drainInProcessJobs();
    const mail = [...sentEmails()].reverse().find((m) => m.to === email && m.kind === "password-reset");
    expect(mail?.link).toMatch(/\/reset-password\/[\w-]+$/);
    const token = mail!.link!.split("/").pop()!;
    await resetPassword(db, { token, password: "new password 456" });
    expect((await authenticateWithPassword(db, { email, password: "new password 456", address: `203.0.113.${Math.floor(Math.random() * 250) + 1}` })).status).toBe("ok");
    expect((await authenticateWithPassword(db, { email, password: "old password 123", address: `203.0.113.${Math.floor(Math.random() * 250) + 1}` })).status).toBe("invalid");
    await expect(resetPassword(db, { token, password: "another one 789" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("says nothing about unknown emails", async () => {
    const db = await getDb();
    const before = sentEmails().length;
    await expect(requestPasswordReset(db, { email: `ghost-${uniq()}@example.com` })).resolves.toBeUndefined();
    await drainInProcessJobs();
    expect(sentEmails().length).toBe(before);
  });
});
