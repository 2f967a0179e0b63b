import type { AttributionInput, AttributionOrder, AttributionSettings, ClickFact, CodeFact } from "@/lib/attribution/types";

/** Builders for attribution tests (plain data, no database). Tests only. */

export const DAY = 24 * 60 * 60 * 1000;
export const ORDER_AT = new Date("2026-06-15T12:00:00Z");
export const daysBefore = (days: number, from: Date = ORDER_AT) => new Date(from.getTime() - days * DAY);
export const daysAfter = (days: number, from: Date = ORDER_AT) => new Date(from.getTime() + days * DAY);

export const JANE = { creatorId: "cr_jane", creatorName: "Jane Doe", creatorEmail: "janedoe@gmail.com" } as const;
export const MARK = { creatorId: "cr_mark", creatorName: "Mark Lee", creatorEmail: "mark@example.com" } as const;

export const SUMMER = {
  campaignId: "cmp_summer",
  campaignName: "Summer",
  campaign: { startsAt: new Date("2026-06-01T00:00:00Z"), endsAt: new Date("2026-09-01T00:00:00Z"), endedAt: null },
} as const;

export const SETTINGS: AttributionSettings = { tieBreak: "first_listed", selfReferral: "deny", clickWindowDays: 30, newCreatorFlagDays: null };

export function order(overrides: Partial<AttributionOrder> = {}): AttributionOrder {
  return {
    createdAt: ORDER_AT,
    currency: "USD",
    subtotalCents: 9000,
    lineItemsTaxCents: 0,
    taxesIncluded: false,
    checkoutCodes: [],
    email: "customer@example.com",
    shopifyCustomerId: 1001,
    ...overrides,
  };
}

/** Jane's JANE10 in Summer, 15 %, live; override anything. */
export function codeFact(overrides: Partial<CodeFact> = {}): CodeFact {
  const code = overrides.code ?? "JANE10";
  return {
    codeId: `code_${code}`,
    code,
    ...JANE,
    ...SUMMER,
    campaign: { ...SUMMER.campaign },
    enrollmentId: "enr_jane_summer",
    assignedAt: new Date("2026-05-20T00:00:00Z"),
    deactivatedAt: null,
    enrollmentJoinedAt: new Date("2026-05-20T00:00:00Z"),
    enrollmentRemovedAt: null,
    commissionRateBps: 1500,
    ...overrides,
  };
}

/** Mark's MARK10 in Summer, 15 %, live, assigned later than JANE10. */
export function markCode(overrides: Partial<CodeFact> = {}): CodeFact {
  return codeFact({
    code: "MARK10",
    ...MARK,
    enrollmentId: "enr_mark_summer",
    assignedAt: new Date("2026-05-25T00:00:00Z"),
    enrollmentJoinedAt: new Date("2026-05-25T00:00:00Z"),
    ...overrides,
  });
}

/** A click on Jane's Summer link two days before the order. */
export function clickFact(overrides: Partial<ClickFact> = {}): ClickFact {
  return {
    clickId: "click_1",
    clickedAt: daysBefore(2),
    ...JANE,
    ...SUMMER,
    campaign: { ...SUMMER.campaign },
    enrollmentId: "enr_jane_summer",
    commissionRateBps: 1500,
    ...overrides,
  };
}

export function input(overrides: Partial<Omit<AttributionInput, "order" | "settings">> & { order?: Partial<AttributionOrder>; settings?: Partial<AttributionSettings> } = {}): AttributionInput {
  return {
    codes: [],
    click: null,
    ...overrides,
    order: order(overrides.order),
    settings: { ...SETTINGS, ...overrides.settings },
  };
}
