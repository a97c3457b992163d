// Pejling console: wires htmx's CSRF header and draws the charts declared in the page (no inline scripts: CSP).
(function () {
  'use strict';

  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) event.detail.headers['X-CSRF-Token'] = meta.getAttribute('content');
  });

  var charts = new WeakMap();

  // A <canvas data-chart="…json…"> carries its Chart.js configuration (datasets and labels) as JSON.
  function drawCharts(root) {
    if (!window.Chart) return;
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (charts.has(canvas)) return;
      var spec = JSON.parse(canvas.getAttribute('data-chart'));
      var sparkline = spec.kind === 'sparkline';
      var config = {
        type: 'line',
        data: {
          labels: spec.labels,
          datasets: spec.datasets.map(function (set) {
            return {
              label: set.label,
              data: set.data,
              borderColor: set.color,
              backgroundColor: set.color,
              borderDash: set.dash || [],
              pointRadius: sparkline ? 0 : 3,
              borderWidth: sparkline ? 2 : 2,
              spanGaps: true,
              stepped: set.stepped || false,
            };
          }),
        },
        options: {
          responsive: !sparkline,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: !sparkline }, tooltip: { enabled: !sparkline } },
          scales: sparkline
            ? { x: { display: false }, y: { display: false } }
            : { y: { title: { display: !!spec.yTitle, text: spec.yTitle } } },
        },
      };
      charts.set(canvas, new window.Chart(canvas, config));
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
  });
  document.addEventListener('htmx:afterSettle', function (event) {
    drawCharts(event.target);
  });
})();
