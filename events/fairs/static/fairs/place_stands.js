// The placing page of a hall's plan: a click on the image puts the chosen stand there (fills its
// across/down fields, in per cent of the image) and chooses the next stand without a place.
// Without this script the same fields are typed in; the form is the same.
(function () {
  "use strict";
  const form = document.querySelector("[data-placer]");
  if (!form) return;
  const select = form.querySelector("#placer-stand");
  const image = form.querySelector("[data-placer-image]");
  const status = form.querySelector("[data-placer-status]");
  const controls = form.querySelector("[data-placer-controls]");
  if (!select || !image || !select.options.length) return;
  controls.hidden = false;

  const field = (axis, pk) => document.getElementById(`id_${axis}_${pk}`);
  const number = (value) => {
    const parsed = parseFloat(String(value).trim().replace(",", "."));
    return Number.isFinite(parsed) ? parsed : null;
  };
  const mark = (pk) => form.querySelector(`[data-mark="${pk}"]`);
  const position = (pk) => [number(field("x", pk).value), number(field("y", pk).value)];

  function draw(pk) {
    const [x, y] = position(pk);
    const element = mark(pk);
    if (x === null || y === null || x < 0 || x > 100 || y < 0 || y > 100) {
      element.hidden = true;
      return;
    }
    element.hidden = false;
    element.style.left = `${x}%`;
    element.style.top = `${y}%`;
  }

  function highlight() {
    form.querySelectorAll("[data-mark]").forEach((element) => {
      element.classList.toggle("is-selected", element.dataset.mark === select.value);
    });
  }

  function chooseNextUnplaced() {
    const options = Array.from(select.options);
    const start = select.selectedIndex;
    const ordered = options.slice(start + 1).concat(options.slice(0, start));
    const next = ordered.find((option) => position(option.value).includes(null));
    if (next) select.value = next.value;
  }

  image.addEventListener("click", (event) => {
    const pk = select.value;
    const box = image.getBoundingClientRect();
    const clamp = (value) => Math.min(100, Math.max(0, value));
    const x = clamp(((event.clientX - box.left) / box.width) * 100).toFixed(2);
    const y = clamp(((event.clientY - box.top) / box.height) * 100).toFixed(2);
    field("x", pk).value = x;
    field("y", pk).value = y;
    draw(pk);
    const placed = select.options[select.selectedIndex].text;
    status.textContent = `${placed}: ${x} % / ${y} %`;
    chooseNextUnplaced();
    highlight();
  });

  form.querySelectorAll("[data-mark]").forEach((element) => {
    element.addEventListener("click", () => {
      select.value = element.dataset.mark;
      highlight();
    });
  });
  Array.from(select.options).forEach((option) => {
    ["x", "y"].forEach((axis) => field(axis, option.value).addEventListener("input", () => draw(option.value)));
  });
  select.addEventListener("change", highlight);
  highlight();
})();
