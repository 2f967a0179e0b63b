import { unknownApiPath } from "@/lib/api/method-not-allowed";

/** Any path under /api/v1 that no route serves: 404 with the contract's JSON error (not an HTML page). */
export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = unknownApiPath();
