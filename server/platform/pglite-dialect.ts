import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { CopyInData, copyRequestOf } from './copy.ts';
import type { Mutex } from './mutex.ts';

/**
 * Kysely dialect for PGlite. PGlite is a single connection: a transaction must
 * own it from BEGIN to COMMIT, or statements from other requests (and from the
 * job queue) would run inside it. The shared mutex gives it that ownership.
 */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly pglite: PGlite,
    private readonly mutex: Mutex,
  ) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.mutex);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const copy = copyRequestOf(compiled.parameters);
    if (copy instanceof CopyInData) return this.#copyIn<R>(compiled.sql, copy);
    if (copy) return this.#copyOut<R>(compiled.sql);
    const result = await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }
  /** COPY … FROM STDIN through PGlite's `/dev/blob` device, which stands for the input (copy.ts). */
  async #copyIn<R>(statement: string, input: CopyInData): Promise<QueryResult<R>> {
    const blob = new Blob([input.data as Uint8Array<ArrayBuffer>]);
    const result = await this.pglite.query<R>(statement.replace(/\bstdin\b/i, "'/dev/blob'"), [], { blob });
    return { rows: [], numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows) };
  }
  /** COPY … TO STDOUT through `/dev/blob`, which PGlite returns as the result's blob (copy.ts). */
  async #copyOut<R>(statement: string): Promise<QueryResult<R>> {
    // The last `stdout`: the statement's own target (copyTo checked there is one).
    const at = statement.toLowerCase().lastIndexOf('stdout');
    const result = await this.pglite.query(`${statement.slice(0, at)}'/dev/blob'${statement.slice(at + 'stdout'.length)}`);
    if (!result.blob) throw new Error('COPY … TO STDOUT: PGlite returned no output');
    const output = new Uint8Array(await result.blob.arrayBuffer());
    return { rows: [{ output } as R] };
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported on PGlite
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming');
  }
}

class PGliteDriver implements Driver {
  readonly #releases = new Map<DatabaseConnection, () => void>();
  readonly #connection: PGliteConnection;
  constructor(
    pglite: PGlite,
    private readonly mutex: Mutex,
  ) {
    this.#connection = new PGliteConnection(pglite);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire();
    this.#releases.set(this.#connection, release);
    return this.#connection;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery({ sql: `begin${level}`, parameters: [] } as unknown as CompiledQuery);
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery({ sql: 'commit', parameters: [] } as unknown as CompiledQuery);
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery({ sql: 'rollback', parameters: [] } as unknown as CompiledQuery);
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(conn);
    this.#releases.delete(conn);
    release?.();
  }
  async destroy(): Promise<void> {}
}
