import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, queryRows } from "@/db/client";
import { creators } from "@/db/schema";
import { sequenceEvents } from "@/lib/events/sequence-events";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { markPayoutPaid } from "@/lib/payouts/change-payout";
import { createPayout } from "@/lib/payouts/create-payout";
import { CODES, DAY, orderPayload, payoutsSetup, refundPayload } from "@/test/payouts";
import { notifyFromEvents } from "./notify-from-events";
import { sendEmail } from "./send-email";
import { isUnsubscribed, readUnsubscribeToken, unsubscribeToken } from "./unsubscribe";

/** A real SMTP server in this process: every message it accepts, parsed. */
const received: ParsedMail[] = [];
let server: SMTPServer;
beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((r) => server.close(() => r()));
});

let nextId = 8_800_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
const mailTo = (address: string) => received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);

/**
 * The notifier reads the whole test database's feed: start it at the feed's end, so that a test does
 * not render the emails of every event other test files wrote before it (thousands in a full run).
 */
async function skipEarlierEvents(db: Awaited<ReturnType<typeof payoutsSetup>>["db"]) {
  await sequenceEvents(db);
  await db.execute(sql`UPDATE email_notifier_cursor SET position = GREATEST(position, (SELECT coalesce(max(position), 0) FROM events)) WHERE id = 1`);
}

/** Runs the notifier and every email job it queued. */
async function notifyAll(db: Awaited<ReturnType<typeof payoutsSetup>>["db"]) {
  await notifyFromEvents(db);
  await drainInProcessJobs();
}

describe("creators' emails over SMTP", () => {
  it("a credited sale: one email from the brand's name, HTML and plain text, with an unsubscribe link; never twice; none after unsubscribing", async () => {
    const s = await payoutsSetup();
    await skipEarlierEvents(s.db);
    const [jane, mark] = await s.db.select().from(creators).where(inArray(creators.id, s.creatorIds));
    const janeEmail = [jane, mark].find((c) => c!.fullName === CODES[0])!.email;
    const markEmail = [jane, mark].find((c) => c!.fullName === CODES[1])!.email;
    await s.send("orders/create", orderPayload(nextId++, CODES[0]!, new Date(Date.now() - DAY), { name: "#5501" }));
    await notifyAll(s.db);

    const [mail, ...more] = mailTo(janeEmail);
    expect(more).toEqual([]);
    expect(mail!.from!.value[0]).toEqual({ name: s.brand.workspace.name, address: "no-reply@tally.invalid" });
    expect(mail!.subject).toBe(`New sale for ${s.brand.workspace.name}: $12.75 commission (#5501)`);
    expect(mail!.html).toContain("You made a sale for");
    expect(mail!.text).toContain("Order #5501 ($85.00) was credited to you: $12.75 commission.");
    expect(mail!.text).toMatch(/Unsubscribe.*\/unsubscribe\//s);
    const listUnsubscribe = JSON.stringify(mail!.headers.get("list")); // mailparser reads List-Unsubscribe as list.unsubscribe.url
    const token = /\/unsubscribe\/([^>"\s]+)/.exec(listUnsubscribe)![1]!;
    expect(readUnsubscribeToken(token)).toEqual({ email: janeEmail, kind: "sale-credited" });
    expect(listUnsubscribe).toContain("/api/unsubscribe/"); // one-click (RFC 8058) by POST
    expect(mail!.headers.get("list")).toMatchObject({ "unsubscribe-post": { name: "List-Unsubscribe=One-Click" } });
    expect(mail!.headers.get("x-tally-kind")).toBe("sale-credited");

    // The notifier again, and a retried job for the same event: nothing more.
    await notifyAll(s.db);
    // The cause the notifier used: the event of Jane's conversion.
    const causes = await queryRows<{ cause: string }>(s.db, sql`SELECT cause FROM email_messages WHERE recipient = ${janeEmail} AND kind = 'sale-credited'`);
    expect(causes).toHaveLength(1);
    expect(await sendEmail({ to: janeEmail, kind: "sale-credited", cause: causes[0]!.cause, subject: "again", text: "again" })).toBeNull();
    expect(mailTo(janeEmail)).toHaveLength(1);

    // Jane unsubscribes (the page's action, with the token from her email); her next sale sends her nothing, Mark's still sends him one.
    const { unsubscribeAction } = await import("@/app/(auth)/unsubscribe/actions");
    const form = new FormData();
    form.set("token", token);
    expect(await unsubscribeAction(null, form)).toEqual({ ok: true, data: { what: "new sales credited to you" } });
    await s.send("orders/create", orderPayload(nextId++, CODES[0]!, new Date(Date.now() - DAY), { name: "#5502" }));
    await s.send("orders/create", orderPayload(nextId++, CODES[1]!, new Date(Date.now() - DAY), { name: "#5503" }));
    await notifyAll(s.db);
    expect(mailTo(janeEmail).map((m) => m.subject)).toEqual([mail!.subject]);
    expect(mailTo(markEmail).map((m) => m.subject)).toEqual([`New sale for ${s.brand.workspace.name}: $12.75 commission (#5503)`]);
  });

  it("a refund tells the creator what it reversed; a payout tells the brand's admins it is ready, and each creator that it was sent", async () => {
    const s = await payoutsSetup();
    await skipEarlierEvents(s.db);
    const contacts = await s.db.select().from(creators).where(inArray(creators.id, s.creatorIds));
    const email = (code: string) => contacts.find((c) => c.fullName === code)!.email;
    const refunded = nextId++;
    await s.send("orders/create", orderPayload(refunded, CODES[0]!, new Date(Date.now() - 40 * DAY), { name: "#6601" }));
    await s.send("orders/create", orderPayload(nextId++, CODES[1]!, new Date(Date.now() - 40 * DAY), { name: "#6602" }));
    await notifyAll(s.db);
    await s.send("refunds/create", refundPayload(nextId++, refunded, 3400, new Date(Date.now() - 39 * DAY)));
    await notifyAll(s.db);
    const [reversed] = mailTo(email(CODES[0]!)).filter((m) => m.headers.get("x-tally-kind") === "commission-reversed");
    expect(reversed!.subject).toBe(`A refund on ${s.brand.workspace.name} order #6601 reversed $5.10 of commission`);
    expect(reversed!.text).toContain("refunded $34.00 on order #6601, so $5.10 of your commission on it is reversed.");
    expect(reversed!.text).toContain("Your commission on this order is now $7.65.");

    const payout = await createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", actor: s.actor });
    await notifyAll(s.db);
    const [ready, ...again] = mailTo(s.brand.email).filter((m) => m.headers.get("x-tally-kind") === "payout-ready");
    expect(again).toEqual([]);
    expect(ready!.subject).toBe(`Payout P-0001 is ready to review: $20.40 to 2 creators`);
    expect(ready!.text).toContain(`/brand/${s.brand.workspace.slug}/payouts/${payout.id}`);

    await markPayoutPaid(s.db, { workspaceId: s.workspaceId, payoutId: payout.id, reference: "WIRE-77", actor: s.actor });
    await notifyAll(s.db);
    const sentTo = (code: string) => mailTo(email(code)).filter((m) => m.headers.get("x-tally-kind") === "payout-sent");
    expect(sentTo(CODES[0]!).map((m) => m.subject)).toEqual([`${s.brand.workspace.name} paid you $7.65`]);
    expect(sentTo(CODES[1]!).map((m) => m.subject)).toEqual([`${s.brand.workspace.name} paid you $12.75`]);
    expect(sentTo(CODES[1]!)[0]!.text).toContain("(reference WIRE-77)");
  });

  it("one-click unsubscribe: a POST to the header's URL records it; a forged token is 404; a GET goes to the page", async () => {
    const { GET, POST } = await import("@/app/api/unsubscribe/[token]/route");
    const email = `one-click-${nextId++}@example.com`;
    const token = unsubscribeToken(email, "payout-sent");
    const call = (method: typeof GET, t: string) => method(new Request(`http://localhost/api/unsubscribe/${t}`, { method: "POST", body: "List-Unsubscribe=One-Click" }), { params: Promise.resolve({ token: t }) });
    expect(await isUnsubscribed(await getDb(), { email, kind: "payout-sent" })).toBe(false);
    expect((await call(POST, token)).status).toBe(200);
    expect(await isUnsubscribed(await getDb(), { email, kind: "payout-sent" })).toBe(true);
    expect(await isUnsubscribed(await getDb(), { email, kind: "sale-credited" })).toBe(false);
    expect((await call(POST, `${token.slice(0, -2)}xx`)).status).toBe(404);
    const page = await call(GET, token);
    expect([page.status, page.headers.get("location")]).toEqual([303, expect.stringMatching(new RegExp(`/unsubscribe/${token}$`))]);
  });

  it("unsubscribe tokens: a forged or altered one is refused, and refused by the page's action", async () => {
    const token = unsubscribeToken("Ana@Example.com", "sale-credited");
    expect(readUnsubscribeToken(token)).toEqual({ email: "ana@example.com", kind: "sale-credited" });
    const [payload, mac] = token.split(".");
    const other = Buffer.from(JSON.stringify(["bob@example.com", "sale-credited"])).toString("base64url");
    for (const bad of [`${other}.${mac}`, `${payload}.${mac!.slice(1)}x`, payload!, `${token}.x`, "", unsubscribeToken("ana@example.com", "sale-credited", "another secret 0123456789")])
      expect(readUnsubscribeToken(bad!)).toBeNull();
    const { unsubscribeAction } = await import("@/app/(auth)/unsubscribe/actions");
    const form = new FormData();
    form.set("token", `${other}.${mac}`);
    expect(await unsubscribeAction(null, form)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

