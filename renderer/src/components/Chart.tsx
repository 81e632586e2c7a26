/**
 * A chart drawn with Apache ECharts (canvas renderer: it saves as PNG and needs nothing the CSP
 * forbids), always with a text alternative: an accessible summary and a table of the values it
 * draws, shown on request, and a PNG save.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatNumber } from '../format';
import { usePalette, type Palette } from '../theme';
import { t } from '../../../shared/messages';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ReactNode[])[];
}

interface Props {
  /** What the chart is, for the screen reader and the saved file's name. */
  readonly title: string;
  /** One or two sentences saying what it shows: its accessible description. */
  readonly summary: string;
  readonly option: ChartOption;
  /** The same values as a table: the chart's text alternative. */
  readonly table: ChartTable;
  readonly fileName: string;
  readonly height?: number;
}

/** Bytes of a data: URL, without fetch (the CSP allows no data: connections). */
function dataUrlBytes(dataUrl: string): Uint8Array<ArrayBuffer> {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The ECharts theme of the app's light or dark palette: text, axes and series in the theme's colours. */
function chartTheme(palette: Palette): object {
  const axis = {
    axisLine: { lineStyle: { color: palette.muted } },
    axisTick: { lineStyle: { color: palette.muted } },
    axisLabel: { color: palette.muted },
    splitLine: { lineStyle: { color: palette.line } },
    nameTextStyle: { color: palette.muted },
  };
  // Numbers on the axes and in tooltips in the system's locale, like every other figure.
  const valueAxis = { ...axis, axisLabel: { ...axis.axisLabel, formatter: (value: number) => formatNumber(value) } };
  return {
    color: palette.series,
    backgroundColor: 'transparent',
    textStyle: { color: palette.ink },
    legend: { textStyle: { color: palette.ink } },
    tooltip: { backgroundColor: palette.panel, borderColor: palette.line, textStyle: { color: palette.ink }, valueFormatter: (value: unknown) => (typeof value === 'number' ? formatNumber(value) : String(value ?? '')) },
    categoryAxis: axis,
    valueAxis,
  };
}

function savePng(chart: echarts.ECharts, fileName: string, background: string): void {
  const url = URL.createObjectURL(new Blob([dataUrlBytes(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }))], { type: 'image/png' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.endsWith('.png') ? fileName : `${fileName}.png`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function Chart({ title, summary, option, table, fileName, height = 280 }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [showTable, setShowTable] = useState(false);
  const palette = usePalette();

  // Drawn anew when the theme changes: an ECharts theme is fixed at init.
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const instance = echarts.init(element, chartTheme(palette), { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [palette]);

  useEffect(() => {
    // The chart's own summary after the option, so no option replaces it with ECharts' generated description ('This is a chart…').
    chart.current?.setOption({ animation: false, ...option, aria: { enabled: true, label: { description: `${title}. ${summary}` } } }, { notMerge: true });
  }, [option, title, summary, palette]);

  return (
    <figure className="chart" aria-label={title}>
      <div ref={container} className="chart-canvas" role="img" aria-label={`${title}. ${summary}`} style={{ height }} />
      <figcaption className="chart-actions">
        <span className="sr-only">{summary}</span>
        <button type="button" onClick={() => setShowTable(!showTable)} aria-expanded={showTable}>{showTable ? t.chart.hideTable : t.chart.showAsTable}</button>
        <button type="button" onClick={() => chart.current && savePng(chart.current, fileName, palette.panel)}>{t.chart.savePng}</button>
      </figcaption>
      {showTable && (
        <div className="table-scroll">
          <table className="grid chart-table" aria-label={t.chart.values(title)}>
            <thead>
              <tr>{table.columns.map((column) => <th key={column} scope="col">{column}</th>)}</tr>
            </thead>
            <tbody>
              {table.rows.map((row, index) => (
                <tr key={index}>{row.map((cell, column) => <td key={column} className={column === 0 ? undefined : 'num'}>{cell}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
