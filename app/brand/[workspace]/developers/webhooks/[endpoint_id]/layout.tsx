import type { ReactNode } from "react";
import { requireWebhookEndpoint } from "@/lib/auth/guards";

/** Another workspace's endpoint, or none: HTTP 404 here, before the page's loading boundary streams. */
export default async function WebhookEndpointLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string; endpoint_id: string }> }) {
  const { workspace, endpoint_id: endpointId } = await params;
  await requireWebhookEndpoint(workspace, endpointId);
  return children;
}
