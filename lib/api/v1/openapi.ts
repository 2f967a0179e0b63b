/**
 * The OpenAPI 3.1 document of API v1, served at /api/v1/openapi.json. It grows with every endpoint;
 * a test checks that every route under app/api/v1 is described here.
 */
const error = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", examples: ["not_found"] },
        message: { type: "string" },
        details: { type: "object", additionalProperties: true },
      },
    },
  },
};

const errorResponses = Object.fromEntries(
  [
    ["400", "Bad request"],
    ["401", "Missing, invalid or revoked API key"],
    ["404", "Not found in this workspace"],
    ["422", "Validation failed; `details.fields` names each invalid field"],
    ["429", "Rate limited; see Retry-After"],
  ].map(([status, description]) => [status, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
);

const listParams = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
  { name: "cursor", in: "query", schema: { type: "string" }, description: "`next_cursor` of the previous page." },
];

const listOf = (ref: string) => ({
  type: "object",
  required: ["data", "next_cursor"],
  properties: { data: { type: "array", items: { $ref: ref } }, next_cursor: { type: ["string", "null"] } },
});

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Tally API",
      version: "1",
      description:
        "Campaigns, creators and refund-adjusted conversions of one workspace. Money is an integer in minor units with a `currency` beside it (13.50 USD = 1350). Fields are only ever added: ignore the ones you do not know.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A workspace API key, `tly_…`." } },
      schemas: {
        Error: error,
        Creator: {
          type: "object",
          required: ["id", "email", "full_name", "handle", "status", "created_at"],
          properties: {
            id: { type: "string", examples: ["cre_01jd8k3v6x9q2w4e5r7t8y9u0a"] },
            email: { type: "string", format: "email" },
            full_name: { type: "string" },
            handle: { type: ["string", "null"] },
            status: { type: "string", enum: ["invited", "active", "removed"] },
            created_at: { type: "string", format: "date-time", description: "When the creator joined this workspace." },
          },
        },
      },
    },
    paths: {
      "/creators": {
        get: {
          operationId: "listCreators",
          summary: "List the workspace's creators",
          parameters: listParams,
          responses: {
            "200": { description: "A page of creators", content: { "application/json": { schema: listOf("#/components/schemas/Creator") } } },
            ...errorResponses,
          },
        },
      },
      "/creators/{creator_id}": {
        get: {
          operationId: "getCreator",
          summary: "Get one creator of the workspace",
          parameters: [{ name: "creator_id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "The creator",
              content: { "application/json": { schema: { type: "object", properties: { data: { $ref: "#/components/schemas/Creator" } } } } },
            },
            ...errorResponses,
          },
        },
      },
    },
  };
}
