import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZCampaignFields, ZDiscount, ZUpdateCampaign } from "@/lib/campaigns/schemas";
import { ZAddCreatorsDocumented, ZAddCreatorsResultJson, ZCampaignCreatorAddedJson, ZRosterPatch, ZRosterQuery, ZRowErrorJson } from "../campaigns";
import { ZCampaignClicks, ZClicksCreatorRow, ZClicksDayRow, ZClicksQuery } from "../clicks";
import { ZListQuery } from "../pagination";
import { ZCampaignCreatorJson, ZCampaignJson, ZCodeProgress } from "../serializers";
import { ZCampaignStats, ZCampaignStatsCreator, ZCampaignStatsQuery } from "../stats";
import { dataOf, jsonBody, listOf, pathParams, type SharedResponses } from "./shared";

/**
 * `/campaigns/**`: campaigns, their creators (the roster), stats and click analytics. The request
 * bodies are the schemas the routes parse with; the instants are documented as the strings JSON
 * carries (the parser also takes a Date, for the brand portal's forms).
 */
export function registerCampaignPaths(registry: OpenAPIRegistry, { errorResponses, conflict }: SharedResponses) {
  const discount = registry.register(
    "Discount",
    ZDiscount.describe(
      "The customer's discount. `percentage`: `value` is a percent (15 = 15 %, up to 2 decimals, > 0, ≤ 100). `fixed_amount`: `value` is minor units of the campaign's currency (500 = 5.00).",
    ),
  );
  const codeProgress = registry.register("CodeProgress", ZCodeProgress);
  const campaign = registry.register("Campaign", ZCampaignJson.extend({ discount, code_progress: codeProgress.optional().describe("Only on `GET /campaigns/{id}`.") }));
  const instant = z.string().datetime({ offset: true });
  const create = registry.register(
    "CampaignCreate",
    ZCampaignFields.extend({
      starts_at: instant.describe("With an offset: `2026-06-01T00:00:00Z` or `2026-06-01T00:00:00+02:00`."),
      ends_at: instant.nullable().optional().describe("After `starts_at`; omit or null for no end."),
      timezone: ZCampaignFields.shape.timezone.describe("IANA zone the dates are shown in, e.g. `Europe/Berlin`."),
      discount,
      code_template: ZCampaignFields.shape.code_template.describe(
        "Variables `{full_name}`, `{first_name}`, `{handle}`, `{random_number}`; codes use A–Z, 0–9 and `-`.",
      ),
      landing_url: ZCampaignFields.shape.landing_url.describe(
        "An https page on the connected store's domain or one of the brand's declared storefront domains (Settings), or a subdomain of one; anything else is a 422.",
      ),
      apply_code_from_links: ZCampaignFields.shape.apply_code_from_links.describe(
        "Apply the creator's code from their referral link (Shopify's shareable discount URL). Default true.",
      ),
    }),
  );
  const patch = registry.register(
    "CampaignPatch",
    ZUpdateCampaign.extend({ ends_at: instant.nullable().optional().describe("After `starts_at`; null removes the end.") }).describe(
      "Rename, move the end (Shopify's codes follow), or end now (every code is deactivated; an ended campaign cannot be reopened). An empty patch changes nothing.",
    ),
  );
  const campaignCreator = registry.register("CampaignCreator", ZCampaignCreatorJson);
  const added = registry.register("CampaignCreatorAdded", ZCampaignCreatorAddedJson);
  const rowError = registry.register("RowError", ZRowErrorJson);
  const addResult = registry.register("AddCreatorsResult", ZAddCreatorsResultJson.extend({ data: z.array(added), errors: z.array(rowError) }));
  const addRequest = registry.register("AddCreatorsRequest", ZAddCreatorsDocumented);
  const params = pathParams({ id: "The campaign's id, `cmp_…`." });

  registry.registerPath({
    method: "get",
    path: "/campaigns",
    operationId: "listCampaigns",
    summary: "List the workspace's campaigns (oldest first)",
    request: { query: ZListQuery },
    responses: { 200: listOf("A page of campaigns", campaign), ...errorResponses },
  });
  registry.registerPath({
    method: "post",
    path: "/campaigns",
    operationId: "createCampaign",
    summary: "Create a campaign on the connected Shopify store",
    request: { body: jsonBody(create) },
    responses: {
      201: { ...dataOf("The campaign", campaign), headers: z.object({ Location: z.string().describe("`/api/v1/campaigns/{id}`") }) },
      ...errorResponses,
      ...conflict('No Shopify store is connected (`details.reason: "no_store_connected"`)'),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/campaigns/{id}",
    operationId: "getCampaign",
    summary: "Get one campaign, with its code push progress",
    request: { params },
    responses: { 200: dataOf("The campaign", campaign), ...errorResponses },
  });
  registry.registerPath({
    method: "patch",
    path: "/campaigns/{id}",
    operationId: "updateCampaign",
    summary: "Rename a campaign, move its end, or end it now",
    request: { params, body: jsonBody(patch) },
    responses: { 200: dataOf("The campaign", campaign), ...errorResponses, ...conflict("The campaign has already ended") },
  });
  registry.registerPath({
    method: "get",
    path: "/campaigns/{id}/creators",
    operationId: "listCampaignCreators",
    summary: "List a campaign's creators with their codes and referral links",
    request: { params, query: ZListQuery.merge(ZRosterQuery) },
    responses: { 200: listOf("A page of the campaign's creators", campaignCreator), ...errorResponses },
  });
  registry.registerPath({
    method: "post",
    path: "/campaigns/{id}/creators",
    operationId: "addCampaignCreators",
    summary: "Add up to 500 creators to a campaign",
    description:
      'Each row is added on its own: valid rows are kept, invalid ones are reported in `errors` by their `index`. Codes are created in Shopify in the background (`code_status: "pending"` until then). More than 500 rows is a 422.',
    request: { params, body: jsonBody(addRequest) },
    responses: {
      200: { description: "The rows added and the rows that failed", content: { "application/json": { schema: addResult } } },
      ...errorResponses,
      ...conflict("The campaign has ended"),
    },
  });
  registry.registerPath({
    method: "patch",
    path: "/campaigns/{id}/creators/{creator_id}",
    operationId: "updateCampaignCreator",
    summary: "Set or clear a creator's own commission rate on a campaign",
    description:
      "The roster override: lines no commission rule matches earn this rate instead of the campaign rate. Orders credited from now on follow it; orders already credited keep their terms (preview and apply a rule change to move them). 404 when the creator is not in the campaign; 422 names `commission_rate_bps` outside 0–10000.",
    request: { params: pathParams({ id: "The campaign's id, `cmp_…`.", creator_id: "The creator's id, `cre_…`." }), body: jsonBody(ZRosterPatch) },
    responses: { 200: dataOf("The creator's row", campaignCreator), ...errorResponses },
  });
  registry.registerPath({
    method: "delete",
    path: "/campaigns/{id}/creators/{creator_id}",
    operationId: "removeCampaignCreator",
    summary: "Remove a creator from a campaign and deactivate their code",
    description:
      "The code stops counting at once and is deactivated in Shopify in the background; it stays reserved to the creator. 404 when the creator is not in the campaign.",
    request: { params: pathParams({ id: "The campaign's id, `cmp_…`.", creator_id: "The creator's id, `cre_…`." }) },
    responses: { 200: dataOf('The removed row (`code_status: "deactivated"`, `removed_at` set)', campaignCreator), ...errorResponses },
  });

  const statsCreator = registry.register("CampaignStatsCreator", ZCampaignStatsCreator);
  const stats = registry.register("CampaignStats", ZCampaignStats.extend({ creators: z.array(statsCreator) }));
  registry.registerPath({
    method: "get",
    path: "/campaigns/{id}/stats",
    operationId: "getCampaignStats",
    summary: "The campaign dashboard's figures per creator, for a range",
    description:
      "Gross, refunds, net and commission per creator and in total, from the same ledger rollups as the dashboard. A refund counts on the day it happens (days of the campaign's time zone). A bad range is a 422 naming the field.",
    request: { params, query: ZCampaignStatsQuery },
    responses: { 200: dataOf("The figures", stats), ...errorResponses },
  });

  const dayRow = registry.register("CampaignClicksDay", ZClicksDayRow);
  const creatorRow = registry.register("CampaignClicksCreator", ZClicksCreatorRow);
  const clicks = registry.register("CampaignClicks", ZCampaignClicks.extend({ rows: z.array(z.union([dayRow, creatorRow])) }));
  registry.registerPath({
    method: "get",
    path: "/campaigns/{id}/clicks",
    operationId: "getCampaignClicks",
    summary: "Click analytics of a campaign's referral links, per day or per creator",
    description:
      "People's clicks on the campaign's referral links (a visitor's repeat within 30 minutes is one click), distinct visitors, orders credited through those clicks and the click-to-order rate, per day of the campaign's time zone (every day of the range) or per creator, with the top landing pages. Known bots, link previews and prefetches are counted apart in `totals.not_counted`. A bad range is a 422 naming the field.",
    request: { params, query: ZClicksQuery },
    responses: { 200: dataOf("The click analytics", clicks), ...errorResponses },
  });
}
