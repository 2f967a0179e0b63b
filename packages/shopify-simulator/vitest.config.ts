import { defineConfig } from "vitest/config";

// The package's own tests (`npm test -w @tally/shopify-simulator`): no database, no app.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], pool: "forks", testTimeout: 30_000 },
});
