// Review of an Edubus request: click the map to set the place of the visit (the location form is
// filled and sent, so the suggested dates are computed for the new point), and a suggestion's
// "Use" link fills the approval form in place. Without JavaScript the form and the links work alone.
(function () {
  "use strict";

  function initMap() {
    var element = document.getElementById("edubus-request-map");
    var form = document.getElementById("edubus-location-form");
    if (!element || !form || typeof L === "undefined") return;
    var latitude = form.querySelector("[name='location-latitude']");
    var longitude = form.querySelector("[name='location-longitude']");
    var has = element.dataset.lat && element.dataset.lon;
    var centre = has ? [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)] : [50.67, 17.92];
    var map = L.map(element).setView(centre, has ? 12 : 8);
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.attribution }).addTo(map);
    var marker = has
      ? L.marker(centre, { title: element.dataset.markerLabel, alt: element.dataset.markerLabel }).addTo(map)
      : null;
    map.on("click", function (event) {
      var point = event.latlng.wrap();
      if (marker) {
        marker.setLatLng(point);
      } else {
        marker = L.marker(point, { title: element.dataset.markerLabel, alt: element.dataset.markerLabel }).addTo(map);
      }
      latitude.value = point.lat.toFixed(6);
      longitude.value = point.lng.toFixed(6);
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
    element.dataset.ready = "true";
  }

  function initSuggestions() {
    var form = document.getElementById("edubus-approve-form");
    if (!form) return;
    document.querySelectorAll("a.edubus-use-suggestion").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var query = new URL(link.href, window.location.href).searchParams;
        var filled = 0;
        ["vehicle", "day", "arrival", "departure"].forEach(function (name) {
          var field = form.querySelector("[name='approve-" + name + "']");
          if (field && query.has(name)) {
            field.value = query.get(name);
            filled += 1;
          }
        });
        if (filled !== 4) return; // let the link load the page with the form filled in
        event.preventDefault();
        var heading = document.getElementById("approve");
        heading.scrollIntoView();
        heading.focus();
        if (window.history && window.history.replaceState) window.history.replaceState(null, "", link.href);
      });
    });
  }

  function init() {
    initMap();
    initSuggestions();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
