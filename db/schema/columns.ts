import { text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";
import { createId, type IdKind } from "@/lib/ids";

export const id = (kind: IdKind) =>
  text()
    .primaryKey()
    .$defaultFn(() => createId(kind));

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
export const tstz = () => timestamp({ withTimezone: true });

/** A row's parent (its workspace, campaign, order…): required, and the row goes when the parent is deleted. */
export const belongsTo = (parent: () => AnyPgColumn) => text().notNull().references(parent, { onDelete: "cascade" });

/** A required reference that keeps its target: the target cannot be deleted while this row points at it. */
export const requiredRef = (target: () => AnyPgColumn) => text().notNull().references(target);
