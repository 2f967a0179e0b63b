import { readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { inviteCreator } from "@/lib/invitations/invite-creator";
import { inviteMember } from "@/lib/invitations/invite-member";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { createTestBrand, uniq } from "@/test/factories";
import { listMailbox } from "./dev-mailbox";
import { sentEmails } from "./send-email";

/** Everything written to the server log while a test runs. */
let lines: string[] = [];
beforeEach(() => {
  lines = [];
  for (const method of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

describe("no tokens, links or email addresses in the server log", () => {
  it("password-reset and invitation emails go to the development mailbox, and the log carries ids only", async () => {
    const brand = await createTestBrand();
    const db = await getDb();
    const teammate = `mate-${uniq()}@example.com`;
    const creatorEmail = `creator-${uniq()}@example.com`;
    const before = sentEmails().length;
    await requestPasswordReset(db, { email: brand.email });
    await inviteMember(db, { workspaceId: brand.workspace.id, invitedByUserId: brand.user.id, email: teammate, role: "member" });
    await inviteCreator(db, { workspaceId: brand.workspace.id, invitedByUserId: brand.user.id, email: creatorEmail, fullName: "Mia Mailbox" });
    await drainInProcessJobs();
    const mails = sentEmails().slice(before);
    expect(mails.map((m) => m.kind).sort()).toEqual(["invitation-creator", "invitation-member", "password-reset"].sort());

    const log = lines.join("\n");
    for (const mail of mails) {
      const token = mail.link!.split("/").pop()!;
      expect(log).not.toContain(token);
      expect(log).not.toContain(mail.link!);
      expect(log).not.toContain(mail.to);
      // The message is in the mailbox, link and all, and the log says where (by id).
      expect(mail.file).toBeTruthy();
      expect(log).toContain(mail.id);
      // A MIME message (nodemailer: quoted-printable text, so read it parsed).
      const stored = await simpleParser(readFileSync(mail.file!));
      expect(stored.to && !Array.isArray(stored.to) ? stored.to.text : null).toBe(mail.to);
      expect(stored.text).toContain(mail.link!);
    }
    expect(log).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });
});

describe("the development mailbox page's list", () => {
  it("reads the mailbox newest first, parsed: kind, sender, recipient, subject and text", async () => {
    const brand = await createTestBrand();
    const db = await getDb();
    await requestPasswordReset(db, { email: brand.email });
    await drainInProcessJobs();
    const mail = [...sentEmails()].reverse().find((m) => m.to === brand.email && m.kind === "password-reset")!;
    const listed = await listMailbox({ limit: 500 });
    const mine = listed.find((m) => m.file === path.basename(mail.file!))!;
    expect(mine).toMatchObject({ kind: "password-reset", to: brand.email, subject: mail.subject, from: expect.stringContaining("Tally") });
    expect(mine.text).toContain(mail.link!);
    const names = listed.map((m) => m.file);
    expect(names).toEqual([...names].sort().reverse());
  });
});
