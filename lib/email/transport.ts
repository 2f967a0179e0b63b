import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { DATA_DIR } from "@/lib/env";

/**
 * Where mail goes: the SMTP server of `SMTP_URL` (nodemailer: MIME, encodings, the plain-text and
 * HTML alternatives, pooled connections), or without one the development mailbox, `.data/mail/`:
 * nodemailer builds the same RFC 5322 message and it is written there as an `.eml` file (any mail
 * client opens it; the dev page /dev/mail lists them). Picked once per process.
 */
export const MAILBOX_DIR = path.join(DATA_DIR, "mail");

const smtp = new Map<string, Transporter>();
const mailbox = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });

/** Read per message (validated at boot by lib/env.ts), so a test can point it at its own server. */
const smtpUrl = () => process.env.SMTP_URL || undefined;

/** Sends one message; returns the file it was written to (mailbox) or null (SMTP). */
export async function transmit(message: SendMailOptions & { messageId: string }, fileName: string): Promise<string | null> {
  const url = smtpUrl();
  if (url) {
    let transport = smtp.get(url);
    if (!transport) smtp.set(url, (transport = nodemailer.createTransport(url)));
    await transport.sendMail(message);
    return null;
  }
  const info = (await mailbox.sendMail(message)) as { message: Buffer };
  await mkdir(MAILBOX_DIR, { recursive: true, mode: 0o700 });
  const file = path.join(MAILBOX_DIR, fileName);
  await writeFile(file, info.message, { mode: 0o600 });
  return file;
}
