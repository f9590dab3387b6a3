/**
 * The dashboard's chart kit: every dashboard screen (overview, service levels, consistency,
 * and the feedback screens in ../feedback) builds on these.
 */
export { ChartCard, DataTable, type ChartCardProps } from './chart-card.tsx';
export { EChart, chartPngDataUrl, type ChartPoint } from './echart.tsx';
export { loadEcharts, PALETTE, GOOD, BAD, NEUTRAL, type EChartsCoreOption } from './echarts.ts';
export { FilterBar } from './filter-bar.tsx';
export { KpiTile, trendOf, type KpiTileProps, type Better } from './kpi-tile.tsx';
export { formatDecimal, formatLocalDate, formatMoney, formatPercent, formatSeconds } from './numbers.ts';
export { FILTER_KEYS, PERIODS, PRESETS, type DashboardRange, type FilterKey, type Filters, type Period } from './range.ts';
export { type Cell, type ChartTable, type TableColumn, download, downloadCsv, fileNameOf, toCsv } from './table.ts';
export { useDashboardData } from './use-dashboard-data.ts';
export { useDashboardFilters, useWorkspaceTimeZone, type DashboardFilters } from './use-dashboard-filters.ts';
