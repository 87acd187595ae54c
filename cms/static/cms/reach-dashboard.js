// Reach dashboard chart: data from the json_script element, drawn with Chart.js.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("reach-chart");
    var source = document.getElementById("reach-chart-data");
    if (!canvas || !source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var colours = ["#0b4f8a", "#b3261e"];
    data.datasets.forEach(function (dataset, index) {
      dataset.backgroundColor = colours[index % colours.length];
    });
    var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    new Chart(canvas, {
      type: "bar",
      data: data,
      options: {
        animation: reduceMotion ? false : undefined,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
