import type { ReactNode } from 'react';

/** One cell of a chart's table: the raw value goes to CSV, `render`/`format` decide what the screen shows. */
export type Cell = string | number | null;

export interface TableColumn {
  label: string;
  /** Right-aligned, formatted with the locale's digits by default. */
  numeric?: boolean;
  /** Text shown on screen for a cell (CSV keeps the raw value). */
  format?: (value: Cell, row: Cell[]) => string;
  /** Rich content for a cell on screen (a link, a badge); wins over `format`. */
  render?: (value: Cell, row: Cell[], rowIndex: number) => ReactNode;
}

/** The data of a chart as a table: what the table view shows and the CSV export downloads. */
export interface ChartTable {
  columns: TableColumn[];
  rows: Cell[][];
}

/** RFC 4180 CSV: quoted when needed, CRLF line ends. */
export function toCsv(table: ChartTable): string {
  const line = (cells: Cell[]) => cells.map(csvCell).join(',');
  return [line(table.columns.map((c) => c.label)), ...table.rows.map(line)].join('\r\n') + '\r\n';
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet; numbers are safe as they are.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A file name from a title: letters and digits of any script kept, the rest dashes. */
export function fileNameOf(title: string, extension: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'chart'}.${extension}`;
}

/** Starts a download of a URL (data: or blob:) under a file name. */
export function download(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadCsv(table: ChartTable, fileName: string): void {
  // The byte order mark makes spreadsheet programs read UTF-8 (Thai, Vietnamese, Czech) correctly.
  const blob = new Blob(['\uFEFF', toCsv(table)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  download(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
