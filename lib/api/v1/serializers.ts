/**
 * API v1's JSON shapes live in lib/serializers/v1.ts, a leaf that business rules may import too
 * (outbound events carry the same representations as the API).
 */
export * from "@/lib/serializers/v1";
