// Customers: who ordered, recognised across spellings by E.164 phone and canonical email.
export { recognizeCustomer, type CustomerFacts } from './recognize-customer.ts';
export { getCustomer } from './get-customer.ts';
export { findCustomers } from './find-customers.ts';
export { normalizePhone, phoneLast9, canonicalEmail, addressKey, normalizeArabicText } from './normalize/index.ts';
export type { NormalizedPhone, CanonicalEmail } from './normalize/index.ts';
export { customerRoutes } from './routes.ts';
