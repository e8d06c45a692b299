import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { RouteModule } from '../../platform/http/app.ts';
import { sendError } from '../../platform/http/errors.ts';
import { chooseDeliveryWindow, correctAddress, getOrder, type OrderView } from '../orders/index.ts';
import { storeCtx } from '../stores/index.ts';
import { cancelByCustomer, confirmByCustomer, restartWithPhone, type Via } from './answers.ts';
import { deliveryWindows } from './delivery-windows.ts';
import { findLink, markLink, type LinkRow } from './links.ts';
import { allowRequest, countMiss } from './page-limits.ts';
import { pickLang, renderConfirmationPage, renderProblemPage } from './page/render.ts';
import type { Lang, PageModel, PageState, ProblemKind } from './page/types.ts';
import { ADDRESS_FIELDS } from './page/types.ts';
import { recordEvent } from '../../platform/events.ts';
import { storableCopy } from '../../platform/text-safety.ts';

const tokenParams = z.object({ token: z.string().max(200) });
type Form = Record<string, string>;

const FIELD_ERRORS: Record<string, Record<Lang, string>> = {
  phone: { ar: 'اكتب رقم جوال صحيحًا، مثل 0501234567', en: 'Enter a valid mobile number, such as 0501234567' },
  window: { ar: 'اختر موعد توصيل من القائمة', en: 'Choose a delivery window from the list' },
  required: { ar: 'هذا الحقل مطلوب', en: 'This field is required' },
  too_long: { ar: 'النص أطول من اللازم', en: 'This is too long' },
};

/**
 * The customer's own page (`/c/{token}`): no login, the unguessable link is the key. Forms post
 * back and are redirected to the page (so a reload does not post twice); a client that posts
 * JSON gets JSON. Any problem shows a page in the customer's language, never a trace.
 */
export const confirmationPageRoutes: RouteModule = async (app, services) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  interface Opened {
    link: LinkRow;
    ctx: Ctx;
    order: OrderView;
    lang: Lang;
  }
  const wantsJson = (req: FastifyRequest) => !String(req.headers['content-type'] ?? '').includes('form-urlencoded') && req.method === 'POST';
  // The page's language: `?lang=`, else the hidden `lang` field its forms post, else the browser's.
  const langOf = (req: FastifyRequest, fallback: Lang) => {
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>).lang : undefined;
    const q = (req.query as Record<string, string> | undefined)?.lang ?? body;
    return pickLang(q === 'ar' || q === 'en' ? q : undefined, req.headers['accept-language'], fallback);
  };
  const problem = (req: FastifyRequest, reply: FastifyReply, kind: ProblemKind, status: number, lang?: Lang) => {
    if (wantsJson(req)) {
      const messages: Record<ProblemKind, string> = {
        expired: 'This link has expired', used: 'This order can no longer be changed here', not_found: 'This link does not exist',
        rate_limited: 'Too many requests; try again in a few minutes', error: 'Something went wrong; try again',
      };
      return sendError(reply, status, kind === 'expired' ? 'link_expired' : kind, messages[kind]);
    }
    return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderProblemPage(kind, lang ?? langOf(req, 'ar')));
  };

  /** Find the link, or answer with the right page and return null. */
  const open = async (req: FastifyRequest, reply: FastifyReply): Promise<Opened | null> => {
    const ip = req.ip;
    if (!allowRequest(ip)) return void problem(req, reply, 'rate_limited', 429), null;
    const { token } = req.params as { token: string };
    const link = await findLink(services.db, token);
    if (!link) {
      countMiss(ip);
      return void problem(req, reply, 'not_found', 404), null;
    }
    const ctx = await storeCtx(services, link.store_id, { type: 'customer', id: link.order_id });
    const order = await getOrder(ctx, link.order_id);
    ctx.actor = { type: 'customer', id: order.customer.id, name: order.customer.name };
    const lang = langOf(req, (order.customer.language ?? ctx.store.locale) === 'en' ? 'en' : 'ar');
    if (new Date(link.expires_at) <= ctx.now() && stateOf(order) === 'open') return void problem(req, reply, 'expired', 410, lang), null;
    return { link, ctx, order, lang };
  };

  const show = (reply: FastifyReply, o: Opened, token: string, extra: Partial<PageModel> = {}, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex').send(
      renderConfirmationPage({
        lang: o.lang, token, purpose: o.link.purpose, state: stateOf(o.order), order: pageOrder(o.ctx, o.order),
        windows: deliveryWindows(o.ctx.store, o.ctx.now()), ...extra,
      }),
    );

  app.get('/c/:token', { schema: { hide: true, params: tokenParams } }, async (req, reply) => {
    const o = await open(req, reply);
    if (!o) return reply;
    if (!o.link.opened_at) {
      await services.db.transaction(async (tx) => {
        const ctx = { ...o.ctx, db: tx };
        await markLink(ctx, req.params.token, 'opened_at');
        await recordEvent(ctx, 'confirmation.link_opened', o.order.id, { channel: o.link.channel, purpose: o.link.purpose });
      });
    }
    return show(reply, o, req.params.token);
  });

  /**
   * One customer action: run it in a transaction, then redirect to the page (forms) or answer
   * JSON. A field the customer got wrong re-renders the page with the message next to it.
   */
  const action = (path: string, run: (ctx: Ctx, o: Opened, form: Form) => Promise<unknown>, opts: { confirmLinkOnly?: boolean; openOnly?: boolean } = {}) =>
    app.post(`/c/:token/${path}`, { schema: { hide: true, params: tokenParams } }, async (req, reply) => {
      const o = await open(req, reply);
      if (!o) return reply;
      const form = customerForm(req.body);
      const state = stateOf(o.order);
      if ((opts.confirmLinkOnly && o.link.purpose !== 'confirm') || (opts.openOnly && state !== 'open') || state === 'cancelled' || state === 'closed') {
        return problem(req, reply, 'used', 409, o.lang);
      }
      try {
        const result = await services.db.transaction(async (tx) => {
          const ctx = { ...o.ctx, db: tx };
          const r = await run(ctx, o, form);
          await markLink(ctx, req.params.token, 'used_at');
          return r;
        });
        if (wantsJson(req)) {
          const order = await getOrder(o.ctx, o.order.id);
          return reply.send({ result, order: { id: order.id, number: order.number, status: order.status, verification: order.verification, delivery: order.delivery } });
        }
        return reply.redirect(`/c/${req.params.token}?lang=${o.lang}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        if (wantsJson(req)) return sendError(reply, err.status, err.code, err.message, err.details);
        const fieldErrors = Object.fromEntries(
          err.details.map((d) => [d.path, (FIELD_ERRORS[d.path] ?? FIELD_ERRORS[String(d.kind)] ?? FIELD_ERRORS.required)[o.lang]]),
        );
        return show(reply, o, req.params.token, { fieldErrors, values: form, notice: { kind: 'error', text: Object.values(fieldErrors)[0] ?? '' } }, err.status === 409 ? 409 : 422);
      }
    });

  const viaOf = (link: LinkRow): Via => (link.channel === 'whatsapp' ? 'whatsapp_link' : 'sms_link');
  const chosenWindow = (o: Opened, form: Form, required: boolean) => {
    if (!form.window) {
      if (required) throw new AppError(422, 'invalid_window', 'Choose a delivery window', [{ path: 'window', message: 'is required' }]);
      return null;
    }
    const w = deliveryWindows(o.ctx.store, o.ctx.now()).find((x) => x.value === form.window);
    if (!w) throw new AppError(422, 'invalid_window', 'That delivery window is not offered', [{ path: 'window', message: 'is not one of the offered windows' }]);
    return w;
  };

  action('confirm', async (ctx, o, form) => {
    const w = chosenWindow(o, form, false);
    if (w) await chooseDeliveryWindow(ctx, o.order.id, w);
    return confirmByCustomer(ctx, o.order.id, viaOf(o.link));
  }, { confirmLinkOnly: true });

  action('window', async (ctx, o, form) => chooseDeliveryWindow(ctx, o.order.id, chosenWindow(o, form, true)!).then(() => 'window_chosen'));

  action('address', async (ctx, o, form) => {
    const address: Record<string, string | null> = {};
    const problems = [];
    for (const f of ADDRESS_FIELDS) {
      const v = (form[f] ?? '').trim();
      if ((f === 'line1' || f === 'city') && !v) problems.push({ path: f, message: 'is required', kind: 'required' });
      else if (v.length > (f === 'postal_code' ? 20 : 500)) problems.push({ path: f, message: 'is too long', kind: 'too_long' });
      address[f] = v || null;
    }
    if (problems.length) throw new AppError(422, 'validation_failed', `${problems[0].path} ${problems[0].message}`, problems);
    await correctAddress(ctx, o.order.id, address as never);
    return 'address_corrected';
  });

  action('cancel', async (ctx, o, form) => cancelByCustomer(ctx, o.order.id, o.link.purpose === 'email' ? 'sms_link' : viaOf(o.link), (form.reason ?? '').slice(0, 500)), { openOnly: true });

  action('phone', async (ctx, o, form) => {
    const phone = (form.phone ?? '').trim();
    if (!phone || phone.length > 50) throw new AppError(422, 'invalid_phone', 'Give a phone number', [{ path: 'phone', message: 'is required' }]);
    await restartWithPhone(ctx, o.order.id, phone);
    return 'phone_changed';
  }, { openOnly: true });
};

/**
 * What the customer typed, forgivingly: only text fields count (a JSON client's numbers or
 * objects are as good as missing), and text the database cannot store is cleaned, not refused.
 */
function customerForm(body: unknown): Form {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const text = Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string');
  return Object.fromEntries(text.map(([k, v]) => [storableCopy(k), storableCopy(v).slice(0, 2000)]));
}

function stateOf(order: OrderView): PageState {
  const v = String(order.verification.status);
  if (order.status === 'cancelled') return 'cancelled';
  if (!['pending', 'on_hold', 'confirmed'].includes(order.status)) return 'closed';
  if (order.status === 'confirmed' || ['confirmed', 'auto_confirmed', 'not_required'].includes(v)) return 'confirmed';
  return 'open';
}

function pageOrder(ctx: Ctx, o: OrderView): PageModel['order'] {
  const a = o.shipping_address as Record<string, string>;
  const slot = (o.delivery as { window_slot?: { date: string; from: string; to: string } } | null)?.window_slot ?? null;
  return {
    storeName: ctx.store.name, number: o.number, placedAt: new Date(o.placed_at), timezone: ctx.store.timezone,
    customerName: o.customer.name, phone: o.customer.phone,
    lines: o.lines.map((l) => ({ name: l.name ?? l.sku, quantity: l.quantity, total: l.total })),
    totals: o.totals, paymentMethod: o.payment.method === 'online' ? 'online' : 'cod',
    address: { ...a, line1: a.line1, city: a.city, country: a.country }, window: slot,
  };
}
