import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZListQuery } from "../pagination";
import { ZBalanceJson, ZCreatorBalancesJson } from "../payouts";
import { ZCreatorJson } from "../serializers";
import { dataOf, listOf, pathParams, type SharedResponses } from "./shared";

/** `/creators/**`: the workspace's creators and their balances. */
export function registerCreatorPaths(registry: OpenAPIRegistry, { errorResponses }: SharedResponses) {
  const creator = registry.register("Creator", ZCreatorJson);
  const params = pathParams({ creator_id: "The creator's id, `cre_…`." });
  registry.registerPath({
    method: "get",
    path: "/creators",
    operationId: "listCreators",
    summary: "List the workspace's creators",
    request: { query: ZListQuery },
    responses: { 200: listOf("A page of creators", creator), ...errorResponses },
  });
  registry.registerPath({
    method: "get",
    path: "/creators/{creator_id}",
    operationId: "getCreator",
    summary: "Get one creator of the workspace",
    request: { params },
    responses: { 200: dataOf("The creator", creator), ...errorResponses },
  });
  const balance = registry.register("Balance", ZBalanceJson);
  registry.registerPath({
    method: "get",
    path: "/creators/{creator_id}/balance",
    operationId: "getCreatorBalance",
    summary: "A creator's pending, payable, in-payout and paid commission with this workspace",
    request: { params },
    responses: {
      200: {
        description: "One balance per currency the creator earned in (none yet: an empty list)",
        content: { "application/json": { schema: ZCreatorBalancesJson.extend({ balances: z.array(balance) }) } },
      },
      ...errorResponses,
    },
  });
}
