/**
 * Bulk seed for the dashboard benchmark and the query-plan test: one campaign with `creators`
 * creators and `orders` attributed orders spread over `days` days (a few creators sell most, as in
 * real programmes), ~6 % partially and ~4 % fully refunded a few days later — orders, conversions
 * and ledger entries (through lib/ledger's bulk append) written server-side with generate_series (deterministic: setseed), the
 * rollup trigger off during a big load (the caller then rebuilds the rollups from the ledger with
 * lib/dashboard/rebuild-rollups.ts, the same sums the trigger keeps) or on for a small one.
 */
import type postgres from "postgres";
import { bulkAppendLedgerEntries } from "@/lib/ledger/bulk-append-ledger-entries";
import { rebuildCreatorBalances } from "@/lib/payouts/rebuild-creator-balances";

export type SeedOptions = {
  workspaceId: string;
  prefix: string;
  creators: number;
  orders: number;
  days: number;
  currency?: string;
  rateBps?: number;
  /** The campaign's time zone (its days are the dashboard's days); UTC by default. */
  timezone?: string;
  /** Keep the rollup trigger on (small loads, e.g. e2e); off, the caller rebuilds the rollups. */
  trigger?: boolean;
};

export async function seedCampaign(sql: postgres.Sql, o: SeedOptions) {
  const ws = o.workspaceId;
  const p = o.prefix;
  const currency = o.currency ?? "USD";
  const rate = o.rateBps ?? 1500;
  const start = new Date(Date.now() - o.days * 86_400_000);
  const id = (kind: string, width: number) => sql.unsafe(`'${kind}_${p}' || lpad(g::text, ${width}, '0')`);
  await sql`insert into shops (id, workspace_id, domain, install_kind, status, currency) values (${`shp_${p}`}, ${ws}, ${`${p}.myshopify.com`}, 'custom_app', 'connected', ${currency})`;
  await sql`insert into campaigns (id, workspace_id, shop_id, name, starts_at, discount_type, discount_value, commission_rate_bps, code_template, currency, timezone)
    values (${`cmp_${p}`}, ${ws}, ${`shp_${p}`}, ${`Spring launch ${p}`}, ${start}, 'percentage', 1000, ${rate}, '{full_name}', ${currency}, ${o.timezone ?? "UTC"})`;
  await sql`insert into creators (id, email, full_name, handle)
    select ${id("cre", 6)}, ${p} || '-creator' || g || '@bench.example', (array['Ava','Noah','Mia','Liam','Zoë','Mateo','Chloé','Kai','Nina','Omar'])[1 + g % 10] || ' ' || (array['Stone','Rivera','Okafor','Nguyen','Müller','Haddad','Kowalski','Silva','Ito','Brennan'])[1 + (g / 10) % 10] || ' ' || g, 'creator' || g || ${p}
    from generate_series(1, ${o.creators}) g`;
  await sql`insert into enrollments (id, workspace_id, campaign_id, creator_id, referral_slug)
    select ${id("enr", 6)}, ${ws}, ${`cmp_${p}`}, ${id("cre", 6)}, ${p} || '-' || g from generate_series(1, ${o.creators}) g`;
  await sql`insert into discount_codes (id, workspace_id, shop_id, campaign_id, enrollment_id, creator_id, code, status)
    select ${id("dsc", 6)}, ${ws}, ${`shp_${p}`}, ${`cmp_${p}`}, ${id("enr", 6)}, ${id("cre", 6)}, upper(${p}) || '-' || g, 'active' from generate_series(1, ${o.creators}) g`;

  // One row per order: creator (skewed: creator k sells ∝ 1/k^0.8-ish through random()^2), amount,
  // commission (half up), time, and its refund (kind, amount, commission share rounded down, time).
  await sql.begin(async (tx) => {
    await tx`select setseed(0.42)`;
    await tx`create temp table seed_orders on commit drop as
      select g,
        1 + floor(${o.creators} * power(random(), 2))::int as creator,
        (2000 + floor(random() * 18000))::bigint as amount,
        ${start}::timestamptz + ((g - 1)::float8 / ${o.orders}) * (${o.days} - 1) * interval '1 day' + random() * interval '1 hour' as at,
        random() as r, random() as share, random() as lag
      from generate_series(1, ${o.orders}) g`;
    await tx`alter table seed_orders add column commission bigint, add column refund_amount bigint, add column refund_commission bigint, add column refund_at timestamptz`;
    await tx`update seed_orders set commission = (amount * ${rate} + 5000) / 10000`;
    await tx`update seed_orders set
        refund_amount = case when r < 0.04 then amount when r < 0.10 then floor(amount * (0.2 + share * 0.4))::bigint end,
        refund_at = at + (1 + lag * 20) * interval '1 day'
      where r < 0.10 and at + (1 + lag * 20) * interval '1 day' < now()`;
    await tx`update seed_orders set refund_commission = case when refund_amount = amount then commission else (commission * refund_amount) / amount end where refund_amount is not null`;
    // A bulk load of rows consistent by construction: skip per-row FK checks and the rollup trigger
    // (session_replication_role = replica turns off both for this transaction; needs a superuser,
    // as the benchmark's local Postgres is). The caller rebuilds the rollups.
    if (!o.trigger) await tx`set local session_replication_role = replica`;
    await tx`insert into orders (id, workspace_id, shop_id, shopify_order_id, name, email, currency, subtotal_cents, current_subtotal_cents, total_discounts_cents, total_tax_cents, total_price_cents, discount_codes, shopify_created_at, shopify_updated_at, attribution_status)
      select ${id("ord", 8)}, ${ws}, ${`shp_${p}`}, g, '#' || (1000 + g), 'buyer' || g || '@shoppers.example', ${currency}, amount, amount - coalesce(refund_amount, 0), amount / 9, 0, amount + 595,
        jsonb_build_array(upper(${p}) || '-' || creator), at, coalesce(refund_at, at), 'attributed'
      from seed_orders`;
    // Conversions start at zero: the ledger moves their totals (lib/ledger, the one writer).
    await tx`insert into conversions (id, workspace_id, shop_id, order_id, shopify_order_id, order_name, order_created_at, campaign_id, creator_id, enrollment_id, code_id, type, code, status, currency, commission_rate_bps, order_amount_cents, commission_cents, explanation, created_at, updated_at)
      select ${id("cnv", 8)}, ${ws}, ${`shp_${p}`}, ${id("ord", 8)}, g, '#' || (1000 + g), at, ${`cmp_${p}`},
        'cre_' || ${p} || lpad(creator::text, 6, '0'), 'enr_' || ${p} || lpad(creator::text, 6, '0'), 'dsc_' || ${p} || lpad(creator::text, 6, '0'),
        'coupon', upper(${p}) || '-' || creator, case when refund_amount = amount then 'reversed' else 'approved' end::conversion_status, ${currency}, ${rate},
        0, 0, '{}'::jsonb, at, coalesce(refund_at, at)
      from seed_orders`;
    // With the triggers off, the entries carry what ledger_entries_derive would set (the creator; the
    // hold counts from the order's creation, as these orders have no paid_at or processed_at), and the
    // creator balances are summed once at the end.
    const derived = o.trigger ? tx`` : tx`, 'cre_' || ${p} || lpad(creator::text, 6, '0'), at`;
    await bulkAppendLedgerEntries(
      tx,
      tx`select ${id("led", 8)} || 's', ${ws}, ${id("cnv", 8)}, 'sale'::ledger_entry_kind, amount, commission, ${currency}, 'sale', at ${derived} from seed_orders
        union all
        select ${id("led", 8)} || 'r', ${ws}, ${id("cnv", 8)}, 'refund'::ledger_entry_kind, -refund_amount, -refund_commission, ${currency}, 'refund:' || g, refund_at ${derived}
        from seed_orders where refund_amount is not null`,
      { derived: !o.trigger },
    );
    if (!o.trigger) await rebuildCreatorBalances(tx, ws);
  });
  return { campaignId: `cmp_${p}`, shopId: `shp_${p}` };
}
