import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZDiscoverySearchFields } from "@/lib/discovery/search-filters";
import { ZDiscoveryCreatorJson } from "../discovery";
import { ZListQuery } from "../pagination";
import { listOf, type SharedResponses } from "./shared";

/** `/discovery/creators`: the shared creator discovery database. */
export function registerDiscoveryPaths(registry: OpenAPIRegistry, { errorResponses }: SharedResponses) {
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
      }).merge(ZListQuery),
    },
    responses: { 200: listOf("A page of creators", discoveryCreator), ...errorResponses },
  });
}
