/**
 * A small ECharts wrapper. Only the parts the app uses are registered (through echarts/core), so
 * the bundle carries bar charts with a grid, tooltip and mark lines and nothing else; everything
 * is bundled by Vite, nothing is fetched at run time. The SVG renderer keeps charts sharp in
 * screenshots and when a page is printed.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type MarkLineComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

/** The options the registered parts understand. Add a part above before using its options. */
export type EChartOption = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

export interface EChartClick {
  dataIndex: number;
  seriesIndex: number;
  name: string;
}

interface Props {
  option: EChartOption;
  height?: number;
  /** read by screen readers instead of the drawing */
  ariaLabel: string;
  onClick?: (e: EChartClick) => void;
  testId?: string;
}

export function EChart({ option, height = 280, ariaLabel, onClick, testId }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const clickRef = useRef(onClick);

  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  // One instance per mounted element; follows the element's size (sider collapse, window resize).
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = echarts.init(node, null, { renderer: 'svg', locale: 'ZH' });
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0, name: p.name }));
    const ro = new ResizeObserver(() => instance.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />;
}
