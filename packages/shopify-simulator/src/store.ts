/**
 * The simulated shops: an in-memory model with the operations a merchant/checkout/admin performs.
 * It knows nothing about HTTP or webhooks; `Simulator` (simulator.ts) orchestrates both.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Clock } from "./clock";
import { currencyExponent, formatWithSymbol } from "./money";
import { lineAmounts, orderAmounts } from "./order-math";
import { priceOrder, type PricingDiscount } from "./pricing";
import type {
  AccessTokenRecord,
  AddressRecord,
  CombinesWith,
  CustomerRecord,
  DiscountApplicationRecord,
  DiscountRecord,
  DiscountStatus,
  DiscountValue,
  LineItemRecord,
  MinimumRequirement,
  OrderRecord,
  RefundLineItemRecord,
  RefundRecord,
  RestockType,
  ShippingLineRecord,
  ShopPlan,
  ShopRecord,
  WebhookSubscriptionRecord,
} from "./types";

/** An error a real checkout/admin would show the merchant; the control API maps it to HTTP 422. */
export class SimulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 422,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "SimulatorError";
  }
}

export const DEFAULT_SCOPES = [
  "read_orders",
  "write_orders",
  "read_all_orders",
  "read_discounts",
  "write_discounts",
  "read_customers",
  "read_products",
];

const ID_BASES = {
  shop: 70_000_000_000,
  order: 6_600_000_000_000,
  lineItem: 15_800_000_000_000,
  shippingLine: 5_100_000_000_000,
  customer: 8_900_000_000_000,
  address: 9_900_000_000_000,
  refund: 1_040_000_000_000,
  refundLineItem: 790_000_000_000,
  refundShippingLine: 623_000_000_000,
  orderAdjustment: 1_050_000_000_000,
  transaction: 8_300_000_000_000,
  discount: 1_700_000_000_000,
  redeemCode: 22_300_000_000_000,
  webhookSubscription: 1_300_000_000_000,
  bulkOperation: 7_900_000_000_000,
  checkout: 38_500_000_000_000,
  product: 9_200_000_000_000,
  variant: 49_200_000_000_000,
  staff: 130_000_000_000,
  location: 103_000_000_000,
} as const;

export type IdKind = keyof typeof ID_BASES;

/** Monotonic numeric ids per resource kind (never reset, so ids stay unique across `reset()`). */
export class IdGenerator {
  private readonly counters = new Map<IdKind, number>();

  next(kind: IdKind): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return ID_BASES[kind] + n;
  }

  /** The counters, for a saved state. */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  /** Continues from saved counters (never below what was handed out). */
  load(saved: Record<string, number>): void {
    for (const [kind, n] of Object.entries(saved)) {
      if (kind in ID_BASES) this.counters.set(kind as IdKind, Math.max(n, this.counters.get(kind as IdKind) ?? 0));
    }
  }
}

/** JSON that keeps Maps and Sets (the store's records hold both). */
const tagged = (_key: string, value: unknown): unknown =>
  value instanceof Map ? { $map: [...value.entries()] } : value instanceof Set ? { $set: [...value] } : value;
const untagged = (_key: string, value: unknown): unknown => {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const v = value as { $map?: [unknown, unknown][]; $set?: unknown[] };
    if (Array.isArray(v.$map) && Object.keys(value).length === 1) return new Map(v.$map);
    if (Array.isArray(v.$set) && Object.keys(value).length === 1) return new Set(v.$set);
  }
  return value;
};

export interface CreateShopInput {
  domain: string;
  name?: string;
  email?: string;
  currency?: string;
  plan?: ShopPlan;
  timezone?: string;
  taxesIncluded?: boolean;
  accessToken?: string;
  scopes?: string[];
  webhookSecret?: string | null;
}

export interface DiscountInput {
  title?: string | null;
  code?: string | null;
  startsAt?: number | null;
  endsAt?: number | null;
  value?: DiscountValue;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
  combinesWith?: Partial<CombinesWith> | null;
  minimumRequirement?: MinimumRequirement;
  tags?: string[] | null;
}

export interface DiscountUserError {
  field: string[] | null;
  message: string;
  code: string | null;
  extraInfo: string | null;
}

export type DiscountResult = { discount: DiscountRecord; userErrors: [] } | { discount: null; userErrors: DiscountUserError[] };

export interface LineItemInput {
  title: string;
  price: number;
  quantity: number;
  taxable?: boolean;
  sku?: string;
  vendor?: string | null;
  variantTitle?: string | null;
  grams?: number;
  giftCard?: boolean;
  requiresShipping?: boolean;
  properties?: { name: string; value: string }[];
}

export interface ExtraDiscountInput {
  title: string;
  description?: string | null;
  valueType: "percentage" | "fixed_amount";
  /** Percentage points (15 = 15%) or minor units. */
  value: number;
  /** Automatic discounts only: restrict to these line indexes (target_selection "entitled"). */
  lineIndexes?: number[];
}

export interface CustomerInput {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  /** Defaults to the order's billing address. */
  defaultAddress?: Partial<AddressRecord> | null;
}

export interface PlaceOrderInput {
  lineItems: LineItemInput[];
  discountCodes?: string[];
  manualDiscounts?: ExtraDiscountInput[];
  automaticDiscounts?: ExtraDiscountInput[];
  shipping?: { title?: string; code?: string; price: number; source?: string } | null;
  taxRate?: number;
  taxTitle?: string;
  taxShipping?: boolean;
  taxesIncluded?: boolean;
  email?: string | null;
  phone?: string | null;
  customer?: CustomerInput | null;
  billingAddress?: Partial<AddressRecord> | null;
  shippingAddress?: Partial<AddressRecord> | null;
  landingSite?: string | null;
  referringSite?: string | null;
  noteAttributes?: { name: string; value: string }[];
  note?: string | null;
  tags?: string[];
  sourceName?: string;
  createdAt?: number;
  /** A test order (Shopify's Bogus Gateway): `test: true` in every payload, gateway `bogus` by default. */
  test?: boolean;
  /**
   * How the customer paid at checkout: `paid` (default); `pending` (nothing collected yet: cash on
   * delivery, bank deposit); `authorized` (a card authorization to capture later); `partially_paid`
   * (a deposit of `paidAmount`, half the total by default).
   */
  financialStatus?: "paid" | "pending" | "authorized" | "partially_paid";
  /** The deposit of a `partially_paid` order (minor units). */
  paidAmount?: number;
  gateway?: string;
  buyerAcceptsMarketing?: boolean;
  customerLocale?: string | null;
  clientDetails?: { accept_language?: string | null; browser_ip?: string | null; user_agent?: string | null };
}

export interface RefundInput {
  lineItems?: { lineItemId: number; quantity: number; restockType?: RestockType }[];
  /** `true` = refund all remaining shipping; a number = that many minor units. */
  shipping?: true | number | null;
  note?: string | null;
  createdAt?: number;
}

export interface CancelInput {
  reason?: "customer" | "declined" | "fraud" | "inventory" | "staff" | "other";
  refund?: boolean;
  restock?: boolean;
  note?: string | null;
  createdAt?: number;
}

export interface AuthorizationCodeRecord {
  code: string;
  shop: string;
  clientId: string;
  scopes: string[];
  online: boolean;
  expiresAt: number;
}

export const SHOP_DOMAIN_RE = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export class Store {
  readonly shops = new Map<string, ShopRecord>();
  readonly tokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, AccessTokenRecord>();
  readonly authorizationCodes = new Map<string, AuthorizationCodeRecord>();
  readonly ids = new IdGenerator();
  private readonly productIds = new Map<string, number>();
  private readonly variantIds = new Map<string, number>();

  constructor(readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  /**
   * Everything the store holds (shops with their orders, discounts, customers and webhook
   * subscriptions; tokens; id counters) as JSON, so a restarted simulator can pick up where it was
   * (`--state-file`). In-flight webhook retries are not part of it.
   */
  snapshot(): string {
    return JSON.stringify(
      {
        version: 1,
        shops: this.shops,
        tokens: this.tokens,
        refreshTokens: this.refreshTokens,
        authorizationCodes: this.authorizationCodes,
        ids: this.ids,
        productIds: this.productIds,
        variantIds: this.variantIds,
      },
      tagged,
    );
  }

  /** Replaces the store's contents with a `snapshot()`. */
  restore(json: string): void {
    const saved = JSON.parse(json, untagged) as {
      version: number;
      shops: Map<string, ShopRecord>;
      tokens: Map<string, AccessTokenRecord>;
      refreshTokens: Map<string, AccessTokenRecord>;
      authorizationCodes: Map<string, AuthorizationCodeRecord>;
      ids: Record<string, number>;
      productIds: Map<string, number>;
      variantIds: Map<string, number>;
    };
    if (saved.version !== 1) throw new Error(`Unknown simulator state version ${String(saved.version)}`);
    this.reset();
    for (const [k, v] of saved.shops) this.shops.set(k, v);
    for (const [k, v] of saved.tokens) this.tokens.set(k, v);
    for (const [k, v] of saved.refreshTokens) this.refreshTokens.set(k, v);
    for (const [k, v] of saved.authorizationCodes) this.authorizationCodes.set(k, v);
    this.ids.load(saved.ids);
    for (const [k, v] of saved.productIds) this.productIds.set(k, v);
    for (const [k, v] of saved.variantIds) this.variantIds.set(k, v);
  }

  /** Drops every shop, token and code (ids keep counting up). */
  reset(): void {
    this.shops.clear();
    this.tokens.clear();
    this.refreshTokens.clear();
    this.authorizationCodes.clear();
  }

  // ---------------------------------------------------------------- shops & tokens

  /** Creates the shop, or wipes and recreates it if the domain exists. */
  createShop(input: CreateShopInput): { shop: ShopRecord; token: AccessTokenRecord } {
    const domain = input.domain.toLowerCase();
    if (!SHOP_DOMAIN_RE.test(domain)) {
      throw new SimulatorError("invalid_shop_domain", `"${input.domain}" is not a *.myshopify.com domain`);
    }
    if (this.shops.has(domain)) this.deleteShop(domain);
    const handle = domain.replace(/\.myshopify\.com$/, "");
    const shop: ShopRecord = {
      id: this.ids.next("shop"),
      domain,
      name: input.name ?? titleCase(handle),
      email: input.email ?? `owner@${handle}.example.com`,
      currency: (input.currency ?? "USD").toUpperCase(),
      plan: input.plan ?? "standard",
      timezone: input.timezone ?? "America/New_York",
      taxesIncluded: input.taxesIncluded ?? false,
      webhookSecret: input.webhookSecret ?? null,
      installed: true,
      createdAt: this.now(),
      staffUserId: this.ids.next("staff"),
      primaryLocationId: this.ids.next("location"),
      nextOrderNumber: 1001,
      orders: new Map(),
      discounts: new Map(),
      customers: new Map(),
      webhookSubscriptions: new Map(),
      bulkOperations: new Map(),
    };
    this.shops.set(domain, shop);
    const token = this.issueToken(domain, {
      token: input.accessToken,
      scopes: input.scopes ?? DEFAULT_SCOPES,
    });
    return { shop, token };
  }

  deleteShop(domain: string): boolean {
    const d = domain.toLowerCase();
    for (const [t, rec] of this.tokens) if (rec.shop === d) this.tokens.delete(t);
    for (const [t, rec] of this.refreshTokens) if (rec.shop === d) this.refreshTokens.delete(t);
    return this.shops.delete(d);
  }

  getShop(domain: string): ShopRecord | undefined {
    return this.shops.get(domain.toLowerCase());
  }

  requireShop(domain: string): ShopRecord {
    const shop = this.getShop(domain);
    if (!shop) throw new SimulatorError("shop_not_found", `Shop ${domain} does not exist in the simulator`, 404);
    return shop;
  }

  issueToken(
    domain: string,
    opts: { token?: string; scopes?: string[]; expiring?: boolean; online?: boolean } = {},
  ): AccessTokenRecord {
    const shop = this.requireShop(domain);
    const token = opts.token ?? `shpat_${randomBytes(16).toString("hex")}`;
    const existing = this.tokens.get(token);
    if (existing && existing.shop !== shop.domain) {
      throw new SimulatorError("token_taken", "That access token already belongs to another shop", 409);
    }
    const now = this.now();
    const rec: AccessTokenRecord = {
      token,
      shop: shop.domain,
      scopes: normalizeScopes(opts.scopes ?? DEFAULT_SCOPES),
      createdAt: now,
      expiresAt: opts.expiring || opts.online ? now + 3600_000 : null,
      refreshToken: opts.expiring && !opts.online ? `shprt_${randomBytes(16).toString("hex")}` : null,
      refreshTokenExpiresAt: opts.expiring && !opts.online ? now + 90 * 86_400_000 : null,
      online: opts.online ?? false,
      revoked: false,
    };
    this.tokens.set(token, rec);
    if (rec.refreshToken) this.refreshTokens.set(rec.refreshToken, rec);
    shop.installed = true;
    return rec;
  }

  /** The token's record if it is usable right now (exists, not revoked, not expired, shop exists). */
  authenticate(token: string | undefined | null): AccessTokenRecord | null {
    if (!token) return null;
    const rec = this.tokens.get(token);
    if (!rec || rec.revoked) return null;
    if (rec.expiresAt !== null && rec.expiresAt <= this.now()) return null;
    if (!this.shops.has(rec.shop)) return null;
    return rec;
  }

  revokeShopTokens(domain: string): void {
    const d = domain.toLowerCase();
    for (const rec of this.tokens.values()) if (rec.shop === d) rec.revoked = true;
    for (const [t, rec] of this.refreshTokens) if (rec.shop === d) this.refreshTokens.delete(t);
  }

  // ---------------------------------------------------------------- discounts

  discountStatus(d: DiscountRecord): DiscountStatus {
    const now = this.now();
    if (d.endsAt !== null && d.endsAt <= now) return "EXPIRED";
    if (d.startsAt > now) return "SCHEDULED";
    return "ACTIVE";
  }

  findDiscountByCode(domain: string, code: string): DiscountRecord | undefined {
    const shop = this.requireShop(domain);
    const wanted = code.trim().toLowerCase();
    for (const d of shop.discounts.values()) if (d.code.toLowerCase() === wanted) return d;
    return undefined;
  }

  createDiscount(domain: string, input: DiscountInput, inputName = "basicCodeDiscount"): DiscountResult {
    const shop = this.requireShop(domain);
    const errors = this.validateDiscount(shop, input, inputName, null);
    if (errors.length > 0) return { discount: null, userErrors: errors };
    const now = this.now();
    const discount: DiscountRecord = {
      id: this.ids.next("discount"),
      redeemCodeId: this.ids.next("redeemCode"),
      title: (input.title ?? "").trim(),
      code: (input.code ?? "").trim(),
      value: input.value ?? { type: "percentage", percentage: 0 },
      startsAt: input.startsAt ?? now,
      endsAt: input.endsAt ?? null,
      usageLimit: input.usageLimit ?? null,
      appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
      combinesWith: {
        productDiscounts: input.combinesWith?.productDiscounts ?? false,
        orderDiscounts: input.combinesWith?.orderDiscounts ?? false,
        shippingDiscounts: input.combinesWith?.shippingDiscounts ?? false,
      },
      minimumRequirement: input.minimumRequirement ?? null,
      tags: input.tags ?? [],
      createdAt: now,
      updatedAt: now,
      usageCount: 0,
      usedBy: new Set(),
    };
    shop.discounts.set(discount.id, discount);
    return { discount, userErrors: [] };
  }

  updateDiscount(domain: string, id: number, input: DiscountInput, inputName = "basicCodeDiscount"): DiscountResult {
    const shop = this.requireShop(domain);
    const existing = shop.discounts.get(id);
    if (!existing) {
      return { discount: null, userErrors: [{ field: ["id"], message: "Discount does not exist", code: null, extraInfo: null }] };
    }
    const errors = this.validateDiscount(shop, input, inputName, existing);
    if (errors.length > 0) return { discount: null, userErrors: errors };
    if (input.title !== undefined && input.title !== null) existing.title = input.title.trim();
    if (input.code !== undefined && input.code !== null) existing.code = input.code.trim();
    if (input.startsAt !== undefined && input.startsAt !== null) existing.startsAt = input.startsAt;
    if (input.endsAt !== undefined) existing.endsAt = input.endsAt;
    if (input.value !== undefined) existing.value = input.value;
    if (input.usageLimit !== undefined) existing.usageLimit = input.usageLimit;
    if (input.appliesOncePerCustomer !== undefined && input.appliesOncePerCustomer !== null) {
      existing.appliesOncePerCustomer = input.appliesOncePerCustomer;
    }
    if (input.combinesWith) existing.combinesWith = { ...existing.combinesWith, ...definedOnly(input.combinesWith) };
    if (input.minimumRequirement !== undefined) existing.minimumRequirement = input.minimumRequirement;
    if (input.tags) existing.tags = input.tags;
    existing.updatedAt = this.now();
    return { discount: existing, userErrors: [] };
  }

  /** Like Shopify: sets endsAt = now (status EXPIRED); the code stays taken. No-op when already expired. */
  deactivateDiscount(domain: string, id: number): DiscountResult {
    const shop = this.requireShop(domain);
    const d = shop.discounts.get(id);
    if (!d) return notFound();
    if (this.discountStatus(d) !== "EXPIRED") {
      const now = this.now();
      if (d.startsAt > now) d.startsAt = now;
      d.endsAt = now;
      d.updatedAt = now;
    }
    return { discount: d, userErrors: [] };
  }

  activateDiscount(domain: string, id: number): DiscountResult {
    const shop = this.requireShop(domain);
    const d = shop.discounts.get(id);
    if (!d) return notFound();
    if (this.discountStatus(d) !== "ACTIVE") {
      const now = this.now();
      if (d.startsAt > now) d.startsAt = now;
      if (d.endsAt !== null && d.endsAt <= now) d.endsAt = null;
      d.updatedAt = now;
    }
    return { discount: d, userErrors: [] };
  }

  deleteDiscount(domain: string, id: number): DiscountUserError[] {
    const shop = this.requireShop(domain);
    if (!shop.discounts.delete(id)) return notFound().userErrors;
    return [];
  }

  private validateDiscount(
    shop: ShopRecord,
    input: DiscountInput,
    inputName: string,
    existing: DiscountRecord | null,
  ): DiscountUserError[] {
    const errors: DiscountUserError[] = [];
    const err = (field: string[], message: string, code: string): void => {
      errors.push({ field: [inputName, ...field], message, code, extraInfo: null });
    };
    const creating = existing === null;
    if (input.code === undefined || input.code === null) {
      if (creating) err(["code"], "Code can't be blank", "BLANK");
    } else if (input.code.trim() === "") {
      err(["code"], "Code is too short (minimum is 1 character)", "TOO_SHORT");
    } else if (/[\r\n]/.test(input.code)) {
      err(["code"], "Code cannot contain newline characters.", "INVALID");
    } else if (input.code.trim().length > 255) {
      err(["code"], "Code is too long (maximum is 255 characters)", "TOO_LONG");
    } else {
      const wanted = input.code.trim().toLowerCase();
      for (const other of shop.discounts.values()) {
        if (other.id !== existing?.id && other.code.toLowerCase() === wanted) {
          err(["code"], "Code must be unique. Please try a different code.", "TAKEN");
          break;
        }
      }
    }
    if ((input.title === undefined || input.title === null) && creating) {
      err(["title"], "Title can't be blank", "BLANK");
    } else if (input.title !== undefined && input.title !== null && input.title.trim() === "") {
      err(["title"], "Title can't be blank", "BLANK");
    } else if (input.title && input.title.length > 255) {
      err(["title"], "Title is too long (maximum is 255 characters)", "TOO_LONG");
    }
    if ((input.startsAt === undefined || input.startsAt === null) && creating) {
      err(["startsAt"], "Starts at can't be blank", "BLANK");
    }
    const startsAt = input.startsAt ?? existing?.startsAt ?? null;
    const endsAt = input.endsAt === undefined ? (existing?.endsAt ?? null) : input.endsAt;
    if (startsAt !== null && endsAt !== null && endsAt <= startsAt) {
      err(["endsAt"], "Ends at needs to be after starts_at", "INVALID");
    }
    if (input.value?.type === "percentage" && (input.value.percentage < 0 || input.value.percentage > 1)) {
      err(["customerGets", "value", "percentage"], "Value must be between 0.0 and 1.0", "VALUE_OUTSIDE_RANGE");
    }
    if (input.value?.type === "fixed_amount" && input.value.amount < 0) {
      err(["customerGets", "value", "discountAmount", "amount"], "Value must be greater than or equal to 0", "LESS_THAN_OR_EQUAL_TO");
    }
    if (input.usageLimit !== undefined && input.usageLimit !== null && input.usageLimit <= 0) {
      err(["usageLimit"], "Usage limit must be greater than 0", "GREATER_THAN");
    }
    return errors;
  }

  discountSummary(shop: ShopRecord, d: DiscountRecord): string {
    const value =
      d.value.type === "percentage"
        ? `${trimNumber(d.value.percentage * 100)}% off`
        : `${formatWithSymbol(d.value.amount, shop.currency)} off`;
    // Wording of the live captures: "10% off one-time purchase products • Minimum purchase of $1.00".
    const parts = [
      d.value.type === "fixed_amount" && d.value.appliesOnEachItem
        ? `${value} each one-time purchase product`
        : `${value} one-time purchase products`,
    ];
    if (d.minimumRequirement?.type === "subtotal") {
      parts.push(`Minimum purchase of ${formatWithSymbol(d.minimumRequirement.amount, shop.currency)}`);
    } else if (d.minimumRequirement?.type === "quantity") {
      parts.push(`Minimum quantity of ${d.minimumRequirement.quantity}`);
    }
    if (d.appliesOncePerCustomer) parts.push("One use per customer");
    if (d.usageLimit !== null) parts.push(`Limit of ${d.usageLimit} uses`);
    return parts.join(" • ");
  }

  // ---------------------------------------------------------------- customers

  private upsertCustomer(shop: ShopRecord, input: CustomerInput, address: AddressRecord | null): CustomerRecord {
    const email = input.email?.trim().toLowerCase() || null;
    const now = this.now();
    if (email) {
      for (const c of shop.customers.values()) {
        if (c.email === email) {
          c.updatedAt = now;
          if (input.firstName) c.firstName = input.firstName;
          if (input.lastName) c.lastName = input.lastName;
          return c;
        }
      }
    }
    const c: CustomerRecord = {
      id: this.ids.next("customer"),
      email,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      phone: input.phone ?? null,
      createdAt: now,
      updatedAt: now,
      tags: "",
      defaultAddress: address,
      defaultAddressId: this.ids.next("address"),
    };
    shop.customers.set(c.id, c);
    return c;
  }

  // ---------------------------------------------------------------- orders

  getOrder(domain: string, orderId: number): OrderRecord {
    const order = this.requireShop(domain).orders.get(orderId);
    if (!order) throw new SimulatorError("order_not_found", `Order ${orderId} does not exist`, 404);
    return order;
  }

  /**
   * Places an order the way checkout (or a draft order, with `sourceName: "shopify_draft_order"`)
   * would: discount codes are looked up in the store and refused like checkout refuses them.
   */
  placeOrder(domain: string, input: PlaceOrderInput): OrderRecord {
    const shop = this.requireShop(domain);
    if (input.lineItems.length === 0) throw new SimulatorError("no_line_items", "An order needs at least one line item");
    const now = this.now();
    const createdAt = input.createdAt ?? now;
    const sourceName = input.sourceName ?? "web";
    const isDraft = sourceName === "shopify_draft_order";

    const email = (input.email ?? input.customer?.email ?? "").trim();
    const rawGross = input.lineItems.reduce((s, l) => s + l.price * l.quantity, 0);
    const totalQuantity = input.lineItems.reduce((s, l) => s + l.quantity, 0);

    // Resolve codes like checkout does.
    const codeDiscounts: DiscountRecord[] = [];
    for (const entered of input.discountCodes ?? []) {
      const d = this.findDiscountByCode(domain, entered);
      if (!d) throw new SimulatorError("discount_code_invalid", `Enter a valid discount code (${entered} isn't valid)`, 422, { code: entered });
      if (codeDiscounts.some((c) => c.id === d.id)) {
        throw new SimulatorError("discount_code_duplicate", `Discount code ${d.code} was entered twice`, 422, { code: entered });
      }
      const status = this.discountStatus(d);
      if (status === "SCHEDULED") throw new SimulatorError("discount_code_not_active", `Discount code ${d.code} isn't active yet`, 422, { code: entered });
      if (status === "EXPIRED") throw new SimulatorError("discount_code_expired", `Discount code ${d.code} has expired`, 422, { code: entered });
      if (d.usageLimit !== null && d.usageCount >= d.usageLimit) {
        throw new SimulatorError("discount_code_usage_limit", `Discount code ${d.code} has reached its usage limit`, 422, { code: entered });
      }
      if (d.appliesOncePerCustomer && email && d.usedBy.has(email.toLowerCase())) {
        throw new SimulatorError("discount_code_already_used", `Discount code ${d.code} has already been used by this customer`, 422, { code: entered });
      }
      if (d.minimumRequirement?.type === "subtotal" && rawGross < d.minimumRequirement.amount) {
        throw new SimulatorError(
          "discount_code_minimum_not_met",
          `Discount code ${d.code} requires a minimum purchase of ${formatWithSymbol(d.minimumRequirement.amount, shop.currency)}`,
          422,
          { code: entered },
        );
      }
      if (d.minimumRequirement?.type === "quantity" && totalQuantity < d.minimumRequirement.quantity) {
        throw new SimulatorError("discount_code_minimum_not_met", `Discount code ${d.code} requires at least ${d.minimumRequirement.quantity} items`, 422, { code: entered });
      }
      codeDiscounts.push(d);
    }
    if (codeDiscounts.length > 1) {
      const blocker = codeDiscounts.find((d) => !d.combinesWith.orderDiscounts);
      if (blocker) {
        throw new SimulatorError(
          "discount_codes_not_combinable",
          `Discount code ${blocker.code} can't be combined with other discount codes`,
          422,
          { codes: codeDiscounts.map((d) => d.code) },
        );
      }
    }

    // Application index order: manual, then codes, then automatic (as in the real captures).
    const applications: DiscountApplicationRecord[] = [];
    const pricingDiscounts: PricingDiscount[] = [];
    for (const m of input.manualDiscounts ?? []) {
      applications.push(app("manual", m.valueType, m.value, "across", "all", { title: m.title, description: m.description ?? m.title }));
      pricingDiscounts.push({ type: "manual", valueType: m.valueType, value: m.value, allocationMethod: "across" });
    }
    for (const d of codeDiscounts) {
      if (d.value.type === "percentage") {
        const points = Math.round(d.value.percentage * 100 * 1e6) / 1e6;
        applications.push(app("discount_code", "percentage", points, "across", "all", { code: d.code, discountId: d.id }));
        pricingDiscounts.push({ type: "discount_code", valueType: "percentage", value: points, allocationMethod: "across" });
      } else {
        const method = d.value.appliesOnEachItem ? "each" : "across";
        applications.push(app("discount_code", "fixed_amount", d.value.amount, method, "all", { code: d.code, discountId: d.id }));
        pricingDiscounts.push({ type: "discount_code", valueType: "fixed_amount", value: d.value.amount, allocationMethod: method });
      }
    }
    for (const a of input.automaticDiscounts ?? []) {
      const entitled = a.lineIndexes !== undefined;
      applications.push(app("automatic", a.valueType, a.value, "across", entitled ? "entitled" : "all", { title: a.title }));
      pricingDiscounts.push({ type: "automatic", valueType: a.valueType, value: a.value, allocationMethod: "across", lineIndexes: a.lineIndexes });
    }

    const taxesIncluded = input.taxesIncluded ?? shop.taxesIncluded;
    const shippingPrice = input.shipping ? input.shipping.price : null;
    const pricing = priceOrder({
      lines: input.lineItems.map((l) => ({ price: l.price, quantity: l.quantity, taxable: l.giftCard ? false : (l.taxable ?? true), giftCard: l.giftCard ?? false })),
      discounts: pricingDiscounts,
      taxRate: input.taxRate ?? 0,
      taxTitle: input.taxTitle ?? "Tax",
      taxesIncluded,
      shippingPrice,
      taxShipping: input.taxShipping ?? false,
    });
    applications.forEach((a, i) => (a.amount = pricing.applicationAmounts[i] ?? 0));

    const lineItems: LineItemRecord[] = input.lineItems.map((l, i) => ({
      id: this.ids.next("lineItem"),
      title: l.title,
      variantTitle: l.variantTitle ?? null,
      sku: l.sku ?? "",
      vendor: l.vendor === undefined ? shop.name : l.vendor,
      productId: this.productId(shop, l.title),
      variantId: this.variantId(shop, l.title, l.variantTitle ?? null),
      price: l.price,
      quantity: l.quantity,
      taxable: l.giftCard ? false : (l.taxable ?? true),
      giftCard: l.giftCard ?? false,
      grams: l.grams ?? 0,
      requiresShipping: l.requiresShipping ?? true,
      properties: l.properties ?? [],
      allocations: pricing.allocations[i] ?? [],
      taxLines: pricing.lineTaxLines[i] ?? [],
    }));
    const shippingLines: ShippingLineRecord[] = input.shipping
      ? [
          {
            id: this.ids.next("shippingLine"),
            title: input.shipping.title ?? "Standard Shipping",
            code: input.shipping.code ?? "Standard",
            source: input.shipping.source ?? "shopify",
            price: input.shipping.price,
            taxLines: pricing.shippingTaxLines,
          },
        ]
      : [];

    const nameAddress = input.customer
      ? normalizeAddress({ first_name: input.customer.firstName ?? null, last_name: input.customer.lastName ?? null })
      : null;
    const billing =
      input.billingAddress !== undefined ? (input.billingAddress ? normalizeAddress(input.billingAddress) : null) : nameAddress;
    const shippingAddr =
      input.shippingAddress !== undefined ? (input.shippingAddress ? normalizeAddress(input.shippingAddress) : null) : billing;
    const customer = input.customer
      ? this.upsertCustomer(
          shop,
          { ...input.customer, email: input.customer.email ?? email },
          input.customer.defaultAddress ? normalizeAddress(input.customer.defaultAddress) : (billing ?? nameAddress),
        )
      : null;

    const orderNumber = shop.nextOrderNumber++;
    const orderId = this.ids.next("order");
    const gateway = input.gateway ?? (input.test ? "bogus" : isDraft ? "manual" : "shopify_payments");
    const financial = input.financialStatus ?? "paid";
    const paid = financial === "paid";
    const token = randomBytes(16).toString("hex");
    const order: OrderRecord = {
      id: orderId,
      shop: shop.domain,
      number: orderNumber - 1000,
      orderNumber,
      name: `#${orderNumber}`,
      token,
      checkoutToken: randomBytes(16).toString("hex"),
      checkoutId: this.ids.next("checkout"),
      cartToken: isDraft ? null : `hWN${randomBytes(8).toString("hex")}`,
      confirmationNumber: randomBytes(6).toString("base64").replace(/[^A-Z0-9]/gi, "").toUpperCase().slice(0, 9).padEnd(9, "X"),
      statusUrlKey: randomBytes(12).toString("hex"),
      createdAt,
      processedAt: createdAt,
      updatedAt: createdAt,
      cancelledAt: null,
      cancelReason: null,
      closedAt: null,
      currency: shop.currency,
      taxesIncluded,
      email,
      phone: input.phone ?? null,
      customerId: customer?.id ?? null,
      customer: customer ? { ...customer } : null,
      billingAddress: billing,
      shippingAddress: shippingAddr,
      landingSite: input.landingSite ?? null,
      landingSiteRef: input.landingSite ? landingSiteRef(input.landingSite) : null,
      referringSite: input.referringSite ?? null,
      sourceName,
      appId: isDraft ? 1354745 : 580111,
      userId: isDraft ? shop.staffUserId : null,
      noteAttributes: input.noteAttributes ?? [],
      note: input.note ?? null,
      tags: (input.tags ?? []).join(", "),
      test: input.test ?? false,
      buyerAcceptsMarketing: input.buyerAcceptsMarketing ?? false,
      customerLocale: input.customerLocale === undefined ? (isDraft ? "en" : "en-US") : input.customerLocale,
      clientDetails: {
        accept_language: input.clientDetails?.accept_language === undefined ? (isDraft ? null : "en-US,en;q=0.9") : input.clientDetails.accept_language,
        browser_ip: input.clientDetails?.browser_ip === undefined ? "203.0.113.24" : input.clientDetails.browser_ip,
        user_agent:
          input.clientDetails?.user_agent === undefined
            ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
            : input.clientDetails.user_agent,
      },
      gateway,
      paid,
      unpaid: financial === "paid" ? "pending" : financial,
      voidedAt: null,
      lineItems,
      discountApplications: applications,
      shippingLines,
      refunds: [],
      transactions: [],
    };
    const totals = orderAmounts(order);
    const transaction = (kind: "sale" | "authorization", amount: number) =>
      order.transactions.push({
        id: this.ids.next("transaction"),
        kind,
        status: "success",
        amount,
        gateway,
        parentId: null,
        createdAt,
        paymentId: `${order.name}.1`,
        message: "Transaction approved",
        userId: null,
        test: order.test,
      });
    if (financial === "paid") transaction("sale", totals.totalPrice);
    else if (financial === "authorized") transaction("authorization", totals.totalPrice);
    else if (financial === "partially_paid") {
      const deposit = input.paidAmount ?? Math.floor(totals.totalPrice / 2);
      if (!(deposit > 0 && deposit < totals.totalPrice)) {
        throw new SimulatorError("invalid_paid_amount", `A partially paid order needs a deposit between 0 and the total (${totals.totalPrice}), got ${deposit}`);
      }
      transaction("sale", deposit);
    }
    shop.orders.set(order.id, order);
    for (const d of codeDiscounts) {
      d.usageCount += 1;
      if (email) d.usedBy.add(email.toLowerCase());
    }
    return order;
  }

  /** Creates a refund. Amounts are prorated from what is left on each line, so repeated partial refunds add up exactly. */
  refundOrder(domain: string, orderId: number, input: RefundInput, opts: { restockTypeDefault?: RestockType } = {}): RefundRecord {
    const shop = this.requireShop(domain);
    const order = this.getOrder(domain, orderId);
    const createdAt = input.createdAt ?? this.now();
    const lines: RefundLineItemRecord[] = [];
    const seen = new Set<number>();
    for (const req of input.lineItems ?? []) {
      const line = order.lineItems.find((l) => l.id === req.lineItemId);
      if (!line) throw new SimulatorError("line_item_not_found", `Line item ${req.lineItemId} is not on order ${order.id}`);
      if (seen.has(line.id)) throw new SimulatorError("duplicate_line_item", `Line item ${line.id} is listed twice`);
      seen.add(line.id);
      if (req.quantity <= 0) continue;
      const a = lineAmounts(order, line);
      if (req.quantity > a.currentQuantity) {
        throw new SimulatorError(
          "refund_quantity_exceeded",
          `Cannot refund ${req.quantity} of line item ${line.id}: only ${a.currentQuantity} left`,
        );
      }
      const remainingNet = a.net - a.refundedNet;
      const remainingTax = a.tax - a.refundedTax;
      const remainingDiscount = a.discount - a.refundedDiscount;
      const part = (amount: number): number =>
        req.quantity === a.currentQuantity ? amount : Math.round((amount * req.quantity) / a.currentQuantity);
      const restockType = req.restockType ?? opts.restockTypeDefault ?? "no_restock";
      lines.push({
        id: this.ids.next("refundLineItem"),
        lineItemId: line.id,
        quantity: req.quantity,
        restockType,
        locationId: restockType === "no_restock" ? null : shop.primaryLocationId,
        subtotal: part(remainingNet),
        totalTax: part(remainingTax),
        discount: part(remainingDiscount),
      });
    }

    let shipping: RefundRecord["shipping"] = null;
    const shippingLine = order.shippingLines[0];
    if (input.shipping !== undefined && input.shipping !== null && input.shipping !== 0) {
      if (!shippingLine) throw new SimulatorError("no_shipping", "The order has no shipping to refund");
      const totals = orderAmounts(order);
      const remaining = totals.totalShipping - totals.refundedShipping;
      const remainingTax = totals.shippingTax - totals.refundedShippingTax;
      const amount = input.shipping === true ? remaining : input.shipping;
      if (amount > remaining) {
        throw new SimulatorError("shipping_refund_exceeded", `Cannot refund more shipping than the ${remaining} minor units left`);
      }
      if (amount > 0) {
        shipping = {
          id: this.ids.next("refundShippingLine"),
          shippingLineId: shippingLine.id,
          amount,
          tax: remaining === 0 ? 0 : amount === remaining ? remainingTax : Math.round((remainingTax * amount) / remaining),
          adjustmentId: this.ids.next("orderAdjustment"),
        };
      }
    }
    if (lines.length === 0 && shipping === null) {
      throw new SimulatorError("empty_refund", "A refund needs at least one line item quantity or a shipping amount");
    }

    const refund: RefundRecord = {
      id: this.ids.next("refund"),
      orderId: order.id,
      createdAt,
      note: input.note ?? null,
      userId: shop.staffUserId,
      restock: lines.some((l) => l.restockType !== "no_restock"),
      lineItems: lines,
      shipping,
      transactions: [],
    };
    const items = lines.reduce((s, l) => s + l.subtotal + (order.taxesIncluded ? 0 : l.totalTax), 0);
    const ship = shipping ? shipping.amount + (order.taxesIncluded ? 0 : shipping.tax) : 0;
    const amount = items + ship;
    const sale = order.transactions.find((t) => t.kind === "sale");
    if (order.paid && sale && amount > 0) {
      const txCount = order.refunds.reduce((n, r) => n + r.transactions.length, 0);
      const manual = order.gateway === "manual";
      refund.transactions.push({
        id: this.ids.next("transaction"),
        kind: "refund",
        status: "success",
        amount,
        gateway: order.gateway,
        parentId: sale.id,
        createdAt,
        paymentId: manual ? `${order.name}.${txCount + 2}` : `${randomBytes(6).toString("hex")}.${txCount + 2}`,
        message: manual ? `Refunded ${(amount / 10 ** currencyExponent(order.currency)).toFixed(currencyExponent(order.currency))} ${order.currency} from manual gateway` : "Transaction approved",
        userId: manual ? shop.staffUserId : null,
        test: order.test,
      });
    }
    order.refunds.push(refund);
    order.updatedAt = Math.max(order.updatedAt, createdAt);
    return refund;
  }

  cancelOrder(domain: string, orderId: number, input: CancelInput): { order: OrderRecord; refund: RefundRecord | null } {
    const order = this.getOrder(domain, orderId);
    if (order.cancelledAt !== null) throw new SimulatorError("already_cancelled", `Order ${order.name} is already cancelled`);
    const at = input.createdAt ?? this.now();
    let refund: RefundRecord | null = null;
    if (input.refund) {
      const totals = orderAmounts(order);
      const lineItems = totals.lines
        .filter((l) => l.currentQuantity > 0)
        .map((l) => ({
          lineItemId: l.line.id,
          quantity: l.currentQuantity,
          restockType: (input.restock ?? true) ? ("cancel" as const) : ("no_restock" as const),
        }));
      const shippingLeft = totals.totalShipping - totals.refundedShipping;
      if (lineItems.length > 0 || shippingLeft > 0) {
        refund = this.refundOrder(domain, orderId, {
          lineItems,
          shipping: shippingLeft > 0 ? true : null,
          note: input.note ?? "Order canceled",
          createdAt: at,
        });
      }
    }
    order.cancelledAt = at;
    order.closedAt = at;
    order.cancelReason = input.reason ?? "customer";
    order.updatedAt = Math.max(order.updatedAt, at);
    return { order, refund };
  }

  /** Any admin edit that bumps updated_at (tags/note/attributes), like editing an order in the admin. */
  touchOrder(
    domain: string,
    orderId: number,
    changes: { note?: string | null; tags?: string[]; noteAttributes?: { name: string; value: string }[] } = {},
  ): OrderRecord {
    const order = this.getOrder(domain, orderId);
    if (changes.note !== undefined) order.note = changes.note;
    if (changes.tags) order.tags = changes.tags.join(", ");
    if (changes.noteAttributes) order.noteAttributes = changes.noteAttributes;
    order.updatedAt = Math.max(this.now(), order.updatedAt + 1000);
    return order;
  }

  /**
   * The order is paid in full: an authorization is captured, or what is outstanding is collected
   * (cash on delivery received, bank transfer arrived, the rest of a deposit). Like Shopify, an order
   * already paid, voided or cancelled cannot be marked paid.
   */
  markOrderPaid(domain: string, orderId: number, input: { at?: number } = {}): OrderRecord {
    const order = this.getOrder(domain, orderId);
    if (order.paid) throw new SimulatorError("already_paid", `Order ${order.name} is already paid`);
    if (order.voidedAt !== null || order.cancelledAt !== null) throw new SimulatorError("order_voided", `Order ${order.name} was voided or cancelled: it cannot be paid`);
    const at = input.at ?? this.now();
    const totals = orderAmounts(order);
    const authorization = order.transactions.find((t) => t.kind === "authorization");
    const outstanding = Math.max(0, totals.totalPrice - totals.totalReceived);
    order.transactions.push({
      id: this.ids.next("transaction"),
      kind: authorization ? "capture" : "sale",
      status: "success",
      amount: outstanding,
      gateway: order.gateway,
      parentId: authorization?.id ?? null,
      createdAt: at,
      paymentId: `${order.name}.${order.transactions.length + 1}`,
      message: "Transaction approved",
      userId: authorization ? null : this.requireShop(domain).staffUserId,
      test: order.test,
    });
    order.paid = true;
    order.updatedAt = Math.max(order.updatedAt + 1000, at);
    return order;
  }

  /**
   * Voids an unpaid order's payment: an authorization released, or a pending payment given up
   * (financial_status `voided`). A deposit must be refunded instead, and a paid order cannot be voided.
   */
  voidOrder(domain: string, orderId: number, input: { at?: number } = {}): OrderRecord {
    const order = this.getOrder(domain, orderId);
    if (order.paid) throw new SimulatorError("already_paid", `Order ${order.name} is paid: refund it instead of voiding it`);
    if (order.voidedAt !== null) throw new SimulatorError("already_voided", `Order ${order.name} is already voided`);
    if (order.unpaid === "partially_paid") throw new SimulatorError("partially_paid", `Order ${order.name} has a deposit: refund it instead of voiding it`);
    const at = input.at ?? this.now();
    const authorization = order.transactions.find((t) => t.kind === "authorization");
    if (authorization) {
      order.transactions.push({ ...authorization, id: this.ids.next("transaction"), kind: "void", parentId: authorization.id, createdAt: at, paymentId: `${order.name}.${order.transactions.length + 1}` });
    }
    order.voidedAt = at;
    order.updatedAt = Math.max(order.updatedAt + 1000, at);
    return order;
  }

  // ---------------------------------------------------------------- webhook subscriptions

  createWebhookSubscription(
    domain: string,
    input: { topic: string; uri: string; format?: "JSON" | "XML"; includeFields?: string[]; filter?: string | null; name?: string | null },
  ): { subscription: WebhookSubscriptionRecord | null; userErrors: { field: string[]; message: string }[] } {
    const shop = this.requireShop(domain);
    const uri = input.uri.trim();
    if (!/^https?:\/\/[^\s/]+/i.test(uri)) {
      return { subscription: null, userErrors: [{ field: ["webhookSubscription", "callbackUrl"], message: "Address is invalid" }] };
    }
    for (const s of shop.webhookSubscriptions.values()) {
      if (s.topic === input.topic && s.uri === uri) {
        return {
          subscription: null,
          userErrors: [{ field: ["webhookSubscription", "callbackUrl"], message: "Address for this topic has already been taken" }],
        };
      }
    }
    const now = this.now();
    const sub: WebhookSubscriptionRecord = {
      id: this.ids.next("webhookSubscription"),
      topic: input.topic,
      uri,
      format: input.format ?? "JSON",
      includeFields: input.includeFields ?? [],
      filter: input.filter ?? null,
      name: input.name ?? null,
      createdAt: now,
      updatedAt: now,
    };
    shop.webhookSubscriptions.set(sub.id, sub);
    return { subscription: sub, userErrors: [] };
  }

  // ---------------------------------------------------------------- ids

  private productId(shop: ShopRecord, title: string): number {
    const key = `${shop.domain}|${title}`;
    let id = this.productIds.get(key);
    if (id === undefined) {
      id = this.ids.next("product");
      this.productIds.set(key, id);
    }
    return id;
  }

  private variantId(shop: ShopRecord, title: string, variantTitle: string | null): number {
    const key = `${shop.domain}|${title}|${variantTitle ?? ""}`;
    let id = this.variantIds.get(key);
    if (id === undefined) {
      id = this.ids.next("variant");
      this.variantIds.set(key, id);
    }
    return id;
  }
}

function app(
  type: DiscountApplicationRecord["type"],
  valueType: DiscountApplicationRecord["valueType"],
  value: number,
  allocationMethod: DiscountApplicationRecord["allocationMethod"],
  targetSelection: DiscountApplicationRecord["targetSelection"],
  extra: { code?: string; title?: string; description?: string; discountId?: number },
): DiscountApplicationRecord {
  return {
    type,
    code: extra.code ?? null,
    title: extra.title ?? null,
    description: extra.description ?? null,
    valueType,
    value,
    allocationMethod,
    targetSelection,
    targetType: "line_item",
    amount: 0,
    discountId: extra.discountId ?? null,
  };
}

function notFound(): { discount: null; userErrors: DiscountUserError[] } {
  return { discount: null, userErrors: [{ field: ["id"], message: "Code discount does not exist.", code: "INVALID", extraInfo: null }] };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

export function normalizeScopes(scopes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of scopes) {
    for (const s of raw.split(",")) {
      const t = s.trim();
      if (t) out.add(t);
    }
  }
  return [...out];
}

export function hasScope(scopes: readonly string[], needed: string): boolean {
  if (scopes.includes(needed)) return true;
  // write_x implies read_x, like Shopify.
  return needed.startsWith("read_") && scopes.includes(`write_${needed.slice(5)}`);
}

export function normalizeAddress(a: Partial<AddressRecord>): AddressRecord {
  const first = a.first_name ?? null;
  const last = a.last_name ?? null;
  return {
    first_name: first,
    last_name: last,
    address1: a.address1 ?? "123 Example Street",
    address2: a.address2 ?? null,
    city: a.city ?? "Portland",
    province: a.province === undefined ? "Oregon" : a.province,
    province_code: a.province_code === undefined ? "OR" : a.province_code,
    country: a.country ?? "United States",
    country_code: a.country_code ?? "US",
    zip: a.zip === undefined ? "97201" : a.zip,
    phone: a.phone ?? null,
    company: a.company ?? null,
    name: a.name ?? ([first, last].filter(Boolean).join(" ") || null),
    latitude: a.latitude ?? null,
    longitude: a.longitude ?? null,
  };
}

/** Shopify's landing_site_ref: the `ref` (or `source`, `r`) query parameter of the landing page. */
export function landingSiteRef(landingSite: string): string | null {
  try {
    const url = new URL(landingSite, "https://placeholder.invalid");
    return url.searchParams.get("ref") ?? url.searchParams.get("source") ?? url.searchParams.get("r");
  } catch {
    return null;
  }
}

function titleCase(handle: string): string {
  return handle
    .split("-")
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

function trimNumber(n: number): string {
  return String(Math.round(n * 1e4) / 1e4);
}

/** Stable short hash, used for synthetic tokens in payloads. */
export function shortHash(s: string): string {
  return createHash("sha256").update(s).digest("hex").slice(0, 32);
}

export function newUuid(): string {
  return randomUUID();
}
