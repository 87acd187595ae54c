/* Autosaves the entry draft: posts the form every N seconds when something changed. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = form.querySelector(".autosave-status");
  var interval = parseInt(form.dataset.autosaveInterval, 10) || 20000;
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });

  function save() {
    if (!dirty) { return; }
    dirty = false;
    fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Autosave": "1", "Accept": "application/json" }
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.saved) {
          if (status) { status.textContent = status.dataset.savedText + " " + data.saved_at; }
          if (data.edit_url && window.location.pathname !== data.edit_url) {
            form.action = data.edit_url;
            window.history.replaceState(null, "", data.edit_url);
            window.location.assign(data.edit_url);
          }
        } else if (status) {
          status.textContent = data.error || status.dataset.errorText;
        }
      })
      .catch(function () { if (status) { status.textContent = status.dataset.errorText; } dirty = true; });
  }
  window.setInterval(save, interval);
})();
