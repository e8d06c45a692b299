import { createElement, lazy, type ComponentType } from 'react';
import type { IconName } from './ui/icons.tsx';
import type { Permission } from './types.ts';

export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

type Screen = ComponentType<ScreenProps> & { preload(): Promise<unknown> };

/**
 * A screen in its own chunk, loaded when first shown. `preload` fetches it ahead (the app does
 * so for the first screen while it asks who is signed in, the shell for the others when the
 * browser is idle), so moving around still works when the connection drops. A screen whose
 * chunk is already here renders at once, without suspending: React holds back content that
 * follows a loading placeholder for 300 ms, which was a third of the orders screen's first load.
 */
function screen(load: () => Promise<{ default: ComponentType<ScreenProps> }>): Screen {
  let loading: Promise<{ default: ComponentType<ScreenProps> }> | null = null;
  let loaded: ComponentType<ScreenProps> | null = null;
  const once = () => {
    loading ??= load().then(
      (m) => {
        loaded = m.default;
        return m;
      },
      (err) => {
        loading = null; // a failed fetch may be tried again
        throw err;
      },
    );
    return loading;
  };
  const Lazy = lazy(once);
  const Screen = (props: ScreenProps) => createElement(loaded ?? Lazy, props);
  return Object.assign(Screen, { preload: once });
}

export interface RouteDef {
  path: string;
  screen: Screen;
  /** Without it the screen is neither reachable nor in the navigation. */
  permission?: Permission;
  /** An entry in the navigation. */
  nav?: { label: { ar: string; en: string }; icon: IconName };
  /** A page under a navigation entry (an order under Orders): that entry is highlighted. */
  section?: string;
}


/**
 * Every screen of the admin app. A new capability (fulfilment, support inbox, money) adds its
 * rows here and its folder under screens/; the navigation, permission check and code splitting
 * follow from this table.
 */
export const ROUTES: RouteDef[] = [
  { path: '/', screen: screen(() => import('./screens/home/HomeScreen.tsx')), nav: { label: { ar: 'الرئيسية', en: 'Home' }, icon: 'home' } },
  { path: '/orders', permission: 'orders.read', screen: screen(() => import('./screens/orders/OrdersScreen.tsx')), nav: { label: { ar: 'الطلبات', en: 'Orders' }, icon: 'orders' } },
  { path: '/orders/:id', permission: 'orders.read', screen: screen(() => import('./screens/order/OrderScreen.tsx')), section: '/orders' },
  { path: '/call-queue', permission: 'call_queue.work', screen: screen(() => import('./screens/call-queue/CallQueueScreen.tsx')), nav: { label: { ar: 'قائمة الاتصال', en: 'Call queue' }, icon: 'phone' } },
  { path: '/customers', permission: 'customers.read', screen: screen(() => import('./screens/customers/CustomersScreen.tsx')), nav: { label: { ar: 'العملاء', en: 'Customers' }, icon: 'users' } },
  { path: '/customers/:id', permission: 'customers.read', screen: screen(() => import('./screens/customer/CustomerScreen.tsx')), section: '/customers' },
  { path: '/messages', permission: 'messages.read', screen: screen(() => import('./screens/messages/MessagesScreen.tsx')), nav: { label: { ar: 'الرسائل', en: 'Messages' }, icon: 'message' } },
  { path: '/profile', screen: screen(() => import('./screens/profile/ProfileScreen.tsx')) },
  { path: '/settings', permission: 'settings.read', screen: screen(() => import('./screens/settings/SettingsScreen.tsx')), nav: { label: { ar: 'الإعدادات', en: 'Settings' }, icon: 'settings' } },
  { path: '/settings/:section', permission: 'settings.read', screen: screen(() => import('./screens/settings/SettingsScreen.tsx')), section: '/settings' },
];
