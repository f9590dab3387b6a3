import { type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { formatNumber } from '../../../lib/format.ts';
import { type ChartPoint, EChart, chartPngDataUrl } from './echart.tsx';
import type { EChartsCoreOption } from './echarts.ts';
import { type Cell, type ChartTable, download, downloadCsv, fileNameOf } from './table.ts';

export interface ChartCardProps {
  title: string;
  /** The base of the figures (responses, tickets, clocks); shown as "n = …". */
  n?: number | null | undefined;
  /** The ECharts option; null when there is nothing to draw (the empty state shows instead). */
  option: EChartsCoreOption | null;
  /** The same data as a table: the table view, the CSV export, and what screen readers read. */
  table: ChartTable;
  /** What is needed to fill this chart, shown when it has no data. */
  emptyHint: string;
  /** Overrides "no rows in the table" as the test for empty. */
  empty?: boolean | undefined;
  loading?: boolean | undefined;
  error?: unknown;
  /** One sentence describing the chart for assistive technology (default: the title). */
  description?: string | undefined;
  height?: number | undefined;
  onPointClick?: ((point: ChartPoint) => void) | undefined;
  /** Shown beside the chart (definitions, notes). */
  aside?: ReactNode;
  /** Shown under the chart/table (a test result in words, a footnote). */
  footer?: ReactNode;
  /** Extra controls in the card's header (a measure picker). */
  tools?: ReactNode;
}

/**
 * A dashboard chart: title and n, the chart or its table (toggle), CSV and PNG export,
 * and loading / error / empty states that say what is missing.
 */
export function ChartCard(props: ChartCardProps) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  const body = useRef<HTMLDivElement>(null);
  const isEmpty = props.empty ?? props.table.rows.length === 0;
  const ready = !props.loading && !props.error && !isEmpty;
  const showChart = view === 'chart' && props.option !== null;
  const height = props.height ?? 300;

  const exportPng = async () => {
    if (!props.option) return;
    const width = Math.max(480, Math.round(body.current?.getBoundingClientRect().width ?? 800));
    download(await chartPngDataUrl(props.option, width, height, props.title), fileNameOf(props.title, 'png'));
  };

  return (
    <section className="chart-card" aria-labelledby={headingId}>
      <header className="chart-card-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.n !== undefined && props.n !== null && <span className="chart-n">{t('dashboard.kit.base', { n: formatNumber(props.n, i18n.language) })}</span>}
        <div className="chart-tools">
          {props.tools}
          {ready && (
            <>
              <div className="view-toggle" role="group" aria-label={t('dashboard.kit.viewAs')}>
                <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')} disabled={props.option === null}>
                  {t('dashboard.kit.chart')}
                </button>
                <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
                  {t('dashboard.kit.table')}
                </button>
              </div>
              <button type="button" className="button-quiet" onClick={() => downloadCsv(props.table, fileNameOf(props.title, 'csv'))}>
                {t('dashboard.kit.csv')}
                <span className="visually-hidden"> {props.title}</span>
              </button>
              {props.option && (
                <button type="button" className="button-quiet" onClick={() => void exportPng()}>
                  {t('dashboard.kit.png')}
                  <span className="visually-hidden"> {props.title}</span>
                </button>
              )}
            </>
          )}
        </div>
      </header>
      <div className={props.aside ? 'chart-card-body with-aside' : 'chart-card-body'} ref={body}>
        <div className="chart-card-main">
          {props.loading ? (
            <p className="chart-state" role="status">
              {t('common.loading')}
            </p>
          ) : props.error ? (
            <p className="chart-state form-error" role="alert">
              {errorMessage(t, props.error)}
            </p>
          ) : isEmpty ? (
            <div className="chart-state chart-empty">
              <p className="chart-empty-title">{t('dashboard.kit.emptyTitle')}</p>
              <p>{props.emptyHint}</p>
            </div>
          ) : showChart ? (
            <>
              <EChart option={props.option as EChartsCoreOption} label={props.description ?? props.title} height={height} onPointClick={props.onPointClick} />
              {/* The numbers behind the picture, for screen readers (the table view shows them to everyone). */}
              <DataTable table={props.table} caption={props.title} hidden />
            </>
          ) : (
            <DataTable table={props.table} caption={props.title} />
          )}
        </div>
        {props.aside && <aside className="chart-aside">{props.aside}</aside>}
      </div>
      {ready && props.footer}
    </section>
  );
}

/** A real table with a caption; numbers in the reader's locale. */
export function DataTable({ table, caption, hidden = false }: { table: ChartTable; caption: string; hidden?: boolean }) {
  const { i18n } = useTranslation();
  const show = (value: Cell, row: Cell[], index: number, col: ChartTable['columns'][number]): ReactNode => {
    if (col.render) return col.render(value, row, index);
    if (col.format) return col.format(value, row);
    if (value === null) return '—';
    return typeof value === 'number' ? formatNumber(value, i18n.language) : value;
  };
  return (
    // A long table scrolls inside its box: focusable, so keyboard users can scroll it too.
    <div className={hidden ? 'visually-hidden' : 'chart-table-wrap'} tabIndex={hidden ? undefined : 0} role={hidden ? undefined : 'group'} aria-label={hidden ? undefined : caption}>
      <table className="data-table chart-table">
        <caption className={hidden ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {table.columns.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {show(row[i] ?? null, row, r, c)}
                  </th>
                ) : (
                  <td key={i} className={c.numeric ? 'num' : undefined}>
                    {show(row[i] ?? null, row, r, c)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
