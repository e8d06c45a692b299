import type { Ctx } from '../../platform/context.ts';
import { unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { DEFAULT_TEMPLATES, TEMPLATE_VARIABLES, templateProblems, type Lang, type TemplateKey, type TemplateText } from './templates/index.ts';

export const TEMPLATE_KEYS = Object.keys(DEFAULT_TEMPLATES) as TemplateKey[];
export const LANGS: Lang[] = ['ar', 'en'];

/** The store's wording where it has one, wasl's otherwise. */
export async function templateText(ctx: Ctx, key: TemplateKey, lang: Lang): Promise<TemplateText & { custom: boolean }> {
  const [row] = await ctx.db.query<{ subject: string | null; body: string }>(
    `SELECT subject, body FROM message_templates WHERE store_id = $1 AND key = $2 AND lang = $3`,
    [ctx.store.id, key, lang],
  );
  if (row) return { ...(row.subject ? { subject: row.subject } : {}), body: row.body, custom: true };
  return { ...DEFAULT_TEMPLATES[key][lang], custom: false };
}

export async function listTemplates(ctx: Ctx) {
  const data = [];
  for (const key of TEMPLATE_KEYS) {
    const texts: Record<string, unknown> = {};
    for (const lang of LANGS) texts[lang] = await templateText(ctx, key, lang);
    data.push({ key, variables: TEMPLATE_VARIABLES[key], ...texts });
  }
  return { data };
}

/** Set (or with `null`, reset to wasl's default) the store's wording in one or both languages. */
export async function saveTemplate(ctx: Ctx, key: TemplateKey, texts: Partial<Record<Lang, TemplateText | null>>) {
  const problems = LANGS.flatMap((lang) => {
    const t = texts[lang];
    return t ? templateProblems(key, t).map((p) => ({ ...p, path: `${lang}.${p.path}` })) : [];
  });
  if (problems.length) throw unprocessable(`${problems[0].path} ${problems[0].message}`, problems, 'invalid_template');
  for (const lang of LANGS) {
    const t = texts[lang];
    if (t === null) await ctx.db.query(`DELETE FROM message_templates WHERE store_id = $1 AND key = $2 AND lang = $3`, [ctx.store.id, key, lang]);
    else if (t) {
      await ctx.db.query(
        `INSERT INTO message_templates (store_id, key, lang, subject, body, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (store_id, key, lang) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_at = EXCLUDED.updated_at`,
        [ctx.store.id, key, lang, t.subject ?? null, t.body, ctx.now()],
      );
    }
  }
  // For the audit log: which wording changed and who changed it (the texts are in the table).
  const changed = LANGS.filter((lang) => texts[lang] !== undefined);
  if (changed.length) {
    await recordEvent(ctx, 'message_template.changed', `template:${key}`, { key, langs: changed, reset: changed.filter((lang) => texts[lang] === null) });
  }
  return (await listTemplates(ctx)).data.find((t) => t.key === key);
}
