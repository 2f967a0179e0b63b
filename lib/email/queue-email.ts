import { enqueue } from "@/lib/jobs/enqueue";
import type { OutgoingEmail } from "./send-email";
import { sendEmailJob } from "./send-email-job";

/** Queues an email for background delivery (Inngest, or in-process without it). */
export async function queueEmail(email: OutgoingEmail): Promise<void> {
  await enqueue(sendEmailJob, email);
}
