import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The policy of the web UI and /api/docs. Scripts only from our origin (the Vite build emits module
 * scripts, no inline ones; Swagger UI loads its initializer as a file). Styles allow 'unsafe-inline'
 * because antd writes its CSS-in-JS into <style> elements at run time and Swagger UI sets style
 * attributes; inline style cannot run script. data: images are the favicon and Swagger UI's icons.
 */
export const appCsp = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} satisfies Record<string, string[]>;

/**
 * Documents the API renders from table content (the official layout, the 自评表) carry no script and
 * load nothing: nothing at all may run or be fetched there, even if escaping ever failed.
 */
export const documentCsp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/** One year, as browsers' preload lists expect; sent only over HTTPS (RFC 6797 §7.2). */
export const hstsValue = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response (routes, static files, 404s, errors): CSP, nosniff, framing,
 * referrer policy (helmet), HSTS only when the request came over HTTPS (directly or via a trusted
 * proxy), a locked-down CSP for HTML documents rendered from table content, and no caching of answers
 * given to a signed-in user (a shared cache must never hand them to someone else).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      // Not upgrade-insecure-requests: on a plain-HTTP intranet install it would break every asset.
      directives: appCsp,
    },
    // HSTS over plain HTTP is ignored by browsers and wrong behind a TLS-less test proxy; set below.
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Exported documents and downloads are opened in new tabs; Swagger UI needs no cross-origin isolation.
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', hstsValue);
    const path = request.url.split('?')[0] ?? '';
    const type = String(reply.getHeader('content-type') ?? '');
    if (path.startsWith('/api/') && !path.startsWith('/api/docs')) {
      if (type.startsWith('text/html')) reply.header('content-security-policy', documentCsp);
      if (request.user && reply.getHeader('cache-control') === undefined) {
        reply.header('cache-control', 'no-store');
      }
    }
    return payload;
  });
}
