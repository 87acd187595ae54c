// Live replies to a meeting's invitations: fetch the staff JSON every few seconds and redraw the
// counts and the table. Without JavaScript the page has a "Refresh" link.
(function () {
  "use strict";
  const root = document.getElementById("wzk-replies");
  if (!root) return;
  const body = root.querySelector("[data-rows]");

  function cell(text) {
    const td = document.createElement("td");
    td.textContent = text || "";
    return td;
  }

  function draw(data) {
    Object.entries(data.counts).forEach(([key, value]) => {
      const target = root.querySelector(`[data-count="${key}"]`);
      if (target) target.textContent = String(value);
    });
    if (!data.rows.length) return;
    const rows = data.rows.map((row) => {
      const tr = document.createElement("tr");
      const who = cell(row.name);
      if (row.guest) {
        const small = document.createElement("small");
        small.textContent = ` (${root.dataset.guestLabel || "gość"})`;
        who.appendChild(small);
      }
      tr.append(
        who,
        cell(row.institution),
        cell(row.answer_label),
        cell(row.substitute + (row.substitute_institution ? ` (${row.substitute_institution})` : "")),
        cell(row.answered_at),
        cell(row.sent_at),
        cell(row.reminded_at),
      );
      return tr;
    });
    body.replaceChildren(...rows);
  }

  async function refresh() {
    try {
      const response = await fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) draw(await response.json());
    } catch (error) {
      // offline for a moment: try again at the next tick
    }
  }

  setInterval(refresh, Number(root.dataset.interval) || 10000);
})();
