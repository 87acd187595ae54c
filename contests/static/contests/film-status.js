/* Polls the film's processing status after an upload and shows it in the live region. */
(function () {
  "use strict";
  var box = document.querySelector(".film-state");
  if (!box) { return; }
  var url = box.dataset.statusUrl;
  var timer = null;
  var finished = ["ready", "rejected", "none"];

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var status = box.querySelector(".film-status");
        var reason = box.querySelector(".film-reason");
        if (status && data.status_label) { status.textContent = data.status_label; }
        if (reason) { reason.textContent = data.reject_reason || ""; }
        box.dataset.filmStatus = data.status;
        if (finished.indexOf(data.status) !== -1 && data.status !== "none") {
          window.clearInterval(timer);
          timer = null;
          if (data.status === "ready") { window.setTimeout(function () { window.location.reload(); }, 1500); }
        }
      })
      .catch(function () { /* try again at the next tick */ });
  }

  function start() {
    if (!timer) { timer = window.setInterval(poll, 2000); poll(); }
  }
  document.addEventListener("film:uploaded", start);
  if (box.dataset.poll === "true") { start(); }
})();
