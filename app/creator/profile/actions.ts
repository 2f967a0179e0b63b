"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { creatorAction } from "@/lib/api/actions";
import { acceptBrandInvitation } from "@/lib/creators/accept-brand-invitation";
import { updateCreatorProfile, ZCreatorProfile } from "@/lib/creators/update-creator-profile";

export const updateProfileAction = creatorAction(ZCreatorProfile, async (input, { db, creator }) => {
  const updated = await updateCreatorProfile(db, creator.id, input);
  revalidatePath("/creator", "layout");
  return updated;
});

export const acceptBrandInvitationAction = creatorAction(z.object({ workspaceId: z.string().min(1) }), async (input, { db, creator, user }) => {
  const result = await acceptBrandInvitation(db, { creatorId: creator.id, userId: user.id, workspaceId: input.workspaceId });
  revalidatePath("/creator", "layout");
  return result;
});
