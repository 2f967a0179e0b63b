import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZConversionsQuery } from "../conversions";
import { ZConversionJson, ZExplanationDetails } from "../serializers";
import { listOf, type SharedResponses } from "./shared";

/** `/conversions`: one per attributed order, with refund-adjusted money. */
export function registerConversionPaths(registry: OpenAPIRegistry, { errorResponses }: SharedResponses) {
  const details = registry.register("ExplanationDetails", ZExplanationDetails);
  const conversion = registry.register("Conversion", ZConversionJson.extend({ explanation_details: details }));
  registry.registerPath({
    method: "get",
    path: "/conversions",
    operationId: "listConversions",
    summary: "List the workspace's conversions, oldest update first",
    description:
      "Ordered by (`updated_at`, `id`). A conversion created or changed while you page gets a later `updated_at` and appears after your cursor (a changed one again, with its new state): no row is skipped or shifted. To sync, page until `next_cursor` is null, remember the largest `updated_at` you saw, and later ask with `updated_since` set to it: it is inclusive, so you may see a few rows again — upsert by `id`. Conversions of other workspaces never appear; a `campaign_id` or `creator_id` that is not yours matches nothing.",
    request: { query: ZConversionsQuery },
    responses: { 200: listOf("A page of conversions", conversion), ...errorResponses },
  });
}
