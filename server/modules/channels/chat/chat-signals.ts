import type { Kysely } from 'kysely';
import { type Database, executeRaw } from '../../../platform/db.ts';
import type { DB } from '../../../platform/schema.ts';
import { WorkspaceFanout } from '../../../platform/realtime.ts';

export const CHAT_SIGNALS_CHANNEL = 'gapwise_chat';

/**
 * Typing indicators: ephemeral, never stored, so they do not travel as ticket events. They use
 * their own LISTEN/NOTIFY channel, so an agent typing through one instance reaches the visitor's
 * socket on another (and the other way round), like the EventBus does for stored events.
 */
export interface ChatSignal {
  workspace_id: string;
  ticket_id: string;
  from: 'agent' | 'visitor';
  typing: boolean;
}

export class ChatSignals extends WorkspaceFanout<ChatSignal> {
  constructor(database: Database) {
    super(database, CHAT_SIGNALS_CHANNEL);
  }

  async send(db: Kysely<DB>, signal: ChatSignal): Promise<void> {
    await executeRaw(db, 'select pg_notify($1, $2)', [CHAT_SIGNALS_CHANNEL, JSON.stringify(signal)]);
  }
}
