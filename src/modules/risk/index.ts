// Risk: signals and the recommendation they add up to, and the store's blocklist and allowlist.
// Pure rules and the store's reference data; the orders module gathers the facts it judges.
export { assessIntake, riskyArea, RISK_DEFAULTS, SIGNAL_CODES, type IntakeFacts, type RiskAssessment, type RiskReason, type RiskSettings, type Recommendation } from './intake-signals.ts';
export { disposableDomain } from './disposable-email.ts';
export { referencePart, saveBaselines, measuredSince, areasOf, MIN_BASELINE_ORDERS, type Baseline, type StoreMeasure } from './baselines.ts';
export { addToList, type ListEntryInput } from './add-to-list.ts';
export { removeFromList } from './remove-from-list.ts';
export { listEntries } from './list-entries.ts';
export { checkLists, listsPart, type ListFacts, type ListMatches } from './check-lists.ts';
export { normalizeIp, type EntryType, type ListName } from './list-keys.ts';
export type { ListEntry } from './list-entry.ts';
export { riskListRoutes } from './routes.ts';
