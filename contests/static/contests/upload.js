/* Film upload over tus with Uppy: progress bar, pause/resume, type/size check before sending.
   Configured by data- attributes of #film-upload; no inline script. */
(function () {
  "use strict";
  var root = document.getElementById("film-upload");
  if (!root || !window.Uppy) { return; }
  var progress = document.getElementById("upload-progress");
  var percent = document.querySelector(".upload-percent");
  var types = (root.dataset.types || "").split(",").filter(Boolean);

  function show(value) {
    var rounded = Math.max(0, Math.min(100, Math.round(value)));
    if (progress) { progress.value = rounded; progress.textContent = rounded + "%"; }
    if (percent) { percent.textContent = rounded + "%"; }
  }

  // The language pack of the page's language (static/vendor/@uppy/locales), loaded before this file.
  var locales = window.Uppy.locales || {};
  var locale = locales[root.dataset.uppyLocale];

  var uppy = new window.Uppy.Uppy({
    id: "film",
    locale: locale,
    autoProceed: true,
    restrictions: {
      maxNumberOfFiles: 1,
      maxFileSize: parseInt(root.dataset.maxSize, 10) || null,
      allowedFileTypes: types.length ? types : null
    }
  });
  uppy.use(window.Uppy.Dashboard, {
    inline: true,
    target: root,
    height: 320,
    proudlyDisplayPoweredByUppy: false,
    showProgressDetails: true,
    hideCancelButton: false
  });
  uppy.use(window.Uppy.Tus, {
    endpoint: root.dataset.endpoint,
    headers: { "X-CSRFToken": root.dataset.csrfToken },
    chunkSize: 5 * 1024 * 1024,
    retryDelays: [0, 1000, 3000, 5000, 10000],
    removeFingerprintOnSuccess: true
  });
  uppy.on("upload-progress", function (file, state) {
    var total = state.bytesTotal || (file && file.size) || 0;
    if (total) { show(100 * state.bytesUploaded / total); }
  });
  uppy.on("upload-success", function () {
    show(100);
    document.dispatchEvent(new CustomEvent("film:uploaded"));
  });
})();
