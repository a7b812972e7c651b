import type { Config } from './config';
import type { Db } from './db/client';
import type { FieldCipher } from './platform/crypto';
import type { Principal } from './platform/principal';

/** What every route and service needs, built once at start-up. */
export interface AppContext {
  db: Db;
  config: Config;
  cipher: FieldCipher;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
