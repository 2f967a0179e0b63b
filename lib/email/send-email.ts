import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DATA_DIR } from "@/lib/env";
import { createId } from "@/lib/ids";
import { logInfo } from "@/lib/log";

/**
 * Outgoing email. Without a mail server configured, every message is written as an `.eml` file to
 * the development mailbox, `.data/mail/` (open it in any mail client, or read the link in a text
 * editor); the server log only says which file, by message id — never the address, the link or a
 * token. A mail transport plugs in here and nowhere else.
 */
export type OutgoingEmail = { to: string; subject: string; text: string; link?: string; kind: string };
export type SentEmail = OutgoingEmail & { id: string; file: string | null };

export const MAILBOX_DIR = path.join(DATA_DIR, "mail");
const FROM = "Tally <no-reply@tally.invalid>";

const sent: SentEmail[] = [];
let warnedSmtp = false;

/** An RFC 5322 message: headers, a blank line, the text body (CRLF line ends, UTF-8). */
function toEml(email: OutgoingEmail, id: string, at: Date): string {
  const subject = /^[\x20-\x7e]*$/.test(email.subject) ? email.subject : `=?UTF-8?B?${Buffer.from(email.subject).toString("base64")}?=`;
  const headers = [
    `From: ${FROM}`,
    `To: ${email.to}`,
    `Subject: ${subject}`,
    `Date: ${at.toUTCString()}`,
    `Message-ID: <${id}@tally.invalid>`,
    `X-Tally-Kind: ${email.kind}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
  ];
  return `${headers.join("\r\n")}\r\n\r\n${email.text.replace(/\r?\n/g, "\r\n")}\r\n`;
}

export async function sendEmail(email: OutgoingEmail): Promise<SentEmail> {
  const at = new Date();
  const id = createId("email", at.getTime());
  if (process.env.SMTP_URL && !warnedSmtp) {
    warnedSmtp = true;
    logInfo("SMTP_URL is set but this build has no SMTP transport yet: messages go to the development mailbox");
  }
  await mkdir(MAILBOX_DIR, { recursive: true, mode: 0o700 });
  // Ids sort by time, so the mailbox lists oldest first.
  const file = path.join(MAILBOX_DIR, `${id}.${email.kind}.eml`);
  await writeFile(file, toEml(email, id, at), { mode: 0o600 });
  const record: SentEmail = { ...email, id, file };
  sent.push(record);
  if (sent.length > 100) sent.shift();
  logInfo("email written to the development mailbox", { kind: email.kind, message: id, file: path.relative(process.cwd(), file) });
  return record;
}

/** The last messages sent by this process (tests read links from here). */
export function sentEmails(): readonly SentEmail[] {
  return sent;
}
