import type { FastifyInstance } from 'fastify';
import { widgetBundle } from './widget-bundle.ts';

/**
 * `GET /widget.js` (outside /api/v1, so the embed snippet stays short):
 * `<script src="https://host/widget.js" data-workspace="acme" async></script>`.
 */
export async function chatWidgetRoutes(app: FastifyInstance) {
  app.get('/widget.js', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const bundle = await widgetBundle();
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept-encoding')
      .header('etag', bundle.etag);
    if (request.headers['if-none-match'] === bundle.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(bundle.gzip);
    return reply.send(bundle.js);
  });
}
