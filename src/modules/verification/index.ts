// Verification: the confirmation cascade (SMS → WhatsApp → email → call queue), the customer's
// page, the call queue and the ghost box.
export { verificationRoutes } from './routes.ts';
export { confirmationPageRoutes } from './page-routes.ts';
export { startVerificationWorkers } from './workers.ts';
export { CASCADE_STATUSES, type CascadeStatus } from './states.ts';
