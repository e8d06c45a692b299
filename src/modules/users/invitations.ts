import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { bilingual, conflict, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { onlyOwners } from './change-user.ts';
import { mayManageRole, roleLabel } from './permissions.ts';
import { hashToken } from './sessions.ts';
import { decodeCursor, encodeCursor } from './users.ts';

export interface InvitationRow {
  id: string;
  store_id: string;
  email: string;
  role: string;
  name: string | null;
  invited_by: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}
export const INVITATION_COLUMNS = 'id, store_id, email, role, name, invited_by, created_at, expires_at, accepted_at, revoked_at';

export function invitationView(i: InvitationRow) {
  return { id: i.id, email: i.email, role: i.role, role_label: roleLabel(i.role), name: i.name, invited_by: i.invited_by, created_at: i.created_at, expires_at: i.expires_at };
}

export const invitationsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Invitations not yet accepted, withdrawn or expired, newest first. */
export async function listInvitations(ctx: Ctx, q: z.infer<typeof invitationsQuery>) {
  const rows = await ctx.db.query<InvitationRow>(
    `SELECT ${INVITATION_COLUMNS} FROM user_invitations
      WHERE store_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2 AND ($3::text IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4`,
    [ctx.store.id, ctx.now(), q.cursor ? decodeCursor(q.cursor, 'inv') : null, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  return { data: page.map(invitationView), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].id) : null };
}

/** Withdraw an invitation: its link stops working. Withdrawing twice is fine; an accepted one is 409. */
export async function revokeInvitation(ctx: Ctx, id: string) {
  const [row] = await ctx.db.query<InvitationRow>(
    `SELECT ${INVITATION_COLUMNS} FROM user_invitations WHERE store_id = $1 AND id = $2 FOR UPDATE`,
    [ctx.store.id, id],
  );
  if (!row) throw notFound('Invitation');
  if (!mayManageRole(ctx.role ?? '', row.role)) throw onlyOwners();
  if (row.accepted_at) throw conflict('invitation_accepted', 'This invitation was already accepted; change or disable the user instead');
  if (row.revoked_at) return;
  await ctx.db.query(`UPDATE user_invitations SET revoked_at = $2 WHERE id = $1`, [id, ctx.now()]);
  await recordEvent(ctx, 'invitation.revoked', id, { email: row.email });
}

const ASK = { en: 'Ask the person who invited you for a new link.', ar: 'اطلب رابطًا جديدًا ممن دعاك.' };
const PROBLEMS = {
  not_found: { status: 404, code: 'invitation_not_found', en: 'This invitation link does not exist. Check that you have the whole link.', ar: 'رابط الدعوة هذا غير موجود. تأكد من أن الرابط كامل.' },
  used: { status: 410, code: 'invitation_used', en: 'This invitation was already used. Sign in instead.', ar: 'تم استخدام هذه الدعوة من قبل. سجّل الدخول بدلًا من ذلك.' },
  revoked: { status: 410, code: 'invitation_revoked', en: `This invitation was withdrawn. ${ASK.en}`, ar: `تم إلغاء هذه الدعوة. ${ASK.ar}` },
  expired: { status: 410, code: 'invitation_expired', en: `This invitation has expired. ${ASK.en}`, ar: `انتهت صلاحية هذه الدعوة. ${ASK.ar}` },
};
const refuse = (kind: keyof typeof PROBLEMS) => {
  const p = PROBLEMS[kind];
  return bilingual(p.status, p.code, p);
};

/** The invitation behind a link, if it can still be accepted (else a 404 or 410 that says why). */
export async function openInvitation(db: Sql, token: string, now: Date, opts: { lock?: boolean } = {}): Promise<InvitationRow> {
  const [row] = /^[A-Za-z0-9_-]{20,100}$/.test(token)
    ? await db.query<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM user_invitations WHERE token_hash = $1${opts.lock ? ' FOR UPDATE' : ''}`, [hashToken(token)])
    : [];
  if (!row) throw refuse('not_found');
  if (row.accepted_at) throw refuse('used');
  if (row.revoked_at) throw refuse('revoked');
  if (new Date(row.expires_at) <= now) throw refuse('expired');
  return row;
}
