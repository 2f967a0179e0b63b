/** OpenAPI of payouts, balances and settings (`/payouts/**`, `/creators/{creator_id}/balance`, `/settings`). */
const errorRef = { $ref: "#/components/schemas/Error" };
const json = (schema: unknown) => ({ "application/json": { schema } });
const minor = (description: string) => ({ type: "integer", description: `${description} Integer minor units of \`currency\`.` });
const instant = (description: string) => ({ type: "string", format: "date-time", description });
const nullableInstant = (description: string) => ({ type: ["string", "null"], format: "date-time", description });
const conflict = (description: string) => ({ "409": { description, content: json(errorRef) } });
const idParam = (name: string, description: string) => ({ name, in: "path", required: true, schema: { type: "string" }, description });

export const payoutSchemas = {
  Balance: {
    type: "object",
    description:
      "A creator's commission in one currency, derived from the ledger on every read: `pending + payable + in_payouts + paid` is the creator's net ledger total, to the cent.",
    required: ["currency", "pending", "payable", "in_payouts", "paid"],
    properties: {
      currency: { type: "string", examples: ["USD"] },
      pending: minor("Earned, still inside the hold (the return window)."),
      payable: minor("Past the hold and in no payout. Negative when refunds after payment (clawbacks) exceed what accrued since: carried forward, never paid."),
      in_payouts: minor("In a payout that is not paid yet (draft or processing)."),
      paid: minor("In payout items marked paid."),
      next_payable_at: nullableInstant("When the next pending part becomes payable."),
    },
  },
  PayoutItem: {
    type: "object",
    description: "One creator's share of a payout: the sum of the ledger entries it pays (sales, and clawbacks of refunds after an earlier payout).",
    required: ["id", "creator_id", "amount", "entries", "status"],
    properties: {
      id: { type: "string", examples: ["poi_01jd8k3v6x9q2w4e5r7t8y9u0a"], description: "Unique per item: use it as the customer/reference id of a bulk payment file." },
      creator_id: { type: "string" },
      creator_name: { type: ["string", "null"] },
      payout_email: { type: "string", format: "email" },
      amount: minor("What this creator is paid (always above zero)."),
      currency: { type: "string" },
      entries: { type: "integer", description: "How many ledger entries it pays." },
      orders: { type: "integer", description: "How many orders those entries belong to." },
      period_start: instant("The first entry's day."),
      period_end: instant("The last entry's day."),
      status: { type: "string", enum: ["pending", "paid", "failed", "cancelled"], description: "`failed` and `cancelled` items released their entries back to payable." },
      reference: { type: ["string", "null"] },
      failure_reason: { type: ["string", "null"] },
      paid_at: nullableInstant("When it was marked paid."),
      failed_at: nullableInstant("When it was marked failed."),
    },
  },
  Payout: {
    type: "object",
    description:
      "One payment run of the workspace in one currency. `draft` → `processing` → `paid`; a draft can be `cancelled`. Only one run per currency is in progress (draft or processing) at a time. Every entry it pays is stamped with its item: nothing is ever paid twice.",
    required: ["id", "number", "status", "currency", "total", "cutoff", "created_at"],
    properties: {
      id: { type: "string", examples: ["po_01jd8k3v6x9q2w4e5r7t8y9u0a"] },
      number: { type: "integer", description: "The workspace's sequence: 3 is P-0003." },
      label: { type: "string", examples: ["P-0003"] },
      status: { type: "string", enum: ["draft", "processing", "paid", "cancelled"] },
      currency: { type: "string" },
      total: minor("Sum of the items that did not fail or get cancelled."),
      items_count: { type: "integer" },
      entries_count: { type: "integer" },
      cutoff: instant("Entries payable at this instant were included."),
      minimum_amount: minor("Creators whose payable balance was not above this were left for a later run."),
      reference: { type: ["string", "null"] },
      created_at: instant("When the run was made."),
      processing_at: nullableInstant("When it was marked as sent."),
      paid_at: nullableInstant("When it was marked paid."),
      cancelled_at: nullableInstant("When the draft was cancelled."),
      items: { type: "array", items: { $ref: "#/components/schemas/PayoutItem" }, description: "On single-payout answers only." },
    },
  },
  Settings: {
    type: "object",
    required: ["payout_hold_days"],
    properties: {
      payout_hold_days: { type: "integer", minimum: 0, maximum: 365, default: 30, description: "The return window: earned commission becomes payable this many days after the order was paid. Changing it applies to everything not yet in a payout." },
    },
  },
};

const payoutData = json({ type: "object", required: ["data"], properties: { data: { $ref: "#/components/schemas/Payout" } } });
const payoutIdParam = idParam("id", "The payout's id, `po_…`.");

export function payoutPaths(errorResponses: Record<string, unknown>, listParams: unknown[]) {
  return {
    "/creators/{creator_id}/balance": {
      get: {
        operationId: "getCreatorBalance",
        summary: "A creator's pending, payable, in-payout and paid commission with this workspace",
        parameters: [idParam("creator_id", "The creator's id, `cre_…`.")],
        responses: {
          "200": {
            description: "One balance per currency the creator earned in (none yet: an empty list)",
            content: json({ type: "object", required: ["creator_id", "balances"], properties: { creator_id: { type: "string" }, balances: { type: "array", items: { $ref: "#/components/schemas/Balance" } } } }),
          },
          ...errorResponses,
        },
      },
    },
    "/payouts": {
      get: {
        operationId: "listPayouts",
        summary: "List payouts, newest first",
        parameters: listParams,
        responses: {
          "200": {
            description: "A page of payouts (without items)",
            content: json({ type: "object", required: ["data", "next_cursor"], properties: { data: { type: "array", items: { $ref: "#/components/schemas/Payout" } }, next_cursor: { type: ["string", "null"] } } }),
          },
          ...errorResponses,
        },
      },
      post: {
        operationId: "createPayout",
        summary: "Run a payout",
        description:
          "One item per creator whose payable balance at `cutoff` is above `minimum_amount` and above zero; each ledger entry it covers is stamped with that item. Atomic: the whole payout or nothing. 409 while another run in that currency is in progress, or when nothing is payable.",
        requestBody: {
          required: true,
          content: json({
            type: "object",
            required: ["currency"],
            additionalProperties: false,
            properties: {
              currency: { type: "string", examples: ["USD"] },
              cutoff: { type: "string", format: "date-time", description: "Default now; never in the future." },
              minimum_amount: { type: "integer", minimum: 0, default: 0 },
            },
          }),
        },
        responses: { "201": { description: "The payout, with its items", content: payoutData }, ...errorResponses, ...conflict("A run in this currency is in progress, or nothing is payable") },
      },
    },
    "/payouts/{id}": {
      get: {
        operationId: "getPayout",
        summary: "Get a payout with its items",
        parameters: [payoutIdParam],
        responses: { "200": { description: "The payout", content: payoutData }, ...errorResponses },
      },
    },
    "/payouts/{id}/paid": {
      post: {
        operationId: "markPayoutPaid",
        summary: "Mark every unpaid item paid",
        parameters: [payoutIdParam],
        requestBody: {
          required: false,
          content: json({
            type: "object",
            additionalProperties: false,
            properties: {
              reference: { type: "string", description: "The payment's reference (a PayPal batch id, a bank transfer reference)." },
              item_references: { type: "object", additionalProperties: { type: "string" }, description: "A reference per item id, overriding `reference`." },
            },
          }),
        },
        responses: { "200": { description: "The paid payout", content: payoutData }, ...errorResponses, ...conflict("Already paid, or cancelled") },
      },
    },
    "/payouts/{id}/processing": {
      post: {
        operationId: "startPayoutProcessing",
        summary: "Mark a draft as sent (processing)",
        parameters: [payoutIdParam],
        responses: { "200": { description: "The payout", content: payoutData }, ...errorResponses, ...conflict("Not a draft") },
      },
    },
    "/payouts/{id}/cancel": {
      post: {
        operationId: "cancelPayout",
        summary: "Cancel a draft: its entries are payable again",
        parameters: [payoutIdParam],
        responses: { "200": { description: "The cancelled payout", content: payoutData }, ...errorResponses, ...conflict("Not a draft") },
      },
    },
    "/payouts/{id}/items/{item_id}/failed": {
      post: {
        operationId: "failPayoutItem",
        summary: "Mark one item failed: its entries are released back to payable",
        parameters: [payoutIdParam, idParam("item_id", "The item's id, `poi_…`.")],
        requestBody: { required: true, content: json({ type: "object", required: ["reason"], additionalProperties: false, properties: { reason: { type: "string", maxLength: 500 } } }) },
        responses: {
          "200": { description: "The failed item", content: json({ type: "object", required: ["data"], properties: { data: { $ref: "#/components/schemas/PayoutItem" } } }) },
          ...errorResponses,
          ...conflict("Already failed, or the payout was cancelled"),
        },
      },
    },
    "/settings": {
      get: {
        operationId: "getSettings",
        summary: "The workspace's settings",
        responses: { "200": { description: "The settings", content: json({ type: "object", required: ["data"], properties: { data: { $ref: "#/components/schemas/Settings" } } }) }, ...errorResponses },
      },
      patch: {
        operationId: "updateSettings",
        summary: "Change settings",
        requestBody: { required: true, content: json({ $ref: "#/components/schemas/Settings" }) },
        responses: { "200": { description: "The settings", content: json({ type: "object", required: ["data"], properties: { data: { $ref: "#/components/schemas/Settings" } } }) }, ...errorResponses },
      },
    },
  };
}
