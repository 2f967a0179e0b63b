import type { ReactNode } from "react";
import { requireOrder } from "@/lib/auth/guards";

/** Another workspace's order, or none: HTTP 404 here, before the page's loading boundary streams. */
export default async function OrderLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string; order_id: string }> }) {
  const { workspace, order_id: orderId } = await params;
  await requireOrder(workspace, orderId);
  return children;
}
