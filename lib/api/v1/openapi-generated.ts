import { extendZodWithOpenApi, OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZDiscoverySearchFields } from "@/lib/discovery/search-filters";
import { ZCampaignClicks, ZClicksCreatorRow, ZClicksDayRow, ZClicksQuery } from "./clicks";
import { ZDiscoveryCreatorJson } from "./discovery";
import { ZListQuery } from "./pagination";
import { ZCreatorJson } from "./serializers";
import { ZApplyBody, ZApplyJson, ZCampaignRulesJson, ZPreviewBody, ZPreviewJson, ZRuleJson, ZRuleNoteJson } from "./rules";
import { rulesInputSchema } from "@/lib/commission-rules/schema";
import { ZCampaignStats, ZCampaignStatsCreator, ZCampaignStatsQuery } from "./stats";

/**
 * The part of the OpenAPI document generated from the zod schemas the API itself parses requests
 * with and types its responses by (@asteasolutions/zod-to-openapi 7.3.4, the line that reads zod 3
 * schemas). Endpoints move here from the hand-written ./openapi.ts one by one; openApiDocument()
 * merges both. Errors and path parameters refer to the document's shared components.
 */
extendZodWithOpenApi(z);

const ERROR_RESPONSES = {
  "400": "Bad request",
  "401": "Missing, invalid or revoked API key",
  "404": "Not found in this workspace",
  "405": "Method not allowed; the `Allow` header lists the methods this path supports",
  "422": "Validation failed; `details.fields` names each invalid field",
  "429": "Rate limited; see Retry-After",
} as const;

const errorResponses = Object.fromEntries(
  Object.entries(ERROR_RESPONSES).map(([status, description]) => [
    status,
    { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  ]),
);

const dataOf = <T extends z.ZodTypeAny>(schema: T) => z.object({ data: schema });
const listOf = <T extends z.ZodTypeAny>(schema: T) => z.object({ data: z.array(schema), next_cursor: z.string().nullable() });

function buildRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  const creator = registry.register("CampaignStatsCreator", ZCampaignStatsCreator);
  const stats = registry.register("CampaignStats", ZCampaignStats.extend({ creators: z.array(creator) }));
  registry.registerPath({
    method: "get",
    path: "/campaigns/{id}/stats",
    operationId: "getCampaignStats",
    summary: "The campaign dashboard's figures per creator, for a range",
    description:
      "Gross, refunds, net and commission per creator and in total, from the same ledger rollups as the dashboard. A refund counts on the day it happens (days of the campaign's time zone). A bad range is a 422 naming the field.",
    request: {
      params: z.object({ id: z.string().describe("The campaign's id, `cmp_…`.") }),
      query: ZCampaignStatsQuery,
    },
    responses: {
      200: { description: "The figures", content: { "application/json": { schema: dataOf(stats) } } },
      ...errorResponses,
    },
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
    request: {
      params: z.object({ id: z.string().describe("The campaign's id, `cmp_…`.") }),
      query: ZClicksQuery,
    },
    responses: {
      200: { description: "The click analytics", content: { "application/json": { schema: dataOf(clicks) } } },
      ...errorResponses,
    },
  });

  registry.register("CommissionRule", ZRuleJson);
  registry.register("CommissionRuleNote", ZRuleNoteJson);
  const rules = registry.register("CampaignCommissionRules", ZCampaignRulesJson);
  const campaignParams = z.object({ id: z.string().describe("The campaign's id, `cmp_…`.") });
  registry.registerPath({
    method: "get",
    path: "/campaigns/{id}/rules",
    operationId: "getCampaignRules",
    summary: "The campaign's commission rules",
    description:
      "Ordered per-line rules: for each line of an order, the first rule that matches it decides what it earns (excluded, a rate, or a fixed amount per unit); no match → the creator's roster rate, else the campaign rate. Then the cap per order and the minimum order amount. `notes` say which rule is shadowed by an earlier one (never fires), which overlap, and which name deleted products.",
    request: { params: campaignParams },
    responses: {
      200: { description: "The rules", content: { "application/json": { schema: dataOf(rules) } } },
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: "put",
    path: "/campaigns/{id}/rules",
    operationId: "putCampaignRules",
    summary: "Replace the campaign's commission rules (from now on)",
    description:
      "Saves the rules for orders the campaign credits from now on; conversions already credited keep the terms they were credited under (preview and apply a change to past unpaid orders with `/rules/preview` and `/rules/apply`). Overlapping rules are allowed (first wins). Rates outside 0–10000 bps, negative amounts and a cap below zero are a 422 naming the field (`rules.2.rate_bps`).",
    request: { params: campaignParams, body: { content: { "application/json": { schema: rulesInputSchema } } } },
    responses: {
      200: { description: "The saved rules", content: { "application/json": { schema: dataOf(rules) } } },
      ...errorResponses,
    },
  });

  const preview = registry.register("CommissionRulesPreview", ZPreviewJson);
  registry.registerPath({
    method: "post",
    path: "/campaigns/{id}/rules/preview",
    operationId: "previewCampaignRules",
    summary: "What a rule change would do to past orders (writes nothing)",
    description:
      "Re-evaluates the campaign's orders placed in [`from`, `to`) under the proposed rules with the same function live attribution uses, from the stored order facts and each conversion's terms (creator rate, campaign rate, new vs returning customer): commission before (what the ledger holds, or awaits payment) and after, per creator and in total, and the orders whose amount or commission would change, a page at a time (`next_cursor`). A range with no orders says so in `summary.message`.",
    request: { params: campaignParams, body: { content: { "application/json": { schema: ZPreviewBody } } } },
    responses: {
      200: { description: "The preview", content: { "application/json": { schema: z.object({ data: preview, next_cursor: z.string().nullable() }) } } },
      ...errorResponses,
    },
  });
  const applied = registry.register("CommissionRulesApplied", ZApplyJson);
  registry.registerPath({
    method: "post",
    path: "/campaigns/{id}/rules/apply",
    operationId: "applyCampaignRules",
    summary: "Apply a rule change from now on, or also to unpaid orders since a date",
    description:
      "`from_now` saves the rules for orders credited from now on. `unpaid_since` also moves the campaign's orders placed since `since`: each difference is a `rule_change` ledger entry (idempotent by `run_id`); orders whose commission is already in a payout are listed in `paid_left_alone` and not touched unless `claw_back_paid` (then the difference is clawed back or topped up in the next payout); partly refunded orders are listed in `refunded_left_alone`.",
    request: { params: campaignParams, body: { content: { "application/json": { schema: ZApplyBody } } } },
    responses: {
      200: { description: "What was applied", content: { "application/json": { schema: dataOf(applied) } } },
      ...errorResponses,
    },
  });

  const workspaceCreator = registry.register("Creator", ZCreatorJson);
  registry.registerPath({
    method: "get",
    path: "/creators",
    operationId: "listCreators",
    summary: "List the workspace's creators",
    request: { query: ZListQuery },
    responses: {
      200: { description: "A page of creators", content: { "application/json": { schema: listOf(workspaceCreator) } } },
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/creators/{creator_id}",
    operationId: "getCreator",
    summary: "Get one creator of the workspace",
    request: { params: z.object({ creator_id: z.string() }) },
    responses: {
      200: { description: "The creator", content: { "application/json": { schema: dataOf(workspaceCreator) } } },
      ...errorResponses,
    },
  });

  const discoveryCreator = registry.register("DiscoveryCreator", ZDiscoveryCreatorJson);
  registry.registerPath({
    method: "get",
    path: "/discovery/creators",
    operationId: "searchDiscoveryCreators",
    summary: "Search the creator discovery database",
    description:
      "Every brand searches the same profiles. Text is matched case- and accent-insensitively (`los angeles` finds `Los Ángeles`). `sort=relevance` (default) lists creators whose handle or name contain every word of `q` first, then the others, each by followers; without `q` it is by followers. `email` is null unless your workspace unlocked the creator. Page with `cursor` (keyset: stable while you page).",
    request: {
      // `platform` travels as one comma-separated string (the parser splits it).
      query: ZDiscoverySearchFields.extend({
        platform: z.string().optional().describe("`instagram`, `tiktok`, `youtube`, or several separated by commas (any of them)."),
      }).merge(ZListQuery.extend({ cursor: ZListQuery.shape.cursor.describe("`next_cursor` of the previous page.") })),
    },
    responses: {
      200: {
        description: "A page of creators",
        content: { "application/json": { schema: listOf(discoveryCreator) } },
      },
      ...errorResponses,
    },
  });
  return registry;
}

let generated: { paths: Record<string, unknown>; schemas: Record<string, unknown> } | undefined;

/** The generated paths and component schemas (built once per process). */
export function generatedOpenApi() {
  if (!generated) {
    const doc = new OpenApiGeneratorV31(buildRegistry().definitions).generateDocument({
      openapi: "3.1.0",
      info: { title: "Tally API", version: "1" },
    });
    generated = { paths: (doc.paths ?? {}) as Record<string, unknown>, schemas: (doc.components?.schemas ?? {}) as Record<string, unknown> };
  }
  return generated;
}
