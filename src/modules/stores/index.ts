// Stores: the store row, its settings and its API keys. Other modules read settings through here.
export { createStore, getStore, updateStoreSettings, storeView, orderNumberSequence, firstStoreId, storeCtx } from './stores.ts';
export { createApiKey, findKeyOwner, generateKey, type KeyOwner } from './api-keys.ts';
export { listApiKeys, makeApiKey, revokeApiKey } from './manage-api-keys.ts';
export { bootstrapStore, type Bootstrap } from './bootstrap.ts';
export { settingsPatch, verificationSettings, deliverySettings, type SettingsPatch, type VerificationSettings, type DeliverySettings, type VerificationChannel } from './settings.ts';
export { storeRoutes } from './routes.ts';
