// A choropleth on canvas: ECharts' map series over a GeoJSON collection of
// unit outlines (GET /api/v1/units/{code}/boundaries), each feature named by
// its unit code. Loaded only with the map page (its own chunk). Resizes
// with its box; a click on a unit gives its code.
import { MapChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

echarts.use([MapChart, TooltipComponent, CanvasRenderer]);

export interface GeoCollection {
  type: 'FeatureCollection';
  features: { id: string; properties: { code: string; name: string; kind: string }; bbox: number[] }[];
  missing: string[];
  bbox?: number[];
}

// The map's name for ECharts' registry: one per unit whose children are drawn.
export function registerOutlines(name: string, geo: GeoCollection): void {
  echarts.registerMap(name, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
}

export const escapeHtml = (s: string) => echarts.format.encodeHTML(s);

export function GeoMap({ option, height, testid, onClick }: {
  option: EChartsCoreOption; height: number; testid: string; onClick?: (code: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const c = echarts.init(box.current!);
    chart.current = c;
    c.on('click', (p: { name?: string }) => {
      if (p.name) click.current?.(p.name);
    });
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
  return <div class="chart map-chart" ref={box} style={{ height: `${height}px` }} data-testid={testid} />;
}
