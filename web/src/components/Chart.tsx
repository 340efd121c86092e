// An Apache ECharts chart on canvas, with only the parts the pages use
// registered (the bundle stays small): bars, lines and the map's choropleth
// over outlines registered by name. Resizes with its box.
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

echarts.use([BarChart, LineChart, MapChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent,
  CanvasRenderer]);

export type ChartOption = EChartsCoreOption;

// Unit outlines as GET /api/v1/units/{code}/boundaries gives them, each feature named by its unit code.
export interface GeoCollection {
  type: 'FeatureCollection';
  features: { id: string; properties: { code: string; name: string; kind: string }; bbox: number[] }[];
  missing: string[];
  bbox?: number[];
}

// Outlines under a name a map series draws (`map: name`).
export function registerOutlines(name: string, geo: GeoCollection): void {
  echarts.registerMap(name, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
}

// Text put into a tooltip's HTML.
export const escapeHtml = (s: string) => echarts.format.encodeHTML(s);

export function Chart({ option, height = 280, testid, onClick }: {
  option: ChartOption; height?: number; testid: string; onClick?: (name: string, dataIndex: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const c = echarts.init(box.current!);
    chart.current = c;
    c.on('click', (p: { name?: string; dataIndex?: number }) => click.current?.(p.name ?? '', p.dataIndex ?? -1));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div class="chart" ref={box} style={{ height: `${height}px` }} data-testid={testid} />;
}
