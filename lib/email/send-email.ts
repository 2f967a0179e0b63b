/**
 * Outgoing email. No mail transport is configured in this build, so messages are printed to the
 * server log (the link on its own line, easy to copy). A transport plugs in here and nowhere else.
 */
export type OutgoingEmail = { to: string; subject: string; text: string; link?: string; kind: string };

const sent: OutgoingEmail[] = [];

export async function sendEmail(email: OutgoingEmail): Promise<void> {
  sent.push(email);
  if (sent.length > 100) sent.shift();
  console.log(`[tally] email (${email.kind}) to ${email.to}: ${email.subject}${email.link ? `\n[tally]   ${email.link}` : ""}`);
}

/** The last messages sent by this process (tests read links from here). */
export function sentEmails(): readonly OutgoingEmail[] {
  return sent;
}

/** Queues an email for background delivery (Inngest, or in-process without it). */
export async function queueEmail(email: OutgoingEmail): Promise<void> {
  const { enqueue } = await import("@/lib/jobs/enqueue");
  const { sendEmailJob } = await import("./send-email-job");
  await enqueue(sendEmailJob, email);
}
