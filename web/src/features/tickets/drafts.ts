import type { MacroActions } from './macros-api.ts';
import type { AttachmentMeta } from './uploads.ts';

/**
 * Reply drafts per ticket in localStorage: a reload, a crash or a failed send never loses what
 * the agent typed, the files already uploaded, or the macro whose changes apply on send.
 */
export interface DraftMacro {
  id: string;
  name: string;
  actions: MacroActions;
}

export interface Draft {
  kind: 'public_reply' | 'internal_note';
  text: string;
  attachments: AttachmentMeta[];
  macro: DraftMacro | null;
}

const key = (ticketId: string) => `gapwise.draft.${ticketId}`;

export const emptyDraft = (kind: Draft['kind'] = 'public_reply'): Draft => ({ kind, text: '', attachments: [], macro: null });

export function loadDraft(ticketId: string): Draft {
  try {
    const raw = localStorage.getItem(key(ticketId));
    if (raw) {
      const value = JSON.parse(raw) as Partial<Draft>;
      return {
        kind: value.kind === 'internal_note' ? 'internal_note' : 'public_reply',
        text: typeof value.text === 'string' ? value.text : '',
        attachments: Array.isArray(value.attachments) ? value.attachments.filter((a) => typeof a?.filename === 'string' && typeof a.storage_key === 'string') : [],
        macro: value.macro && typeof value.macro.id === 'string' && typeof value.macro.name === 'string' ? { id: value.macro.id, name: value.macro.name, actions: value.macro.actions ?? {} } : null,
      };
    }
  } catch {
    // A corrupt draft is dropped rather than breaking the page.
  }
  return emptyDraft();
}

export function isEmptyDraft(draft: Draft): boolean {
  return draft.text === '' && draft.attachments.length === 0 && draft.macro === null;
}

export function saveDraft(ticketId: string, draft: Draft): void {
  if (isEmptyDraft(draft)) localStorage.removeItem(key(ticketId));
  else localStorage.setItem(key(ticketId), JSON.stringify(draft));
}
