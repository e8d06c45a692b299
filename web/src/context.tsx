import { createContext, useContext } from 'react';
import type { Format, Digits } from './format.ts';
import type { Lang, Translate } from './i18n/index.ts';
import type { Me, Permission } from './types.ts';

export interface I18n {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  t: Translate;
  fmt: Format;
  digits: Digits;
  setLang(lang: Lang): void;
  setDigits(digits: Digits): void;
  /** A text the server sends in both languages (a risk reason), in the user's. */
  pick(text: { ar?: string; en?: string; fallback?: string }): string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside <I18nContext>');
  return v;
}

export interface Session {
  me: Me;
  can(permission: Permission): boolean;
  signOut(): Promise<void>;
  /** The server's newer view of the signed-in person (after they changed their profile). */
  update(me: Me): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside a signed-in screen');
  return v;
}
