import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", ".data-*/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The app logs through lib/log.ts, which keeps tokens, email addresses and SQL parameters out
    // of the server log. Tests, scripts and the Shopify simulator print as they like.
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "inngest/**/*.ts", "components/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    ignores: [
      "**/*.test.ts",
      "**/*.test.tsx",
      "lib/log.ts",
      
      "lib/demo/**",
      // Webhook intake and the job runner are being reworked on another branch (issue 15 points 8,
      // 9, 13, issue 18); their three error lines move to lib/log.ts there.
      "app/api/webhooks/**",
      "lib/webhooks/**",
      "lib/jobs/**",
    ],
    rules: { "no-console": "error" },
  },
]);
