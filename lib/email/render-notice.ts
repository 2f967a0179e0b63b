import { createElement } from "react";
import { render } from "@react-email/components";
import type { OutgoingEmail } from "./send-email";
import { NoticeEmail, type NoticeProps } from "./templates/notice";
import { UNSUBSCRIBABLE_KINDS, unsubscribeUrl, type UnsubscribableKind } from "./unsubscribe";

/** One notification before rendering: who, which kind, the subject and the body's words. */
export type Notice = { to: string; kind: UnsubscribableKind; brand: string; subject: string; body: Omit<NoticeProps, "brandName" | "unsubscribe"> };

/** A notice as the email to send: HTML and plain text from one React Email tree, the kind's unsubscribe link, sent once per `cause`. */
export async function renderNotice(n: Notice, input: { cause: string; workspaceId: string }): Promise<OutgoingEmail> {
  const url = unsubscribeUrl(n.to, n.kind);
  const element = createElement(NoticeEmail, { ...n.body, brandName: n.brand, unsubscribe: { url, what: UNSUBSCRIBABLE_KINDS[n.kind] } });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { to: n.to, kind: n.kind, cause: input.cause, workspaceId: input.workspaceId, fromName: n.brand, subject: n.subject, text, html, unsubscribeUrl: url };
}
