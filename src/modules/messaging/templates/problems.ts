import { scanPlaceholders } from './placeholders.ts';
import {
  MAX_BODY_CHARS,
  MAX_SUBJECT_CHARS,
  REQUIRED_VARIABLES,
  TEMPLATE_VARIABLES,
  type TemplateKey,
  type TemplateText,
} from './types.ts';

export interface TemplateProblem {
  /** "body" or "subject". */
  path: string;
  message: string;
}

function fieldProblems(key: TemplateKey, path: string, text: string): TemplateProblem[] {
  const allowed = TEMPLATE_VARIABLES[key];
  const { placeholders, malformed } = scanPlaceholders(text);
  const out: TemplateProblem[] = malformed.map((message) => ({ path, message }));
  const reported = new Set<string>();
  for (const { name } of placeholders) {
    if (allowed.includes(name) || reported.has(name)) continue;
    reported.add(name);
    out.push({ path, message: `Unknown variable {{${name}}}; allowed: ${allowed.join(', ')}` });
  }
  return out;
}

/** Everything wrong with a template a store wants to save; an empty list means it can be used. */
export function templateProblems(key: TemplateKey, t: TemplateText): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  const body = typeof t.body === 'string' ? t.body : '';
  if (body.trim() === '') out.push({ path: 'body', message: 'The message is empty' });
  if (body.length > MAX_BODY_CHARS) {
    out.push({ path: 'body', message: `The message is ${body.length} characters; the limit is ${MAX_BODY_CHARS}` });
  }
  out.push(...fieldProblems(key, 'body', body));

  // Required variables must be in the body: a link in an email subject cannot be clicked.
  const inBody = new Set(scanPlaceholders(body).placeholders.map((p) => p.name));
  for (const name of REQUIRED_VARIABLES[key]) {
    if (!inBody.has(name)) out.push({ path: 'body', message: `Missing required variable {{${name}}}` });
  }

  const subject = t.subject;
  if (key === 'unreachable_email') {
    if (subject === undefined || subject.trim() === '') {
      out.push({ path: 'subject', message: 'An email needs a subject' });
    } else {
      if (/[\r\n]/.test(subject)) out.push({ path: 'subject', message: 'The subject must be one line' });
      if (subject.length > MAX_SUBJECT_CHARS) {
        out.push({ path: 'subject', message: `The subject is ${subject.length} characters; the limit is ${MAX_SUBJECT_CHARS}` });
      }
      out.push(...fieldProblems(key, 'subject', subject));
    }
  } else if (subject !== undefined && subject.trim() !== '') {
    out.push({ path: 'subject', message: 'Only email templates have a subject' });
  }
  return out;
}
