import { z } from 'zod';

/** A file uploaded before it is attached to a message: put its fields into the message's `attachments`. */
export const uploadDto = z.object({
  filename: z.string(),
  content_type: z.string(),
  size: z.number().int(),
  storage_key: z.string().describe('Where the bytes are; valid in this workspace only'),
  sha256: z.string(),
});
export type UploadDto = z.infer<typeof uploadDto>;

export const uploadQuery = z
  .object({
    filename: z.string().trim().min(1).max(255).describe('The file’s name (the body is the raw bytes; Content-Type is the file’s type)'),
  })
  .strict();
