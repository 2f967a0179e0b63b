import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { MAILBOX_DIR } from "./transport";

export type MailboxMessage = { file: string; kind: string; from: string; to: string; subject: string; date: Date | null; text: string; html: string | null };

/**
 * The development mailbox's messages, newest first (file names start with a time-sorted id), parsed
 * with mailparser as a mail client would read them. For the dev page /dev/mail only: production
 * sends over SMTP and has no such page.
 */
export async function listMailbox(options: { limit?: number; dir?: string } = {}): Promise<MailboxMessage[]> {
  const dir = options.dir ?? MAILBOX_DIR;
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".eml")).sort().reverse().slice(0, options.limit ?? 50);
  return Promise.all(
    files.map(async (file) => {
      const mail = await simpleParser(await readFile(path.join(dir, file)));
      const address = (a: typeof mail.from | typeof mail.to) => (a ? (Array.isArray(a) ? a.map((x) => x.text).join(", ") : a.text) : "");
      return {
        file,
        kind: String(mail.headers.get("x-tally-kind") ?? ""),
        from: address(mail.from),
        to: address(mail.to),
        subject: mail.subject ?? "",
        date: mail.date ?? null,
        text: mail.text ?? "",
        html: typeof mail.html === "string" ? mail.html : null,
      };
    }),
  );
}
