import { Inngest } from "inngest";

/**
 * The Inngest client. Production runs Tally's background work on Inngest (cloud or self-hosted);
 * application code never calls `inngest.send` itself: it goes through `lib/jobs/enqueue`, which
 * falls back to running the same job in-process when no Inngest server is configured.
 */
export const inngest = new Inngest({
  id: "tally",
  // `next dev` without Inngest keys: the dev server's mode (no signing), so /api/inngest answers as
  // Inngest's dev handler. Everywhere else the SDK's own resolution (INNGEST_DEV, cloud keys).
  ...(process.env.NODE_ENV === "development" && !process.env.INNGEST_SIGNING_KEY ? { isDev: true } : {}),
});
