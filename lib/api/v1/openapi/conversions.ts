import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ZConversionsQuery } from "../conversions";
import { ZConversionJson, ZExplanationDetails } from "../serializers";
import { ZReviewBody, ZReviewRunJson } from "../reviews";
import { dataOf, jsonBody, listOf, pathParams, type SharedResponses } from "./shared";

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

  const run = registry.register("ConversionReviewRun", ZReviewRunJson);
  registry.registerPath({
    method: "post",
    path: "/conversions/reviews",
    operationId: "reviewConversions",
    summary: "Approve or deny many conversions with one reason",
    description:
      "The brand portal's bulk review, for integrators: each listed conversion goes through the same status change as a review in the portal (a `status_change` ledger entry when the commission moves, an audit row with the reason and this API key as the actor, a `conversion.status_changed` event). The set is fixed when the run starts and each conversion is decided once, even if the run is resumed. Up to 100 are decided in the request (200, `status: completed`); more run in the background (202, `status: running`): poll `GET /conversions/reviews/{id}`. Conversions that cannot be decided (awaiting payment, fully refunded, never paid, test orders) are skipped with why. Denying without a reason is a 422 naming `reason`; ids not in this workspace are listed in `not_found_ids`, and if none is yours the request is a 422.",
    request: { body: jsonBody(ZReviewBody) },
    responses: {
      200: dataOf("The run, finished", run),
      202: dataOf("The run, started: it continues in the background", run),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/conversions/reviews/{id}",
    operationId: "getConversionReview",
    summary: "A bulk review's progress and outcome",
    description: "How many conversions are decided so far, and once finished, which were skipped and why. Another workspace's run is a 404.",
    request: { params: pathParams({ id: "The review run's id, `rvw_…`." }) },
    responses: { 200: dataOf("The run", run), ...errorResponses },
  });
}
