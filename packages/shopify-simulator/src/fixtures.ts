/**
 * Where the Shopify facts this package mirrors live on disk: Shopify's real Admin GraphQL 2026-07
 * schema and the captured, real-shaped webhook bodies and GraphQL responses (see fixtures/FIXTURES.md).
 * The simulator is tested against them, and so are the app's Shopify client and webhook intake.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Shopify's Admin GraphQL schema for API version 2026-07 (SDL, 3.8 MB). */
export const ADMIN_SCHEMA_PATH = path.join(packageRoot, "schema/admin-graphql-2026-07.graphql");
/** Webhook bodies (`*.json`) with the headers they were sent with (`*.meta.json`); `graphql/` holds Admin API documents and answers. */
export const FIXTURES_DIR = path.join(packageRoot, "fixtures");
