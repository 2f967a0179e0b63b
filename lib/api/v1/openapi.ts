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

const jsonBody = (schema: unknown) => ({ "application/json": { schema } });
const dataOf = (ref: string) => ({ type: "object", required: ["data"], properties: { data: { $ref: ref } } });
const conflictResponse = (description: string) => ({
  "409": { description, content: jsonBody({ $ref: "#/components/schemas/Error" }) },
});
const campaignIdParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The campaign's id, `cmp_…`." };
const instant = { type: "string", format: "date-time" };

/** Campaigns and their creators (`/campaigns/**`). */
const campaignSchemas = {
  Discount: {
    description: "The customer's discount. `percentage`: `value` is a percent (15 = 15 %, up to 2 decimals, > 0, ≤ 100). `fixed_amount`: `value` is minor units of the campaign's currency (500 = 5.00).",
    oneOf: [
      {
        type: "object",
        required: ["type", "value"],
        properties: { type: { const: "percentage" }, value: { type: "number", exclusiveMinimum: 0, maximum: 100, multipleOf: 0.01, examples: [15, 12.5] } },
      },
      {
        type: "object",
        required: ["type", "value"],
        properties: { type: { const: "fixed_amount" }, value: { type: "integer", minimum: 1, examples: [500] } },
      },
    ],
  },
  CodeProgress: {
    type: "object",
    description: "How many of the campaign's current codes (creators still in it) are in each state.",
    required: ["pending", "active", "failed", "deactivated", "total"],
    properties: {
      pending: { type: "integer" },
      active: { type: "integer" },
      failed: { type: "integer" },
      deactivated: { type: "integer" },
      total: { type: "integer" },
    },
  },
  Campaign: {
    type: "object",
    required: [
      "id",
      "name",
      "starts_at",
      "ends_at",
      "timezone",
      "status",
      "discount",
      "commission_rate_bps",
      "code_template",
      "landing_url",
      "currency",
      "created_at",
      "updated_at",
    ],
    properties: {
      id: { type: "string", examples: ["cmp_01jd8k3v6x9q2w4e5r7t8y9u0a"] },
      name: { type: "string" },
      starts_at: instant,
      ends_at: { type: ["string", "null"], format: "date-time", description: "null: runs until ended by hand." },
      timezone: { type: "string", description: "IANA zone the dates were entered in (display only; the instants are UTC).", examples: ["Europe/Berlin"] },
      status: {
        type: "string",
        enum: ["scheduled", "active", "ended"],
        description: "Derived: `ended` once ended by hand or `ends_at` has passed, `scheduled` before `starts_at`, `active` otherwise.",
      },
      discount: { $ref: "#/components/schemas/Discount" },
      commission_rate_bps: { type: "integer", minimum: 0, maximum: 10000, description: "The creator's commission in basis points of the discounted subtotal (1500 = 15 %)." },
      code_template: { type: "string", examples: ["{full_name}-{random_number}"] },
      landing_url: { type: ["string", "null"], format: "uri", description: "Where referral links land; null → the store's home page." },
      currency: { type: "string", description: "The store's currency (ISO 4217); `fixed_amount` discounts are in its minor units.", examples: ["USD"] },
      ended_at: { type: ["string", "null"], format: "date-time", description: "When it was ended by hand (`status: \"ended\"`); null otherwise." },
      code_progress: { $ref: "#/components/schemas/CodeProgress", description: "Only on `GET /campaigns/{id}`." },
      created_at: instant,
      updated_at: instant,
    },
  },
  CampaignCreate: {
    type: "object",
    required: ["name", "starts_at", "discount", "commission_rate_bps"],
    properties: {
      name: { type: "string", minLength: 1, maxLength: 120 },
      starts_at: { ...instant, description: "With an offset: `2026-06-01T00:00:00Z` or `2026-06-01T00:00:00+02:00`." },
      ends_at: { type: ["string", "null"], format: "date-time", description: "After `starts_at`; omit or null for no end." },
      timezone: { type: "string", default: "UTC" },
      discount: { $ref: "#/components/schemas/Discount" },
      commission_rate_bps: { type: "integer", minimum: 0, maximum: 10000 },
      code_template: {
        type: "string",
        default: "{full_name}-{random_number}",
        description: "Variables `{full_name}`, `{first_name}`, `{handle}`, `{random_number}`; codes use A–Z, 0–9 and `-`.",
      },
      landing_url: { type: ["string", "null"], format: "uri" },
    },
  },
  CampaignPatch: {
    type: "object",
    additionalProperties: false,
    description: "Rename, move the end (Shopify's codes follow), or end now (every code is deactivated; an ended campaign cannot be reopened). An empty patch changes nothing.",
    properties: {
      name: { type: "string", minLength: 1, maxLength: 120 },
      ends_at: { type: ["string", "null"], format: "date-time", description: "After `starts_at`; null removes the end." },
      status: { const: "ended" },
    },
  },
  CampaignCreator: {
    type: "object",
    required: ["creator_id", "email", "full_name", "handle", "code", "code_status", "referral_url", "joined_at"],
    properties: {
      creator_id: { type: "string", examples: ["cre_01jd8k3v6x9q2w4e5r7t8y9u0a"] },
      email: { type: "string", format: "email" },
      full_name: { type: "string" },
      handle: { type: ["string", "null"] },
      code: { type: ["string", "null"], description: "The creator's current discount code in this campaign.", examples: ["JANE-K3Q9"] },
      code_status: {
        type: ["string", "null"],
        enum: ["pending", "active", "failed", "deactivated", null],
        description: "`pending` until created in Shopify, then `active`; `failed` (see `code_failure_reason`); `deactivated` once the creator is removed or the campaign ends.",
      },
      code_failure_reason: { type: ["string", "null"], description: "Why the code could not be created in Shopify, when `code_status` is `failed`." },
      referral_url: { type: "string", format: "uri" },
      joined_at: instant,
      removed_at: { type: ["string", "null"], format: "date-time", description: "Set once removed from the campaign." },
    },
  },
  CampaignCreatorAdded: {
    allOf: [
      { $ref: "#/components/schemas/CampaignCreator" },
      {
        type: "object",
        required: ["index", "already_enrolled"],
        properties: {
          index: { type: "integer", description: "The row's position in the request's `creators`." },
          already_enrolled: { type: "boolean", description: "The creator was already in the campaign: nothing changed." },
        },
      },
    ],
  },
  CreatorRowInput: {
    type: "object",
    required: ["email", "full_name"],
    properties: {
      email: { type: "string", format: "email" },
      full_name: { type: "string", minLength: 1, maxLength: 120 },
      handle: { type: ["string", "null"], maxLength: 60, description: "Letters, digits, `.`, `-`, `_`; a leading `@` is dropped." },
      code: { type: ["string", "null"], description: "A code of your choice instead of the template's; codes are never reused in a store." },
    },
  },
  AddCreatorsRequest: {
    type: "object",
    required: ["creators"],
    properties: { creators: { type: "array", minItems: 1, maxItems: 500, items: { $ref: "#/components/schemas/CreatorRowInput" } } },
  },
  RowError: {
    type: "object",
    required: ["index", "code", "message", "field"],
    properties: {
      index: { type: "integer", description: "The row's position in the request's `creators`." },
      code: { type: "string", examples: ["validation_failed", "duplicate", "conflict"] },
      message: { type: "string" },
      field: { type: ["string", "null"], examples: ["email", "code"] },
    },
  },
  AddCreatorsResult: {
    type: "object",
    required: ["data", "errors", "added", "failed"],
    properties: {
      data: { type: "array", items: { $ref: "#/components/schemas/CampaignCreatorAdded" } },
      errors: { type: "array", items: { $ref: "#/components/schemas/RowError" } },
      added: { type: "integer" },
      failed: { type: "integer" },
    },
  },
};

const campaignPaths = {
  "/campaigns": {
    get: {
      operationId: "listCampaigns",
      summary: "List the workspace's campaigns (oldest first)",
      parameters: listParams,
      responses: {
        "200": { description: "A page of campaigns", content: jsonBody(listOf("#/components/schemas/Campaign")) },
        ...errorResponses,
      },
    },
    post: {
      operationId: "createCampaign",
      summary: "Create a campaign on the connected Shopify store",
      requestBody: { required: true, content: jsonBody({ $ref: "#/components/schemas/CampaignCreate" }) },
      responses: {
        "201": {
          description: "The campaign",
          headers: { Location: { schema: { type: "string" }, description: "`/api/v1/campaigns/{id}`" } },
          content: jsonBody(dataOf("#/components/schemas/Campaign")),
        },
        ...errorResponses,
        ...conflictResponse("No Shopify store is connected (`details.reason: \"no_store_connected\"`)"),
      },
    },
  },
  "/campaigns/{id}": {
    get: {
      operationId: "getCampaign",
      summary: "Get one campaign, with its code push progress",
      parameters: [campaignIdParam],
      responses: { "200": { description: "The campaign", content: jsonBody(dataOf("#/components/schemas/Campaign")) }, ...errorResponses },
    },
    patch: {
      operationId: "updateCampaign",
      summary: "Rename a campaign, move its end, or end it now",
      parameters: [campaignIdParam],
      requestBody: { required: true, content: jsonBody({ $ref: "#/components/schemas/CampaignPatch" }) },
      responses: {
        "200": { description: "The campaign", content: jsonBody(dataOf("#/components/schemas/Campaign")) },
        ...errorResponses,
        ...conflictResponse("The campaign has already ended"),
      },
    },
  },
  "/campaigns/{id}/creators": {
    get: {
      operationId: "listCampaignCreators",
      summary: "List a campaign's creators with their codes and referral links",
      parameters: [
        campaignIdParam,
        ...listParams,
        { name: "include_removed", in: "query", schema: { type: "string", enum: ["true", "false"], default: "false" }, description: "Also list removed creators." },
      ],
      responses: {
        "200": { description: "A page of the campaign's creators", content: jsonBody(listOf("#/components/schemas/CampaignCreator")) },
        ...errorResponses,
      },
    },
    post: {
      operationId: "addCampaignCreators",
      summary: "Add up to 500 creators to a campaign",
      description:
        "Each row is added on its own: valid rows are kept, invalid ones are reported in `errors` by their `index`. Codes are created in Shopify in the background (`code_status: \"pending\"` until then). More than 500 rows is a 422.",
      parameters: [campaignIdParam],
      requestBody: { required: true, content: jsonBody({ $ref: "#/components/schemas/AddCreatorsRequest" }) },
      responses: {
        "200": { description: "The rows added and the rows that failed", content: jsonBody({ $ref: "#/components/schemas/AddCreatorsResult" }) },
        ...errorResponses,
        ...conflictResponse("The campaign has ended"),
      },
    },
  },
  "/campaigns/{id}/creators/{creator_id}": {
    delete: {
      operationId: "removeCampaignCreator",
      summary: "Remove a creator from a campaign and deactivate their code",
      description: "The code stops counting at once and is deactivated in Shopify in the background; it stays reserved to the creator. 404 when the creator is not in the campaign.",
      parameters: [campaignIdParam, { name: "creator_id", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        "200": { description: "The removed row (`code_status: \"deactivated\"`, `removed_at` set)", content: jsonBody(dataOf("#/components/schemas/CampaignCreator")) },
        ...errorResponses,
      },
    },
  },
};

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
        ...campaignSchemas,
      },
    },
    paths: {
      ...campaignPaths,
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
