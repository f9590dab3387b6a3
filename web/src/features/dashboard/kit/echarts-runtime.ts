/**
 * ECharts, tree-shaken: only the charts and components the dashboard draws. Loaded with a
 * dynamic import by echart.tsx (a chunk of its own): the dashboard's tables and tiles render
 * while it loads, and nothing outside the dashboard ever downloads it.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, RadarChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  // SVG only: crisp on screen, and the PNG export rasterises the SVG (echart.tsx), which saves
  // the canvas renderer's weight.
  SVGRenderer,
]);

export { echarts };
