import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM + data files that must be loaded from node_modules at runtime, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "bcryptjs", "graphql"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
