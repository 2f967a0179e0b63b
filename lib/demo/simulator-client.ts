/**
 * A small HTTP client for the Shopify simulator's control API (`npm run shopify:sim`), used by the
 * demo seeder, the e2e suite and the benchmarks. Amounts are decimal strings, as the control API takes.
 */
export type SimOrderInput = {
  line_items: { title: string; price: string; quantity?: number; taxable?: boolean; gift_card?: boolean }[];
  /** A test order (Shopify's Bogus Gateway). */
  test?: boolean;
  /** How the customer paid at checkout (default paid): pending (cash on delivery), authorized, partially paid (`paid_amount`). */
  financial_status?: "paid" | "pending" | "authorized" | "partially_paid";
  paid_amount?: string;
  gateway?: string;
  discount_codes?: string[];
  shipping?: { price: string; title?: string } | null;
  tax_rate?: number;
  taxes_included?: boolean;
  email?: string;
  customer?: { email?: string | null; first_name?: string | null; last_name?: string | null } | null;
  landing_site?: string | null;
  note_attributes?: { name: string; value: string }[];
  created_at?: string;
  delivery?: { duplicate?: number; concurrent?: boolean; delay_ms?: number; hold?: boolean; drop?: boolean };
};

export class SimulatorClient {
  constructor(readonly origin: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.origin}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Shopify simulator ${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  health() {
    return this.call<unknown>("GET", "/_sim/shops");
  }

  async hasShop(domain: string): Promise<boolean> {
    const res = await fetch(`${this.origin}/_sim/shops/${domain}`);
    return res.ok;
  }

  createShop(input: { domain: string; name?: string; currency?: string; timezone?: string; plan?: string; accessToken?: string; webhookSecret?: string }) {
    return this.call<{ shop: { domain: string }; accessToken: string; webhookSecret: string | null }>("POST", "/_sim/shops", input);
  }

  createDiscount(domain: string, input: { code: string; value_type: "percentage" | "fixed_amount"; value: string; title?: string }) {
    return this.call<unknown>("POST", `/_sim/shops/${domain}/discounts`, input);
  }

  discounts(domain: string) {
    return this.call<{ discounts: { code: string; status: string }[] }>("GET", `/_sim/shops/${domain}/discounts`);
  }

  placeOrder(domain: string, input: SimOrderInput) {
    return this.call<{ order: { id: number; name: string }; deliveries?: unknown[] }>("POST", `/_sim/shops/${domain}/orders`, input);
  }

  refund(domain: string, orderId: number, input: { line_items?: { index?: number; line_item_id?: number; quantity: number }[]; shipping?: true | { amount: string } }) {
    return this.call<unknown>("POST", `/_sim/shops/${domain}/orders/${orderId}/refunds`, input);
  }

  /** The order is paid in full (an authorization captured, or the outstanding amount collected): orders/updated + orders/paid. */
  markPaid(domain: string, orderId: number) {
    return this.call<unknown>("POST", `/_sim/shops/${domain}/orders/${orderId}/pay`, {});
  }

  /** The unpaid order's payment is voided: orders/updated with financial_status voided. */
  voidPayment(domain: string, orderId: number) {
    return this.call<unknown>("POST", `/_sim/shops/${domain}/orders/${orderId}/void`, {});
  }

  cancel(domain: string, orderId: number, input: { refund?: boolean; reason?: string } = {}) {
    return this.call<unknown>("POST", `/_sim/shops/${domain}/orders/${orderId}/cancel`, input);
  }

  deliveries(query: Record<string, string> = {}) {
    return this.call<{ deliveries: { id: string; topic: string; status: string; webhook_id?: string }[] }>(
      "GET",
      `/_sim/deliveries?${new URLSearchParams(query)}`,
    );
  }

  waitForDeliveries(timeoutMs = 30_000) {
    return this.call<unknown>("POST", "/_sim/deliveries/wait", { timeout_ms: timeoutMs });
  }
}
