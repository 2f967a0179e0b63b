import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: `${root}/test/empty-module.ts` },
    ],
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/setup.ts"],
    pool: "forks",
    // next-auth imports "next/server" without an extension, which Node's ESM resolver rejects; let
    // Vite resolve it (tests drive Auth.js's own route handlers).
    server: { deps: { inline: ["next-auth"] } },
    // Budgets, not assertions: CI runs on 2 cores that may be busy (load 10+ makes compute-bound tests
    // 5–8× slower), so a test only fails on time when it is truly stuck.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
