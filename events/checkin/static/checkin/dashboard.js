// Live check-in counts: fetch the list's JSON every few seconds and update the figures and tables.
(() => {
  "use strict";
  const root = document.getElementById("dashboard");
  if (!root) return;
  const T = JSON.parse(document.getElementById("dashboard-i18n").textContent);
  const field = (name) => root.querySelector(`[data-field="${name}"]`);
  const cell = (text) => {
    const td = document.createElement("td");
    td.textContent = text;
    return td;
  };
  const row = (...texts) => {
    const tr = document.createElement("tr");
    texts.forEach((text) => tr.append(cell(text)));
    return tr;
  };
  // In the page's language and the event's time zone, whatever the device is set to.
  const LANG = document.documentElement.lang || "pl";
  const ZONE = "Europe/Warsaw";
  const dateTime = new Intl.DateTimeFormat(LANG, { timeZone: ZONE, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
  const time = new Intl.DateTimeFormat(LANG, { timeZone: ZONE, hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const when = (iso) => dateTime.format(new Date(iso));

  function update(data) {
    ["checked_in", "expected", "checked_in_tickets", "expected_tickets"].forEach((name) => {
      field(name).textContent = data[name];
    });
    field("to_come").textContent = Math.max(data.expected - data.checked_in, 0);
    const hours = document.getElementById("by-hour");
    hours.replaceChildren(...(data.by_hour.length ? data.by_hour.map((r) => row(when(r.hour), r.people)) : [row(T.nobody)]));
    const counts = document.getElementById("scan-counts");
    counts.replaceChildren(
      ...Object.entries(data.scans).map(([result, count]) => {
        const li = document.createElement("li");
        li.dataset.result = result;
        li.textContent = `${T.results[result] || result}: ${count}`;
        return li;
      }),
    );
    const conflicts = document.getElementById("conflicts");
    conflicts.replaceChildren(
      ...(data.conflicts.length
        ? data.conflicts.map((c) => row(c.name || "—", c.result_label, when(c.device_time || c.scanned_at), c.device, c.first_device || "—", c.scanned_by || "—"))
        : [row(T.no_conflicts)]),
    );
    document.getElementById("dashboard-updated").textContent = `${T.updated} ${time.format(new Date())}`;
  }

  async function refresh() {
    try {
      const response = await fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) update(await response.json());
    } catch (_error) {
      // offline for a moment: the next tick tries again
    }
  }
  refresh();
  setInterval(refresh, Number(root.dataset.interval) || 5000);
})();
