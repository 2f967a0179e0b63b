import { extendZodWithOpenApi, OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { registerCampaignPaths } from "./openapi/campaigns";
import { registerConversionPaths } from "./openapi/conversions";
import { registerCreatorPaths } from "./openapi/creators";
import { registerDiscoveryPaths } from "./openapi/discovery";
import { registerEventPaths } from "./openapi/events";
import { registerPayoutPaths } from "./openapi/payouts";
import { registerRulesPaths } from "./openapi/rules";
import { registerError } from "./openapi/shared";

/**
 * The OpenAPI 3.1 document of API v1, served at /api/v1/openapi.json, generated from the zod
 * schemas the routes parse requests with and type their responses by (@asteasolutions/zod-to-openapi
 * 7.3.4, the line that reads zod 3 schemas). Each area registers its paths in ./openapi/<area>.ts;
 * this file only assembles them (docs/ARCHITECTURE.md, "Adding an API endpoint"). A test checks
 * that every route under app/api/v1 is described, and the API tests validate every response
 * against the document (test/openapi-conformance.ts).
 */
extendZodWithOpenApi(z);

function generate() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "A workspace API key, `tly_…`." });
  const shared = registerError(registry);
  registerCampaignPaths(registry, shared);
  registerRulesPaths(registry, shared);
  registerCreatorPaths(registry, shared);
  registerConversionPaths(registry, shared);
  registerPayoutPaths(registry, shared);
  registerDiscoveryPaths(registry, shared);
  registerEventPaths(registry, shared);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Tally API",
      version: "1",
      description:
        "Campaigns, creators, refund-adjusted conversions and payouts of one workspace. Money is an integer in minor units with a `currency` beside it (13.50 USD = 1350). Fields are only ever added: ignore the ones you do not know.",
    },
    security: [{ bearer: [] }],
  });
}

let generated: ReturnType<typeof generate> | undefined;

export function openApiDocument(serverUrl: string) {
  generated ??= generate();
  return { ...generated, servers: [{ url: `${serverUrl}/api/v1` }], paths: generated.paths ?? {}, components: { ...generated.components, schemas: generated.components?.schemas ?? {} } };
}
