// Progressive enhancement of the place fields (cms/places/forms.py): the voivodeship leaves only
// its counties in the county list, the county loads its gminas. Without this script the lists are
// grouped and the server checks the choice.
(function () {
  "use strict";

  function enhance(form) {
    var voivodeship = form.querySelector('select[data-place="voivodeship"]');
    var county = form.querySelector('select[data-place="county"]');
    var gmina = form.querySelector('select[data-place="gmina"]');
    if (!voivodeship || !county) return;
    // The lists follow each choice at once: the "Show municipalities" button is not needed.
    Array.prototype.forEach.call(form.querySelectorAll("[data-place-refresh]"), function (button) {
      button.hidden = true;
      button.style.display = "none";
    });
    var allGroups = Array.prototype.map.call(county.querySelectorAll("optgroup"), function (group) {
      return group.cloneNode(true);
    });
    var prompt = county.querySelector('option[value=""]');

    function voivodeshipName() {
      var option = voivodeship.options[voivodeship.selectedIndex];
      return option && option.value ? option.text : "";
    }

    function filterCounties() {
      var name = voivodeshipName();
      var selected = county.value;
      county.textContent = "";
      if (prompt) county.appendChild(prompt.cloneNode(true));
      allGroups.forEach(function (group) {
        if (!name || group.label === name) county.appendChild(group.cloneNode(true));
      });
      county.value = selected;
      if (county.value !== selected) county.value = "";
    }

    function loadGminas() {
      if (!gmina) return;
      var selected = gmina.value;
      if (!county.value) return;
      var url = county.getAttribute("data-gminas-url").replace("0000", county.value);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          gmina.textContent = "";
          var empty = document.createElement("option");
          empty.value = "";
          empty.textContent = "—";
          gmina.appendChild(empty);
          data.gminas.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.code;
            option.textContent = item.label;
            gmina.appendChild(option);
          });
          gmina.value = selected;
          if (gmina.value !== selected) gmina.value = "";
        });
    }

    voivodeship.addEventListener("change", function () {
      filterCounties();
      loadGminas();
    });
    county.addEventListener("change", function () {
      if (county.value && !voivodeship.value) {
        var group = county.options[county.selectedIndex].parentNode;
        Array.prototype.forEach.call(voivodeship.options, function (option) {
          if (group.label && option.text === group.label) voivodeship.value = option.value;
        });
      }
      loadGminas();
    });
    filterCounties();
  }

  document.querySelectorAll("form").forEach(enhance);
})();
