import path from "node:path";

/** The benchmark's bare Next.js app (scripts/bench/intake.ts): one route, served by `next start` like Tally. */
const root = path.resolve(import.meta.dirname, "../../..");
const config = { turbopack: { root }, outputFileTracingRoot: root };
export default config;
