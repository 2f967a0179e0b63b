import type { ReactNode } from "react";
import { requirePayout } from "@/lib/auth/guards";

/** Another workspace's payout, or none: HTTP 404 here, before the page's loading boundary streams. */
export default async function PayoutLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string; payout_id: string }> }) {
  const { workspace, payout_id: payoutId } = await params;
  await requirePayout(workspace, payoutId);
  return children;
}
