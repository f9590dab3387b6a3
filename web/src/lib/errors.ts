import type { TFunction } from 'i18next';
import { i18next } from './i18n.ts';
import { ApiError } from './api.ts';

/** A readable, translated message for a failed request; the server's detail when we have no words for its code. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (i18next.exists(`errors.${error.code}`)) return t(`errors.${error.code}`);
    return t('errors.generic', { detail: error.detail ?? error.code });
  }
  return t('errors.generic', { detail: error instanceof Error ? error.message : String(error) });
}

/** The message the server attached to one field (problem+json `issues`), if any. */
export function fieldIssue(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.issues.find((i) => i.path === field || i.path.endsWith(`.${field}`))?.message;
}
