"use client";

import { useRef, useState, useTransition } from "react";
import type { ActionState } from "@/lib/action-state";
import { EMPTY_RULE_ROW, rulesForNotes, type RuleFormRow, type RulesForm } from "@/lib/commission-rules/rule-form";
import { ruleNotes, type RuleNote } from "@/lib/commission-rules/shadows";
import type { EvaluatedLine } from "@/lib/commission-rules/types";
import type { ApplyOutcome, WhatIfOrder, WhatIfSummary } from "@/lib/commission-rules/what-if";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { formatDateTimeIn, formatMoney, formatPercent } from "@/components/ui/format";
import { DataTable, rightAligned } from "@/components/ui/table";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
type PreviewResult = { summary: WhatIfSummary; changed: (Omit<WhatIfOrder, "orderCreatedAt"> & { orderCreatedAt: string })[]; nextCursor: string | null };
type Props = {
  workspace: string;
  campaignId: string;
  currency: string;
  timeZone: string;
  campaignRateBps: number;
  canEdit: boolean;
  initial: RulesForm;
  /** The preview's first range: days in the campaign's zone. */
  defaultRange: { from: string; to: string };
  saveAction: Action<{ form: RulesForm }>;
  previewAction: Action<PreviewResult>;
  applyAction: Action<{ outcome: ApplyOutcome; form: RulesForm }>;
};

type Row = RuleFormRow & { key: number };
const newRunId = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID().replace(/-/g, "") : `${Date.now()}${Math.random().toString(36).slice(2)}`);

/**
 * Campaign → Rules: the ordered rules (first match wins per line), which rule shadows or overlaps
 * which (said while typing), the preview of the edited rules on past orders, and applying them from
 * now on or to unpaid orders since a day.
 */
export function RulesEditor(props: Props) {
  // React keys (and the fields' ids): the saved rules' positions on the first render, the same on the server and in the browser
  const keys = useRef(props.initial.rules.length);
  const withKey = (r: RuleFormRow): Row => ({ ...r, key: keys.current++ });
  const [rows, setRows] = useState<Row[]>(() => props.initial.rules.map((r, i) => ({ ...r, key: i })));
  const [cap, setCap] = useState(props.initial.cap_per_order);
  const [min, setMin] = useState(props.initial.min_order_amount);
  const [errors, setErrors] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form: RulesForm = { rules: rows.map(({ key: _key, ...r }) => r), cap_per_order: cap, min_order_amount: min };
  // at most 100 rules: cheap enough to say again on every keystroke
  const notes = ruleNotes(rulesForNotes(form));
  const notesOf = (i: number) => {
    const id = rows[i]!.id || `row-${i}`;
    return notes.filter((n) => n.ruleId === id);
  };

  const [range, setRange] = useState(props.defaultRange);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [previewError, setPreviewError] = useState<{ message: string; fields: Record<string, string[]> } | null>(null);
  const [runId, setRunId] = useState(newRunId);
  const [applyTo, setApplyTo] = useState<"from_now" | "unpaid_since">("unpaid_since");
  const [since, setSince] = useState(props.defaultRange.from);
  const [clawBack, setClawBack] = useState(false);
  const [applied, setApplied] = useState<ApplyOutcome | null>(null);

  const update = (i: number, patch: Partial<RuleFormRow>) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setSaved(null);
    setApplied(null);
    setRunId(newRunId()); // other rules: another run (the same run id applies once)
  };
  const move = (i: number, by: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [r] = next.splice(i, 1);
      next.splice(i + by, 0, r!);
      return next;
    });

  const body = (extra: Record<string, string>) => {
    const fd = new FormData();
    fd.set("workspace", props.workspace);
    fd.set("campaignId", props.campaignId);
    fd.set("rules_json", JSON.stringify(form));
    for (const [k, v] of Object.entries(extra)) fd.set(k, v);
    return fd;
  };
  const failure = (s: ActionState<unknown>) => (s && !s.ok ? { message: s.error.message, fields: s.error.fields ?? {} } : null);
  const loadForm = (f: RulesForm) => {
    setRows(f.rules.map(withKey));
    setCap(f.cap_per_order);
    setMin(f.min_order_amount);
  };

  const save = () =>
    startTransition(async () => {
      const s = await props.saveAction(null, body({}));
      setErrors(failure(s));
      if (s?.ok) {
        loadForm(s.data.form);
        setSaved("Saved. Orders credited from now on follow these rules; orders already credited keep theirs.");
      }
    });
  const runPreview = (cursor: string | null) =>
    startTransition(async () => {
      const s = await props.previewAction(null, body({ from: range.from, to: range.to, ...(cursor ? { cursor } : {}) }));
      const f = failure(s);
      setPreviewError(f && !Object.keys(f.fields).some((k) => k.startsWith("rules") || k === "cap_per_order" || k === "min_order_amount") ? f : null);
      setErrors(f && Object.keys(f.fields).some((k) => k.startsWith("rules") || k === "cap_per_order" || k === "min_order_amount") ? f : null);
      if (s?.ok) {
        setPreview((p) => (cursor && p ? { ...s.data, changed: [...p.changed, ...s.data.changed] } : s.data));
        setRunId(newRunId());
        setApplied(null);
      }
    });
  const apply = () =>
    startTransition(async () => {
      const s = await props.applyAction(null, body({ apply_to: applyTo, since: applyTo === "unpaid_since" ? since : "", claw_back_paid: String(clawBack), run_id: runId }));
      const f = failure(s);
      setErrors(f);
      if (s?.ok) {
        setApplied(s.data.outcome);
        loadForm(s.data.form);
      }
    });

  const fieldErr = (path: string) => errors?.fields[path];
  const money = (c: number) => formatMoney(c, props.currency);

  return (
    <div className="space-y-6">
      <Card
        title="Rules"
        description={`In order: the first rule that matches a line decides what it earns. A line no rule matches earns the creator's roster rate, else the campaign rate (${formatPercent(props.campaignRateBps)}).`}
      >
        <div className="space-y-4" data-testid="rules-list">
          {rows.length === 0 && <p className="text-sm text-slate-600">No rules yet: every line earns the creator&apos;s roster rate, else the campaign rate.</p>}
          {rows.map((row, i) => (
            <RuleFields
              key={row.key}
              index={i}
              count={rows.length}
              row={row}
              currency={props.currency}
              disabled={!props.canEdit}
              notes={notesOf(i)}
              ruleName={(j) => rows[j]?.name || `Rule ${j + 1}`}
              errorsOf={(f) => fieldErr(`rules.${i}.${f}`)}
              onChange={(patch) => update(i, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => setRows((rs) => rs.filter((_, j) => j !== i))}
            />
          ))}
          {props.canEdit && (
            <Button type="button" variant="secondary" onClick={() => setRows((rs) => [...rs, withKey(EMPTY_RULE_ROW)])}>
              Add rule
            </Button>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={`Cap per order (${props.currency})`} name="cap_per_order" value={cap} onChange={(e) => setCap(e.target.value)} disabled={!props.canEdit} inputMode="decimal" hint="The most one order can earn. Empty: no cap." errors={fieldErr("cap_per_order")} />
            <TextField label={`Minimum order amount (${props.currency})`} name="min_order_amount" value={min} onChange={(e) => setMin(e.target.value)} disabled={!props.canEdit} inputMode="decimal" hint="Smaller orders earn nothing. Empty: no minimum." errors={fieldErr("min_order_amount")} />
          </div>
          {errors && <Alert>{errors.message}</Alert>}
          {saved && <Alert tone="success">{saved}</Alert>}
          {props.canEdit && (
            <div className="flex flex-wrap gap-3">
              <Button type="button" onClick={save} disabled={pending}>
                Apply from now on
              </Button>
            </div>
          )}
        </div>
      </Card>

      <Card title="Preview on past orders" description={`What these rules would have done to the campaign's orders placed in a range of days (${props.timeZone}). Nothing is written.`}>
        <div className="space-y-4">
          <div className="flex flex-wrap items-end gap-3">
            <TextField label="From" name="from" type="date" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} errors={previewError?.fields.from} />
            <TextField label="To" name="to" type="date" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} errors={previewError?.fields.to} />
            <div className="mb-0.5">
              <Button type="button" variant="secondary" onClick={() => runPreview(null)} disabled={pending}>
                {pending ? "Working…" : "Preview"}
              </Button>
            </div>
          </div>
          {previewError && <Alert>{previewError.message}</Alert>}
          {preview && <PreviewResults preview={preview} currency={props.currency} timeZone={props.timeZone} money={money} pending={pending} onMore={() => runPreview(preview.nextCursor)} />}
        </div>
      </Card>

      {props.canEdit && (
        <Card title="Apply" description="Save the rules for orders credited from now on, or also move the orders placed since a day whose commission is not in a payout yet.">
          <fieldset className="space-y-3">
            <legend className="sr-only">Apply the rules</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="apply_to" value="from_now" checked={applyTo === "from_now"} onChange={() => setApplyTo("from_now")} />
              Apply from now on
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="apply_to" value="unpaid_since" checked={applyTo === "unpaid_since"} onChange={() => setApplyTo("unpaid_since")} />
              Apply to unpaid orders since
            </label>
            {applyTo === "unpaid_since" && (
              <div className="space-y-3 pl-6">
                <TextField label={`Since (${props.timeZone})`} name="since" type="date" value={since} onChange={(e) => setSince(e.target.value)} errors={fieldErr("since")} />
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="claw_back_paid" className="mt-1" checked={clawBack} onChange={(e) => setClawBack(e.target.checked)} />
                  <span>
                    Claw back / top up in the next payout
                    <span className="block text-xs text-slate-500">Orders already paid change too: the difference is taken from, or added to, the creator&apos;s next payout. Unticked, paid orders are listed and left alone.</span>
                  </span>
                </label>
              </div>
            )}
            <Button type="button" onClick={apply} disabled={pending}>
              Apply
            </Button>
          </fieldset>
          {applied && <ApplyResult outcome={applied} money={money} />}
        </Card>
      )}
    </div>
  );
}

const ACTION_LABELS: Record<RuleFormRow["action"], string> = { rate: "Pay a rate", fixed_per_unit: "Pay a fixed amount per unit", exclude: "Exclude (earns nothing)" };

function RuleFields(props: {
  index: number;
  count: number;
  row: Row;
  currency: string;
  disabled: boolean;
  notes: RuleNote[];
  ruleName: (index: number) => string;
  errorsOf: (field: string) => string[] | undefined;
  onChange: (patch: Partial<RuleFormRow>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { row, index: i } = props;
  const id = (f: string) => `rule-${row.key}-${f}`;
  const label = `Rule ${i + 1}`;
  return (
    <fieldset className="rounded-md border border-slate-200 p-4" data-testid={`rule-${i + 1}`}>
      <legend className="px-1 text-sm font-semibold text-slate-800">
        {label}
        {row.name && <span className="font-normal text-slate-500"> · {row.name}</span>}
      </legend>
      {props.notes.map((n, k) => (
        <div key={k} className="mb-3">
          <Alert tone="info">{noteText(n, props.ruleName)}</Alert>
        </div>
      ))}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <TextField id={id("name")} label="Name" name={`rules.${i}.name`} value={row.name} onChange={(e) => props.onChange({ name: e.target.value })} disabled={props.disabled} hint="Empty: named after what it does." errors={props.errorsOf("name")} />
        <SelectField id={id("action")} label="What it does" name={`rules.${i}.action`} value={row.action} onChange={(e) => props.onChange({ action: e.target.value as RuleFormRow["action"] })} disabled={props.disabled} errors={props.errorsOf("action")}>
          {Object.entries(ACTION_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        {row.action === "rate" && (
          <TextField id={id("rate")} label="Rate (%)" name={`rules.${i}.rate_percent`} value={row.rate_percent} onChange={(e) => props.onChange({ rate_percent: e.target.value })} disabled={props.disabled} inputMode="decimal" errors={props.errorsOf("rate_percent")} />
        )}
        {row.action === "fixed_per_unit" && (
          <TextField id={id("amount")} label={`Amount per unit (${props.currency})`} name={`rules.${i}.amount`} value={row.amount} onChange={(e) => props.onChange({ amount: e.target.value })} disabled={props.disabled} inputMode="decimal" hint="Never more than what the line collected." errors={props.errorsOf("amount")} />
        )}
        <SelectField id={id("customer")} label="Customer" name={`rules.${i}.customer`} value={row.customer} onChange={(e) => props.onChange({ customer: e.target.value as RuleFormRow["customer"] })} disabled={props.disabled} errors={props.errorsOf("customer")}>
          <option value="any">Any customer</option>
          <option value="first_order">First order at the store</option>
          <option value="returning">Returning customer</option>
        </SelectField>
        <TextField id={id("products")} label="Products (Shopify ids)" name={`rules.${i}.product_ids`} value={row.product_ids} onChange={(e) => props.onChange({ product_ids: e.target.value })} disabled={props.disabled} placeholder="e.g. 8123456789, 8123456790" errors={props.errorsOf("product_ids")} />
        <TextField id={id("variants")} label="Variants (Shopify ids)" name={`rules.${i}.variant_ids`} value={row.variant_ids} onChange={(e) => props.onChange({ variant_ids: e.target.value })} disabled={props.disabled} errors={props.errorsOf("variant_ids")} />
        <TextField id={id("collections")} label="Collections (Shopify ids)" name={`rules.${i}.collection_ids`} value={row.collection_ids} onChange={(e) => props.onChange({ collection_ids: e.target.value })} disabled={props.disabled} errors={props.errorsOf("collection_ids")} />
        <TextField id={id("tags")} label="Product tags" name={`rules.${i}.tags`} value={row.tags} onChange={(e) => props.onChange({ tags: e.target.value })} disabled={props.disabled} placeholder="e.g. sale, bundle" errors={props.errorsOf("tags")} />
        <TextField id={id("vendors")} label="Vendors" name={`rules.${i}.vendors`} value={row.vendors} onChange={(e) => props.onChange({ vendors: e.target.value })} disabled={props.disabled} errors={props.errorsOf("vendors")} />
      </div>
      <p className="mt-2 text-xs text-slate-500">No products, variants, collections, tags or vendors: the rule matches every line. Several: any of them.</p>
      {!props.disabled && (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button type="button" variant="ghost" onClick={() => props.onMove(-1)} disabled={i === 0} aria-label={`Move ${label} up`}>
            Move up
          </Button>
          <Button type="button" variant="ghost" onClick={() => props.onMove(1)} disabled={i === props.count - 1} aria-label={`Move ${label} down`}>
            Move down
          </Button>
          <Button type="button" variant="danger" onClick={props.onRemove} aria-label={`Remove ${label}`}>
            Remove
          </Button>
        </div>
      )}
    </fieldset>
  );
}

function noteText(n: RuleNote, ruleName: (index: number) => string): string {
  switch (n.type) {
    case "shadowed":
      return `Never fires: rule ${n.byIndex + 1} (${ruleName(n.byIndex)}) comes first and matches every line this one could.`;
    case "overlaps":
      return `Overlaps rule ${n.withIndex + 1} (${ruleName(n.withIndex)}): lines both match go to rule ${n.withIndex + 1}, which comes first.`;
    case "missing_products":
      return `Names products that no longer exist in the store (${n.productIds.join(", ")}). The rule is kept; it matches nothing for them.`;
  }
}

function basisText(l: EvaluatedLine): string {
  switch (l.basis.type) {
    case "rule":
      return l.basis.name;
    case "creator_rate":
      return "Creator's roster rate";
    case "campaign_rate":
      return "Campaign rate";
    case "gift_card":
      return "Gift card (never earns)";
  }
}

function LinesExplained({ title, lines, money }: { title: string; lines: EvaluatedLine[] | null; money: (c: number) => string }) {
  return (
    <div className="min-w-0">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</p>
      {lines === null ? (
        <p className="text-sm text-slate-600">Credited on the whole order (before per-line rules).</p>
      ) : (
        <ul className="space-y-0.5 text-sm">
          {lines.map((l, k) => (
            <li key={k} className="flex flex-wrap justify-between gap-x-3">
              <span className="min-w-0 break-words">
                {l.title} × {l.quantity} · <span className="text-slate-500">{basisText(l)}</span>
              </span>
              <span className="tabular-nums">{l.excluded ? "excluded" : `${money(l.commissionCents)} on ${money(l.amountCents)}`}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PreviewResults({ preview, currency, timeZone, money, pending, onMore }: { preview: PreviewResult; currency: string; timeZone: string; money: (c: number) => string; pending: boolean; onMore: () => void }) {
  const s = preview.summary;
  if (s.orders === 0) return <p className="text-sm text-slate-700" data-testid="preview-empty">No orders of this campaign were placed in this range: there is nothing to preview.</p>;
  const signed = (c: number) => (c > 0 ? `+${money(c)}` : money(c));
  return (
    <div className="space-y-4" data-testid="preview-results">
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Figure label="Orders in range" value={String(s.orders)} />
        <Figure label="Orders that would change" value={String(s.changedOrders)} />
        <Figure label="Commission now" value={money(s.beforeCents)} />
        <Figure label="Commission under these rules" value={money(s.afterCents)} />
        <Figure label="Difference" value={signed(s.differenceCents)} testId="preview-difference" />
      </dl>
      <p className="text-sm text-slate-600">Orders whose creator would change: none. Rules decide what a line earns, not who is credited.</p>
      <DataTable label="Commission per creator" columns={[{ label: "Creator" }, ...rightAligned("Orders", "Now", "Under these rules", "Difference")]} testId="preview-per-creator">
        {s.perCreator.map((c) => (
          <tr key={c.creatorId}>
            <td className="px-5 py-2">{c.creatorName}</td>
            <td className="px-5 py-2 text-right tabular-nums">{c.orders}</td>
            <td className="px-5 py-2 text-right tabular-nums">{money(c.beforeCents)}</td>
            <td className="px-5 py-2 text-right tabular-nums">{money(c.afterCents)}</td>
            <td className="px-5 py-2 text-right tabular-nums">{signed(c.afterCents - c.beforeCents)}</td>
          </tr>
        ))}
      </DataTable>
      <div>
        <h3 className="text-sm font-semibold text-slate-900">Orders that would change</h3>
        {preview.changed.length === 0 ? (
          <p className="text-sm text-slate-600">None: every order in the range earns the same under these rules.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="preview-orders">
            {preview.changed.map((o) => (
              <li key={o.conversionId} className="space-y-2 py-3" data-testid="preview-order">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-semibold">{o.orderName}</span>
                  <span className="text-slate-500">{formatDateTimeIn(o.orderCreatedAt, timeZone)}</span>
                  <span>
                    {money(o.before.commissionCents)} → {money(o.after.commissionCents)} ({signed(o.after.commissionCents - o.before.commissionCents)})
                  </span>
                  {o.inPayout && <Badge tone="amber">In a payout: left alone unless you claw back / top up</Badge>}
                  {o.refunded && <Badge tone="slate">Refunded: left alone</Badge>}
                  {o.status === "pending" && <Badge tone="violet">Awaiting payment</Badge>}
                </div>
                <div className="grid gap-3 sm:grid-cols-2">
                  <LinesExplained title="Now" lines={o.before.lines} money={money} />
                  <LinesExplained title="Under these rules" lines={o.after.lines} money={money} />
                </div>
              </li>
            ))}
          </ul>
        )}
        {preview.nextCursor && (
          <Button type="button" variant="secondary" className="mt-2" onClick={onMore} disabled={pending}>
            Show more orders
          </Button>
        )}
      </div>
      <p className="sr-only">Amounts in {currency}.</p>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-base font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function ApplyResult({ outcome, money }: { outcome: ApplyOutcome; money: (c: number) => string }) {
  return (
    <div className="mt-4 space-y-2" data-testid="apply-result">
      <Alert tone="success">
        Rules saved. {outcome.adjusted === 0 ? "No past order moved." : `${outcome.adjusted} past order${outcome.adjusted === 1 ? "" : "s"} moved to the new rules (${outcome.adjustedCents >= 0 ? "+" : ""}${money(outcome.adjustedCents)} commission).`}
      </Alert>
      {outcome.paidLeftAlone.length > 0 && (
        <div data-testid="paid-left-alone">
          <p className="text-sm font-semibold">Already in a payout, left alone:</p>
          <ul className="text-sm">
            {outcome.paidLeftAlone.map((p) => (
              <li key={p.conversionId}>
                {p.orderName}: would have changed by {p.differenceCents >= 0 ? "+" : ""}
                {money(p.differenceCents)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {outcome.refundedLeftAlone.length > 0 && (
        <div>
          <p className="text-sm font-semibold">Refunded, left alone:</p>
          <ul className="text-sm">
            {outcome.refundedLeftAlone.map((p) => (
              <li key={p.conversionId}>{p.orderName}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
