// Survey results: one bar chart per question, data from the json_script element, drawn with
// Chart.js (as the reach dashboard). The same figures are in the table under each chart.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("feedback-charts");
    if (!source || typeof Chart === "undefined") return;
    var charts = JSON.parse(source.textContent);
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    Object.keys(charts).forEach(function (key) {
      var canvas = document.getElementById("chart-" + key);
      if (!canvas) return;
      var data = charts[key];
      data.datasets.forEach(function (dataset) {
        dataset.backgroundColor = "#0b4f8a";
      });
      new Chart(canvas, {
        type: "bar",
        data: data,
        options: {
          animation: reduceMotion ? false : undefined,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
