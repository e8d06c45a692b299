// Customers: who ordered, recognised across spellings by E.164 phone and canonical email, and
// linked into one person through the keys they share (the identity graph).
export { recognizeCustomer, type CustomerFacts, type Recognized } from './recognize-customer.ts';
export { linkCustomer, joinSameKeys, personOf, personPart, linkableAddress, linkSettings, DEFAULT_LINKS, INTAKE_ADDRESSES, type CustomerGroup, type LinkSettings, type PersonPart } from './link-identities.ts';
export { getCustomer } from './get-customer.ts';
export { ORDER_OUTCOME_SQL } from './order-outcome.ts';
export { findCustomers } from './find-customers.ts';
export { listCustomers } from './list-customers.ts';
export { tagCustomer, untagCustomer, normalizeTag, TAG_LABELS, MAX_TAGS, type KnownTag, type CustomerTags } from './tags.ts';
export { normalizePhone, phoneLast9, canonicalEmail, addressKey, normalizeArabicText } from './normalize/index.ts';
export type { NormalizedPhone, CanonicalEmail } from './normalize/index.ts';
export { customerRoutes } from './routes.ts';
