import { openApiDocument } from "@/lib/api/v1/openapi";
import { appUrl } from "@/lib/env";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

export function GET() {
  return Response.json(openApiDocument(appUrl()));
}

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
