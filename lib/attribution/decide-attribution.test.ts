import { afterEach, describe, expect, it, vi } from "vitest";
import { decideAttribution as decideStructured } from "./decide-attribution";
import type { AttributionDecision, AttributionInput, Candidate, Conversion } from "./types";
import { explainDecision } from "./explain-decision";

/** The decision with its words, as every reader gets them (explainDecision, told as decided). */
function decideAttribution(input: AttributionInput): AttributionDecision & { explanation: { summary: string; candidates: (Candidate & { detail: string })[] } } {
  const decision = decideStructured(input);
  const words = explainDecision(decision.explanation);
  return {
    ...decision,
    explanation: {
      ...decision.explanation,
      summary: words.summary,
      candidates: words.candidates,
      ...(decision.explanation.selfReferral ? { selfReferral: { ...decision.explanation.selfReferral, detail: words.selfReferral ?? undefined } } : {}),
      ...(decision.explanation.newCreator ? { newCreator: { ...decision.explanation.newCreator, detail: words.newCreator ?? undefined } } : {}),
    },
  } as never;
}
import { clickFact, codeFact, daysAfter, daysBefore, input, JANE, MARK, markCode, ORDER_AT } from "@/test/attribution-facts";

function conversion(decision: AttributionDecision): Conversion {
  if (decision.kind !== "conversion") throw new Error(`expected a conversion, got: ${decision.explanation.summary}`);
  return decision;
}

function outcomes(decision: AttributionDecision): Array<Pick<Candidate, "kind" | "value" | "outcome">> {
  return decision.explanation.candidates.map(({ kind, value, outcome }) => ({ kind, value, outcome }));
}

describe("decideAttribution: codes", () => {
  it("credits the one creator code: 15 % of a $100 order with 10 % off ($90.00) = $13.50", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"], subtotalCents: 9000 }, codes: [codeFact()] })));
    expect(result).toMatchObject({
      kind: "conversion",
      type: "coupon",
      creatorId: JANE.creatorId,
      campaignId: "cmp_summer",
      enrollmentId: "enr_jane_summer",
      codeId: "code_JANE10",
      code: "JANE10",
      clickId: null,
      status: "approved",
      currency: "USD",
      amountCents: 9000,
      commissionCents: 1350,
      commissionRateBps: 1500,
    });
    expect(result.explanation.summary).toBe("Credited to Jane Doe (code JANE10): 15 % commission of $90.00 = $13.50.");
    expect(result.explanation.rule).toBe("single_code");
    expect(result.explanation.amount).toEqual({
      subtotalCents: 9000,
      lineItemsTaxCents: 0,
      taxesIncluded: false,
      amountCents: 9000,
      rateBps: 1500,
      commissionCents: 1350,
      currency: "USD",
      // lines not recorded: one whole-order line at the campaign rate
      lines: [{ lineItemId: null, title: "Whole order", quantity: 1, amountCents: 9000, collectedCents: 9000, commissionCents: 1350, rateBps: 1500, fixedPerUnitCents: null, excluded: false, basis: { type: "campaign_rate" } }],
    });
    expect(result.explanation.settings).toEqual({ tieBreak: "first_listed", selfReferral: "deny", clickWindowDays: 30, newCreatorFlagDays: null });
    expect(result.explanation.candidates).toEqual([
      {
        kind: "code",
        value: "JANE10",
        typed: "JANE10",
        creatorId: JANE.creatorId,
        creatorName: "Jane Doe",
        campaignName: "Summer",
        outcome: "won",
        reason: { type: "code_won", counting: 1, tieBreak: "first_listed", assignedAt: "2026-05-20T00:00:00.000Z" },
        detail: "JANE10 is Jane Doe's code in the campaign Summer, active when the order was placed: credited.",
      },
    ]);
    expect(result.explanation.selfReferral).toBeUndefined();
  });

  it("does not attribute an order with two codes of no creator", () => {
    const result = decideAttribution(input({ order: { checkoutCodes: ["WELCOME5", "freeship"] } }));
    expect(result.kind).toBe("unattributed");
    expect(result.explanation.rule).toBe("no_creator_code");
    expect(outcomes(result)).toEqual([
      { kind: "code", value: "WELCOME5", outcome: "not_a_creator_code" },
      { kind: "code", value: "FREESHIP", outcome: "not_a_creator_code" },
    ]);
    expect(result.explanation.summary).toBe("Not attributed: WELCOME5 and FREESHIP are not creators' codes, and there was no referral-link click.");
    expect(result.explanation.amount).toMatchObject({ amountCents: 9000, rateBps: 0, commissionCents: 0 });
  });

  it("does not attribute an order without codes or click", () => {
    const result = decideAttribution(input());
    expect(result).toMatchObject({ kind: "unattributed", explanation: { rule: "no_creator_code", candidates: [] } });
    expect(result.explanation.summary).toBe("Not attributed: no creator code and no referral-link click.");
  });

  it("ignores a store code next to a creator code", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["WELCOME5", "JANE10"] }, codes: [codeFact()] })));
    expect(result).toMatchObject({ creatorId: JANE.creatorId, code: "JANE10", commissionCents: 1350 });
    expect(result.explanation.rule).toBe("single_code");
    expect(outcomes(result)).toEqual([
      { kind: "code", value: "WELCOME5", outcome: "not_a_creator_code" },
      { kind: "code", value: "JANE10", outcome: "won" },
    ]);
  });

  it("matches a lowercase code with spaces, case-insensitively", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["  jane10 "] }, codes: [codeFact()] })));
    expect(result).toMatchObject({ code: "JANE10", codeId: "code_JANE10", commissionCents: 1350 });
    expect(result.explanation.candidates[0]).toMatchObject({ value: "JANE10", outcome: "won", detail: expect.stringContaining('JANE10 (typed as "  jane10 ")') });
  });

  it("counts a code listed twice once", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10", "jane10"] }, codes: [codeFact()] })));
    expect(result.explanation.rule).toBe("single_code");
    expect(outcomes(result)).toEqual([{ kind: "code", value: "JANE10", outcome: "won" }]);
  });

  describe("two creator codes on one order: one conversion, chosen by the tie-break", () => {
    // MARK10 is listed first; JANE10 was assigned earlier.
    const codes = [codeFact(), markCode()];
    const checkoutCodes = ["MARK10", "JANE10"];

    it("first_listed (default): the first creator code in the order's list wins, the other is named", () => {
      const result = conversion(decideAttribution(input({ order: { checkoutCodes }, codes })));
      expect(result).toMatchObject({ creatorId: MARK.creatorId, code: "MARK10", enrollmentId: "enr_mark_summer" });
      expect(result.explanation.rule).toBe("tie_break_first_listed");
      expect(outcomes(result)).toEqual([
        { kind: "code", value: "MARK10", outcome: "won" },
        { kind: "code", value: "JANE10", outcome: "lost_tie_break" },
      ]);
      expect(result.explanation.summary).toBe(
        "Credited to Mark Lee (code MARK10): 15 % commission of $90.00 = $13.50. Not credited: JANE10 (Jane Doe), which lost the tie-break (the first listed code wins).",
      );
      expect(result.explanation.candidates[1]!.detail).toContain("MARK10 was listed before it");
    });

    it("oldest_assigned: the code assigned to its creator earliest wins, the other is named", () => {
      const result = conversion(decideAttribution(input({ order: { checkoutCodes }, codes, settings: { tieBreak: "oldest_assigned" } })));
      expect(result).toMatchObject({ creatorId: JANE.creatorId, code: "JANE10" });
      expect(result.explanation.rule).toBe("tie_break_oldest_assigned");
      expect(outcomes(result)).toEqual([
        { kind: "code", value: "MARK10", outcome: "lost_tie_break" },
        { kind: "code", value: "JANE10", outcome: "won" },
      ]);
      expect(result.explanation.summary).toContain("Not credited: MARK10 (Mark Lee), which lost the tie-break (the oldest assigned code wins).");
      expect(result.explanation.candidates[0]!.detail).toContain("JANE10 was assigned earlier, on 2026-05-20");
    });

    it("oldest_assigned with equal assignment times: the first listed wins", () => {
      const same = new Date("2026-05-22T00:00:00Z");
      const result = conversion(
        decideAttribution(input({ order: { checkoutCodes }, codes: [codeFact({ assignedAt: same }), markCode({ assignedAt: same })], settings: { tieBreak: "oldest_assigned" } })),
      );
      expect(result.code).toBe("MARK10");
      expect(result.explanation.candidates[1]!.detail).toContain("assigned at the same time as MARK10");
    });

    it("a disqualified code takes no part in the tie-break", () => {
      const result = conversion(decideAttribution(input({ order: { checkoutCodes }, codes: [codeFact(), markCode({ deactivatedAt: daysBefore(1) })] })));
      expect(result.code).toBe("JANE10");
      expect(result.explanation.rule).toBe("single_code");
      expect(outcomes(result)).toEqual([
        { kind: "code", value: "MARK10", outcome: "code_deactivated" },
        { kind: "code", value: "JANE10", outcome: "won" },
      ]);
    });

    it("names every loser among three codes", () => {
      const sam = codeFact({ code: "SAM10", codeId: "code_SAM10", creatorId: "cr_sam", creatorName: "Sam Roe", creatorEmail: "sam@example.com", enrollmentId: "enr_sam" });
      const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["SAM10", "MARK10", "JANE10"] }, codes: [...codes, sam] })));
      expect(result.code).toBe("SAM10");
      expect(result.explanation.summary).toContain("Not credited: MARK10 (Mark Lee) and JANE10 (Jane Doe), which lost the tie-break");
    });
  });
});

describe("decideAttribution: a code counts only while it is live", () => {
  it("does not count the code of a campaign that had ended, and says why", () => {
    const result = decideAttribution(
      input({ order: { checkoutCodes: ["JANE10"], createdAt: new Date("2026-09-02T10:00:00Z") }, codes: [codeFact()] }),
    );
    expect(result.kind).toBe("unattributed");
    expect(result.explanation.rule).toBe("codes_not_active");
    expect(outcomes(result)).toEqual([{ kind: "code", value: "JANE10", outcome: "campaign_not_active" }]);
    expect(result.explanation.summary).toBe("Not attributed: JANE10 was typed, but the campaign Summer had ended on 2026-09-01: not counted.");
  });

  it("does not count a code of a campaign ended by hand before the order", () => {
    const codes = [codeFact({ campaign: { startsAt: new Date("2026-06-01T00:00:00Z"), endsAt: null, endedAt: daysBefore(3) } })];
    const result = decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes }));
    expect(result.explanation.summary).toContain("the campaign Summer had ended on 2026-06-12: not counted");
  });

  it("does not count a code of a campaign that had not started", () => {
    const codes = [codeFact({ campaign: { startsAt: daysAfter(1), endsAt: null, endedAt: null } })];
    const result = decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes }));
    expect(result.kind).toBe("unattributed");
    expect(result.explanation.summary).toContain("the campaign Summer had not started yet (it starts on 2026-06-16)");
  });

  it.each([
    ["placed at the campaign's start", { startsAt: ORDER_AT, endsAt: null, endedAt: null }, "conversion"],
    ["placed at the campaign's end", { startsAt: daysBefore(10), endsAt: ORDER_AT, endedAt: null }, "unattributed"],
    ["placed when the campaign was ended by hand", { startsAt: daysBefore(10), endsAt: null, endedAt: ORDER_AT }, "unattributed"],
    ["placed a millisecond before the end", { startsAt: daysBefore(10), endsAt: new Date(ORDER_AT.getTime() + 1), endedAt: null }, "conversion"],
  ])("an order %s → %s", (_label, campaign, kind) => {
    expect(decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact({ campaign })] })).kind).toBe(kind);
  });

  it("does not count a code deactivated before the order", () => {
    const result = decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact({ deactivatedAt: new Date("2026-06-10T08:00:00Z") })] }));
    expect(result.kind).toBe("unattributed");
    expect(result.explanation.rule).toBe("codes_not_active");
    expect(outcomes(result)).toEqual([{ kind: "code", value: "JANE10", outcome: "code_deactivated" }]);
    expect(result.explanation.summary).toBe("Not attributed: JANE10 was typed, but the code had been deactivated on 2026-06-10: not counted.");
  });

  it.each([
    ["at the order's time", ORDER_AT, "unattributed"],
    ["after the order", new Date(ORDER_AT.getTime() + 1), "conversion"],
  ])("a code deactivated %s → %s", (_label, deactivatedAt, kind) => {
    expect(decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact({ deactivatedAt })] })).kind).toBe(kind);
  });

  it("does not count a code whose creator was removed from the campaign before the order", () => {
    const result = decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact({ enrollmentRemovedAt: daysBefore(1) })] }));
    expect(result.kind).toBe("unattributed");
    expect(outcomes(result)).toEqual([{ kind: "code", value: "JANE10", outcome: "enrollment_removed" }]);
    expect(result.explanation.summary).toContain("Jane Doe had been removed from the campaign Summer on 2026-06-14: not counted");
    expect(decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact({ enrollmentRemovedAt: daysAfter(1) })] })).kind).toBe("conversion");
  });

  it("reports every disqualified code and the disqualified click", () => {
    const result = decideAttribution(
      input({
        order: { checkoutCodes: ["JANE10", "MARK10"] },
        codes: [codeFact({ deactivatedAt: daysBefore(1) }), markCode({ enrollmentRemovedAt: daysBefore(2) })],
        click: clickFact({ clickedAt: daysBefore(40) }),
      }),
    );
    expect(result.kind).toBe("unattributed");
    expect(result.explanation.rule).toBe("codes_not_active");
    expect(outcomes(result).map((c) => c.outcome)).toEqual(["code_deactivated", "enrollment_removed", "outside_window"]);
    expect(result.explanation.summary).toMatch(/JANE10 was typed.*MARK10 was typed.*more than 30 days before the order/);
  });

  it("of two codes of one shop-wide code string, uses the one live at the order's time", () => {
    const old = codeFact({ codeId: "code_old", creatorId: "cr_old", creatorName: "Old Shop", deactivatedAt: daysBefore(100), assignedAt: daysBefore(200) });
    const current = codeFact({ codeId: "code_new" });
    for (const codes of [
      [old, current],
      [current, old],
    ]) {
      expect(conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes }))).codeId).toBe("code_new");
    }
  });
});

describe("decideAttribution: codes and referral-link clicks", () => {
  it("a code beats another creator's link", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact()], click: clickFact({ ...MARK, enrollmentId: "enr_mark_summer" }) })));
    expect(result).toMatchObject({ type: "coupon", creatorId: JANE.creatorId, code: "JANE10", clickId: null });
    expect(result.explanation.rule).toBe("code_beats_link");
    expect(outcomes(result)).toEqual([
      { kind: "code", value: "JANE10", outcome: "won" },
      { kind: "click", value: "click_1", outcome: "lost_to_code" },
    ]);
    expect(result.explanation.summary).toContain("Mark Lee's referral link also led to this order, but a code beats a link.");
  });

  it("a code and the same creator's link: one coupon conversion that mentions both", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact()], click: clickFact() })));
    expect(result).toMatchObject({ type: "coupon", creatorId: JANE.creatorId, code: "JANE10", codeId: "code_JANE10", clickId: "click_1", commissionCents: 1350 });
    expect(result.explanation.rule).toBe("code_and_link_same_creator");
    expect(outcomes(result)).toEqual([
      { kind: "code", value: "JANE10", outcome: "won" },
      { kind: "click", value: "click_1", outcome: "same_creator_as_code" },
    ]);
    expect(result.explanation.summary).toBe("Credited to Jane Doe (code JANE10 and their referral link): 15 % commission of $90.00 = $13.50.");
  });

  it("a link alone credits its creator, at the link campaign's rate", () => {
    const result = conversion(decideAttribution(input({ click: clickFact({ commissionRateBps: 1000 }) })));
    expect(result).toMatchObject({ type: "link", creatorId: JANE.creatorId, codeId: null, code: null, clickId: "click_1", commissionCents: 900, commissionRateBps: 1000 });
    expect(result.explanation.rule).toBe("link_only");
    expect(result.explanation.summary).toBe("Credited to Jane Doe (referral link): 10 % commission of $90.00 = $9.00.");
  });

  it("a link wins when the only creator code does not count, and the summary says why the code did not", () => {
    const result = conversion(
      decideAttribution(input({ order: { checkoutCodes: ["MARK10"] }, codes: [markCode({ deactivatedAt: daysBefore(1) })], click: clickFact() })),
    );
    expect(result).toMatchObject({ type: "link", creatorId: JANE.creatorId });
    expect(outcomes(result)).toEqual([
      { kind: "code", value: "MARK10", outcome: "code_deactivated" },
      { kind: "click", value: "click_1", outcome: "won" },
    ]);
    expect(result.explanation.summary).toContain("MARK10 was typed, but the code had been deactivated on 2026-06-14: not counted.");
  });

  it.each([
    ["31 days before the order (window 30)", { clickedAt: daysBefore(31) }, "outside_window", "more than 30 days before the order"],
    ["after the order", { clickedAt: new Date(ORDER_AT.getTime() + 60_000) }, "outside_window", "after the order was placed"],
    [
      "in a campaign that had ended",
      { campaign: { startsAt: daysBefore(60), endsAt: daysBefore(1), endedAt: null } },
      "campaign_not_active",
      "the campaign Summer had ended on 2026-06-14 when the order was placed",
    ],
    ["by a creator removed from the campaign", { enrollmentRemovedAt: daysBefore(1) }, "enrollment_removed", "Jane Doe had been removed"],
  ] as const)("a click %s does not count", (_label, overrides, outcome, words) => {
    const result = decideAttribution(input({ click: clickFact(overrides) }));
    expect(result.kind).toBe("unattributed");
    expect(result.explanation.rule).toBe("click_not_counted");
    expect(outcomes(result)).toEqual([{ kind: "click", value: "click_1", outcome }]);
    expect(result.explanation.summary).toContain(words);
  });

  it.each([
    ["exactly at the window's start", daysBefore(30), "conversion"],
    ["at the order's time", ORDER_AT, "conversion"],
    ["a millisecond before the window", new Date(daysBefore(30).getTime() - 1), "unattributed"],
  ])("a click %s → %s", (_label, clickedAt, kind) => {
    expect(decideAttribution(input({ click: clickFact({ clickedAt }) })).kind).toBe(kind);
  });

  it("uses the workspace's click window", () => {
    const click = clickFact({ clickedAt: daysBefore(10) });
    expect(decideAttribution(input({ click, settings: { clickWindowDays: 7 } })).kind).toBe("unattributed");
    expect(decideAttribution(input({ click, settings: { clickWindowDays: 14 } })).kind).toBe("conversion");
  });

  it("after a tie-break, the click of the losing code's creator loses to the winning code", () => {
    const result = conversion(
      decideAttribution(input({ order: { checkoutCodes: ["MARK10", "JANE10"] }, codes: [codeFact(), markCode()], click: clickFact() })),
    );
    expect(result.code).toBe("MARK10");
    expect(result.clickId).toBeNull();
    expect(result.explanation.rule).toBe("tie_break_first_listed");
    expect(outcomes(result).map((c) => c.outcome)).toEqual(["won", "lost_tie_break", "lost_to_code"]);
  });
});

describe("decideAttribution: amount and commission", () => {
  it.each([
    ["taxes included: the line tax is subtracted", true, 10_000],
    ["taxes not included: the subtotal as it is", false, 12_000],
  ])("%s", (_label, taxesIncluded, amountCents) => {
    const result = conversion(
      decideAttribution(input({ order: { checkoutCodes: ["JANE10"], subtotalCents: 12_000, lineItemsTaxCents: 2_000, taxesIncluded }, codes: [codeFact()] })),
    );
    expect(result.amountCents).toBe(amountCents);
    expect(result.commissionCents).toBe(amountCents * 0.15);
    expect(result.explanation.amount).toMatchObject({ subtotalCents: 12_000, lineItemsTaxCents: 2_000, taxesIncluded, amountCents });
  });

  it.each([
    [1, 5000, 1],
    [3, 5000, 2],
    [1, 3333, 0],
    [5, 1000, 1], // 0.5 → 1
    [4, 1000, 0], // 0.4 → 0
  ])("rounds half up: %i × %i bps = %i", (subtotalCents, rate, expected) => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"], subtotalCents }, codes: [codeFact({ commissionRateBps: rate })] })));
    expect(result.commissionCents).toBe(expected);
  });

  it.each([
    ["zero", 0],
    ["negative", -500],
  ])("a %s amount earns no commission (and counts as 0)", (_label, subtotalCents) => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"], subtotalCents }, codes: [codeFact()] })));
    expect(result.amountCents).toBe(0);
    expect(result.commissionCents).toBe(0);
    expect(result.explanation.amount.subtotalCents).toBe(subtotalCents);
  });

  it("never pays more than the amount, even at a rate above 100 %", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact({ commissionRateBps: 25_000 })] })));
    expect(result.commissionCents).toBe(9000);
  });

  it("formats JPY (no decimals) in the summary", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"], currency: "JPY", subtotalCents: 10_000 }, codes: [codeFact()] })));
    expect(result).toMatchObject({ currency: "JPY", amountCents: 10_000, commissionCents: 1_500 });
    expect(result.explanation.summary).toBe("Credited to Jane Doe (code JANE10): 15 % commission of ¥10,000 = ¥1,500.");
  });

  it("formats other currencies and fractional rates", () => {
    const result = conversion(
      decideAttribution(input({ order: { checkoutCodes: ["JANE10"], currency: "EUR", subtotalCents: 123_456 }, codes: [codeFact({ commissionRateBps: 1250 })] })),
    );
    expect(result.commissionCents).toBe(15_432);
    expect(result.explanation.summary).toBe("Credited to Jane Doe (code JANE10): 12.5 % commission of €1,234.56 = €154.32.");
  });

  it("refuses amounts that are not integers of minor units", () => {
    expect(() => decideAttribution(input({ order: { subtotalCents: 90.5 } }))).toThrow(RangeError);
    expect(() => decideAttribution(input({ order: { createdAt: new Date("nope") } }))).toThrow(RangeError);
  });
});

describe("decideAttribution: self-referral and new creators", () => {
  const withEmails = (orderEmail: string | null, creatorEmail: string, selfReferral: "deny" | "flag" = "deny") =>
    decideAttribution(input({ order: { checkoutCodes: ["JANE10"], email: orderEmail }, codes: [codeFact({ creatorEmail })], settings: { selfReferral } }));

  it("denies an order whose email is the creator's gmail with dots and a +tag", () => {
    const result = conversion(withEmails("Jane.Doe+x@gmail.com", "janedoe@gmail.com"));
    expect(result.status).toBe("denied");
    expect(result.commissionCents).toBe(1350); // the amount stays visible; the status says it is not paid
    expect(result.explanation.selfReferral).toEqual({
      matchedBy: "email",
      byEmail: true,
      byCustomerId: false,
      customerId: null,
      creatorName: "Jane Doe",
      detail: "Self-referral: the order's email is Jane Doe's own.",
    });
    // The story starts with what matters: it is denied (never "Credited to …" first).
    expect(result.explanation.summary).toBe(
      "Denied: self-referral (the order's email is Jane Doe's own). Jane Doe (code JANE10) would have earned 15 % commission of $90.00 = $13.50; the sale counts, the commission does not.",
    );
  });

  it.each([
    ["googlemail.com ≡ gmail.com", "jane.doe@googlemail.com", "janedoe@gmail.com", "denied"],
    ["gmail.com ≡ googlemail.com", " JaneDoe@Gmail.com ", "jane.doe+shop@googlemail.com", "denied"],
    ["+tag removed on any domain", "jane+promo@example.com", "jane@example.com", "denied"],
    ["dots kept outside gmail", "jane.doe@example.com", "janedoe@example.com", "approved"],
    ["different mailboxes", "john@gmail.com", "janedoe@gmail.com", "approved"],
    ["no order email", null, "janedoe@gmail.com", "approved"],
  ] as const)("%s: %s vs %s → %s", (_label, orderEmail, creatorEmail, status) => {
    expect(conversion(withEmails(orderEmail, creatorEmail)).status).toBe(status);
  });

  it("denies an order placed by the creator's own Shopify customer", () => {
    const result = conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"], shopifyCustomerId: 777 }, codes: [codeFact({ creatorCustomerIds: [555, 777] })] })));
    expect(result.status).toBe("denied");
    expect(result.explanation.selfReferral?.matchedBy).toBe("customer_id");
  });

  it("flags instead of denying with selfReferral: flag", () => {
    const result = conversion(withEmails("janedoe@gmail.com", "janedoe@gmail.com", "flag"));
    expect(result.status).toBe("flagged");
    expect(result.explanation.summary).toContain("Flagged for review: self-referral");
  });

  it("checks self-referral on link conversions too", () => {
    const result = conversion(decideAttribution(input({ order: { email: "jane.doe@gmail.com" }, click: clickFact() })));
    expect(result).toMatchObject({ type: "link", status: "denied" });
    const byId = conversion(decideAttribution(input({ order: { shopifyCustomerId: 9 }, click: clickFact({ creatorCustomerIds: [9] }) })));
    expect(byId.status).toBe("denied");
  });

  it("checks the winner only: a losing creator's own email does not matter", () => {
    const result = conversion(
      decideAttribution(input({ order: { checkoutCodes: ["JANE10", "MARK10"], email: "mark@example.com" }, codes: [codeFact(), markCode()] })),
    );
    expect(result).toMatchObject({ code: "JANE10", status: "approved" });
  });

  describe("new-creator flag", () => {
    const joined3DaysAgo = [codeFact({ enrollmentJoinedAt: daysBefore(3) })];
    const decide = (newCreatorFlagDays: number | null, creatorPriorOrders?: Record<string, number>, codes = joined3DaysAgo) =>
      conversion(decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes, settings: { newCreatorFlagDays }, creatorPriorOrders })));

    it("flags the first order of a creator who joined less than N days before it", () => {
      const result = decide(7, {});
      expect(result.status).toBe("flagged");
      expect(result.explanation.newCreator).toEqual({
        joinedAt: daysBefore(3).toISOString(),
        priorOrders: 0,
        flagDays: 7,
        creatorName: "Jane Doe",
        detail: "Jane Doe's first order, placed less than 7 days after they joined (on 2026-06-12).",
      });
      expect(result.explanation.summary).toContain("Flagged for review: Jane Doe's first order");
    });

    it.each([
      ["off (null)", null, undefined, "approved"],
      ["not the creator's first order", 7, { [JANE.creatorId]: 1 }, "approved"],
      ["another creator's prior orders do not count", 7, { [MARK.creatorId]: 4 }, "flagged"],
      ["no prior orders given", 7, undefined, "flagged"],
      ["joined longer ago than N days", 2, undefined, "approved"],
      ["joined exactly N days before", 3, undefined, "approved"],
    ] as const)("%s → %s", (_label, days, prior, status) => {
      expect(decide(days, prior).status).toBe(status);
    });

    it("a self-referral denial is not softened into a flag", () => {
      const result = conversion(
        decideAttribution(
          input({ order: { checkoutCodes: ["JANE10"], email: "janedoe@gmail.com" }, codes: joined3DaysAgo, settings: { newCreatorFlagDays: 7 } }),
        ),
      );
      expect(result.status).toBe("denied");
      expect(result.explanation.newCreator).toBeDefined();
    });

    it("applies to link conversions when the click carries the enrollment's join date", () => {
      const decideLink = (enrollmentJoinedAt?: Date) =>
        conversion(decideAttribution(input({ click: clickFact({ enrollmentJoinedAt }), settings: { newCreatorFlagDays: 7 } }))).status;
      expect(decideLink(daysBefore(1))).toBe("flagged");
      expect(decideLink(daysBefore(8))).toBe("approved");
      expect(decideLink(undefined)).toBe("approved");
    });
  });
});

describe("decideAttribution: deterministic", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("never reads the clock: the same input gives the same output at any time", () => {
    const make = () =>
      input({
        order: { checkoutCodes: ["JANE10"], createdAt: new Date("2026-09-02T00:00:00Z") },
        codes: [codeFact({ campaign: { startsAt: new Date("2026-06-01T00:00:00Z"), endsAt: null, endedAt: null }, enrollmentJoinedAt: daysBefore(1, new Date("2026-09-02T00:00:00Z")) })],
        click: clickFact({ clickedAt: new Date("2026-08-30T00:00:00Z") }),
        settings: { newCreatorFlagDays: 7 },
      });
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2020-01-01T00:00:00Z"));
    const before = decideAttribution(make());
    vi.setSystemTime(new Date("2031-01-01T00:00:00Z"));
    const after = decideAttribution(make());
    expect(after).toEqual(before);
    expect(before.kind).toBe("conversion");
  });

  it("returns JSON-safe data", () => {
    const result = decideAttribution(input({ order: { checkoutCodes: ["JANE10"] }, codes: [codeFact({ enrollmentJoinedAt: daysBefore(1) })], settings: { newCreatorFlagDays: 3 } }));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("does not change its input", () => {
    const data = input({ order: { checkoutCodes: ["MARK10", "JANE10"] }, codes: [markCode(), codeFact()], click: clickFact() });
    const copy = structuredClone(data);
    decideAttribution(data);
    expect(data).toEqual(copy);
  });
});
