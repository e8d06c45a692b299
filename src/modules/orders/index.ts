// Orders: the canonical order, its state machine, timeline, list and history import.
export { placeOrder, INTAKE_TRANSACTION, type PlaceOptions } from './place-order.ts';
export { prepareOrder, type PreparedOrder, type HoldReason } from './prepare-order.ts';
export { confirmOrder, cancelOrder, holdOrder, releaseOrder, recordVerification, recordVerifications } from './change-status.ts';
export { chooseDeliveryWindow, correctAddress, changeCustomerPhone, type DeliveryWindow } from './customer-changes.ts';
export { addOrderNote, type NoteInput } from './agent-notes.ts';
export { getOrder, getOrders, type OrderView, type OrderNote } from './order-view.ts';
export { historyPart, type HistoryOutcome } from './order-history.ts';
export { assessOrderRisk, type RiskSubject } from './assess-risk.ts';
export { listOrders } from './list-orders.ts';
export { importOrders, OUTCOMES } from './import-orders.ts';
export { orderInput, type OrderInput, type OrderInputDraft } from './order-input.ts';
export { ORDER_STATUSES, ORDER_TRANSITIONS, type OrderStatus } from './states.ts';
export { orderRoutes } from './routes.ts';
export { startOrderWorkers } from './workers.ts';
export { reassessCustomerOrders } from './reassess-risk.ts';
export { measureStore } from './measure-store.ts';
