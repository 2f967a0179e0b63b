import { desc, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { discountCodes } from "@/db/schema";

export type CodeStatus = "pending" | "active" | "failed" | "deactivated";

/**
 * The one rule for "an enrollment's code": its newest discount code (a replaced or re-pushed code
 * leaves older rows behind). A subquery to left-join on `enrollmentId`; `scope` is the tenant or
 * creator condition on discount_codes, so Postgres reads only that slice.
 */
export function latestCodePerEnrollment(db: Db, scope: SQL | undefined) {
  return db
    .selectDistinctOn([discountCodes.enrollmentId], {
      enrollmentId: discountCodes.enrollmentId,
      id: discountCodes.id,
      code: discountCodes.code,
      status: discountCodes.status,
      deactivatedAt: discountCodes.deactivatedAt,
      failureReason: discountCodes.failureReason,
    })
    .from(discountCodes)
    .where(scope)
    .orderBy(discountCodes.enrollmentId, desc(discountCodes.createdAt))
    .as("latest_code");
}

/** As brands and creators see a code: one Tally stopped honouring is `deactivated` even while Shopify catches up. */
export function codeStatusAsSeen(code: { status: CodeStatus | null; deactivatedAt: Date | null }): CodeStatus | null {
  return code.status === null ? null : code.deactivatedAt ? "deactivated" : code.status;
}
