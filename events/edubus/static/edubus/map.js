// Edubus map: markers from the page's JSON data block; the list above it is the accessible view.
(function () {
  "use strict";
  function init() {
    var element = document.getElementById("edubus-map");
    var data = document.getElementById("edubus-stops-data");
    if (!element || !data || typeof L === "undefined") return;
    var stops = JSON.parse(data.textContent);
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.attribution }).addTo(map);
    var bounds = [];
    stops.forEach(function (stop) {
      var marker = L.marker([stop.lat, stop.lon], { title: stop.title, alt: stop.title }).addTo(map);
      var popup = document.createElement("div");
      var title = document.createElement("strong");
      title.textContent = stop.title;
      popup.appendChild(title);
      var when = document.createElement("p");
      when.textContent = stop.town + ", " + stop.when + (stop.cancelled ? " (" + element.dataset.cancelledLabel + ")" : "");
      popup.appendChild(when);
      var link = document.createElement("a");
      link.href = stop.url;
      link.textContent = element.dataset.detailsLabel;
      popup.appendChild(link);
      marker.bindPopup(popup);
      bounds.push([stop.lat, stop.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
    } else {
      map.setView([50.67, 17.92], 8);
    }
    element.dataset.ready = String(stops.length);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
