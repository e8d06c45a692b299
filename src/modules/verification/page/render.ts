import { addressForm, cancelForm, confirmForm, formCtx, phoneForm, windowForm, type FormCtx } from './forms.ts';
import { escapeHtml, fillHtml, fillText, ltr } from './html.ts';
import { ICONS, type IconName } from './icons.ts';
import { pageDocument } from './layout.ts';
import { addressLines, summaryCard, windowText } from './summary.ts';
import { PAGE_TEXT, type PageText } from './text.ts';
import type { Lang, PageModel, ProblemKind } from './types.ts';

export type { Lang, PageModel, PageOrder, PageState, PageWindow, ProblemKind } from './types.ts';
export { PAGE_TEXT, type PageText } from './text.ts';
export { escapeHtml } from './html.ts';

/**
 * `?lang=` wins (the switch link), then the browser's Accept-Language by its q-values, then the
 * store's default. Only the primary subtag counts: ar-EG and ar-SA are both Arabic here.
 */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined, fallback: Lang): Lang {
  const q = query?.trim().toLowerCase().slice(0, 2);
  if (q === 'ar' || q === 'en') return q;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'ar' && primary !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(weight) || weight <= 0) continue;
    if (!best || weight > best.q) best = { lang: primary, q: weight };
  }
  return best?.lang ?? fallback;
}

// "مرحبًا {name}، …" with no name would read "مرحبًا ، …": drop the slot and its space instead.
function greet(text: string, name: string, slots: Record<string, string> = {}): string {
  const n = name.trim();
  return n
    ? fillHtml(text, { ...slots, name: `<bdi>${escapeHtml(n)}</bdi>` })
    : fillHtml(text.replace(/ ?\{name\}/, ''), slots);
}

function statusCard(icon: IconName | null, tone: string, title: string, lead: string, extra = ''): string {
  const badge = icon ? `<div class="icon icon-${tone}">${ICONS[icon]}</div>` : '';
  return `<section class="card">${badge}<h1>${escapeHtml(title)}</h1><p class="lead">${lead}</p>${extra}</section>`;
}

function addressCard(m: PageModel, t: PageText, edit: string): string {
  return `<section class="card" aria-labelledby="address-title"><h2 id="address-title">${escapeHtml(t.addressTitle)}</h2>
${addressLines(m.order, m.lang)}
${edit}</section>`;
}

function sections(m: PageModel, t: PageText, c: FormCtx): string[] {
  const o = m.order;
  const summary = summaryCard(o, t, m.lang);
  if (m.state === 'open' && m.purpose === 'confirm') {
    const intro = greet(m.windows.length ? t.openIntro : t.openIntroNoWindows, o.customerName);
    // Address before the confirm button: a wrong address is fixed before confirming, not after.
    return [statusCard(null, '', t.openTitle, intro), summary, addressCard(m, t, addressForm(c, m)), confirmForm(c, m), cancelForm(c)];
  }
  if (m.state === 'open') {
    const intro = o.phone
      ? greet(t.emailIntro, o.customerName, { phone: ltr(o.phone) })
      : greet(t.emailIntroNoPhone, o.customerName);
    return [statusCard('phone', 'warn', t.emailTitle, intro), phoneForm(c), summary, addressCard(m, t, ''), cancelForm(c)];
  }
  if (m.state === 'confirmed') {
    const chosen = o.window ? `<p class="chosen">${fillHtml(t.confirmedWindow, { window: windowText(o.window, t, m.lang) })}</p>` : '';
    return [statusCard('check', 'ok', t.confirmedTitle, escapeHtml(t.confirmedText), chosen), windowForm(c, m), summary, addressCard(m, t, '')];
  }
  if (m.state === 'cancelled') {
    return [statusCard('cross', 'stop', t.cancelledTitle, escapeHtml(t.cancelledText)), summary, addressCard(m, t, '')];
  }
  return [statusCard('info', 'info', t.closedTitle, escapeHtml(t.closedText)), summary, addressCard(m, t, '')];
}

/** What goes above everything: the caller's notice, and errors whose field is not on this page. */
function notices(m: PageModel, t: PageText, c: FormCtx): string {
  const stray = Object.entries(c.errors).filter(([name, msg]) => msg && !c.placed.has(name));
  const hasFieldErrors = Object.values(c.errors).some(Boolean);
  const out: string[] = [];
  if (m.notice) {
    const role = m.notice.kind === 'error' ? 'alert' : 'status';
    out.push(`<div class="notice notice-${m.notice.kind}" role="${role}"><p>${escapeHtml(m.notice.text)}</p></div>`);
  }
  if (stray.length || (hasFieldErrors && m.notice?.kind !== 'error')) {
    const list = stray.length ? `<ul>${stray.map(([, msg]) => `<li>${escapeHtml(msg)}</li>`).join('')}</ul>` : '';
    out.push(`<div class="notice notice-error" role="alert"><p>${escapeHtml(t.errorsTitle)}</p>${list}</div>`);
  }
  return out.join('\n');
}

/** The buyer's page at /c/{token}: the order, and what they may do with it in its current state. */
export function renderConfirmationPage(m: PageModel): string {
  const t = PAGE_TEXT[m.lang];
  const c = formCtx(m, t);
  // Sections first: they record which field errors found a place, the rest go to the top.
  const body = sections(m, t, c).filter(Boolean).join('\n');
  return pageDocument({
    lang: m.lang,
    title: fillText(t.pageTitle, { store: m.order.storeName, number: String(m.order.number) }),
    storeName: m.order.storeName,
    // An absolute path: after a POST to /c/{token}/confirm, "?lang=" alone would re-request that route.
    switchPath: c.base,
    main: [notices(m, t, c), body].filter(Boolean).join('\n'),
    footer: t.privacy,
  });
}

const PROBLEM_ICON: Record<ProblemKind, [IconName, string]> = {
  expired: ['clock', 'warn'],
  used: ['check', 'ok'],
  not_found: ['info', 'info'],
  rate_limited: ['clock', 'info'],
  error: ['alert', 'stop'],
};

/** A friendly dead end: what happened in plain words and what to do next, never a stack trace. */
export function renderProblemPage(kind: ProblemKind, lang: Lang): string {
  const p = PAGE_TEXT[lang].problems[kind];
  const [icon, tone] = PROBLEM_ICON[kind];
  return pageDocument({
    lang,
    title: p.title,
    // Relative: the problem page has no token to build a path from, and the same URL is right.
    switchPath: '',
    main: `<section class="card problem"><div class="icon icon-${tone}">${ICONS[icon]}</div>
<h1>${escapeHtml(p.title)}</h1>
<p class="lead">${escapeHtml(p.text)}</p>
<p class="muted">${escapeHtml(p.hint)}</p>
</section>`,
  });
}
