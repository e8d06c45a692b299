import { useEffect, useRef, type ComponentType } from 'react';
import { useI18n, useSession } from '../../context.tsx';
import { Link } from '../../router.tsx';
import type { ScreenProps } from '../../routes.ts';
import { Icon } from '../../ui/icons.tsx';
import { useTitle } from '../../ui/states.tsx';
import { ApiKeysSection } from './ApiKeysSection.tsx';
import { ConnectionsSection } from './ConnectionsSection.tsx';
import { RiskSection } from './RiskSection.tsx';
import { SECTIONS, sectionPath, type SectionKey } from './sections.ts';
import { StoreSection } from './StoreSection.tsx';
import { TemplatesSection } from './TemplatesSection.tsx';
import { UsersSection } from './UsersSection.tsx';
import { VerificationSection } from './VerificationSection.tsx';
import './settings.css';

const BODIES: Record<SectionKey, ComponentType> = {
  store: StoreSection,
  verification: VerificationSection,
  templates: TemplatesSection,
  risk: RiskSection,
  connections: ConnectionsSection,
  'api-keys': ApiKeysSection,
  users: UsersSection,
};

/**
 * The store's settings, one part at a time: a list of the parts at the inline start (a row of
 * chips on a phone), the chosen part beside it. A part this person may not open is not listed,
 * and its address says so.
 */
export default function SettingsScreen({ params }: ScreenProps) {
  const { t } = useI18n();
  const { can } = useSession();
  const key = (params.section ?? 'store') as SectionKey;
  const section = SECTIONS.find((s) => s.key === key);
  const visible = SECTIONS.filter((s) => can(s.permission));
  const title = (k: SectionKey) => t(`settings.section.${k}`);
  useTitle(section ? `${title(section.key)} · ${t('settings.title')}` : t('settings.title'));
  const Body = section && can(section.permission) ? BODIES[section.key] : null;
  const nav = useRef<HTMLElement>(null);
  // On a phone the parts are a row that scrolls sideways: the current one is brought into view.
  useEffect(() => nav.current?.querySelector('[aria-current=page]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }), [key]);

  return (
    <div className="page page-wide settings-page" data-section={key}>
      <h1 className="page-title">{t('settings.title')}</h1>
      <div className="settings-layout">
        <nav ref={nav} className="settings-nav" aria-label={t('settings.title')} data-testid="settings-nav">
          <ul className="nav-links">
            {visible.map((s) => (
              <li key={s.key}>
                <Link to={sectionPath(s.key)} aria-current={s.key === key ? 'page' : undefined} data-section={s.key}>
                  <Icon name={s.icon} size={18} />
                  <span>{title(s.key)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-body" data-testid="settings-body">
          {Body ? (
            <Body />
          ) : (
            <div className="notice notice-info" role="alert">
              <p>{section ? t('common.forbidden') : t('common.notFound')}</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
