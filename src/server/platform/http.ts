import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { lookupSession } from './auth-service';
import { AppError } from './errors';

export const SESSION_COOKIE = 'xjkp_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** reachable without a session (login, health, docs) */
    public?: boolean;
    /** reachable while the account must still change its initial password */
    allowPasswordChangePending?: boolean;
  }
}

/** Cookies, security headers, rate limiting and the session/CSRF gate in front of /api. */
export async function registerHttpSecurity(app: FastifyInstance): Promise<void> {
  const { config } = app.ctx;
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  // Only routes that opt in (login) are limited; see the route's config.rateLimit.
  await app.register(rateLimit, { global: false });

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    // the matched route, not the raw URL: '/%61pi/people' is routed to /api/people and must not skip this
    if (!(req.routeOptions.url ?? req.url).startsWith('/api/')) return;
    const cfg = req.routeOptions.config;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await lookupSession(app.ctx, token);
      if (found.ok) req.principal = found.principal;
      else if (!cfg?.public) throw new AppError(found.reason);
    }
    if (cfg?.public) return;
    if (!req.principal) throw new AppError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.principal.csrfToken) {
      throw new AppError('CSRF');
    }
    if (req.principal.mustChangePassword && !cfg?.allowPasswordChangePending) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });
}

/** The principal of an authenticated route; the gate above guarantees it is there. */
export function principalOf(req: FastifyRequest) {
  if (!req.principal) throw new AppError('UNAUTHENTICATED');
  return req.principal;
}
