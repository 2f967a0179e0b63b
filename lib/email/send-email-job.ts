import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { sendEmail } from "./send-email";

export const ZEmail = z.object({
  to: z.string().email(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  link: z.string().optional(),
  kind: z.string(),
  fromName: z.string().optional(),
  cause: z.string().optional(),
  workspaceId: z.string().optional(),
  unsubscribeUrl: z.string().optional(),
});

/**
 * Sends one email in the background (mail transports are slow and flaky; Inngest retries them). A
 * retried run never sends a notification twice: sendEmail claims (recipient, kind, cause) first.
 */
export const sendEmailJob = defineJob({
  event: "tally/email.send",
  id: "send-email",
  schema: ZEmail,
  retries: 5,
  run: async (email, step) => {
    // The step's result is stored by Inngest: return nothing (the message holds a link with a token).
    await step.run("send", async () => {
      await sendEmail(email);
    });
  },
});
