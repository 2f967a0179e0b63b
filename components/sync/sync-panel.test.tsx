import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type React from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SyncRunView } from "@/lib/sync/list-sync-runs";
import { describeCounts, SyncPanel } from "./sync-panel";

const run = (over: Partial<SyncRunView>): SyncRunView => ({
  id: "syn_1",
  kind: "backfill",
  status: "running",
  campaignId: null,
  campaignName: null,
  from: "2026-06-01T00:00:00.000Z",
  to: "2026-08-30T00:00:00.000Z",
  counts: {},
  progress: { done: 0, total: 0 },
  error: null,
  startedAt: "2026-08-30T00:00:00.000Z",
  finishedAt: null,
  updatedAt: "2026-08-30T00:00:00.000Z",
  ...over,
});
const noop = async () => null;
/** Server-rendered markup with React's text separators removed. */
const render = (node: React.ReactNode) => renderToString(node).replaceAll("<!-- -->", "");

describe("SyncPanel", () => {
  it("renders each run with its progress bar, counts in words and error, and the start forms for admins", () => {
    const html = render(
      <QueryClientProvider client={new QueryClient()}>
        <SyncPanel
          workspace="acme"
          canEdit
          shopConnected
          currency="USD"
          timezone="Europe/Paris"
          campaigns={[{ id: "cmp_1", name: "Summer" }]}
          initial={{
            active: true,
            runs: [
              run({ counts: { ordersScanned: 500, conversionsAdded: 12, refundsApplied: 3 }, progress: { done: 500, total: 2000 }, error: "Shopify did not answer (HTTP 503); Tally tries again by itself (attempt 1 of 5). Nothing to do." }),
              run({ id: "syn_2", kind: "reconcile", status: "completed", counts: { ordersChecked: 400, conversionsChecked: 240, differencesFound: 2, amountCorrectedCents: -600, commissionCorrectedCents: -90 }, progress: { done: 400, total: 400 } }),
              run({ id: "syn_3", kind: "replay", status: "failed", error: "No Shopify store is connected" }),
            ],
          }}
          startBackfillAction={noop}
          startReconciliationAction={noop}
          startReplayAction={noop}
          resumeRunAction={noop}
        />
      </QueryClientProvider>,
    );
    expect(html).toContain('aria-valuenow="25"');
    expect(html).toContain("500 of 2,000 orders");
    expect(html).toContain("So far 500 orders read: 12 conversions added, 3 refunds reversed.");
    expect(html).toContain("Tally tries again by itself (attempt 1 of 5). Nothing to do.");
    expect(html).toContain("400 orders checked, 240 conversions compared: 2 corrected (net -$6.00, commission -$0.90).");
    expect(html).toContain("Resume from where it stopped");
    expect(html).toContain("Summer");
    expect(html).toContain('name="timezone" value="Europe/Paris"');
    expect(html).toContain("Replay window");
  });

  it("members only watch", () => {
    const html = render(
      <QueryClientProvider client={new QueryClient()}>
        <SyncPanel workspace="acme" canEdit={false} shopConnected currency="EUR" initial={{ active: false, runs: [] }} startBackfillAction={noop} startReconciliationAction={noop} startReplayAction={noop} />
      </QueryClientProvider>,
    );
    expect(html).not.toContain("Start backfill");
    expect(html).toContain("Nothing has run yet");
  });

  it("describes counts in words that never contradict each other: no verdict before the run ends, no zeros listed", () => {
    expect(describeCounts({ kind: "replay", status: "completed", counts: { deliveriesReplayed: 1, deliveriesFailed: 2 } }, "USD")).toBe("1 delivery processed again, 2 failed (see Deliveries).");
    // A reconciliation that has just started has no verdict yet (it used to say "no difference with the ledger").
    expect(describeCounts({ kind: "reconcile", status: "running", counts: {} }, "USD")).toBe("Starting: reading the store's orders.");
    expect(describeCounts({ kind: "reconcile", status: "running", counts: { ordersChecked: 3 } }, "USD")).toBe("So far 3 orders checked.");
    expect(describeCounts({ kind: "reconcile", status: "completed", counts: { ordersChecked: 3 } }, "USD")).toBe("3 orders checked: none was credited to a creator, so there was nothing to compare.");
    expect(describeCounts({ kind: "reconcile", status: "completed", counts: { ordersChecked: 30, conversionsChecked: 12 } }, "USD")).toBe("30 orders checked, 12 conversions compared: all match Shopify, nothing to correct.");
    expect(describeCounts({ kind: "reconcile", status: "completed", counts: { ordersChecked: 30, conversionsChecked: 12, conversionsAdded: 1 } }, "USD")).toBe("30 orders checked, 12 conversions compared: all match Shopify; 1 missed conversion added.");
    expect(describeCounts({ kind: "reconcile", status: "failed", counts: { ordersChecked: 30, conversionsChecked: 12 } }, "USD")).toBe("Before it stopped: 30 orders checked, 12 conversions compared.");
    expect(describeCounts({ kind: "backfill", status: "completed", counts: { ordersScanned: 40 } }, "USD")).toBe("40 orders read: Tally already had every creator order among them.");
    expect(describeCounts({ kind: "backfill", status: "completed", counts: { ordersScanned: 40, conversionsAdded: 2, ordersSkipped: 1 } }, "USD")).toBe("40 orders read: 2 conversions added, 1 order skipped (deleted in Shopify meanwhile).");
  });
});
