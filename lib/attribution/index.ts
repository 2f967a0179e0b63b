export { commissionFor, decideAttribution, normalizeCheckoutCode, normalizeEmailForSelfReferral } from "./decide-attribution";
export * from "./types";
