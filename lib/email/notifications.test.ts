import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { creators } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { CODES, DAY, orderPayload, payoutsSetup } from "@/test/payouts";
import { notifyFromEvents } from "./notify-from-events";
import { sendEmail } from "./send-email";
import { readUnsubscribeToken, unsubscribeToken } from "./unsubscribe";

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

/** Runs the notifier and every email job it queued. */
async function notifyAll(db: Awaited<ReturnType<typeof payoutsSetup>>["db"]) {
  await notifyFromEvents(db);
  await drainInProcessJobs();
}

describe("creators' emails over SMTP", () => {
  it("a credited sale: one email from the brand's name, HTML and plain text, with an unsubscribe link; never twice; none after unsubscribing", async () => {
    const s = await payoutsSetup();
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

