import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uploadDto, uploadQuery } from '../../../contracts/uploads.ts';
import { contextOf } from '../../http/context.ts';
import { storeUpload } from './attachment-upload.service.ts';

/**
 * `POST /uploads`: the raw file as the body. Its own plugin, because it replaces the body
 * parsers (any Content-Type is the file's type, kept as bytes, up to GAPWISE_UPLOAD_MAX_BYTES)
 * without touching the JSON parsing of every other route.
 */
export async function attachmentUploadRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const limit = app.deps.config.uploadMaxBytes;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));

  app.post(
    '/uploads',
    {
      config: { auth: 'agent' },
      bodyLimit: limit,
      schema: {
        tags: ['tickets'],
        summary: 'Upload a file to attach to a message',
        description:
          'The body is the file’s bytes; `Content-Type` is its type, `filename` (query) its name. Answers the attachment to put in `attachments` of POST /tickets/:id/messages. Larger than GAPWISE_UPLOAD_MAX_BYTES: 413.',
        querystring: uploadQuery,
        response: { 201: uploadDto },
      },
    },
    async (request, reply) => {
      const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const upload = await storeUpload(request.server.deps.config, contextOf(request), {
        filename: request.query.filename,
        contentType: request.headers['content-type'],
        content,
      });
      return reply.status(201).send(upload);
    },
  );
}
