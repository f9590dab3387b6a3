import { z } from 'zod';
import { timestamp } from './common.ts';

/** Roles an API key can carry: never owner. */
export const apiKeyRoles = z.enum(['admin', 'supervisor', 'agent']);

/** An API key as listed: never the key itself nor its hash. */
export const apiKeyDto = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to recognise it'),
  role: apiKeyRoles,
  created_by: z.uuid().nullable(),
  created_at: timestamp,
  last_used_at: timestamp.nullable(),
  expires_at: timestamp.nullable(),
  revoked_at: timestamp.nullable(),
});
export type ApiKeyDto = z.infer<typeof apiKeyDto>;

/** The create response: the only time the key is ever shown. */
export const createdApiKeyDto = apiKeyDto.extend({
  key: z.string().describe('The secret key; shown only in this response, store it now'),
});
export type CreatedApiKeyDto = z.infer<typeof createdApiKeyDto>;

export const createApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: apiKeyRoles.describe('At most the role of whoever creates the key'),
    expires_at: z.iso.datetime({ offset: true }).nullable().optional().describe('RFC 3339; must be in the future'),
  })
  .strict();
