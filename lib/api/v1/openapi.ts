import { generatedOpenApi } from "./openapi-generated";

/**
 * The OpenAPI 3.1 document of API v1, served at /api/v1/openapi.json. It grows with every endpoint;
 * a test checks that every route under app/api/v1 is described here, and the API tests validate
 * every response against it (test/openapi-conformance.ts). Endpoints whose request and response
 * are zod schemas are generated from them (./openapi-generated.ts); the rest is still written here.
 */
import { payoutPaths, payoutSchemas } from "./openapi-payouts";

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
    ["405", "Method not allowed; the `Allow` header lists the methods this path supports"],
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
        properties: { type: { const: "fixed_amount" }, value: { type: "integer", minimum: 1, maximum: 100_000_000, examples: [500] } },
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
      apply_code_from_links: { type: "boolean", description: "Referral links go through the store's shareable discount URL (`/discount/{CODE}?redirect=…`), so the creator's code applies itself; a code that is not live is never applied." },
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
      landing_url: { type: ["string", "null"], format: "uri", description: "An https page on the connected store's domain or one of the brand's declared storefront domains (Settings), or a subdomain of one; anything else is a 422." },
      apply_code_from_links: { type: "boolean", default: true, description: "Apply the creator's code from their referral link (Shopify's shareable discount URL)." },
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
      apply_code_from_links: { type: "boolean", description: "Turn applying the creator's code from links on or off." },
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

/** Conversions (`/conversions`): one per attributed order, with refund-adjusted money. */
const money = (description: string) => ({ type: "integer", description: `${description} Minor units of \`currency\` (1350 = 13.50 USD).` });

const conversionSchemas = {
  Conversion: {
    type: "object",
    description:
      "The one attribution of a Shopify order to a creator. Money is integer minor units of `currency`. Refunds never edit the sale: `order_amount` and `commission_amount` are the sale's (order edits and status changes included), refunds add up in `refund_amount`, and `net_amount` / `net_commission` are what is left after them. A conversion's `updated_at` moves whenever Tally changes it (status, amounts, refunds).",
    required: [
      "id",
      "order_id",
      "order_name",
      "campaign_id",
      "creator_id",
      "type",
      "code",
      "status",
      "currency",
      "order_amount",
      "commission_amount",
      "refund_amount",
      "refund_at",
      "net_amount",
      "net_commission",
      "explanation",
      "created_at",
      "updated_at",
    ],
    properties: {
      id: { type: "string", examples: ["cnv_01jd8k3v6x9q2w4e5r7t8y9u0a"] },
      order_id: {
        type: "string",
        pattern: "^[0-9]+$",
        description: "Shopify's order id (the REST `id` / GraphQL `legacyResourceId`; the GraphQL id is `gid://shopify/Order/{order_id}`), as a string of digits: join with your Shopify data on it.",
        examples: ["5432109876543"],
      },
      order_name: { type: "string", description: "The order's name in Shopify.", examples: ["#1001"] },
      order_created_at: { ...instant, description: "When the order was placed in Shopify." },
      campaign_id: { type: "string", examples: ["cmp_01jd8k3v6x9q2w4e5r7t8y9u0a"] },
      creator_id: { type: "string", examples: ["cre_01jd8k3v6x9q2w4e5r7t8y9u0a"] },
      type: { type: "string", enum: ["coupon", "link"], description: "`coupon`: the creator's code was used at checkout; `link`: the order came through the creator's referral link." },
      code: { type: ["string", "null"], description: "The creator's code that was used (`coupon`); null for `link`.", examples: ["JANE-K3Q9"] },
      status: {
        type: "string",
        enum: ["pending", "approved", "flagged", "denied", "reversed", "voided"],
        description:
          "`pending`: the order is not paid yet in Shopify (financial status pending, authorized or partially paid): nothing is earned — the money fields are 0 and `pending_commission` says what it will earn once paid; it then becomes `approved`, `flagged` or `denied`. `approved` earns commission; `flagged` awaits the brand's review; `denied` earns nothing (e.g. self-referral); `reversed`: commission was earned and then all of it taken back by refunds or a cancellation; `voided`: the order was never paid (payment voided, or cancelled unpaid), nothing was earned. `pending` and `voided` were added after the first four: treat a status you do not know as not earning.",
      },
      currency: { type: "string", description: "The store's currency (ISO 4217); every amount of the conversion is in its minor units.", examples: ["USD"] },
      order_amount: money("The attributed amount: the order's subtotal after all discounts, without shipping, tax, tips and gift cards (order edits before any refund included), before refunds; 0 until the order is paid."),
      commission_rate_bps: { type: "integer", description: "The campaign's commission rate when the order was attributed, in basis points (1500 = 15 %)." },
      commission_amount: money("The commission the sale earned (0 when denied), order edits and status changes included, before refunds."),
      refund_amount: money("Refunded merchandise so far (a positive number; 0 when nothing was refunded)."),
      refund_at: { type: ["string", "null"], format: "date-time", description: "When the last refund happened; null when none." },
      net_amount: money("`order_amount` − `refund_amount`."),
      net_commission: money("What the creator keeps: `commission_amount` minus the commission reversed with refunds."),
      pending_amount: money("Awaiting payment (`status: pending`): the order's commissionable amount, earned once Shopify says the order is paid; 0 otherwise."),
      pending_commission: money("Awaiting payment (`status: pending`): the commission the order earns once paid (never payable before); 0 otherwise."),
      payable_at: { type: ["string", "null"], format: "date-time", description: "When its commission is (or was) released from the hold (the return window) under the workspace's current hold; null while nothing is earned." },
      paid_amount: money("Commission of this order already paid in payouts marked paid."),
      explanation: { type: "string", description: "Why this creator was credited, in one or a few sentences.", examples: ["Credited to Jane Doe (code JANE-K3Q9): 15 % commission of $90.00 = $13.50."] },
      explanation_details: { $ref: "#/components/schemas/ExplanationDetails" },
      created_at: { ...instant, description: "When Tally attributed the order." },
      updated_at: { ...instant, description: "When any field last changed. Milliseconds; pass it as `updated_since` to sync (inclusive)." },
    },
  },
  ExplanationDetails: {
    type: "object",
    additionalProperties: true,
    description:
      "The structured explanation behind `explanation` (keys in snake_case; `*_cents` are minor units of `currency`). Fields may be added; ignore the ones you do not know.",
    required: ["summary", "rule", "candidates", "settings", "amount"],
    properties: {
      summary: { type: "string", description: "Same text as `explanation`." },
      rule: {
        type: "string",
        description: "The attribution rule that decided.",
        examples: ["single_code", "tie_break_first_listed", "tie_break_oldest_assigned", "code_beats_link", "code_and_link_same_creator", "link_only"],
      },
      candidates: {
        type: "array",
        description: "Every code typed at checkout and the referral click, with what became of each.",
        items: {
          type: "object",
          additionalProperties: true,
          required: ["kind", "value", "outcome", "detail"],
          properties: {
            kind: { type: "string", enum: ["code", "click"] },
            value: { type: "string", description: "The code, or the click's id." },
            creator_id: { type: "string" },
            creator_name: { type: "string" },
            outcome: {
              type: "string",
              examples: ["won", "lost_tie_break", "not_a_creator_code", "campaign_not_active", "code_deactivated", "enrollment_removed", "outside_window", "lost_to_code", "same_creator_as_code"],
            },
            detail: { type: "string" },
          },
        },
      },
      settings: {
        type: "object",
        additionalProperties: true,
        description: "The workspace's attribution settings applied.",
        properties: {
          tie_break: { type: "string", enum: ["first_listed", "oldest_assigned"] },
          self_referral: { type: "string", enum: ["deny", "flag"] },
          click_window_days: { type: "integer" },
          new_creator_flag_days: { type: ["integer", "null"] },
        },
      },
      amount: {
        type: "object",
        additionalProperties: true,
        description: "How `order_amount` and the sale's commission were computed, at attribution time.",
        properties: {
          subtotal_cents: { type: "integer" },
          line_items_tax_cents: { type: "integer" },
          taxes_included: { type: "boolean" },
          amount_cents: { type: "integer", description: "subtotal − gift-card lines − the other lines' tax when taxes are included." },
          excluded_lines: { type: "array", description: "Lines left out of the amount: gift cards (`reason: gift_card`), with their `title`, `quantity` and `amount_cents`.", items: { type: "object", additionalProperties: true } },
          discrepancy: { type: ["object", "null"], description: "When the order's lines do not add up to its subtotal: `lines_cents` against `subtotal_cents` (the amount follows the subtotal, and the conversion is flagged for review)." },
          rate_bps: { type: "integer" },
          commission_cents: { type: "integer" },
          currency: { type: "string" },
        },
      },
      self_referral: { type: "object", additionalProperties: true, description: "Present when the buyer is the creator (`matched_by`: `email` or `customer_id`)." },
      new_creator: { type: "object", additionalProperties: true, description: "Present when the creator's first order was flagged as new." },
    },
  },
};

const idFilter = (name: string, description: string) => ({ name, in: "query", schema: { type: "string" }, description });

const conversionPaths = {
  "/conversions": {
    get: {
      operationId: "listConversions",
      summary: "List the workspace's conversions, oldest update first",
      description:
        "Ordered by (`updated_at`, `id`). A conversion created or changed while you page gets a later `updated_at` and appears after your cursor (a changed one again, with its new state): no row is skipped or shifted. To sync, page until `next_cursor` is null, remember the largest `updated_at` you saw, and later ask with `updated_since` set to it: it is inclusive, so you may see a few rows again — upsert by `id`. Conversions of other workspaces never appear; a `campaign_id` or `creator_id` that is not yours matches nothing.",
      parameters: [
        idFilter("campaign_id", "Only this campaign's conversions (`cmp_…`)."),
        idFilter("creator_id", "Only this creator's conversions (`cre_…`)."),
        { name: "status", in: "query", schema: { type: "string", enum: ["pending", "approved", "flagged", "denied", "reversed", "voided"] }, description: "Only conversions with this status." },
        {
          name: "updated_since",
          in: "query",
          schema: { type: "string", format: "date-time" },
          description: "Only conversions with `updated_at` at or after this instant (inclusive). ISO 8601 with an offset (`2026-05-01T00:00:00Z`), or a date (`2026-05-01`, UTC midnight).",
        },
        ...listParams,
      ],
      responses: {
        "200": { description: "A page of conversions", content: jsonBody(listOf("#/components/schemas/Conversion")) },
        ...errorResponses,
      },
    },
  },
};

export function openApiDocument(serverUrl: string) {
  const generated = generatedOpenApi();
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
        ...campaignSchemas,
        ...generated.schemas,
        ...conversionSchemas,
        ...payoutSchemas,
      },
    },
    paths: {
      ...campaignPaths,
      ...generated.paths,
      ...conversionPaths,
      ...payoutPaths(errorResponses, listParams),
    },
  };
}
