import { getDb } from "@/db/client";
import { readUnsubscribeToken, unsubscribe } from "@/lib/email/unsubscribe";
import { appUrl } from "@/lib/env";

type Ctx = { params: Promise<{ token: string }> };

/**
 * One-click unsubscribe (RFC 8058): the List-Unsubscribe header's URL. A mail client POSTs
 * `List-Unsubscribe=One-Click` and the choice is recorded at once; a forged token is 404. A GET
 * (a client without one-click) goes to the page, where a person confirms.
 */
export async function POST(_req: Request, { params }: Ctx) {
  const target = readUnsubscribeToken(decodeURIComponent((await params).token));
  if (!target) return Response.json({ error: { code: "not_found", message: "This unsubscribe link is not valid." } }, { status: 404 });
  await unsubscribe(await getDb(), target);
  return Response.json({ data: { unsubscribed: true, kind: target.kind } });
}

export async function GET(_req: Request, { params }: Ctx) {
  return Response.redirect(`${appUrl()}/unsubscribe/${(await params).token}`, 303);
}
