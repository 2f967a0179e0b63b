import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { SharedResponses } from "./shared";
import { ZCreateWebhookEndpoint, ZUpdateWebhookEndpoint } from "@/lib/webhook-endpoints/schemas";
import { ZEventJson, ZEventsQuery } from "../events";
import { ZWebhookEndpointJson } from "../webhook-endpoints";

/** The outbound events' paths, generated from the schemas the API parses and answers with. */
export function registerEventPaths(registry: OpenAPIRegistry, { errorResponses }: SharedResponses) {
  const event = registry.register("Event", ZEventJson);
  registry.registerPath({
    method: "get",
    path: "/events",
    operationId: "listEvents",
    summary: "Replay the workspace's events in order",
    description:
      "The outbox: every event Tally sent or will send to your webhook endpoints, in one stable order. Pass the id of the last event you processed as `after` (a page's `next_cursor`, or the `webhook-id` of a delivery) to get exactly what came after it. `next_cursor` is null on the last page; poll again later with the last event's id. Each event was written in the same transaction as the change it tells of.",
    request: { query: ZEventsQuery },
    responses: {
      200: {
        description: "A page of events, oldest first",
        content: { "application/json": { schema: z.object({ data: z.array(event), next_cursor: z.string().nullable().describe("The last event's id when more follow; null on the last page.") }) } },
      },
      ...(errorResponses as object),
    },
  });

  const endpoint = registry.register("WebhookEndpoint", ZWebhookEndpointJson);
  const json = (schema: z.ZodTypeAny) => ({ "application/json": { schema } });
  const one = (description: string) => ({ description, content: json(z.object({ data: endpoint })) });
  const params = z.object({ id: z.string().describe("The endpoint's id, `we_…`.") });
  const errors = errorResponses as object;
  registry.registerPath({
    method: "get",
    path: "/webhook-endpoints",
    operationId: "listWebhookEndpoints",
    summary: "List the workspace's webhook endpoints",
    responses: { 200: { description: "Every endpoint (at most 20)", content: json(z.object({ data: z.array(endpoint), next_cursor: z.null() })) }, ...errors },
  });
  registry.registerPath({
    method: "post",
    path: "/webhook-endpoints",
    operationId: "createWebhookEndpoint",
    summary: "Add a webhook endpoint",
    description:
      "Events written from now on are POSTed to `url`, signed with the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`) under the `secret` in the answer. In production the URL must be https and resolve to public addresses only (a private, loopback or link-local address is a 422 on `url`). Failed deliveries are retried with backoff for 3 days; an endpoint failing for 3 days is disabled and the brand's admins are emailed.",
    request: { body: { content: json(ZCreateWebhookEndpoint) } },
    responses: { 201: one("The endpoint, with its signing secret"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/webhook-endpoints/{id}",
    operationId: "getWebhookEndpoint",
    summary: "Get one webhook endpoint, with its signing secret",
    request: { params },
    responses: { 200: one("The endpoint"), ...errors },
  });
  registry.registerPath({
    method: "patch",
    path: "/webhook-endpoints/{id}",
    operationId: "updateWebhookEndpoint",
    summary: "Change a webhook endpoint, or turn it off or back on",
    request: { params, body: { content: json(ZUpdateWebhookEndpoint) } },
    responses: { 200: one("The endpoint"), ...errors },
  });
  registry.registerPath({
    method: "delete",
    path: "/webhook-endpoints/{id}",
    operationId: "deleteWebhookEndpoint",
    summary: "Remove a webhook endpoint and its delivery history",
    request: { params },
    responses: { 200: { description: "Removed", content: json(z.object({ data: z.object({ id: z.string(), deleted: z.literal(true) }) })) }, ...errors },
  });
  registry.registerPath({
    method: "post",
    path: "/webhook-endpoints/{id}/rotate-secret",
    operationId: "rotateWebhookEndpointSecret",
    summary: "Rotate the signing secret (the previous one also signs for 24 h)",
    request: { params },
    responses: { 200: one("The endpoint, with its new secret"), ...errors },
  });
  registry.registerPath({
    method: "post",
    path: "/webhook-endpoints/{id}/test",
    operationId: "testWebhookEndpoint",
    summary: "Send a signed `webhook.test` message",
    request: { params },
    responses: { 202: { description: "Queued", content: json(z.object({ data: z.object({ delivery_id: z.string() }) })) }, ...errors },
  });
}
