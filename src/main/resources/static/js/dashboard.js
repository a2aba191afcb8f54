// Supervisor dashboard charts (ECharts from the webjar). Data and labels come from the page's #chart-data block.
(function () {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const t = data.labels;
  function chart(id, option) {
    const el = document.getElementById(id);
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption(Object.assign({ animation: false, tooltip: {} }, option));
    window.addEventListener('resize', () => c.resize());
  }
  chart('chart-month', {
    title: { text: t.month, left: 'center' },
    grid: { top: 50, bottom: 30, left: 40, right: 20 },
    xAxis: { type: 'category', data: Object.keys(data.byMonth) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: t.cases, data: Object.values(data.byMonth), itemStyle: { color: '#b22222' } }]
  });
  chart('chart-category', {
    title: { text: t.category, left: 'center' },
    series: [{ type: 'pie', radius: ['35%', '62%'], top: 30,
      data: Object.entries(data.byCategory).filter(([, v]) => v > 0).map(([k, v]) => ({ name: data.categoryNames[k] || k, value: v })) }]
  });
  chart('chart-level', {
    title: { text: t.level, left: 'center' },
    series: [{ type: 'funnel', top: 45, bottom: 10, sort: 'descending', label: { formatter: '{b}: {c}' },
      data: Object.entries(data.byLevel).map(([k, v]) => ({ name: t.levels[k] || k, value: v })) }]
  });
  chart('chart-status', {
    title: { text: t.status, left: 'center' },
    grid: { top: 50, bottom: 30, left: 40, right: 20 },
    xAxis: { type: 'category', data: Object.keys(data.byStatus).map(k => t.statuses[k] || k),
      axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: Object.values(data.byStatus), itemStyle: { color: '#2c6e9b' } }]
  });
  chart('chart-source', {
    title: { text: t.source, left: 'center' },
    series: [{ type: 'pie', radius: ['35%', '62%'], top: 30,
      data: Object.entries(data.bySource).filter(([, v]) => v > 0).map(([k, v]) => ({ name: t.sources[k] || k, value: v })) }]
  });
})();
