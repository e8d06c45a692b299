/** The texts wasl sends to customers, in Arabic and English, and how they are checked and filled. */
export {
  type Lang,
  type TemplateKey,
  type TemplateText,
  TEMPLATE_VARIABLES,
  REQUIRED_VARIABLES,
  MAX_BODY_CHARS,
  MAX_SUBJECT_CHARS,
} from './types.ts';
export { DEFAULT_TEMPLATES } from './defaults.ts';
export { renderTemplate } from './render.ts';
export { templateProblems, type TemplateProblem } from './problems.ts';
export { emailHtml } from './email-html.ts';
export {
  WHATSAPP_TEMPLATE,
  WHATSAPP_TEMPLATE_LANG,
  WHATSAPP_BUTTON_TEXT,
  whatsappBodyParams,
  whatsappTemplateBody,
} from './whatsapp.ts';
