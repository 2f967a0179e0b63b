import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZListQuery } from "../pagination";
import { ZPayoutItemJson, ZPayoutJson } from "@/lib/serializers/payouts";
import { ZCreatePayout, ZFailPayoutItem, ZMarkPayoutPaid, ZSettingsJson, ZUpdateSettings } from "../payouts";
import { dataOf, jsonBody, listOf, pathParams, type SharedResponses } from "./shared";

/** `/payouts/**` and `/settings`. */
export function registerPayoutPaths(registry: OpenAPIRegistry, { errorResponses, conflict }: SharedResponses) {
  const item = registry.register("PayoutItem", ZPayoutItemJson);
  const payout = registry.register("Payout", ZPayoutJson.extend({ items: z.array(item).optional().describe("On single-payout answers only.") }));
  const settings = registry.register("Settings", ZSettingsJson);
  const params = pathParams({ id: "The payout's id, `po_…`." });

  registry.registerPath({
    method: "get",
    path: "/payouts",
    operationId: "listPayouts",
    summary: "List payouts, newest first",
    request: { query: ZListQuery },
    responses: { 200: listOf("A page of payouts (without items)", payout), ...errorResponses },
  });
  registry.registerPath({
    method: "post",
    path: "/payouts",
    operationId: "createPayout",
    summary: "Run a payout",
    description:
      "One item per creator whose payable balance at `cutoff` is above `minimum_amount` and above zero; each ledger entry it covers is stamped with that item. Atomic: the whole payout or nothing. Synchronous: the answer is the payout, made in the request (set-based, a few statements per run: seconds for 500 creators over a million ledger entries); the brand portal starts the same run in the background and shows its progress. 409 while another run in that currency is in progress (from the API or the portal), or when nothing is payable.",
    request: { body: jsonBody(ZCreatePayout) },
    responses: { 201: dataOf("The payout, with its items", payout), ...errorResponses, ...conflict("A run in this currency is in progress, or nothing is payable") },
  });
  registry.registerPath({
    method: "get",
    path: "/payouts/{id}",
    operationId: "getPayout",
    summary: "Get a payout with its items",
    request: { params },
    responses: { 200: dataOf("The payout", payout), ...errorResponses },
  });
  registry.registerPath({
    method: "post",
    path: "/payouts/{id}/paid",
    operationId: "markPayoutPaid",
    summary: "Mark every unpaid item paid",
    request: { params, body: jsonBody(ZMarkPayoutPaid, false) },
    responses: { 200: dataOf("The paid payout", payout), ...errorResponses, ...conflict("Already paid, or cancelled") },
  });
  registry.registerPath({
    method: "post",
    path: "/payouts/{id}/processing",
    operationId: "startPayoutProcessing",
    summary: "Mark a draft as sent (processing)",
    request: { params },
    responses: { 200: dataOf("The payout", payout), ...errorResponses, ...conflict("Not a draft") },
  });
  registry.registerPath({
    method: "post",
    path: "/payouts/{id}/cancel",
    operationId: "cancelPayout",
    summary: "Cancel a draft: its entries are payable again",
    request: { params },
    responses: { 200: dataOf("The cancelled payout", payout), ...errorResponses, ...conflict("Not a draft") },
  });
  registry.registerPath({
    method: "post",
    path: "/payouts/{id}/items/{item_id}/failed",
    operationId: "failPayoutItem",
    summary: "Mark one item failed: its entries are released back to payable",
    request: { params: pathParams({ id: "The payout's id, `po_…`.", item_id: "The item's id, `poi_…`." }), body: jsonBody(ZFailPayoutItem) },
    responses: { 200: dataOf("The failed item", item), ...errorResponses, ...conflict("Already failed, or the payout was cancelled") },
  });

  registry.registerPath({
    method: "get",
    path: "/settings",
    operationId: "getSettings",
    summary: "The workspace's settings",
    responses: { 200: dataOf("The settings", settings), ...errorResponses },
  });
  registry.registerPath({
    method: "patch",
    path: "/settings",
    operationId: "updateSettings",
    summary: "Change settings",
    request: { body: jsonBody(ZUpdateSettings) },
    responses: { 200: dataOf("The settings", settings), ...errorResponses },
  });
}
