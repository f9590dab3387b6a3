import { useEffect, useRef } from 'react';
import { type ECharts, type EChartsCoreOption, PALETTE, loadEcharts } from './echarts.ts';

/** What a click on a data point reports (ECharts' event, narrowed to what screens use). */
export interface ChartPoint {
  seriesIndex: number;
  dataIndex: number;
  name: string;
  data: unknown;
}

const BASE: EChartsCoreOption = {
  color: PALETTE,
  animationDuration: 300,
  textStyle: { fontFamily: 'system-ui, "Noto Sans", "Noto Sans Thai", Tahoma, sans-serif' },
};

function withBase(option: EChartsCoreOption): EChartsCoreOption {
  return { ...BASE, ...option };
}

/**
 * One ECharts instance (SVG renderer) in a box with an accessible name. The chart is an image
 * to assistive technology; the same data is in the card's table view.
 */
export function EChart({ option, label, height = 300, onPointClick }: { option: EChartsCoreOption; label: string; height?: number; onPointClick?: ((point: ChartPoint) => void) | undefined }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const clickRef = useRef(onPointClick);
  clickRef.current = onPointClick;

  const optionRef = useRef(option);
  optionRef.current = option;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    void loadEcharts().then((echarts) => {
      if (cancelled) return;
      const instance = echarts.init(el, undefined, { renderer: 'svg' });
      chart.current = instance;
      instance.setOption(withBase(optionRef.current), { notMerge: true });
      instance.on('click', (params) => {
        const p = params as unknown as ChartPoint;
        clickRef.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex, name: p.name, data: p.data });
      });
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(el);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(withBase(option), { notMerge: true });
  }, [option]);

  return (
    <div className="chart-figure" role="img" aria-label={label} style={{ height }}>
      <div ref={box} className="chart-canvas" style={{ height }} />
    </div>
  );
}

/**
 * A PNG of the chart: an off-screen SVG copy at the same size (with the title), serialised and
 * drawn onto a canvas at twice the size.
 */
export async function chartPngDataUrl(option: EChartsCoreOption, width: number, height: number, title: string): Promise<string> {
  const echarts = await loadEcharts();
  const fullHeight = height + 40;
  const holder = document.createElement('div');
  holder.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${fullHeight}px`;
  document.body.append(holder);
  let svgUrl: string;
  const instance = echarts.init(holder, undefined, { renderer: 'svg', width, height: fullHeight });
  try {
    const grid = (option as { grid?: unknown }).grid;
    instance.setOption({
      ...withBase(option),
      animation: false,
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14 } },
      // Room for the title above whatever grid the chart asked for.
      grid: grid && typeof grid === 'object' && !Array.isArray(grid) ? { ...(grid as object), top: 70 } : (grid ?? { top: 70, left: 60, right: 30, bottom: 40 }),
    });
    // The rendered SVG element itself, serialised (getDataURL's SVG string does not load as an image in Chromium).
    const svg = holder.querySelector('svg');
    if (!svg) throw new Error('no chart');
    svgUrl = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
  } finally {
    instance.dispose();
    holder.remove();
  }
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('chart image'));
    image.src = svgUrl;
  });
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = fullHeight * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
