// Risk: signals and the recommendation they add up to, and the store's blocklist and allowlist.
// For now the signals intake can see on the order itself; customer analysis extends this module.
export { assessIntake, SIGNAL_CODES, type RiskAssessment, type RiskReason, type RiskSettings, type Recommendation } from './intake-signals.ts';
export { addToList, type ListEntryInput } from './add-to-list.ts';
export { removeFromList } from './remove-from-list.ts';
export { listEntries } from './list-entries.ts';
export { checkLists, type ListFacts, type ListMatches } from './check-lists.ts';
export { normalizeIp, type EntryType, type ListName } from './list-keys.ts';
export type { ListEntry } from './list-entry.ts';
export { riskListRoutes } from './routes.ts';
