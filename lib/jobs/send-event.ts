import { inngest } from "@/inngest/client";
import { inngestConfigured } from "@/lib/env";

/**
 * Sends a plain Inngest event (one that starts or cancels a durable, sleeping function) when an
 * Inngest server is configured. Without one there is nothing to send to: the in-process sweepers
 * do the same work on a timer, so this is a no-op by design.
 */
export async function sendEvent(name: string, data: Record<string, unknown>, options: { id?: string } = {}): Promise<boolean> {
  if (!inngestConfigured()) return false;
  await inngest.send({ name, data, ...(options.id ? { id: options.id } : {}) });
  return true;
}
