"use server";

import { revalidatePath } from "next/cache";
import { creatorAction } from "@/lib/api/actions";
import { updateCreatorProfile, ZCreatorProfile } from "@/lib/creators/update-creator-profile";

export const updateProfileAction = creatorAction(ZCreatorProfile, async (input, { db, creator }) => {
  const updated = await updateCreatorProfile(db, creator.id, input);
  revalidatePath("/creator", "layout");
  return updated;
});
