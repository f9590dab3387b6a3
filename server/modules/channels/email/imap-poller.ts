import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { Selectable } from 'kysely';
import type { EmailMailboxesTable } from '../../../platform/schema.ts';
import type { SecretBox } from '../../../platform/secrets.ts';
import { type IngestDeps, ingestEmail } from './email-ingest.service.ts';
import * as repo from './email.repository.ts';
import type { SmtpListenerLogger } from './smtp-listener.ts';

/**
 * IMAP mailboxes → tickets. A supervised loop started by server.ts (not a pg-boss job: IDLE
 * needs a connection held open for minutes, and a job is a short unit of work). The supervisor
 * looks at the active mailboxes every `reconcileMs` and runs one worker per mailbox it can lease
 * (`lease_owner`/`lease_until`, so several app instances poll each mailbox once). A worker
 * connects, reads every message above the last UID it stored, hands each raw message to the
 * ingest service, and then waits for the server's EXISTS push (IDLE; imapflow falls back to
 * NOOP polling where IDLE is missing) or the poll interval, whichever comes first. Mail stays
 * in the mailbox, untouched; `uid_validity` + `last_uid` say how far we read, and ingest
 * dedupes by Message-ID, so a reset UIDVALIDITY re-reads the folder without double tickets.
 */
export interface ImapPollerDeps {
  ingest: IngestDeps;
  box: SecretBox;
  logger: SmtpListenerLogger;
  pollSeconds: number;
  /** How often the list of mailboxes is checked for new, changed and removed ones. */
  reconcileMs?: number;
}

type MailboxRow = Selectable<EmailMailboxesTable>;

function clientFor(mailbox: MailboxRow, box: SecretBox, pollSeconds: number): ImapFlow {
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    auth: { user: mailbox.username, pass: box.open(mailbox.password_sealed) },
    logger: false,
    // IDLE soon after each pass, restarted every poll interval (also the NOOP interval without IDLE).
    autoIdleDelay: 1_000,
    maxIdleTime: pollSeconds * 1000,
    missingIdleCommand: 'NOOP',
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
  });
}

/** Reads new mail of one open mailbox; returns how many messages were handed to ingest. */
export async function drainMailbox(client: ImapFlow, deps: Pick<ImapPollerDeps, 'ingest' | 'logger'>, mailbox: MailboxRow): Promise<number> {
  const { db } = deps.ingest;
  const lock = await client.getMailboxLock(mailbox.folder);
  try {
    const selected = client.mailbox;
    if (!selected) throw new Error(`folder ${mailbox.folder} could not be opened`);
    const uidValidity = String(selected.uidValidity);
    const current = (await repo.findMailbox(db, mailbox.workspace_id, mailbox.id)) ?? mailbox;
    if (current.uid_validity === null && !current.import_existing) {
      // First look at a mailbox that should not import its past: start from what arrives next.
      await repo.updateMailbox(db, mailbox.workspace_id, mailbox.id, { uid_validity: uidValidity, last_uid: Math.max(0, selected.uidNext - 1) });
      return 0;
    }
    let lastUid = current.uid_validity === uidValidity ? current.last_uid : 0;
    if (current.uid_validity !== uidValidity) await repo.updateMailbox(db, mailbox.workspace_id, mailbox.id, { uid_validity: uidValidity, last_uid: 0 });
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    let ingested = 0;
    for (const uid of uids) {
      const head = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
      const size = head ? (head.size ?? 0) : 0;
      if (size > deps.ingest.config.emailMaxMessageBytes) {
        deps.logger.warn({ mailboxId: mailbox.id, uid, size }, 'imap: message over the size limit left in the mailbox');
        await repo.updateMailbox(db, mailbox.workspace_id, mailbox.id, { last_error: `message UID ${uid} (${size} bytes) is over the size limit; left in the mailbox` });
      } else {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (message && message.source) {
          const result = await ingestEmail(deps.ingest, { workspaceId: mailbox.workspace_id, raw: message.source, envelope: { from: undefined, to: [] }, source: 'imap', mailboxId: mailbox.id });
          deps.logger.info({ mailboxId: mailbox.id, uid, result: result.status, ticketId: result.ticketId }, 'imap: message');
          ingested++;
        }
      }
      lastUid = uid;
      // Per message, so a crash resumes after the last one stored.
      await repo.updateMailbox(db, mailbox.workspace_id, mailbox.id, { last_uid: uid });
    }
    return ingested;
  } finally {
    lock.release();
  }
}

/** Connects, reads new mail once, disconnects (tests, and a manual "check now"). */
export async function pollMailboxOnce(deps: Pick<ImapPollerDeps, 'ingest' | 'logger' | 'box'>, workspaceId: string, mailboxId: string): Promise<number> {
  const mailbox = await repo.findMailbox(deps.ingest.db, workspaceId, mailboxId);
  if (!mailbox) throw new Error('mailbox not found');
  const client = clientFor(mailbox, deps.box, 60);
  client.on('error', () => {});
  await client.connect();
  try {
    const n = await drainMailbox(client, deps, mailbox);
    await recordPoll(deps, mailbox, null);
    return n;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function recordPoll(deps: Pick<ImapPollerDeps, 'ingest'>, mailbox: MailboxRow, error: string | null) {
  await repo.updateMailbox(deps.ingest.db, mailbox.workspace_id, mailbox.id, { last_polled_at: deps.ingest.now(), ...(error === null ? {} : { last_error: error.slice(0, 1000) }) });
}

class MailboxWorker {
  #stopped = false;
  #wake: (() => void) | null = null;
  #client: ImapFlow | null = null;
  readonly done: Promise<void>;

  constructor(
    private readonly deps: ImapPollerDeps,
    private readonly mailbox: MailboxRow,
    private readonly owner: string,
  ) {
    this.done = this.#run();
  }

  stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    this.#client?.close();
    return this.done;
  }

  /** Set by a push (EXISTS) that came while no sleep was waiting: the next sleep returns at once. */
  #pending = false;

  #nudge(): void {
    this.#pending = true;
    this.#wake?.();
  }

  #sleep(ms: number): Promise<void> {
    if (this.#pending || this.#stopped) {
      this.#pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        this.#pending = false;
        resolve();
      };
      this.#wake = done;
    });
  }

  async #lease(): Promise<boolean> {
    const now = this.deps.ingest.now();
    const until = new Date(now.getTime() + this.deps.pollSeconds * 3000 + 60_000);
    return repo.takeMailboxLease(this.deps.ingest.db, this.mailbox.workspace_id, this.mailbox.id, this.owner, now, until);
  }

  async #run(): Promise<void> {
    const { deps, mailbox } = this;
    while (!this.#stopped) {
      try {
        if (!(await this.#lease())) {
          await this.#sleep(deps.pollSeconds * 1000);
          continue;
        }
        const client = clientFor(mailbox, deps.box, deps.pollSeconds);
        this.#client = client;
        client.on('error', (error: Error) => deps.logger.warn({ mailboxId: mailbox.id, err: error }, 'imap: connection error'));
        client.on('exists', () => this.#nudge());
        client.on('close', () => this.#wake?.());
        await client.connect();
        // Connected and signed in: an earlier connection error is over.
        await repo.updateMailbox(deps.ingest.db, mailbox.workspace_id, mailbox.id, { last_error: null });
        while (!this.#stopped && client.usable && (await this.#lease())) {
          await drainMailbox(client, deps, mailbox);
          await recordPoll(deps, mailbox, null);
          await this.#sleep(deps.pollSeconds * 1000);
        }
        await client.logout().catch(() => client.close());
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.warn({ mailboxId: mailbox.id, err: error }, 'imap: poll failed');
        await recordPoll(deps, mailbox, message).catch(() => {});
        this.#client?.close();
        if (!this.#stopped) await this.#sleep(deps.pollSeconds * 1000);
      } finally {
        this.#client = null;
      }
    }
    await repo.releaseMailboxLease(deps.ingest.db, mailbox.workspace_id, mailbox.id, this.owner).catch(() => {});
  }
}

export interface ImapPoller {
  /** Look at the mailbox list now (after an API change, in tests). */
  reconcile(): Promise<void>;
  stop(): Promise<void>;
}

export function startImapPoller(deps: ImapPollerDeps): ImapPoller {
  const owner = `instance-${randomBytes(6).toString('hex')}`;
  const workers = new Map<string, { worker: MailboxWorker; version: number }>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function reconcileNow(): Promise<void> {
    if (stopped) return;
    const active = await repo.listActiveMailboxes(deps.ingest.db);
    const wanted = new Map(active.map((m) => [m.id, m]));
    for (const [id, entry] of workers) {
      const row = wanted.get(id);
      if (!row || row.updated_at.getTime() !== entry.version) {
        workers.delete(id);
        await entry.worker.stop();
      }
    }
    for (const row of active) {
      if (workers.has(row.id) || stopped) continue;
      const mailbox = await repo.findMailbox(deps.ingest.db, row.workspace_id, row.id);
      if (!mailbox) continue;
      workers.set(row.id, { worker: new MailboxWorker(deps, mailbox, owner), version: mailbox.updated_at.getTime() });
    }
  }

  const reconcile = () => {
    running = running.then(reconcileNow).catch((error: unknown) => deps.logger.error({ err: error }, 'imap: reconcile failed'));
    return running;
  };
  const timer = setInterval(() => void reconcile(), deps.reconcileMs ?? 30_000);
  void reconcile();

  return {
    reconcile,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await Promise.all([...workers.values()].map((w) => w.worker.stop()));
      workers.clear();
    },
  };
}
