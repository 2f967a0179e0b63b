// Per test file: cheap password hashing, dev secrets in a throwaway folder, no demo data.
process.env.TALLY_BCRYPT_COST ??= "4";
process.env.TALLY_DATA_DIR ??= `/tmp/tally-test-data-${process.pid}`;
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
