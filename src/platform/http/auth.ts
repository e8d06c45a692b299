import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { unauthorized } from '../errors.ts';
import type { Services } from '../services.ts';
import { findKeyOwner, getStore } from '../../modules/stores/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
}

/** Every `/v1` route but the storefront webhooks (they carry their own signatures) needs a key. */
export async function authenticate(services: Services, req: FastifyRequest): Promise<Ctx> {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthorized();
  const owner = await findKeyOwner(services.db, m[1]);
  if (!owner) throw unauthorized('This API key is not valid or was revoked');
  const store = await getStore(services.db, owner.storeId);
  return {
    db: services.db,
    store,
    actor: { type: 'api_key', id: owner.keyId, name: owner.name },
    now: () => new Date(),
    log: req.log,
  };
}
