"use client";

import { useEffect, useRef } from "react";
import type { DashboardLive } from "@/lib/dashboard/dashboard-version";

/** How often an open dashboard asks whether its figures changed: visible, and hidden (backed off). */
export const VERSION_POLL_MS = 1_000;
export const HIDDEN_VERSION_POLL_MS = 60_000;

/**
 * Polls the dashboard's version (…/dashboard/version?t=token: no session read, 304 while nothing
 * changed) and calls `onChange` when it moved past the figures' — or when the token is no longer
 * accepted, so that fetching the figures again brings a fresh one. Every second while the tab is
 * visible (a refund shows within about a second; the server reads the versions of every polled
 * campaign at most twice a second however many tabs poll), every minute while it is hidden, and at
 * once when it becomes visible again.
 */
export function useDashboardVersion(base: string, live: DashboardLive | undefined, onChange: () => void) {
  const latest = useRef({ live, onChange });
  useEffect(() => {
    latest.current = { live, onChange };
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(poll, document.visibilityState === "hidden" ? HIDDEN_VERSION_POLL_MS : VERSION_POLL_MS);
    };
    const poll = async () => {
      const current = latest.current.live;
      if (current) {
        try {
          // no-cache: the browser revalidates with If-None-Match and gets a 304 while nothing changed.
          const res = await fetch(`${base}/dashboard/version?t=${encodeURIComponent(current.token)}`, { cache: "no-cache" });
          if (res.status === 404) latest.current.onChange();
          else if (res.ok) {
            const { version } = (await res.json()) as { version: string };
            // Versions only grow; the server's view may lag the figures' own by up to a second.
            const known = latest.current.live?.version;
            if (known === undefined || BigInt(version) > BigInt(known)) latest.current.onChange();
          }
        } catch {
          /* offline for a moment: ask again next time */
        }
      }
      schedule();
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") void poll();
      else schedule();
    };
    document.addEventListener("visibilitychange", onVisibility);
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [base]);
}
