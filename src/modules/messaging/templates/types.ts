export type TemplateKey = 'confirm_sms' | 'confirm_whatsapp' | 'unreachable_email';
export type Lang = 'ar' | 'en';

export interface TemplateText {
  /** Email only. */
  subject?: string;
  body: string;
}

const COMMON = ['customer_name', 'order_number', 'store_name', 'total', 'items', 'link'] as const;

/** The `{{variable}}` names a template may use; anything else is reported by templateProblems. */
export const TEMPLATE_VARIABLES: Record<TemplateKey, readonly string[]> = {
  confirm_sms: COMMON,
  confirm_whatsapp: COMMON,
  // The email exists because the phone failed, so it names the number we tried.
  unreachable_email: [...COMMON, 'phone'],
};

/**
 * Without the link an SMS or the email leaves the customer nothing to do. WhatsApp needs nothing:
 * its quick-reply buttons confirm or cancel on their own.
 */
export const REQUIRED_VARIABLES: Record<TemplateKey, readonly string[]> = {
  confirm_sms: ['link'],
  confirm_whatsapp: [],
  unreachable_email: ['link'],
};

export const MAX_BODY_CHARS = 1000;
export const MAX_SUBJECT_CHARS = 200;
