import { z } from "zod";

/** A brand's workspace name (sign-up, new workspace, rename); a leaf the browser can load too. */
export const ZWorkspaceName = z.string().trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters.");

/** The new-workspace form (after sign-in, for someone without one). */
export const ZCreateWorkspaceForm = z.object({ workspaceName: ZWorkspaceName });

/** The settings page's rename form. */
export const ZRenameWorkspaceForm = z.object({ name: ZWorkspaceName });
