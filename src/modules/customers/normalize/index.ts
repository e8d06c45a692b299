export { normalizePhone, phoneLast9, type NormalizedPhone, type PhoneType } from './phone.ts';
export { canonicalEmail, type CanonicalEmail } from './email.ts';
export { normalizeArabicText, addressKey, type AddressInput } from './address.ts';
