import { unknownApiPath } from "@/lib/api/method-not-allowed";

/** Any path under /api that no route serves: 404 with the JSON error (not an HTML page). */
export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = unknownApiPath();
