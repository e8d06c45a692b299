import type { Lang, TemplateKey, TemplateText } from './types.ts';

/*
 * The texts a store sends until it writes its own. Arabic is plain Modern Standard with words a
 * Saudi merchant uses (طلب، رابط، الإجمالي، موعد التوصيل), so buyers in Egypt read it as easily.
 * Every text starts and ends with words, not a variable: Meta refuses WhatsApp templates that
 * begin or end with a parameter, and an SMS that opens with the store's name is recognised.
 */

const confirmSms: Record<Lang, TemplateText> = {
  // Two Arabic SMS segments with a typical link; clarity matters more than the second segment.
  ar: { body: '{{store_name}}: نرجو تأكيد طلبك رقم {{order_number}} عبر الرابط: {{link}}' },
  en: { body: '{{store_name}}: please confirm your order #{{order_number}} here: {{link}}' },
};

// Uses only WHATSAPP_TEMPLATE.params, in their order, so this text can be submitted to Meta as is.
const confirmWhatsapp: Record<Lang, TemplateText> = {
  ar: {
    body: [
      'مرحبًا {{customer_name}}،',
      'وصلنا طلبك، ونرجو تأكيده حتى نجهّزه للشحن.',
      '',
      'رقم الطلب: {{order_number}}',
      'الإجمالي: {{total}}',
      '',
      'اضغط «تأكيد الطلب» أو «إلغاء الطلب» بالأسفل، أو افتح الرابط لمراجعة طلبك واختيار موعد التوصيل:',
      '{{link}}',
      '',
      'شكرًا لك، ونسعد بخدمتك.',
    ].join('\n'),
  },
  en: {
    body: [
      'Hello {{customer_name}},',
      "We've received your order. Please confirm it so we can get it ready for shipping.",
      '',
      'Order number: {{order_number}}',
      'Total: {{total}}',
      '',
      'Press "Confirm order" or "Cancel order" below, or open the link to check your order and choose a delivery time:',
      '{{link}}',
      '',
      'Thank you!',
    ].join('\n'),
  },
};

// No confirmation is possible from an email (anyone may read it), so it only offers a new number
// or cancelling, and says plainly that nothing ships until we reach the customer.
const unreachableEmail: Record<Lang, TemplateText> = {
  ar: {
    subject: 'لم نتمكن من الوصول إليك بخصوص طلبك رقم {{order_number}}',
    body: [
      'مرحبًا {{customer_name}}،',
      '',
      'شكرًا لطلبك من {{store_name}}. حاولنا التواصل معك على الرقم {{phone}} لتأكيد طلبك رقم {{order_number}}، لكننا لم نتمكن من الوصول إليك.',
      '',
      'طلبك محفوظ لدينا، ولن نشحنه قبل أن نتمكن من التواصل معك.',
      '',
      'تفاصيل الطلب: {{items}}',
      'الإجمالي: {{total}}',
      '',
      'إذا كان الرقم غير صحيح أو تفضّل رقمًا آخر، أرسل لنا رقمك الجديد من الرابط التالي وسنرسل إليه رسالة تأكيد جديدة. ومن الصفحة نفسها يمكنك إلغاء الطلب إن لم تعد بحاجة إليه:',
      '{{link}}',
      '',
      'وإذا كان الرقم صحيحًا فلا يلزمك فعل شيء الآن، فقد نعاود الاتصال بك قريبًا.',
      '',
      'مع خالص التحية،',
      'فريق {{store_name}}',
    ].join('\n'),
  },
  en: {
    subject: "We couldn't reach you about your order #{{order_number}}",
    body: [
      'Hello {{customer_name}},',
      '',
      "Thank you for your order from {{store_name}}. We tried to reach you on {{phone}} to confirm order #{{order_number}}, but we couldn't get through.",
      '',
      "Your order is saved, but we won't ship it until we've been able to reach you.",
      '',
      'Your order: {{items}}',
      'Total: {{total}}',
      '',
      "If that number is wrong or you'd prefer another one, send us your new number on the page below and we'll send a new confirmation to it. You can also cancel the order there if you no longer need it:",
      '{{link}}',
      '',
      "If the number is right, there's nothing you need to do now; we may call you again soon.",
      '',
      'Kind regards,',
      'The {{store_name}} team',
    ].join('\n'),
  },
};

export const DEFAULT_TEMPLATES: Record<TemplateKey, Record<Lang, TemplateText>> = {
  confirm_sms: confirmSms,
  confirm_whatsapp: confirmWhatsapp,
  unreachable_email: unreachableEmail,
};
