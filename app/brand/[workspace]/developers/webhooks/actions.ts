"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { brandAction } from "@/lib/api/actions";
import { createWebhookEndpoint, currentSecret, deleteWebhookEndpoint, getWebhookEndpointOrThrow, rotateWebhookSecret, updateWebhookEndpoint } from "@/lib/webhook-endpoints/manage-endpoints";
import { resendDelivery, resendFailedDeliveries, sendTestMessage } from "@/lib/webhook-endpoints/resend-deliveries";
import { ZWebhookEndpointForm } from "@/lib/webhook-endpoints/schemas";

/** Developers → Webhooks: every change needs the admin role (as API keys do); members only look. */
const ADMIN = { role: "admin" } as const;
const ZEndpoint = z.object({ endpointId: z.string().min(1) });
const pagePath = (slug: string, endpointId?: string) => `/brand/${slug}/developers/webhooks${endpointId ? `/${endpointId}` : ""}`;

export const createWebhookEndpointAction = brandAction(
  ZWebhookEndpointForm,
  async (input, { db, user, access }) => {
    const { endpoint, secret } = await createWebhookEndpoint(db, { workspaceId: access.workspace.id, actor: { kind: "user", id: user.id }, endpoint: input });
    revalidatePath(pagePath(access.workspace.slug));
    return { id: endpoint.id, url: endpoint.url, secret };
  },
  ADMIN,
);

export const revealWebhookSecretAction = brandAction(
  ZEndpoint,
  async (input, { db, access }) => {
    const endpoint = await getWebhookEndpointOrThrow(db, { workspaceId: access.workspace.id, endpointId: input.endpointId });
    return { secret: currentSecret(endpoint) };
  },
  ADMIN,
);

export const rotateWebhookSecretAction = brandAction(
  ZEndpoint,
  async (input, { db, user, access }) => {
    const { endpoint, secret } = await rotateWebhookSecret(db, { workspaceId: access.workspace.id, endpointId: input.endpointId, actor: { kind: "user", id: user.id } });
    revalidatePath(pagePath(access.workspace.slug, input.endpointId));
    return { secret, previousValidUntil: endpoint.previousSecretExpiresAt?.toISOString() ?? null };
  },
  ADMIN,
);

export const setWebhookEndpointStatusAction = brandAction(
  ZEndpoint.extend({ status: z.enum(["enabled", "disabled"]) }),
  async (input, { db, user, access }) => {
    const endpoint = await updateWebhookEndpoint(db, { workspaceId: access.workspace.id, endpointId: input.endpointId, actor: { kind: "user", id: user.id }, patch: { status: input.status } });
    revalidatePath(pagePath(access.workspace.slug, input.endpointId));
    return { status: endpoint.status };
  },
  ADMIN,
);

export const deleteWebhookEndpointAction = brandAction(
  ZEndpoint,
  async (input, { db, user, access }) => {
    await deleteWebhookEndpoint(db, { workspaceId: access.workspace.id, endpointId: input.endpointId, actor: { kind: "user", id: user.id } });
    revalidatePath(pagePath(access.workspace.slug));
    return { deleted: input.endpointId };
  },
  ADMIN,
);

export const sendTestEventAction = brandAction(
  ZEndpoint,
  async (input, { db, user, access }) => {
    const deliveryId = await sendTestMessage(db, { workspaceId: access.workspace.id, endpointId: input.endpointId, actor: { kind: "user", id: user.id } });
    revalidatePath(pagePath(access.workspace.slug, input.endpointId));
    return { deliveryId };
  },
  ADMIN,
);

export const resendDeliveryAction = brandAction(
  ZEndpoint.extend({ deliveryId: z.string().min(1) }),
  async (input, { db, user, access }) => {
    await resendDelivery(db, { workspaceId: access.workspace.id, endpointId: input.endpointId, deliveryId: input.deliveryId, actor: { kind: "user", id: user.id } });
    revalidatePath(pagePath(access.workspace.slug, input.endpointId));
    return { deliveryId: input.deliveryId };
  },
  ADMIN,
);

export const resendFailedDeliveriesAction = brandAction(
  ZEndpoint,
  async (input, { db, user, access }) => {
    const resent = await resendFailedDeliveries(db, { workspaceId: access.workspace.id, endpointId: input.endpointId, actor: { kind: "user", id: user.id } });
    revalidatePath(pagePath(access.workspace.slug, input.endpointId));
    return { resent };
  },
  ADMIN,
);
