import { openApiDocument } from "@/lib/api/v1/openapi";
import { appUrl } from "@/lib/env";

export function GET() {
  return Response.json(openApiDocument(appUrl()));
}
