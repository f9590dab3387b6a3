import { expect, it } from 'vitest';
import { createWorkspace } from '../../test/factories.ts';
import { call, describeEngines } from '../../test/harness.ts';

describeEngines(
  'HTTP edge',
  (get) => {
    it('answers health and readiness', async () => {
      const { app, engine } = get();
      expect((await call(app, 'GET', '/healthz')).json()).toEqual({ status: 'ok' });
      const ready = await call(app, 'GET', '/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', engine });
    });

    it('publishes an OpenAPI 3.1 document and browsable docs', async () => {
      const { app } = get();
      const doc = (await call(app, 'GET', '/api/openapi.json')).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/session', '/api/v1/customers']));
      expect(doc.paths['/api/v1/tickets'].post.requestBody).toBeDefined();
      const docs = await call(app, 'GET', '/api/docs/');
      expect(docs.statusCode).toBe(200);
      expect(docs.headers['content-type']).toContain('text/html');
    });

    it('answers unknown routes, oversize bodies and wrong content types with problem+json', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const missing = await call(app, 'GET', '/api/v1/nothing-here', { as: ws.as });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.json()).toMatchObject({ code: 'not_found', status: 404 });

      const huge = await call(app, 'POST', '/api/v1/tickets', {
        as: ws.as,
        body: { subject: 'x', customer: { email: 'a@b.co' }, message: { body_text: 'x'.repeat(5000) } },
      });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().code).toBe('payload_too_large');

      const text = await call(app, 'POST', '/api/v1/tickets', { as: ws.as, body: 'hello', headers: { 'content-type': 'text/plain' } });
      expect(text.statusCode).toBe(415);
      expect(text.json().code).toBe('unsupported_media_type');
    });

    it('never leaks a stack trace and always returns the request id', async () => {
      const { app } = get();
      const res = await call(app, 'POST', '/api/v1/session', { body: '{"email":', headers: { 'x-request-id': 'req-123' } });
      expect(res.statusCode).toBe(400);
      expect(res.headers['x-request-id']).toBe('req-123');
      expect(res.json()).toMatchObject({ code: 'malformed_json', request_id: 'req-123' });
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    });
  },
  { config: { GAPWISE_BODY_LIMIT_BYTES: '4096' } },
);
