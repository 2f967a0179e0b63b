import { text, timestamp } from "drizzle-orm/pg-core";
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
