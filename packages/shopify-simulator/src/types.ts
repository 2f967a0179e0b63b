/**
 * In-memory records of the simulated Shopify. All money is integer minor units of the shop
 * currency; all timestamps are epoch milliseconds.
 */

export type ShopPlan = "standard" | "advanced" | "plus" | "enterprise";

export interface ShopRecord {
  id: number;
  domain: string;
  name: string;
  email: string;
  currency: string;
  plan: ShopPlan;
  /** IANA zone used for REST timestamps (webhook payloads), e.g. "America/New_York". */
  timezone: string;
  /** Shop-level default for orders placed without an explicit `taxes_included`. */
  taxesIncluded: boolean;
  /** Webhook signing secret; null = the simulator's app secret (custom-app installs have their own). */
  webhookSecret: string | null;
  /** False after `app/uninstalled`; app-config webhooks then stop except for compliance topics. */
  installed: boolean;
  createdAt: number;
  /** Staff member id used as `user_id` on admin actions (refunds, draft orders). */
  staffUserId: number;
  primaryLocationId: number;
  nextOrderNumber: number;
  orders: Map<number, OrderRecord>;
  discounts: Map<number, DiscountRecord>;
  customers: Map<number, CustomerRecord>;
  webhookSubscriptions: Map<number, WebhookSubscriptionRecord>;
  bulkOperations: Map<number, BulkOperationRecord>;
}

export interface AccessTokenRecord {
  token: string;
  shop: string;
  scopes: string[];
  createdAt: number;
  /** null = non-expiring offline token. */
  expiresAt: number | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: number | null;
  online: boolean;
  revoked: boolean;
}

export type DiscountValue =
  | { type: "percentage"; /** fraction 0..1 like the GraphQL input */ percentage: number }
  | { type: "fixed_amount"; amount: number; appliesOnEachItem: boolean };

export interface CombinesWith {
  productDiscounts: boolean;
  orderDiscounts: boolean;
  shippingDiscounts: boolean;
}

export type MinimumRequirement = { type: "subtotal"; amount: number } | { type: "quantity"; quantity: number } | null;

export interface DiscountRecord {
  id: number;
  redeemCodeId: number;
  title: string;
  code: string;
  value: DiscountValue;
  startsAt: number;
  endsAt: number | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  combinesWith: CombinesWith;
  minimumRequirement: MinimumRequirement;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  /** Number of orders that used the code. */
  usageCount: number;
  /** Emails of customers that used the code (for appliesOncePerCustomer). */
  usedBy: Set<string>;
}

export type DiscountStatus = "ACTIVE" | "EXPIRED" | "SCHEDULED";

export interface CustomerRecord {
  id: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  createdAt: number;
  updatedAt: number;
  tags: string;
  defaultAddress: AddressRecord | null;
  defaultAddressId: number;
}

export interface AddressRecord {
  first_name: string | null;
  last_name: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  province_code: string | null;
  country: string | null;
  country_code: string | null;
  zip: string | null;
  phone: string | null;
  company: string | null;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
}

export type DiscountApplicationType = "discount_code" | "manual" | "automatic";

export interface DiscountApplicationRecord {
  type: DiscountApplicationType;
  /** Only for `discount_code`. */
  code: string | null;
  /** For manual/automatic. */
  title: string | null;
  /** For manual. */
  description: string | null;
  valueType: "percentage" | "fixed_amount";
  /** Percentage points (15 = 15%) for percentage, minor units for fixed_amount. */
  value: number;
  allocationMethod: "across" | "each" | "one";
  targetSelection: "all" | "entitled" | "explicit";
  targetType: "line_item" | "shipping_line";
  /** Σ of the allocations of this application. */
  amount: number;
  /** Store discount behind a code application, if any. */
  discountId: number | null;
}

export interface DiscountAllocationRecord {
  applicationIndex: number;
  amount: number;
}

export interface TaxLineRecord {
  title: string;
  rate: number;
  price: number;
}

export interface LineItemRecord {
  id: number;
  title: string;
  variantTitle: string | null;
  sku: string;
  vendor: string | null;
  productId: number;
  variantId: number;
  /** Unit price. */
  price: number;
  quantity: number;
  taxable: boolean;
  giftCard: boolean;
  grams: number;
  requiresShipping: boolean;
  properties: { name: string; value: string }[];
  allocations: DiscountAllocationRecord[];
  taxLines: TaxLineRecord[];
}

export interface ShippingLineRecord {
  id: number;
  title: string;
  code: string;
  source: string;
  price: number;
  taxLines: TaxLineRecord[];
}

export interface TransactionRecord {
  id: number;
  /** `authorization` holds money without taking it; `capture` takes it; `void` releases an authorization. */
  kind: "sale" | "refund" | "authorization" | "capture" | "void";
  status: "success";
  amount: number;
  gateway: string;
  parentId: number | null;
  createdAt: number;
  paymentId: string;
  message: string;
  userId: number | null;
  test: boolean;
}

export type RestockType = "no_restock" | "cancel" | "return" | "legacy_restock";

export interface RefundLineItemRecord {
  id: number;
  lineItemId: number;
  quantity: number;
  restockType: RestockType;
  locationId: number | null;
  /** Net of the line's discount share; includes tax only when the order has taxes_included. */
  subtotal: number;
  totalTax: number;
  /** Discount share of the refunded units (so current_total_discounts can move). */
  discount: number;
}

export interface RefundShippingRecord {
  id: number;
  shippingLineId: number;
  amount: number;
  tax: number;
  adjustmentId: number;
}

export interface RefundRecord {
  id: number;
  orderId: number;
  createdAt: number;
  note: string | null;
  userId: number | null;
  restock: boolean;
  lineItems: RefundLineItemRecord[];
  shipping: RefundShippingRecord | null;
  transactions: TransactionRecord[];
}

export type FinancialStatus = "pending" | "authorized" | "partially_paid" | "paid" | "partially_refunded" | "refunded" | "voided";

/** How an order that is not fully paid stands: nothing collected, an authorization to capture, or a deposit. */
export type UnpaidState = "pending" | "authorized" | "partially_paid";

export interface OrderRecord {
  id: number;
  shop: string;
  number: number;
  orderNumber: number;
  name: string;
  token: string;
  checkoutToken: string;
  checkoutId: number;
  cartToken: string | null;
  confirmationNumber: string;
  statusUrlKey: string;
  createdAt: number;
  processedAt: number;
  updatedAt: number;
  cancelledAt: number | null;
  cancelReason: string | null;
  closedAt: number | null;
  currency: string;
  taxesIncluded: boolean;
  email: string;
  phone: string | null;
  customerId: number | null;
  /** Snapshot of the customer at order time (the payload serializes this). */
  customer: CustomerRecord | null;
  billingAddress: AddressRecord | null;
  shippingAddress: AddressRecord | null;
  landingSite: string | null;
  landingSiteRef: string | null;
  referringSite: string | null;
  sourceName: string;
  appId: number;
  userId: number | null;
  noteAttributes: { name: string; value: string }[];
  note: string | null;
  tags: string;
  test: boolean;
  buyerAcceptsMarketing: boolean;
  customerLocale: string | null;
  clientDetails: {
    accept_language: string | null;
    browser_ip: string | null;
    user_agent: string | null;
  };
  gateway: string;
  /** Fully paid (at checkout, or later when marked paid / captured). */
  paid: boolean;
  /** While not paid: nothing collected yet, authorized, or partly paid. */
  unpaid: UnpaidState;
  /** When the payment was voided (an authorization released, or an unpaid order given up); null otherwise. */
  voidedAt: number | null;
  lineItems: LineItemRecord[];
  discountApplications: DiscountApplicationRecord[];
  shippingLines: ShippingLineRecord[];
  refunds: RefundRecord[];
  transactions: TransactionRecord[];
}

export interface WebhookSubscriptionRecord {
  id: number;
  topic: string;
  uri: string;
  format: "JSON" | "XML";
  includeFields: string[];
  filter: string | null;
  name: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface BulkOperationRecord {
  id: number;
  query: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  createdAt: number;
  completedAt: number | null;
  objectCount: number;
  rootObjectCount: number;
  /** JSONL result once completed. */
  result: string | null;
  errorCode: string | null;
}
