import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { IconName } from './ui/icons.tsx';
import type { Permission } from './types.ts';

export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

type Screen = LazyExoticComponent<ComponentType<ScreenProps>> & { preload(): Promise<unknown> };

/**
 * A screen in its own chunk, loaded when first shown. `preload` fetches it ahead (the shell does
 * so when the browser is idle), so moving around still works when the connection drops.
 */
function screen(load: () => Promise<{ default: ComponentType<ScreenProps> }>): Screen {
  let loading: Promise<{ default: ComponentType<ScreenProps> }> | null = null;
  const once = () => {
    loading ??= load().catch((err) => {
      loading = null; // a failed fetch may be tried again
      throw err;
    });
    return loading;
  };
  return Object.assign(lazy(once), { preload: once });
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
