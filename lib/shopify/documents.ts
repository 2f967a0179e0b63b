/**
 * Every Admin GraphQL document Tally sends, one exported string each. documents.test.ts validates
 * each of them against Shopify's real 2026-07 schema (packages/shopify-simulator/schema/admin-graphql-2026-07.graphql),
 * so a typo or a field Shopify removed fails the build, not a merchant's request. Add new documents
 * here, never inline in feature code.
 *
 * Cost note: `requestedQueryCost` grows with every `first:` (and multiplies through nesting), so keep
 * page sizes small; the admin client waits for the throttle bucket based on the last measured cost.
 */

/** Token check at connect time, and the shop's name/currency/time zone/granted scopes. Cost ≈ 2. */
export const SHOP_INFO_QUERY = /* GraphQL */ `
  query TallyShopInfo {
    shop {
      id
      name
      currencyCode
      ianaTimezone
      myshopifyDomain
    }
    currentAppInstallation {
      accessScopes {
        handle
      }
    }
  }
`;

/**
 * Subscribes one topic. `uri` replaced the deprecated `callbackUrl` input (2026-07
 * `WebhookSubscriptionInput.uri: String`, "Supports an HTTPS URL, a Google Pub/Sub URI or an Amazon
 * EventBridge event source ARN").
 */
export const WEBHOOK_SUBSCRIPTION_CREATE = /* GraphQL */ `
  mutation TallyWebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
      webhookSubscription {
        id
        topic
        uri
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** The app's existing subscriptions for some topics (to create only the missing ones on reconnect). */
export const WEBHOOK_SUBSCRIPTIONS_QUERY = /* GraphQL */ `
  query TallyWebhookSubscriptions($topics: [WebhookSubscriptionTopic!], $first: Int!, $after: String) {
    webhookSubscriptions(first: $first, after: $after, topics: $topics) {
      nodes {
        id
        topic
        uri
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

// ---------------------------------------------------------------------------------------------------
// Creator codes. Copied from packages/shopify-simulator/fixtures/graphql/queries (see NOTES.md §3.1–3.4).

/**
 * Creates a creator code, selecting only the id (which keeps the requested cost — and so a 500-code
 * push — small). Always send `context: { all: ALL }` (Shopify rejects a missing context); a
 * duplicate code comes back as userErrors[code=TAKEN] with HTTP 200.
 */
export const CREATOR_CODE_CREATE = /* GraphQL */ `
  mutation CreateCreatorCodeLean($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

/** Collision pre-check with nothing but the id (case-insensitive; a deactivated code is still returned: still taken). */
export const CODE_EXISTS = /* GraphQL */ `
  query CodeExists($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
    }
  }
`;

/** Partial update (e.g. only `endsAt`) to extend or shorten a code. */
export const DISCOUNT_CODE_BASIC_UPDATE = /* GraphQL */ `
  mutation ExtendCreatorCode($id: ID!, $basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicUpdate(id: $id, basicCodeDiscount: $basicCodeDiscount) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeBasic {
            status
            startsAt
            endsAt
          }
        }
      }
      userErrors {
        field
        message
        code
        extraInfo
      }
    }
  }
`;

/** Ends a code now (status EXPIRED); the code stays reserved in the store. */
export const DISCOUNT_CODE_DEACTIVATE = /* GraphQL */ `
  mutation DeactivateCreatorCode($id: ID!) {
    discountCodeDeactivate(id: $id) {
      codeDiscountNode {
        id
        codeDiscount {
          ... on DiscountCodeBasic {
            status
            startsAt
            endsAt
          }
        }
      }
      userErrors {
        field
        message
        code
        extraInfo
      }
    }
  }
`;

// ---------------------------------------------------------------------------------------------------
// Backfill and reconciliation (lib/sync/shopify-orders.ts).

/**
 * How many orders a date window holds, to plan backfill windows below Shopify's 25,000-object
 * pagination stop (NOTES §3.6). `limit` caps the count (precision AT_LEAST when reached). Cost ≈ 1.
 */
export const ORDERS_COUNT = /* GraphQL */ `
  query TallyOrdersCount($query: String!, $limit: Int) {
    ordersCount(query: $query, limit: $limit) {
      count
      precision
    }
  }
`;

/**
 * An order line as Tally stores it (order_lines): what it is, how many, its unit price, its discount
 * allocations, and whether it is a gift card (gift cards never earn commission). No tax lines: they
 * are needed only when prices include tax (ORDER_SYNC_DETAILS fetches them then).
 */
const ORDER_LINE_FRAGMENT = /* GraphQL */ `
  fragment TallyOrderLine on LineItem {
    id
    name
    title
    variantTitle
    sku
    vendor
    quantity
    currentQuantity
    isGiftCard
    taxable
    product {
      id
    }
    variant {
      id
    }
    originalUnitPriceSet {
      shopMoney {
        amount
        currencyCode
      }
    }
    discountAllocations {
      allocatedAmountSet {
        shopMoney {
          amount
          currencyCode
        }
      }
      discountApplication {
        index
      }
    }
  }
`;

/**
 * One page of orders for the backfill and the reconciliation: the facts the REST webhook payload
 * gives Tally (lib/sync/order-from-graphql.ts maps it onto `TOrderPayload`) and nothing else, so
 * that a page of 250 stays under the 1,000-point single-query limit: requested 915 with Shopify's
 * measured page multiplier (up from 717 when lines were added: the first three lines of each order,
 * TallyOrderLine, are the facts that decide what earns — an order with more lines is completed by
 * ORDER_SYNC_DETAILS). It also carries current totals (what webhooks record), refund notes, *all*
 * of an order's refunds (`refunds` without `first`, a plain list: a `first: 5` would silently drop
 * a sixth refund), and
 * `pageInfo` on lists cut at `first`, to fetch the rest (ORDER_SYNC_DETAILS), as for line-item
 * taxes (needed only when prices include tax). No customer names (protected customer data, not
 * needed for attribution).
 */
export const ORDERS_SYNC_PAGE = /* GraphQL */ `
  query TallyOrdersSyncPage($first: Int!, $after: String, $query: String!) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        legacyResourceId
        name
        createdAt
        processedAt
        updatedAt
        cancelledAt
        test
        email
        customer {
          id
        }
        currencyCode
        taxesIncluded
        displayFinancialStatus
        discountCodes
        discountApplications(first: 10) {
          pageInfo {
            hasNextPage
          }
          nodes {
            __typename
            index
            ... on DiscountCodeApplication {
              code
            }
            ... on AutomaticDiscountApplication {
              title
            }
            ... on ManualDiscountApplication {
              title
            }
            ... on ScriptDiscountApplication {
              title
            }
          }
        }
        currentSubtotalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        currentTotalDiscountsSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        currentTotalTaxSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        currentTotalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        customAttributes {
          key
          value
        }
        customerJourneySummary {
          firstVisit {
            landingPage
            referrerUrl
          }
        }
        lineItems(first: 3) {
          pageInfo {
            hasNextPage
          }
          nodes {
            ...TallyOrderLine
          }
        }
        refunds {
          id
          createdAt
          note
          refundLineItems(first: 20) {
            pageInfo {
              hasNextPage
            }
            nodes {
              quantity
              lineItem {
                id
                isGiftCard
              }
              subtotalSet {
                shopMoney {
                  amount
                  currencyCode
                }
              }
              totalTaxSet {
                shopMoney {
                  amount
                  currencyCode
                }
              }
            }
          }
          refundShippingLines(first: 5) {
            nodes {
              subtotalAmountSet {
                shopMoney {
                  amount
                  currencyCode
                }
              }
            }
          }
        }
      }
    }
  }
  ${ORDER_LINE_FRAGMENT}
`;

/**
 * What ORDERS_SYNC_PAGE leaves out or may cut short, for a few orders at a time (≤ 10 ids; requested
 * ≈ 110): line-item taxes (inside the subtotal when prices include tax: Tally removes them), every
 * discount application, and refunds with all their lines. `$lineItemsAfter` continues an order with
 * more than 100 lines (one id at a time).
 */
export const ORDER_SYNC_DETAILS = /* GraphQL */ `
  query TallyOrderSyncDetails($ids: [ID!]!, $lineItemsAfter: String) {
    nodes(ids: $ids) {
      ... on Order {
        id
        discountApplications(first: 50) {
          nodes {
            __typename
            index
            ... on DiscountCodeApplication {
              code
            }
            ... on AutomaticDiscountApplication {
              title
            }
            ... on ManualDiscountApplication {
              title
            }
            ... on ScriptDiscountApplication {
              title
            }
          }
        }
        lineItems(first: 100, after: $lineItemsAfter) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            ...TallyOrderLine
            taxLines {
              priceSet {
                shopMoney {
                  amount
                  currencyCode
                }
              }
            }
          }
        }
        refunds {
          id
          refundLineItems(first: 100) {
            nodes {
              quantity
              lineItem {
                id
                isGiftCard
              }
              subtotalSet {
                shopMoney {
                  amount
                  currencyCode
                }
              }
              totalTaxSet {
                shopMoney {
                  amount
                  currencyCode
                }
              }
            }
          }
        }
      }
    }
  }
  ${ORDER_LINE_FRAGMENT}
`;
