import type { Key } from '../../i18n/index.ts';
import type { Permission } from '../../types.ts';

export type ActionKind = 'confirm' | 'cancel' | 'hold' | 'release' | 'note';

/**
 * Which buttons an order shows: the person's permission, and a status the order can move from
 * (the server's transition table in src/modules/orders/states.ts; it refuses anything else).
 */
export const ACTIONS: { kind: ActionKind; permission: Permission; from: readonly string[] | 'any'; tone: 'primary' | 'outline' | 'danger' }[] = [
  { kind: 'confirm', permission: 'orders.confirm', from: ['pending', 'on_hold'], tone: 'primary' },
  { kind: 'release', permission: 'orders.hold', from: ['on_hold'], tone: 'outline' },
  { kind: 'hold', permission: 'orders.hold', from: ['pending', 'confirmed', 'processing'], tone: 'outline' },
  { kind: 'note', permission: 'orders.notes', from: 'any', tone: 'outline' },
  { kind: 'cancel', permission: 'orders.cancel', from: ['pending', 'on_hold', 'confirmed', 'processing'], tone: 'danger' },
];

/** Once the parcel has left (or never will), a gift can no longer be packed with it. */
export const GIFT_TOO_LATE: readonly string[] = ['shipped', 'delivered', 'completed', 'cancelled', 'returned'];

export const WORDS: Record<ActionKind, { button: Key; title: Key; text: Key | null; done: Key }> = {
  confirm: { button: 'action.confirm', title: 'action.confirmTitle', text: 'action.confirmText', done: 'action.done.confirm' },
  release: { button: 'action.release', title: 'action.releaseTitle', text: 'action.releaseText', done: 'action.done.release' },
  hold: { button: 'action.hold', title: 'action.holdTitle', text: 'action.holdText', done: 'action.done.hold' },
  note: { button: 'action.note', title: 'action.noteTitle', text: null, done: 'action.done.note' },
  cancel: { button: 'action.cancel', title: 'action.cancelTitle', text: 'action.cancelText', done: 'action.done.cancel' },
};
