"use server";

import { z } from "zod";
import { publicAction } from "@/lib/api/actions";
import { AppError } from "@/lib/errors";
import { readUnsubscribeToken, UNSUBSCRIBABLE_KINDS, unsubscribe } from "@/lib/email/unsubscribe";

/** The unsubscribe link's page: records the choice for the address and kind the signed token names. */
export const unsubscribeAction = publicAction(z.object({ token: z.string().min(1).max(500) }), async (input, { db }) => {
  const target = readUnsubscribeToken(input.token);
  if (!target) throw new AppError("not_found", "This unsubscribe link is not valid. Use the link in the email as it is.");
  await unsubscribe(db, target);
  return { what: UNSUBSCRIBABLE_KINDS[target.kind] as string };
});
