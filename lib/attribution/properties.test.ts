import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { campaignActiveAt } from "@/lib/campaigns/campaign-status";
import { commissionFor } from "./commission";
import { decideAttribution } from "./decide-attribution";
import { normalizeCheckoutCode } from "./normalize";
import { DAY, ORDER_AT } from "@/test/attribution-facts";
import type { AttributionInput, CampaignWindow, ClickFact, CodeFact } from "./types";

const at = (days: number) => new Date(ORDER_AT.getTime() + Math.round(days * DAY));
/** A moment around the order: days relative to it, to the hour, plus the order's own instant now and then. */
const moment = (minDays: number, maxDays: number) =>
  fc.oneof({ weight: 9, arbitrary: fc.integer({ min: minDays * 24, max: maxDays * 24 }).map((h) => at(h / 24)) }, { weight: 1, arbitrary: fc.constant(ORDER_AT) });

const CREATORS = [
  { creatorId: "cr_jane", creatorName: "Jane Doe", creatorEmail: "jane.doe@gmail.com" },
  { creatorId: "cr_mark", creatorName: "Mark Lee", creatorEmail: "mark@example.com" },
  { creatorId: "cr_sam", creatorName: "Sam Roe", creatorEmail: "sam+shop@example.com" },
] as const;
const CODE_POOL = ["JANE10", "MARK10", "SAM10", "VIP", "SUMMER"];
const STORE_CODES = ["WELCOME5", "FREESHIP"];

/** Usually null; sometimes a moment (so that most codes and clicks count, and some do not). */
const rarely = (arbitrary: fc.Arbitrary<Date>) => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

const creator = fc.constantFrom(...CREATORS);
const campaignWindow: fc.Arbitrary<CampaignWindow> = fc.record({
  startsAt: fc.oneof({ weight: 4, arbitrary: moment(-60, -1) }, { weight: 1, arbitrary: moment(-3, 3) }),
  endsAt: fc.option(moment(-10, 60), { nil: null }),
  endedAt: rarely(moment(-10, 10)),
});
const rate = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(1, 1500, 3333, 5000, 10_000, 25_000));
const customerIds = fc.option(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }), { nil: undefined });

const codeFacts: fc.Arbitrary<CodeFact[]> = fc
  .array(
    fc.record({
      code: fc.constantFrom(...CODE_POOL),
      creator,
      campaignIndex: fc.integer({ min: 0, max: 2 }),
      campaign: campaignWindow,
      assignedAt: moment(-90, 0),
      deactivatedAt: rarely(moment(-10, 10)),
      enrollmentJoinedAt: moment(-90, 0),
      enrollmentRemovedAt: rarely(moment(-10, 10)),
      commissionRateBps: rate,
      creatorCustomerIds: customerIds,
    }),
    { maxLength: 6 },
  )
  .map((rows) =>
    rows.map(({ creator: c, campaignIndex, creatorCustomerIds, ...row }, i): CodeFact => ({
      ...row,
      ...c,
      ...(creatorCustomerIds ? { creatorCustomerIds } : {}),
      codeId: `code_${i}`,
      campaignId: `cmp_${campaignIndex}`,
      campaignName: `Campaign ${campaignIndex}`,
      enrollmentId: `enr_${c.creatorId}_${campaignIndex}`,
    })),
  );

/** How a customer might type a code: any case, spaces around. */
const typedCode = fc
  .tuple(fc.constantFrom(...CODE_POOL, ...CODE_POOL, ...STORE_CODES), fc.boolean(), fc.constantFrom("", " ", "  "), fc.constantFrom("", " ", "\t"))
  .map(([code, lower, before, after]) => `${before}${lower ? code.toLowerCase() : code}${after}`);

const clickFact: fc.Arbitrary<ClickFact> = fc
  .record({
    creator,
    campaign: campaignWindow,
    clickedAt: fc.oneof({ weight: 3, arbitrary: moment(-7, 0) }, { weight: 1, arbitrary: moment(-40, 2) }),
    commissionRateBps: rate,
    creatorCustomerIds: customerIds,
    enrollmentJoinedAt: fc.option(moment(-90, 0), { nil: undefined }),
    enrollmentRemovedAt: rarely(moment(-10, 10)),
  })
  .map(({ creator: c, creatorCustomerIds, enrollmentJoinedAt, ...row }) => ({
    ...row,
    ...c,
    ...(creatorCustomerIds ? { creatorCustomerIds } : {}),
    ...(enrollmentJoinedAt ? { enrollmentJoinedAt } : {}),
    clickId: "click_1",
    campaignId: "cmp_link",
    campaignName: "Link campaign",
    enrollmentId: `enr_${c.creatorId}_link`,
  }));

const attributionInput: fc.Arbitrary<AttributionInput> = fc.record({
  order: fc.record({
    createdAt: fc.constant(ORDER_AT),
    currency: fc.constantFrom("USD", "EUR", "JPY", "KWD"),
    subtotalCents: fc.oneof(fc.integer({ min: -10_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 10 })),
    lineItemsTaxCents: fc.integer({ min: 0, max: 1_000_000 }),
    taxesIncluded: fc.boolean(),
    checkoutCodes: fc.array(typedCode, { maxLength: 5 }),
    email: fc.constantFrom(null, "Jane.Doe+x@googlemail.com", "mark@example.com", "sam@example.com", "someone@example.com"),
    shopifyCustomerId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  }),
  codes: codeFacts,
  click: fc.option(clickFact, { nil: null }),
  settings: fc.record({
    tieBreak: fc.constantFrom("first_listed" as const, "oldest_assigned" as const),
    selfReferral: fc.constantFrom("deny" as const, "flag" as const),
    clickWindowDays: fc.constantFrom(1, 7, 30),
    newCreatorFlagDays: fc.constantFrom(null, 7, 30),
  }),
  creatorPriorOrders: fc.option(fc.dictionary(fc.constantFrom(...CREATORS.map((c) => c.creatorId)), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
});

const RUNS = { numRuns: 500 };

describe("decideAttribution properties", () => {
  it("makes one decision per order: one winner at most, and the winner counted at the order's time", () => {
    fc.assert(
      fc.property(attributionInput, (input) => {
        const result = decideAttribution(input);
        const won = result.explanation.candidates.filter((c) => c.outcome === "won");
        const codeValues = result.explanation.candidates.filter((c) => c.kind === "code").map((c) => c.value);
        expect(new Set(codeValues).size).toBe(codeValues.length);
        if (result.kind === "unattributed") {
          expect(won).toEqual([]);
          return;
        }
        expect(won).toHaveLength(1);
        expect(won[0]!.creatorId).toBe(result.creatorId);
        if (result.type === "coupon") {
          expect(won[0]).toMatchObject({ kind: "code", value: result.code });
          const fact = input.codes.find((f) => f.codeId === result.codeId)!;
          expect(normalizeCheckoutCode(fact.code)).toBe(result.code);
          expect(input.order.checkoutCodes.map(normalizeCheckoutCode)).toContain(result.code);
          expect(campaignActiveAt(fact.campaign, ORDER_AT)).toBe(true);
          expect(fact.deactivatedAt === null || fact.deactivatedAt > ORDER_AT).toBe(true);
          expect(fact.enrollmentRemovedAt === null || fact.enrollmentRemovedAt > ORDER_AT).toBe(true);
          expect(result).toMatchObject({ creatorId: fact.creatorId, enrollmentId: fact.enrollmentId, commissionRateBps: fact.commissionRateBps });
          // a click is attached only when it is the same creator's
          if (result.clickId !== null) expect(input.click?.creatorId).toBe(result.creatorId);
        } else {
          // a link wins only when no creator code counted: a code beats a link
          expect(result.explanation.candidates.some((c) => c.kind === "code" && (c.outcome === "won" || c.outcome === "lost_tie_break"))).toBe(false);
          const click = input.click!;
          expect(won[0]).toMatchObject({ kind: "click", value: click.clickId });
          expect(click.clickedAt <= ORDER_AT).toBe(true);
          expect(click.clickedAt.getTime()).toBeGreaterThanOrEqual(ORDER_AT.getTime() - input.settings.clickWindowDays * DAY);
          expect(campaignActiveAt(click.campaign, ORDER_AT)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("never pays a negative commission or more than the amount", () => {
    fc.assert(
      fc.property(attributionInput, (input) => {
        const result = decideAttribution(input);
        const { amount } = result.explanation;
        expect(amount.amountCents).toBeGreaterThanOrEqual(0);
        expect(amount.commissionCents).toBeGreaterThanOrEqual(0);
        expect(amount.commissionCents).toBeLessThanOrEqual(amount.amountCents);
        expect(Number.isSafeInteger(amount.commissionCents)).toBe(true);
        const expectedAmount = Math.max(0, input.order.subtotalCents - (input.order.taxesIncluded ? input.order.lineItemsTaxCents : 0));
        expect(amount.amountCents).toBe(expectedAmount);
        if (result.kind === "conversion") {
          expect(result.amountCents).toBe(amount.amountCents);
          expect(result.commissionCents).toBe(amount.commissionCents);
          expect(result.commissionCents).toBe(commissionFor(result.amountCents, result.commissionRateBps));
          expect(result.commissionCents).toBeLessThanOrEqual(result.amountCents);
        } else {
          expect(amount.commissionCents).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it("does not depend on the order of codes[] or on repetitions in it", () => {
    const withReshuffledCodes = attributionInput.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.shuffledSubarray(input.codes, { minLength: input.codes.length, maxLength: input.codes.length }),
        fc.array(fc.nat({ max: Math.max(0, input.codes.length - 1) }), { maxLength: input.codes.length === 0 ? 0 : 6 }),
      ),
    );
    fc.assert(
      fc.property(withReshuffledCodes, ([input, shuffled, repeats]) => {
        const codes = [...shuffled, ...repeats.map((i) => structuredClone(input.codes[i]!))];
        expect(decideAttribution({ ...input, codes })).toEqual(decideAttribution(input));
      }),
      RUNS,
    );
  });

  it("does not depend on a code typed again later in the order's list", () => {
    const withRepeat = attributionInput
      .filter((input) => input.order.checkoutCodes.length > 0)
      .chain((input) => fc.tuple(fc.constant(input), fc.nat({ max: input.order.checkoutCodes.length - 1 }), fc.boolean()));
    fc.assert(
      fc.property(withRepeat, ([input, i, lower]) => {
        const again = normalizeCheckoutCode(input.order.checkoutCodes[i]!);
        const repeated = { ...input, order: { ...input.order, checkoutCodes: [...input.order.checkoutCodes, lower ? again.toLowerCase() : ` ${again}`] } };
        expect(decideAttribution(repeated)).toEqual(decideAttribution(input));
      }),
      RUNS,
    );
  });

  it("is deterministic: the same input (or a copy of it) gives the same, JSON-safe output", () => {
    fc.assert(
      fc.property(attributionInput, (input) => {
        const first = decideAttribution(input);
        expect(decideAttribution(input)).toEqual(first);
        expect(decideAttribution(structuredClone(input))).toEqual(first);
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
      }),
      RUNS,
    );
  });
});
