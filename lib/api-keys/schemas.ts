import { z } from "zod";

/** An API key's name (the developers page's form and the CLI); a leaf the browser can load too. */
export const ZApiKeyName = z.string().trim().min(1, "Name the key, e.g. after the system that will use it.").max(80, "Use at most 80 characters.");

/** The developers page's new-key form. */
export const ZApiKeyForm = z.object({ name: ZApiKeyName });
