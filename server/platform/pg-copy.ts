/**
 * COPY on node-postgres for copy.ts: each pooled client's `query` runs a statement whose one
 * parameter is a COPY marker (input for FROM STDIN, a request for TO STDOUT) as a COPY instead
 * (node-postgres has no COPY of its own). Installed once per client when the pool connects it
 * (db.ts).
 *
 * The input is written right behind the statement, without waiting for the server's
 * CopyInResponse. The protocol allows it: the server reads the CopyData once it is in copy mode,
 * and if the statement fails before that (a bad table, a lock timeout) it drops any CopyData and
 * CopyDone that follow ("any subsequent CopyData, CopyDone, or CopyFail messages issued by the
 * frontend will simply be dropped", protocol docs, COPY operations). Waiting for the response
 * (as pg-copy-streams, used before, does) costs a round trip through the app's event loop per
 * COPY, which in a recompute is often busy computing the other batch. The saving was not
 * measurable above the bench machine's noise; the round trip and a dependency are gone.
 */
import type pg from 'pg';
import { CopyInData, copyRequestOf } from './copy.ts';

type Query = (...args: unknown[]) => unknown;

export function enableCopy(client: pg.Client): void {
  const query = client.query.bind(client) as Query;
  (client as unknown as { query: Query }).query = (...args: unknown[]) => {
    const [text, values] = args;
    const request = typeof text === 'string' && Array.isArray(values) ? copyRequestOf(values) : null;
    if (!request) return query(...args);
    const copy = request instanceof CopyInData ? new CopyIn(text as string, request.data) : new CopyOut(text as string);
    query(copy);
    return copy.result;
  };
}

/** What a COPY gives back, in the shape of a node-postgres result (Kysely reads rowCount and rows). */
interface CopyResult {
  command: 'COPY';
  rowCount: number;
  /** None for COPY … FROM STDIN; for COPY … TO STDOUT one, with everything the server sent (copy.ts). */
  rows: { output: Buffer }[];
}

/** The connection's parts a submittable uses (node-postgres' Connection, not in its types). */
interface Connection {
  query(text: string): void;
  stream: { write(data: Uint8Array): boolean; cork(): void; uncork(): void };
}

const COPY_DATA = 0x64; // 'd'
const COPY_DONE = Buffer.from([0x63, 0, 0, 0, 4]); // 'c', length 4

/**
 * A COPY as a node-postgres submittable: the client calls `submit` when the connection is free,
 * then the handlers as the server answers. Settles when the server is ready for the next
 * statement, or on an error.
 */
abstract class CopySubmittable {
  readonly result: Promise<CopyResult>;
  private settle!: { resolve(result: CopyResult): void; reject(error: unknown): void };
  private rowCount = 0;

  constructor(protected readonly text: string) {
    this.result = new Promise<CopyResult>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Never an unhandled rejection: the caller awaits `result`.
    this.result.catch(() => {});
  }

  abstract submit(connection: Connection): void;

  /** The result's rows, once the server is done. */
  protected abstract rows(): { output: Buffer }[];

  /** node-postgres wraps this for its query timeout; nothing to do here. */
  callback(): void {}

  handleCommandComplete(message: { text?: string }): void {
    const match = /^COPY (\d+)/.exec(message.text ?? '');
    if (match) this.rowCount = Number(match[1]);
  }

  /**
   * The statement failed (or the connection did). The client is done with this statement here: it
   * holds the next one back until the server's ReadyForQuery itself (which cannot settle the
   * result again).
   */
  handleError(error: unknown): void {
    this.settle.reject(error);
  }

  handleReadyForQuery(): void {
    this.settle.resolve({ command: 'COPY', rowCount: this.rowCount, rows: this.rows() });
  }

  // node-postgres calls these only for other kinds of statement (or the other direction of COPY).
  handleCopyInResponse(): void {}
  handleCopyData(_message: { chunk: Buffer }): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

/** COPY … FROM STDIN: the input goes right behind the statement (see the top of this file). */
class CopyIn extends CopySubmittable {
  constructor(
    text: string,
    private readonly data: Uint8Array,
  ) {
    super(text);
  }

  submit(connection: Connection): void {
    const header = Buffer.allocUnsafe(5);
    header[0] = COPY_DATA;
    header.writeUInt32BE(this.data.length + 4, 1);
    // One system call for the four messages, not four: on the bench machine a write to the
    // server's socket cost a third of a millisecond and more (bench/sla-recompute.ts, CPU profile).
    connection.stream.cork();
    connection.query(this.text);
    connection.stream.write(header);
    connection.stream.write(this.data);
    connection.stream.write(COPY_DONE);
    connection.stream.uncork();
  }

  protected rows(): { output: Buffer }[] {
    return [];
  }
}

/**
 * COPY … TO STDOUT: the server sends each row as a CopyData message, which node-postgres parses and
 * hands to `handleCopyData`. Each row is copied into one buffer (growing by doubling) at once: the
 * message's bytes are a view of node-postgres' own read buffer, which it reuses for later messages.
 */
class CopyOut extends CopySubmittable {
  private output = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  override handleCopyData(message: { chunk: Buffer }): void {
    const chunk = message.chunk;
    if (this.length + chunk.length > this.output.length) {
      let size = this.output.length * 2;
      while (size < this.length + chunk.length) size *= 2;
      const next = Buffer.allocUnsafe(size);
      next.set(this.output.subarray(0, this.length));
      this.output = next;
    }
    this.output.set(chunk, this.length); // a typed-array copy: Buffer#copy costs more per call, once per row
    this.length += chunk.length;
  }

  protected rows(): { output: Buffer }[] {
    return [{ output: this.output.subarray(0, this.length) }];
  }
}
