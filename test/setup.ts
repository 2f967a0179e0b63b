// Per test file: cheap password hashing, dev secrets in a throwaway folder, no demo data.
process.env.TALLY_BCRYPT_COST ??= "4";
process.env.TALLY_DATA_DIR ??= `/tmp/tally-test-data-${process.pid}`;
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
// The fixtures under packages/shopify-simulator/fixtures are signed with this secret: tests use it as the app's.
process.env.SHOPIFY_API_SECRET ??= "shpss_test_client_secret_for_fixtures";
process.env.SHOPIFY_API_KEY ??= "tally-test-client-id";
process.env.TALLY_DISABLE_SWEEPER ??= "1";
process.env.TALLY_DISABLE_AUTO_BACKFILL ??= "1";
