"use server";

import { revalidatePath } from "next/cache";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "@/db/schema";
import { brandAction } from "@/lib/api/actions";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { ZApiKeyForm } from "@/lib/api-keys/schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { inviteCreator, ZInviteCreator } from "@/lib/invitations/invite-creator";
import { inviteMember, ZInviteMember } from "@/lib/invitations/invite-member";
import { ZRenameWorkspaceForm } from "@/lib/workspaces/schemas";
import { updateAttributionSettings, ZAttributionSettings } from "@/lib/workspaces/update-attribution-settings";
import { changeConversionStatus } from "@/lib/attribution/change-conversion-status";
import { connectCustomApp } from "@/lib/shops/connect-shop";
import { disconnectShop } from "@/lib/shops/disconnect-shop";
import { rerunDelivery, retryFailedDeliveries } from "@/lib/webhooks/rerun-delivery";
import { ZResumeSyncRunForm, ZStartBackfillForm, ZStartReconciliationForm, ZStartReplayForm } from "@/lib/sync/schemas";
import { resumeSyncRun, startBackfill, startReconciliation, startReplay, type StartedRun } from "@/lib/sync/start-sync";

/** What the sync panel says after a start: started, or the same kind was already running (nothing new started). */
const startedJson = (run: StartedRun) => ({ runId: run.id, kind: run.kind, alreadyRunning: run.alreadyRunning, startedAt: run.startedAt.toISOString(), resumed: false });
import { setDeclaredDomains, ZDeclaredDomainsText } from "@/lib/workspaces/declared-domains";

export const inviteMemberAction = brandAction(
  ZInviteMember,
  async (input, { db, user, access }) => {
    const { link } = await inviteMember(db, {
      workspaceId: access.workspace.id,
      invitedByUserId: user.id,
      email: input.email,
      role: input.role,
    });
    revalidatePath(`/brand/${access.workspace.slug}/team`);
    return { link, email: input.email };
  },
  { role: "admin" },
);

export const inviteCreatorAction = brandAction(
  ZInviteCreator,
  async (input, { db, user, access }) => {
    const { link, creator } = await inviteCreator(db, {
      workspaceId: access.workspace.id,
      invitedByUserId: user.id,
      email: input.email,
      fullName: input.fullName,
      handle: input.handle,
    });
    revalidatePath(`/brand/${access.workspace.slug}/creators`);
    return { link, email: creator.email };
  },
  { role: "admin" },
);

export const createApiKeyAction = brandAction(
  ZApiKeyForm,
  async (input, { db, user, access }) => {
    const key = await createApiKey(db, {
      workspaceId: access.workspace.id,
      name: input.name,
      actor: { kind: "user", id: user.id },
      createdByUserId: user.id,
    });
    revalidatePath(`/brand/${access.workspace.slug}/developers`);
    return { key: key.key, name: key.name };
  },
  { role: "admin" },
);

export const revokeApiKeyAction = brandAction(
  z.object({ keyId: z.string().min(1) }),
  async (input, { db, user, access }) => {
    await revokeApiKey(db, { workspaceId: access.workspace.id, keyId: input.keyId, actor: { kind: "user", id: user.id } });
    revalidatePath(`/brand/${access.workspace.slug}/developers`);
    return { revoked: input.keyId };
  },
  { role: "admin" },
);

export const renameWorkspaceAction = brandAction(
  ZRenameWorkspaceForm,
  async (input, { db, user, access }) => {
    await db.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, access.workspace.id));
    await recordAudit(db, {
      workspaceId: access.workspace.id,
      actor: { kind: "user", id: user.id },
      action: "workspace.renamed",
      targetType: "workspace",
      targetId: access.workspace.id,
      data: { from: access.workspace.name, to: input.name },
    });
    revalidatePath(`/brand/${access.workspace.slug}`, "layout");
    return { name: input.name };
  },
  { role: "admin" },
);

/** "Retry all" on the deliveries page: every failed delivery (retrying or parked) is processed again. */
export const retryFailedDeliveriesAction = brandAction(
  z.object({}),
  async (_input, { db, user, access }) => retryFailedDeliveries(db, { workspaceId: access.workspace.id, actor: { kind: "user", id: user.id } }),
  { role: "admin" },
);

export const rerunDeliveryAction = brandAction(
  z.object({ deliveryId: z.string().min(1) }),
  async (input, { db, user, access }) => {
    const row = await rerunDelivery(db, { workspaceId: access.workspace.id, deliveryId: input.deliveryId, actor: { kind: "user", id: user.id } });
    return { id: row.id };
  },
  { role: "admin" },
);

export const connectCustomAppAction = brandAction(
  z.object({
    shop: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "Use the store's myshopify.com domain, e.g. your-store.myshopify.com."),
    accessToken: z.string().trim().min(10, "Paste the Admin API access token (shpat_…)."),
    webhookSecret: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
  }),
  async (input, { db, user, access }) => {
    const shop = await connectCustomApp(db, {
      workspaceId: access.workspace.id,
      actorUserId: user.id,
      shop: input.shop,
      accessToken: input.accessToken,
      webhookSecret: input.webhookSecret,
    });
    revalidatePath(`/brand/${access.workspace.slug}/settings`);
    return { domain: shop.domain };
  },
  { role: "admin" },
);

export const disconnectShopAction = brandAction(
  z.object({}),
  async (_input, { db, user, access }) => {
    const shop = await disconnectShop(db, { workspaceId: access.workspace.id, reason: "disconnected by a member", actorUserId: user.id });
    revalidatePath(`/brand/${access.workspace.slug}/settings`);
    return { domain: shop?.domain ?? "" };
  },
  { role: "admin" },
);

export const updateDeclaredDomainsAction = brandAction(
  z.object({ domains: ZDeclaredDomainsText }),
  async (input, { db, user, access }) => {
    const domains = await setDeclaredDomains(db, { workspaceId: access.workspace.id, actor: { kind: "user", id: user.id }, domains: input.domains });
    revalidatePath(`/brand/${access.workspace.slug}/settings`);
    return { domains };
  },
  { role: "admin" },
);

export const updateAttributionSettingsAction = brandAction(
  ZAttributionSettings,
  async (input, { db, user, access }) => {
    await updateAttributionSettings(db, { workspaceId: access.workspace.id, userId: user.id, settings: input });
    revalidatePath(`/brand/${access.workspace.slug}/settings`);
    return { saved: true };
  },
  { role: "admin" },
);

export const changeConversionStatusAction = brandAction(
  z.object({ conversionId: z.string().min(1), to: z.enum(["approved", "denied"]), reason: z.string().trim().max(300).optional() }),
  async (input, { db, user, access }) => {
    const c = await changeConversionStatus(db, { workspaceId: access.workspace.id, conversionId: input.conversionId, to: input.to, userId: user.id, reason: input.reason || undefined });
    revalidatePath(`/brand/${access.workspace.slug}/orders/${c.orderId}`);
    return { status: c.status };
  },
  { role: "admin" },
);

export const startBackfillAction = brandAction(
  ZStartBackfillForm,
  async (input, { db, user, access }) => {
    const run = await startBackfill(db, { workspaceId: access.workspace.id, campaignId: (input as { campaignId?: string | null }).campaignId ?? null, actor: { kind: "user", id: user.id } });
    return startedJson(run);
  },
  { role: "admin" },
);

export const startReconciliationAction = brandAction(
  ZStartReconciliationForm,
  async (_input, { db, user, access }) => startedJson(await startReconciliation(db, { workspaceId: access.workspace.id, actor: { kind: "user", id: user.id } })),
  { role: "admin" },
);

export const startReplayAction = brandAction(
  ZStartReplayForm,
  async (input, { db, user, access }) => startedJson(await startReplay(db, { workspaceId: access.workspace.id, from: input.from, to: input.to, actor: { kind: "user", id: user.id } })),
  { role: "admin" },
);

export const resumeSyncRunAction = brandAction(
  ZResumeSyncRunForm,
  async (input, { db, user, access }) => {
    const run = await resumeSyncRun(db, { workspaceId: access.workspace.id, runId: input.runId, actor: { kind: "user", id: user.id } });
    return { runId: run.id, kind: run.kind, alreadyRunning: false, startedAt: run.startedAt.toISOString(), resumed: true };
  },
  { role: "admin" },
);
