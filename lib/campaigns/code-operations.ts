import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { creators, discountCodes, type campaigns } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { withCollisionSuffix } from "@/lib/codes/generate-unique-code";
import { toDecimalString } from "@/lib/money";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import { shopifyGraphql } from "@/lib/shops/shop-graphql";
import { CODE_EXISTS, CREATOR_CODE_CREATE, DISCOUNT_CODE_BASIC_UPDATE, DISCOUNT_CODE_DEACTIVATE } from "@/lib/shopify/documents";
import type { ShopRow } from "@/lib/shops/get-connected-shop";

type Campaign = typeof campaigns.$inferSelect;
type CodeRow = typeof discountCodes.$inferSelect;

const ZUserError = z.object({ field: z.array(z.string()).nullish(), message: z.string(), code: z.string().nullish() });
const ZNodeResult = z.object({ codeDiscountNode: z.object({ id: z.string() }).passthrough().nullable(), userErrors: z.array(ZUserError) });

/** Failures Shopify will not fix by itself on a retry: recorded on the code, shown to the brand. */
class PermanentCodeError extends Error {}

/** The Shopify input for a creator's discount: the campaign's value and dates, for everyone. */
export function discountInput(campaign: Campaign, code: string, creatorName: string) {
  const value =
    campaign.discountType === "percentage"
      ? { percentage: campaign.discountValue / 10_000 }
      : { discountAmount: { amount: toDecimalString(campaign.discountValue, campaign.currency), appliesOnEachItem: false } };
  return {
    title: `${campaign.name} — ${creatorName}`.slice(0, 255),
    code,
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt?.toISOString() ?? null,
    context: { all: "ALL" },
    customerGets: { value, items: { all: true } },
    appliesOncePerCustomer: false,
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
  };
}

async function isTakenInStore(db: Db, shop: ShopRow, code: string, ownDiscountId: string | null): Promise<boolean> {
  const data = await shopifyGraphql(db, shop, CODE_EXISTS, { code }, {
    schema: z.object({ codeDiscountNodeByCode: z.object({ id: z.string() }).passthrough().nullable() }),
  });
  const node = data.codeDiscountNodeByCode;
  return Boolean(node && node.id !== ownDiscountId);
}

async function renameCode(db: Db, row: CodeRow, next: string): Promise<CodeRow | null> {
  try {
    const [updated] = await db.update(discountCodes).set({ code: next }).where(eq(discountCodes.id, row.id)).returning();
    return updated ?? null;
  } catch {
    return null; // taken in Tally meanwhile: the caller draws another suffix
  }
}

/**
 * Creates one code's discount in Shopify. A code that exists in the store already (found by
 * `codeDiscountNodeByCode`, or Shopify's TAKEN as the final word) gets another random suffix and is
 * tried again; a brand-chosen code is never renamed (it fails with the reason instead). Transient
 * failures throw (the job retries); permanent ones are recorded on the code as `failed`.
 */
export async function pushCode(db: Db, input: { shop: ShopRow; campaign: Campaign; code: CodeRow }): Promise<CodeRow> {
  let row = input.code;
  const [creator] = await db.select({ fullName: creators.fullName }).from(creators).where(eq(creators.id, row.creatorId));
  await db.update(discountCodes).set({ attempts: sql`${discountCodes.attempts} + 1` }).where(eq(discountCodes.id, row.id));
  try {
    for (let attempt = 0; attempt < 8; attempt++) {
      if (await isTakenInStore(db, input.shop, row.code, row.shopifyDiscountId)) {
        if (row.manual) throw new PermanentCodeError(`The code ${row.code} already exists in your Shopify store. Choose another code.`);
        row = (await renameCode(db, row, withCollisionSuffix(row.code.replace(/-[A-Z0-9]{4}$/, ""), undefined))) ?? row;
        continue;
      }
      const data = await shopifyGraphql(db, input.shop, CREATOR_CODE_CREATE, { basicCodeDiscount: discountInput(input.campaign, row.code, creator?.fullName ?? "Creator") }, {
        schema: z.object({ discountCodeBasicCreate: ZNodeResult }),
      });
      const result = data.discountCodeBasicCreate;
      if (result.userErrors.some((e) => e.code === "TAKEN")) {
        if (row.manual) throw new PermanentCodeError(`The code ${row.code} already exists in your Shopify store. Choose another code.`);
        row = (await renameCode(db, row, withCollisionSuffix(row.code.replace(/-[A-Z0-9]{4}$/, ""), undefined))) ?? row;
        continue;
      }
      if (result.userErrors.length > 0 || !result.codeDiscountNode) {
        throw new PermanentCodeError(`Shopify refused the discount: ${result.userErrors.map((e) => e.message).join("; ") || "no discount returned"}.`);
      }
      const [done] = await db
        .update(discountCodes)
        .set({ status: "active", shopifyDiscountId: result.codeDiscountNode.id, shopifyEndsAt: input.campaign.endsAt, activatedAt: new Date(), failureReason: null })
        .where(eq(discountCodes.id, row.id))
        .returning();
      return done!;
    }
    throw new PermanentCodeError("Every variant of this code was already taken in your store. Set a code by hand.");
  } catch (error) {
    const permanent =
      error instanceof PermanentCodeError ||
      (error instanceof AppError && error.details?.reason === "shopify_reconnect_required") ||
      (error instanceof ShopifyApiError && (error.kind === "graphql" || error.code === "ACCESS_DENIED"));
    if (!permanent) throw error;
    const [failed] = await db
      .update(discountCodes)
      .set({ status: "failed", failureReason: error instanceof Error ? error.message : String(error) })
      .where(eq(discountCodes.id, row.id))
      .returning();
    return failed!;
  }
}

/** Ends a code in Shopify (it stays reserved there) and marks it deactivated in Tally. */
export async function deactivateCode(db: Db, input: { shop: ShopRow | null; code: CodeRow }): Promise<void> {
  const { code } = input;
  if (code.shopifyDiscountId && input.shop && input.shop.status === "connected") {
    const data = await shopifyGraphql(db, input.shop, DISCOUNT_CODE_DEACTIVATE, { id: code.shopifyDiscountId }, {
      schema: z.object({ discountCodeDeactivate: ZNodeResult }),
    });
    const errors = data.discountCodeDeactivate.userErrors;
    if (errors.length > 0) throw new Error(`Shopify refused to deactivate ${code.code}: ${errors.map((e) => e.message).join("; ")}`);
  }
  await db
    .update(discountCodes)
    .set({ status: "deactivated", deactivatedAt: sql`COALESCE(${discountCodes.deactivatedAt}, now())` })
    .where(and(eq(discountCodes.id, code.id), eq(discountCodes.workspaceId, code.workspaceId)));
}

/** Moves a live code's end in Shopify to the campaign's end. */
export async function syncCodeEnd(db: Db, input: { shop: ShopRow; campaign: Campaign; code: CodeRow }): Promise<void> {
  const { code, campaign } = input;
  if (!code.shopifyDiscountId) return;
  const endsAt = campaign.endsAt?.toISOString() ?? null;
  const data = await shopifyGraphql(db, input.shop, DISCOUNT_CODE_BASIC_UPDATE, { id: code.shopifyDiscountId, basicCodeDiscount: { endsAt } }, {
    schema: z.object({ discountCodeBasicUpdate: ZNodeResult }),
  });
  const errors = data.discountCodeBasicUpdate.userErrors;
  if (errors.length > 0) throw new Error(`Shopify refused to move the end of ${code.code}: ${errors.map((e) => e.message).join("; ")}`);
  await db.update(discountCodes).set({ shopifyEndsAt: campaign.endsAt }).where(eq(discountCodes.id, code.id));
}
