/**
 * PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary
 * Format"), for the few bulk paths where the server's cost of parsing or formatting text was most
 * of a statement's time (the SLA recompute, bench/sla-recompute.ts). Pure: bytes in, bytes out.
 *
 * A field's bytes are the type's binary representation, which the server trusts to match the
 * column: a writer must write each column in its column's exact type (uuid, text, int4, int8,
 * timestamptz) — a wrong type is not a parse error but a wrong value or an "insufficient data"
 * error. Values are checked here (uuid syntax, integer ranges) so nothing else can go wrong.
 */
import { isUuid } from './ids.ts';

const SIGNATURE = Uint8Array.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
/** Signature, flags (no OIDs), header extension length. */
const HEADER_LENGTH = SIGNATURE.length + 8;
/** timestamptz is microseconds since 2000-01-01 UTC (integer datetimes, every supported server). */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;

export class BinaryCopyError extends Error {}

/** Rows for `COPY … FROM STDIN WITH (FORMAT binary)`, field by field in column order. */
export class BinaryCopyWriter {
  #buffer: Buffer;
  #view: DataView;
  #length = 0;
  readonly #uuids = new Map<string, Uint8Array>();

  constructor(initialBytes = 64 * 1024) {
    this.#buffer = Buffer.allocUnsafe(Math.max(initialBytes, HEADER_LENGTH + 2));
    this.#view = new DataView(this.#buffer.buffer, this.#buffer.byteOffset, this.#buffer.byteLength);
    this.#buffer.set(SIGNATURE, 0);
    this.#view.setInt32(SIGNATURE.length, 0);
    this.#view.setInt32(SIGNATURE.length + 4, 0);
    this.#length = HEADER_LENGTH;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.#reserve(2);
    this.#view.setInt16(this.#length, fields);
    this.#length += 2;
    return this;
  }

  null(): this {
    this.#reserve(4);
    this.#view.setInt32(this.#length, -1);
    this.#length += 4;
    return this;
  }

  /** A uuid in its canonical text form (any case), or null. */
  uuid(value: string | null): this {
    if (value === null) return this.null();
    // Bulk rows repeat a few uuids (a workspace, a ticket's several rows, a few policies): each
    // distinct one is checked and converted once.
    let bytes = this.#uuids.get(value);
    if (!bytes) {
      bytes = uuidBytes(value);
      if (this.#uuids.size >= 4096) this.#uuids.clear();
      this.#uuids.set(value, bytes);
    }
    this.#reserve(20);
    this.#view.setInt32(this.#length, 16);
    this.#buffer.set(bytes, this.#length + 4);
    this.#length += 20;
    return this;
  }

  text(value: string | null): this {
    if (value === null) return this.null();
    const bytes = Buffer.byteLength(value, 'utf8');
    this.#reserve(4 + bytes);
    this.#view.setInt32(this.#length, bytes);
    this.#length += 4;
    this.#length += this.#buffer.write(value, this.#length, 'utf8');
    return this;
  }

  int4(value: number | null): this {
    if (value === null) return this.null();
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) throw new BinaryCopyError(`not an int4: ${value}`);
    this.#reserve(8);
    this.#view.setInt32(this.#length, 4);
    this.#view.setInt32(this.#length + 4, value);
    this.#length += 8;
    return this;
  }

  int8(value: number | null): this {
    if (value === null) return this.null();
    if (!Number.isSafeInteger(value)) throw new BinaryCopyError(`not a safe integer for int8: ${value}`);
    this.#reserve(12);
    this.#view.setInt32(this.#length, 8);
    this.#writeInt64(this.#length + 4, value);
    this.#length += 12;
    return this;
  }

  /** A timestamptz from epoch milliseconds (or a Date), or null. */
  timestamptz(value: number | Date | null): this {
    if (value === null) return this.null();
    const ms = typeof value === 'number' ? value : value.getTime();
    if (!Number.isFinite(ms)) throw new BinaryCopyError(`not an instant: ${String(value)}`);
    return this.int8((Math.trunc(ms) - POSTGRES_EPOCH_MS) * 1000);
  }

  /** The rows written so far, with the trailer. The writer is spent. */
  finish(): Buffer {
    this.#reserve(2);
    this.#view.setInt16(this.#length, -1);
    this.#length += 2;
    return this.#buffer.subarray(0, this.#length);
  }

  /** Two's complement big-endian from a safe integer, without a BigInt. */
  #writeInt64(at: number, value: number): void {
    const high = Math.floor(value / TWO_32);
    this.#view.setInt32(at, high);
    this.#view.setUint32(at + 4, value - high * TWO_32);
  }

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return;
    let size = this.#buffer.length * 2;
    while (size < this.#length + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buffer.copy(next, 0, 0, this.#length);
    this.#buffer = next;
    this.#view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }
}

function uuidBytes(value: string): Uint8Array {
  if (!isUuid(value)) throw new BinaryCopyError(`not a uuid: ${JSON.stringify(value)}`);
  const bytes = new Uint8Array(16);
  let at = 0;
  // 32 hex digits around four dashes, two digits per byte.
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) i++;
    bytes[at++] = (HEX[value.charCodeAt(i)] as number) * 16 + (HEX[value.charCodeAt(i + 1)] as number);
  }
  return bytes;
}

/** Hex digit value by character code. */
const HEX: number[] = (() => {
  const table = new Array<number>(128).fill(0);
  for (let i = 0; i < 10; i++) table[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[65 + i] = 10 + i;
    table[97 + i] = 10 + i;
  }
  return table;
})();

/**
 * Rows of `COPY … TO STDOUT WITH (FORMAT binary)`, field by field in column order: each read
 * must name the column's exact type (as for the writer). A cursor over the bytes: `offset` can be
 * kept and given back to `seek` to read rows again (a caller indexes the rows first, then decodes
 * the ones it needs when it needs them).
 */
export class BinaryCopyReader {
  readonly #bytes: Buffer;
  #at: number;
  /** Where the last uuid read started, and its text: grouped rows repeat the same id. */
  #lastUuidAt = -1;
  #lastUuid = '';
  /** Short texts read by `word`, and small jsonb values read by `sharedJsonb`, by a hash of their bytes. */
  readonly #words = new Map<number, Shared<string>>();
  readonly #jsonbs = new Map<number, Shared<unknown>>();

  constructor(bytes: Uint8Array) {
    this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.#bytes.length < HEADER_LENGTH + 2 || !this.#bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
      throw new BinaryCopyError('not binary COPY output (no signature)');
    }
    const flags = this.#bytes.readInt32BE(SIGNATURE.length);
    if (flags !== 0) throw new BinaryCopyError(`binary COPY output with flags ${flags} (OIDs are not read)`);
    this.#at = HEADER_LENGTH + this.#bytes.readInt32BE(SIGNATURE.length + 4);
  }

  /** Where the next row starts (for `seek`). */
  get offset(): number {
    return this.#at;
  }

  seek(offset: number): void {
    this.#at = offset;
  }

  /** Starts the next row: its number of fields, or null at the end. */
  row(): number | null {
    const fields = this.#bytes.readInt16BE(this.#at);
    if (fields === -1) return null; // stays at the trailer
    this.#at += 2;
    return fields;
  }

  /** Skips `count` fields. */
  skip(count = 1): void {
    for (let i = 0; i < count; i++) {
      const length = this.#bytes.readInt32BE(this.#at);
      this.#at += 4 + Math.max(length, 0);
    }
  }

  uuid(): string | null {
    const at = this.#field(16);
    if (at < 0) return null;
    if (this.#lastUuidAt >= 0 && this.#sameBytes(this.#lastUuidAt, at, 16)) return this.#lastUuid;
    let text = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
      text += HEX_BYTE[this.#bytes[at + i] as number];
    }
    this.#lastUuidAt = at;
    this.#lastUuid = text;
    return text;
  }

  text(): string | null {
    const length = this.#bytes.readInt32BE(this.#at);
    this.#at += 4;
    if (length < 0) return null;
    const text = this.#bytes.toString('utf8', this.#at, this.#at + length);
    this.#at += length;
    return text;
  }

  /**
   * A text that is one of a few short words (an event type, an actor type): each distinct one is
   * made into a string once, not once per row. Any text reads correctly; only short ASCII ones
   * are shared.
   */
  word(): string | null {
    const length = this.#bytes.readInt32BE(this.#at);
    if (length < 0 || length > 32) return this.text();
    const at = this.#at + 4;
    this.#at = at + length;
    return this.#shared(this.#words, at, length, 256, asText);
  }

  int4(): number | null {
    const at = this.#field(4);
    return at < 0 ? null : this.#bytes.readInt32BE(at);
  }

  /** An int8 as a number; beyond the safe integers it is an error, not a rounded value. */
  int8(): number | null {
    const at = this.#field(8);
    return at < 0 ? null : this.#readInt64(at);
  }

  /** A timestamptz as epoch milliseconds, truncated towards the past as the drivers make Dates. */
  timestamptz(): number | null {
    const at = this.#field(8);
    return at < 0 ? null : Math.floor(this.#readInt64(at) / 1000) + POSTGRES_EPOCH_MS;
  }

  /** A jsonb value, parsed (its binary form is a version byte, 1, and the JSON text). */
  jsonb(): unknown {
    const length = this.#bytes.readInt32BE(this.#at);
    this.#at += 4;
    if (length < 0) return null;
    const version = this.#bytes[this.#at];
    if (version !== 1) throw new BinaryCopyError(`jsonb of unknown version ${String(version)}`);
    const value: unknown = JSON.parse(this.#bytes.toString('utf8', this.#at + 1, this.#at + length));
    this.#at += length;
    return value;
  }

  /**
   * A jsonb value that is one of a few small ones (an event's `{"to": "closed"}`): each distinct
   * short ASCII text is parsed once per reader and the same frozen value returned for it again,
   * so it must not be changed. Any jsonb reads correctly; only short ASCII ones are shared.
   */
  sharedJsonb(): unknown {
    const length = this.#bytes.readInt32BE(this.#at);
    if (length < 2 || length > SHARED_JSONB_BYTES || this.#bytes[this.#at + 4] !== 1) return this.jsonb();
    const at = this.#at + 5; // after the version byte
    this.#at += 4 + length;
    return this.#shared(this.#jsonbs, at, length - 1, 4096, parsedFrozen);
  }

  /**
   * The value made of the text at `at` (`length` bytes): made once per distinct short ASCII text
   * (found again by a hash of its bytes, then compared byte by byte), each time for any other text.
   * At most `limit` are kept.
   */
  #shared<V>(cache: Map<number, Shared<V>>, at: number, length: number, limit: number, make: (text: string) => V): V {
    let hash = length;
    for (let i = 0; i < length; i++) hash = (Math.imul(hash, 31) + (this.#bytes[at + i] as number)) | 0;
    const known = cache.get(hash);
    if (known !== undefined && known.text.length === length && this.#isAscii(known.text, at)) return known.value;
    const text = this.#bytes.toString('utf8', at, at + length);
    const value = make(text);
    if (text.length === length && cache.size < limit) cache.set(hash, { text, value });
    return value;
  }

  /** The field's start (after its length), or -1 when it is null; checks the length a type must have. */
  #field(bytes: number): number {
    const length = this.#bytes.readInt32BE(this.#at);
    this.#at += 4;
    if (length < 0) return -1;
    if (length !== bytes) throw new BinaryCopyError(`a field of ${length} bytes where ${bytes} were expected`);
    const at = this.#at;
    this.#at += length;
    return at;
  }

  #sameBytes(a: number, b: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (this.#bytes[a + i] !== this.#bytes[b + i]) return false;
    return true;
  }

  /** Whether `text` (as many characters as bytes: ASCII) is the bytes at `at`. */
  #isAscii(text: string, at: number): boolean {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== this.#bytes[at + i]) return false;
    return true;
  }

  #readInt64(at: number): number {
    const value = this.#bytes.readInt32BE(at) * TWO_32 + this.#bytes.readUInt32BE(at + 4);
    if (!Number.isSafeInteger(value)) throw new BinaryCopyError('an int8 beyond the safe integers');
    return value;
  }
}

/** A value `BinaryCopyReader` made once from a text and gives again for the same bytes. */
interface Shared<V> {
  text: string;
  value: V;
}

const asText = (text: string): string => text;
const parsedFrozen = (text: string): unknown => deepFreeze(JSON.parse(text));

/** The longest jsonb text `sharedJsonb` shares (an event's small data, not a message). */
const SHARED_JSONB_BYTES = 96;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
