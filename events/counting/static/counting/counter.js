// Edufest visitor counter: every tap (+1, +10, −1) becomes a batch with its own UUID, is queued in
// localStorage and sent to the counting API; offline the queue waits and is retried, and the
// server counts each UUID once. The totals shown are the server's plus the batches still queued.
(function () {
  "use strict";
  const form = document.getElementById("counter-form");
  if (!form || !window.fetch) return;
  const T = JSON.parse(document.getElementById("counter-i18n").textContent);
  const KEY = "edufest-counter:" + form.dataset.user + ":queue";
  const netStatus = document.getElementById("net-status");
  const queueInfo = document.getElementById("queue-info");
  const lastCount = document.getElementById("last-count");
  const here = {
    event: form.dataset.event ? Number(form.dataset.event) : null,
    stop: form.dataset.stop ? Number(form.dataset.stop) : null,
    zone: form.dataset.zone ? Number(form.dataset.zone) : null,
  };
  let hour = form.dataset.hour;

  function load() {
    try {
      return JSON.parse(localStorage.getItem(KEY)) || [];
    } catch (error) {
      return [];
    }
  }
  let queue = load();
  function save() {
    localStorage.setItem(KEY, JSON.stringify(queue));
  }
  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, (_m, name) => String(values[name]));
  }
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  function csrfToken() {
    const input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function hourOf(isoTime) {
    // The Warsaw hour of a tap, as the server buckets it (compared as instants).
    const moment = new Date(isoTime);
    const start = new Date(hour);
    return moment >= start && moment - start < 3600 * 1000;
  }
  function isHere(batch) {
    return batch.event === here.event && batch.stop === here.stop && batch.zone === here.zone && hourOf(batch.counted_at);
  }

  function setOnline(online) {
    netStatus.dataset.online = String(online);
    netStatus.textContent = online ? T.online : T.offline;
  }
  function show() {
    const pending = {};
    let pendingAll = 0;
    queue.filter(isHere).forEach((batch) => {
      pending[batch.category] = (pending[batch.category] || 0) + batch.delta;
      pendingAll += batch.delta;
    });
    document.querySelectorAll("#totals td[data-category]").forEach((cell) => {
      cell.textContent = String(Math.max(0, Number(cell.dataset.server) + (pending[cell.dataset.category] || 0)));
    });
    const all = document.getElementById("totals-all");
    all.textContent = String(Math.max(0, Number(all.dataset.server) + pendingAll));
    queueInfo.textContent = queue.length ? fmt(T.queued, { count: queue.length }) : "";
  }

  async function post(batch) {
    const response = await fetch(form.dataset.countUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(batch),
    });
    return response;
  }

  let syncing = false;
  async function sync() {
    if (syncing || !queue.length) return;
    syncing = true;
    try {
      while (queue.length) {
        const batch = queue[0];
        let response;
        try {
          response = await post({ ...batch, offline: batch.offline || navigator.onLine === false });
        } catch (error) {
          setOnline(false);
          return;
        }
        if (response.status === 401 || response.status === 403) {
          lastCount.textContent = T.forbidden;
          return;
        }
        if (response.status >= 500 || response.status === 429) {
          setOnline(false);
          return;
        }
        if (response.ok) {
          const answer = await response.json();
          if (isHere(batch)) {
            // What the server added is now in its totals: move it there from the queue.
            const cell = document.querySelector(`#totals td[data-category="${batch.category}"]`);
            if (cell) cell.dataset.server = String(Number(cell.dataset.server) + (answer.created ? answer.delta : 0));
            const all = document.getElementById("totals-all");
            all.dataset.server = String(Number(all.dataset.server) + (answer.created ? answer.delta : 0));
          }
        } else {
          // The server refused the batch itself (e.g. a zone removed since): it is not retried.
          let message = String(response.status);
          try {
            message = (await response.json()).message || message;
          } catch (error) {
            /* not JSON */
          }
          lastCount.textContent = fmt(T.refused, { message });
        }
        queue.shift();
        save();
        show();
      }
      setOnline(true);
      await refresh();
    } finally {
      syncing = false;
      show();
    }
  }

  async function refresh() {
    const params = new URLSearchParams();
    for (const name of ["event", "stop", "zone"]) if (here[name] !== null) params.set(name, here[name]);
    try {
      const response = await fetch(`${form.dataset.totalsUrl}?${params}`, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const totals = await response.json();
      hour = totals.hour;
      document.querySelectorAll("#totals td[data-category]").forEach((cell) => {
        cell.dataset.server = String(totals.categories[cell.dataset.category] || 0);
      });
      document.getElementById("totals-all").dataset.server = String(totals.total);
    } catch (error) {
      setOnline(false);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter;
    const delta = Number(button && button.value);
    if (!delta) return;
    const checked = form.querySelector("input[name=category]:checked");
    const category = checked ? checked.value : "unknown";
    const batch = {
      id: uuid(),
      event: here.event,
      stop: here.stop,
      zone: here.zone,
      category,
      delta,
      school_rspo: form.elements.school_rspo.value.trim().replace(/\D/g, "").slice(0, 20),
      school_name: form.elements.school_name.value.trim().slice(0, 200),
      counted_at: new Date().toISOString(),
      offline: navigator.onLine === false,
    };
    queue.push(batch);
    save();
    const label = checked ? checked.closest("label").textContent.trim() : "";
    lastCount.textContent = fmt(T.counted, { delta: delta > 0 ? "+" + delta : "−" + -delta, category: label });
    show();
    sync();
  });

  window.addEventListener("online", () => {
    setOnline(true);
    sync();
  });
  window.addEventListener("offline", () => setOnline(false));
  setInterval(() => {
    if (queue.length) sync();
    else refresh().then(show);
  }, 15000);
  if (navigator.onLine === false) setOnline(false);
  form.dataset.ready = "true";
  show();
  sync();
})();
