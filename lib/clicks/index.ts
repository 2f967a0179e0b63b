export * from "./constants";
export { hashVisitorData } from "./hash-visitor-data";
export { botOrPrefetchReason, isBotOrPrefetch, type NotHumanReason } from "./request-signals";
export { resolveReferralLink, referralDestination, type ReferralLink, type ResolvedReferralLink } from "./resolve-referral-link";
export { recordClick, type RecordClickInput, type RecordClickResult } from "./record-click";
export { visitReferralLink, referralVisitResponse, type ReferralVisit } from "./visit-referral-link";
export { findAttributableClick, type AttributableClick } from "./find-attributable-click";
export { signClickToken, verifyClickToken, type ClickTokenCheck } from "./click-token";
export { countSkippedVisit, type SkippedVisitReason } from "./count-skipped-visit";
