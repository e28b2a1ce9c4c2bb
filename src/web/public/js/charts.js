import { t, wan } from './i18n.js';

// ECharts is loaded on first use only, so the first paint of the scorecard does not wait for it.
let loading = null;

function loadECharts() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/app/vendor/echarts/echarts.common.min.js';
    script.onload = () => resolve(window.echarts);
    script.onerror = () => reject(new Error('cannot load charts'));
    document.head.append(script);
  });
  return loading;
}

const charts = new Set();
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

/** Renders an ECharts option into the element (canvas renderer); returns the chart. */
export async function renderChart(element, option) {
  // The script loads on first use: say so in the chart's place rather than leave a blank box.
  const placeholder = document.createElement('p');
  placeholder.className = 'chart-placeholder muted';
  placeholder.textContent = t('chart.loading');
  element.replaceChildren(placeholder);
  let echarts;
  try {
    echarts = await loadECharts();
  } catch (error) {
    placeholder.textContent = t('chart.failed');
    throw error;
  }
  placeholder.remove();
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption({ animation: false, grid: { left: 40, right: 16, top: 36, bottom: 28 }, tooltip: { trigger: 'axis' }, ...option });
  charts.add(chart);
  return chart;
}

export function disposeCharts() {
  charts.forEach((c) => c.dispose());
  charts.clear();
}

/**
 * The pipeline funnel: one bar per stage, counted in deals, each labelled with its count and amount
 * in their units ("3 个 · 12.50 万元"). containLabel keeps long stage names (方案/报价) and the bar
 * labels inside a phone-width card instead of cut at the edge.
 */
export function renderFunnel(element, stages) {
  return renderChart(element, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 96, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, name: t('team.funnel.axis'), nameLocation: 'end', nameGap: 8, nameTextStyle: { align: 'right', verticalAlign: 'bottom', padding: [0, 0, 8, 0] } },
    yAxis: { type: 'category', data: stages.map((s) => t(`stage.${s.stage}`)), inverse: true, axisLabel: { width: 72, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: t('team.deals'),
        data: stages.map((s) => s.deals),
        itemStyle: { color: '#3370ff' },
        label: { show: true, position: 'right', formatter: (p) => t('team.funnel.label', { deals: p.value, amount: wan(stages[p.dataIndex].amountFen) }) },
      },
    ],
  });
}
