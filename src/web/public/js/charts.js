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
  const echarts = await loadECharts();
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption({ animation: false, grid: { left: 40, right: 16, top: 36, bottom: 28 }, tooltip: { trigger: 'axis' }, ...option });
  charts.add(chart);
  return chart;
}

export function disposeCharts() {
  charts.forEach((c) => c.dispose());
  charts.clear();
}
