export * from "./auth";
export * from "./workspaces";
export * from "./creators";
export * from "./api-keys";
export * from "./audit-log";
export * from "./rate-limits";
export * from "./shopify";
export * from "./campaigns";
