import type { Lang, TemplateText } from './types.ts';

/**
 * The approved Meta template: body variables go as {{1}}…{{4}} in this order, and the two
 * quick-reply buttons carry these payloads back in the webhook.
 */
export const WHATSAPP_TEMPLATE = {
  name: 'wasl_order_confirmation',
  params: ['customer_name', 'order_number', 'total', 'link'] as const,
  quickReplies: ['confirm', 'cancel'] as const,
};

export const WHATSAPP_TEMPLATE_LANG: Record<Lang, string> = { ar: 'ar', en: 'en' };

/** Button texts to register with the template; the default body names them, so keep them in step. */
export const WHATSAPP_BUTTON_TEXT: Record<Lang, Record<(typeof WHATSAPP_TEMPLATE.quickReplies)[number], string>> = {
  ar: { confirm: 'تأكيد الطلب', cancel: 'إلغاء الطلب' },
  en: { confirm: 'Confirm order', cancel: 'Cancel order' },
};

/**
 * Values for the template's body parameters. Meta rejects a parameter with a line break, a tab or
 * more than four spaces in a row, and an empty one, so values are flattened and never empty.
 */
export function whatsappBodyParams(vars: Record<string, string>): string[] {
  return WHATSAPP_TEMPLATE.params.map((name) => {
    const v = Object.hasOwn(vars, name) ? String(vars[name] ?? '') : '';
    const flat = v.replace(/\s+/g, ' ').trim();
    return flat === '' ? '-' : flat;
  });
}

/** A body written with names, turned into Meta's numbered form (`{{customer_name}}` → `{{1}}`). */
export function whatsappTemplateBody(t: TemplateText): string {
  const params: readonly string[] = WHATSAPP_TEMPLATE.params;
  return t.body.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (m, name: string) => {
    const i = params.indexOf(name);
    return i === -1 ? m : `{{${i + 1}}}`;
  });
}
