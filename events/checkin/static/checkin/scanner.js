// Edufest ticket scanner: camera (ZXing) and manual entry, online through the check-in API, offline
// against the list's downloaded ticket hashes with a queue of scans synced once (client scan ids).
// The offline list is signed by the server (ECDSA P-256, verified here before it is used) and kept
// encrypted (AES-GCM, with a key the server gives this login session) in IndexedDB; it is wiped
// after the list's last day, on logout and when another user opens the scanner. The queue of scans
// (hashes and counts, no names) and the device name stay in localStorage.
(() => {
  "use strict";

  const root = document.getElementById("scanner");
  if (!root) return;
  const T = JSON.parse(document.getElementById("scanner-i18n").textContent);
  const listId = Number(root.dataset.list);
  const user = root.dataset.user;
  const PREFIX = "edufest-checkin:";
  const resultBox = document.getElementById("result");
  const netStatus = document.getElementById("net-status");
  const queueInfo = document.getElementById("queue-info");
  const results = document.getElementById("search-results");
  const manualForm = document.getElementById("manual-form");
  const manualQuery = document.getElementById("manual-query");

  const fmt = (template, values) => template.replace(/%\((\w+)\)s/g, (_m, key) => String(values[key] ?? ""));
  // Times and dates in the page's language and the event's time zone, whatever the device is set to.
  const LANG = document.documentElement.lang || "pl";
  const ZONE = "Europe/Warsaw";
  const timeFormat = new Intl.DateTimeFormat(LANG, { timeZone: ZONE, hour: "2-digit", minute: "2-digit" });
  const dateTimeFormat = new Intl.DateTimeFormat(LANG, {
    timeZone: ZONE, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
  });
  const dayFormat = new Intl.DateTimeFormat(LANG, { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  const isoDay = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
  const formatDay = (iso) => dayFormat.format(new Date(iso + "T00:00:00Z"));
  const today = () => isoDay.format(new Date());
  const csrfToken = () => root.dataset.csrfToken || "";
  const looksLikeCode = (text) => /^[A-Za-z0-9_-]{40,64}$/.test(text);

  // --- storage -----------------------------------------------------------------------------
  const store = {
    get(key, fallback) {
      try {
        const value = localStorage.getItem(PREFIX + key);
        return value === null ? fallback : JSON.parse(value);
      } catch (_error) {
        return fallback;
      }
    },
    set(key, value) {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    },
    wipe() {
      Object.keys(localStorage)
        .filter((key) => key.startsWith(PREFIX))
        .forEach((key) => localStorage.removeItem(key));
    },
  };
  if (store.get("owner", user) !== user) store.wipe();
  store.set("owner", user);
  let device = store.get("device", "");
  if (!device) {
    device = "skaner-" + crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
    store.set("device", device);
  }
  const listKey = "list:" + listId;
  // Lists of older versions, kept in the clear: never again.
  Object.keys(localStorage)
    .filter((key) => key.startsWith(PREFIX + "list:"))
    .forEach((key) => localStorage.removeItem(key));
  let offlineList = null; // {tickets: {hash: {...}}, valid_days, wipe_after, downloaded_at}
  let queue = store.get("queue", []);
  const listWarning = document.getElementById("list-warning");

  const fromBase64 = (text) => Uint8Array.from(atob(text || ""), (c) => c.charCodeAt(0));

  // --- the encrypted copy of the list (IndexedDB) ---------------------------------------------
  const vault = (() => {
    const DB = "edufest-checkin";
    const STORE = "lists";
    let aesKey = null;
    const key = () =>
      (aesKey ||= crypto.subtle.importKey("raw", fromBase64(root.dataset.storageKey), "AES-GCM", false, [
        "encrypt",
        "decrypt",
      ]));
    const open = () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open(DB, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    async function run(mode, action) {
      const db = await open();
      try {
        return await new Promise((resolve, reject) => {
          const tx = db.transaction(STORE, mode);
          const request = action(tx.objectStore(STORE));
          tx.oncomplete = () => resolve(request ? request.result : undefined);
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    }
    const expired = (record) => !record.wipe_after || Date.parse(record.wipe_after) <= Date.now();
    return {
      async save(id, value) {
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const plain = new TextEncoder().encode(JSON.stringify(value));
        const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await key(), plain);
        await run("readwrite", (records) => records.put({ owner: user, wipe_after: value.wipe_after, iv, data }, id));
      },
      async load(id) {
        const record = await run("readonly", (records) => records.get(id));
        if (!record) return null;
        if (record.owner !== user || expired(record)) {
          await this.remove(id);
          return null;
        }
        try {
          const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: record.iv }, await key(), record.data);
          return JSON.parse(new TextDecoder().decode(plain));
        } catch (_error) {
          await this.remove(id); // another session's key: unreadable, so useless
          return null;
        }
      },
      remove(id) {
        return run("readwrite", (records) => records.delete(id));
      },
      clear() {
        return run("readwrite", (records) => records.clear());
      },
      async sweep() {
        const ids = await run("readonly", (records) => records.getAllKeys());
        const records = await run("readonly", (all) => all.getAll());
        await Promise.all(
          records.map((record, index) => (record.owner !== user || expired(record) ? this.remove(ids[index]) : null)),
        );
      },
    };
  })();

  let saving = Promise.resolve();
  function saveList() {
    saving = saving
      .then(() => (offlineList ? vault.save(listKey, offlineList) : vault.remove(listKey)))
      .catch(() => {}); // no IndexedDB (private window): the list lives in memory only
    return saving;
  }

  function dropList() {
    offlineList = null;
    return saveList();
  }

  function listIsOver() {
    return offlineList && (!offlineList.wipe_after || Date.parse(offlineList.wipe_after) <= Date.now());
  }

  let verifyKey = null;
  async function signedByServer(body, signature) {
    if (!signature) return false;
    try {
      verifyKey ||= await crypto.subtle.importKey(
        "spki",
        fromBase64(root.dataset.listPublicKey),
        { name: "ECDSA", namedCurve: "P-256" },
        false,
        ["verify"],
      );
      return await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, verifyKey, fromBase64(signature), body);
    } catch (_error) {
      return false;
    }
  }

  const newScanId = () =>
    crypto.randomUUID ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

  async function sha256(text) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // --- network -----------------------------------------------------------------------------
  async function api(url, options = {}) {
    const response = await fetch(url, {
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), Accept: "application/json" },
      ...options,
    });
    if (response.status === 401 || response.status === 403) {
      const error = new Error("forbidden");
      error.forbidden = true;
      throw error;
    }
    if (!response.ok) {
      const error = new Error("http " + response.status);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function setOnline(online) {
    netStatus.dataset.online = String(online);
    netStatus.textContent = online ? T.online : T.offline;
  }

  function showQueue() {
    const parts = [];
    if (offlineList) {
      parts.push(
        fmt(T.offline_ready, {
          count: Object.keys(offlineList.tickets).length,
          time: timeFormat.format(new Date(offlineList.downloaded_at)),
        }),
      );
    }
    if (queue.length) parts.push(fmt(T.queued, { count: queue.length }));
    queueInfo.textContent = parts.join(" · ");
  }

  async function downloadList() {
    try {
      const response = await fetch(root.dataset.ticketsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.status === 401 || response.status === 403) {
        const error = new Error("forbidden");
        error.forbidden = true;
        throw error;
      }
      if (!response.ok) throw new Error("http " + response.status);
      const body = await response.arrayBuffer();
      const data = (await signedByServer(body, response.headers.get("X-Edufest-Signature")))
        ? JSON.parse(new TextDecoder().decode(body))
        : null;
      if (!data || data.list.id !== listId) {
        listWarning.textContent = T.unsigned_list;
        listWarning.hidden = false;
        await dropList();
        setOnline(true);
        showQueue();
        return;
      }
      listWarning.hidden = true;
      const tickets = {};
      data.tickets.forEach((ticket) => {
        tickets[ticket.hash] = ticket;
      });
      // Scans still waiting in the queue are not known to the server yet: keep them counted.
      queue
        .filter((scan) => scan.list === listId && scan.local_people && tickets[scan.hash])
        .forEach((scan) => {
          tickets[scan.hash].checked_in += scan.local_people;
        });
      offlineList = {
        tickets,
        valid_days: data.list.valid_days || [],
        wipe_after: data.list.wipe_after,
        downloaded_at: new Date().toISOString(),
      };
      if (listIsOver()) offlineList = null; // the list's day is over: nothing to keep
      await saveList();
      setOnline(true);
    } catch (error) {
      if (!error.forbidden) setOnline(false);
    }
    showQueue();
  }

  // --- results -----------------------------------------------------------------------------
  const TONES = {
    ok: "ok",
    partial: "ok",
    already_checked_in: "warn",
    wrong_day: "warn",
  };

  function clearResult() {
    resultBox.hidden = true;
    resultBox.replaceChildren();
    resultBox.dataset.result = "";
    delete resultBox.dataset.tone;
  }

  function render(answer, { offline = false, onAllowOtherDay = null } = {}) {
    const tone = TONES[answer.result] || "bad";
    const symbol = tone === "ok" ? "✔" : tone === "warn" ? "!" : "✖";
    resultBox.hidden = false;
    resultBox.dataset.tone = tone;
    resultBox.dataset.result = answer.result;
    resultBox.replaceChildren();
    const heading = document.createElement("h2");
    heading.textContent = symbol + " " + (T.results[answer.result] || answer.result);
    resultBox.append(heading);
    const lines = [];
    if (answer.name) lines.push([answer.name, true]);
    if (answer.school) lines.push([answer.school, true]);
    if (answer.ticket_type) lines.push([answer.ticket_type]);
    if (answer.group_size > 1) {
      lines.push([
        fmt(T.group_progress, {
          done: answer.checked_in,
          size: answer.group_size,
          left: Math.max(answer.group_size - answer.checked_in, 0),
        }),
        true,
      ]);
    }
    if (answer.result === "already_checked_in" && answer.checked_in_at) {
      lines.push([
        fmt(T.checked_in_when, {
          time: dateTimeFormat.format(new Date(answer.checked_in_at)),
          by: answer.checked_in_by || "—",
        }),
      ]);
    }
    if (answer.result === "wrong_day" && answer.valid_days && answer.valid_days.length) {
      lines.push([fmt(T.valid_on, { days: answer.valid_days.map(formatDay).join(", ") })]);
    }
    if (offline) lines.push([T.decided_offline]);
    lines.forEach(([text, big]) => {
      const p = document.createElement("p");
      p.textContent = text;
      if (big) p.className = "big";
      resultBox.append(p);
    });
    if (answer.result === "wrong_day" && onAllowOtherDay) {
      const button = document.createElement("button");
      button.type = "button";
      button.id = "allow-other-day";
      button.textContent = T.allow_other_day;
      button.addEventListener("click", onAllowOtherDay);
      resultBox.append(button);
    }
    resultBox.focus();
  }

  function askCount(entry, onChosen) {
    const left = entry.group_size - entry.checked_in;
    resultBox.hidden = false;
    resultBox.dataset.tone = "warn";
    resultBox.dataset.result = "ask";
    resultBox.replaceChildren();
    const heading = document.createElement("h2");
    heading.textContent = entry.name;
    const school = document.createElement("p");
    school.className = "big";
    school.textContent = entry.school || "";
    const info = document.createElement("p");
    info.className = "big";
    info.textContent = fmt(T.group_progress, { done: entry.checked_in, size: entry.group_size, left });
    const form = document.createElement("form");
    const label = document.createElement("label");
    label.htmlFor = "arrived-count";
    label.textContent = T.how_many;
    const input = document.createElement("input");
    Object.assign(input, { id: "arrived-count", type: "number", min: "1", max: String(left), value: String(left), required: true });
    input.inputMode = "numeric";
    const button = document.createElement("button");
    button.type = "submit";
    button.textContent = T.check_in;
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.textContent = T.cancel;
    cancel.addEventListener("click", clearResult);
    form.append(label, input, button, " ", cancel);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const count = Math.min(Math.max(parseInt(input.value, 10) || 1, 1), left);
      onChosen(count);
    });
    resultBox.append(heading, ...(entry.school ? [school] : []), info, form);
    input.focus();
  }

  // --- checking in -------------------------------------------------------------------------
  function decideOffline(scan) {
    const entry = offlineList && offlineList.tickets[scan.hash];
    if (!entry) return { result: "unknown" };
    const left = entry.group_size - entry.checked_in;
    if (left <= 0) return { ...entry, result: "already_checked_in", checked_in_at: null };
    // A fair exhibitor's stand staff pass carries its own days (the set-up day and the fair's days).
    const days = entry.valid_days && entry.valid_days.length ? entry.valid_days : offlineList.valid_days || [];
    if (days.length && !days.includes(today()) && !scan.allow_other_day) {
      return { ...entry, result: "wrong_day", valid_days: days, refused: true };
    }
    const people = Math.min(scan.count || left, left);
    entry.checked_in += people;
    scan.local_people = people;
    saveList();
    return { ...entry, result: entry.checked_in >= entry.group_size ? "ok" : "partial" };
  }

  function payload(scan, offline) {
    const body = { list: scan.list, scan_id: scan.scan_id, device, offline, scanned_at: scan.scanned_at };
    if (scan.secret) body.secret = scan.secret;
    else body.ticket_hash = scan.hash;
    if (scan.count) body.count = scan.count;
    if (scan.allow_other_day) body.allow_other_day = true;
    return body;
  }

  function remember(answer, hash) {
    const entry = offlineList && offlineList.tickets[hash];
    if (entry && typeof answer.checked_in === "number" && answer.result !== "unknown") {
      entry.checked_in = Math.max(entry.checked_in, answer.checked_in);
      saveList();
    }
  }

  // A one-day list refused the ticket on another day: staff may let it in on purpose, as a new scan.
  const allowOtherDay = (scan) => () => {
    clearResult();
    submit({ ...scan, scan_id: newScanId(), allow_other_day: true, scanned_at: new Date().toISOString() });
  };

  async function submit(scan) {
    if (navigator.onLine !== false) {
      try {
        const answer = await api(root.dataset.checkinUrl, { method: "POST", body: JSON.stringify(payload(scan, false)) });
        setOnline(true);
        remember(answer, scan.hash);
        render(answer, { onAllowOtherDay: allowOtherDay(scan) });
        return;
      } catch (error) {
        if (error.forbidden) {
          render({ result: "forbidden" });
          return;
        }
        if (error.status) {
          render({ result: "error" });
          return;
        }
      }
    }
    setOnline(false);
    const answer = decideOffline(scan);
    if (answer.refused) {
      render(answer, { offline: true, onAllowOtherDay: allowOtherDay(scan) });
      return;
    }
    delete scan.secret; // the queue keeps only the hash of what was scanned
    queue.push(scan);
    store.set("queue", queue);
    showQueue();
    render(answer, { offline: true });
  }

  async function checkIn({ secret = "", hash = "" }) {
    clearResult(); // the previous person's banner never stays up for the next one
    const scan = {
      scan_id: newScanId(),
      list: listId,
      secret,
      hash: hash || (await sha256(secret)),
      scanned_at: new Date().toISOString(),
    };
    const entry = offlineList && offlineList.tickets[scan.hash];
    if (entry && entry.group_size > 1 && entry.checked_in < entry.group_size) {
      askCount(entry, (count) => {
        scan.count = count;
        submit(scan);
      });
      return;
    }
    await submit(scan);
  }

  let syncing = false;
  async function sync() {
    if (syncing || !queue.length) return;
    syncing = true;
    try {
      while (queue.length) {
        const scan = queue[0];
        try {
          const answer = await api(root.dataset.checkinUrl, { method: "POST", body: JSON.stringify(payload(scan, true)) });
          remember(answer, scan.hash);
        } catch (error) {
          if (error.status && error.status < 500) {
            // The server refused the request itself (e.g. a list that was deleted): drop the scan.
          } else {
            setOnline(false);
            break;
          }
        }
        queue.shift();
        store.set("queue", queue);
      }
      if (!queue.length) setOnline(true);
    } finally {
      syncing = false;
      showQueue();
    }
  }

  // --- manual entry and search -------------------------------------------------------------
  function showMatches(matches) {
    results.replaceChildren();
    if (!matches.length) {
      const li = document.createElement("li");
      li.textContent = T.no_matches;
      results.append(li);
      return;
    }
    matches.forEach((match) => {
      const li = document.createElement("li");
      const text = document.createElement("span");
      const parts = [match.name, match.school, match.ticket_type];
      if (match.group_size > 1) parts.push(fmt(T.group_progress, { done: match.checked_in, size: match.group_size, left: match.group_size - match.checked_in }));
      const refused = match.status && match.status !== "confirmed";
      const admitted = !refused && match.checked_in >= match.group_size;
      if (refused) parts.push(T.results[match.status] || match.status);
      text.textContent = parts.filter(Boolean).join(" · ");
      li.append(text);
      if (admitted) {
        // Nobody of this ticket is left to let in: say so instead of offering "Check in".
        const state = document.createElement("strong");
        state.className = "match-state";
        state.textContent = T.results.already_checked_in;
        li.append(state);
      } else if (!refused) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = T.check_in;
        button.addEventListener("click", () => {
          results.replaceChildren();
          checkIn({ hash: match.hash });
        });
        li.append(button);
      }
      if (match.ticket_id) {
        const link = document.createElement("a");
        link.href = root.dataset.regenerateUrl.replace("/0/", "/" + match.ticket_id + "/");
        link.textContent = T.regenerate;
        li.append(link);
      }
      results.append(li);
    });
  }

  async function search(text) {
    try {
      const matches = await api(root.dataset.searchUrl + "?q=" + encodeURIComponent(text), { method: "GET" });
      setOnline(true);
      showMatches(matches);
    } catch (error) {
      if (error.forbidden) return render({ result: "forbidden" });
      setOnline(false);
      const needle = text.toLocaleLowerCase();
      const local = offlineList ? Object.values(offlineList.tickets) : [];
      showMatches(local.filter((t) => (t.name + " " + t.school).toLocaleLowerCase().includes(needle)).slice(0, 20));
    }
  }

  manualForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = manualQuery.value.trim();
    if (!text) return;
    manualQuery.value = "";
    results.replaceChildren();
    clearResult();
    if (looksLikeCode(text)) checkIn({ secret: text });
    else search(text);
  });
  manualQuery.addEventListener("input", () => {
    if (resultBox.dataset.result !== "ask") clearResult();
  });

  // --- camera --------------------------------------------------------------------------------
  const video = document.getElementById("camera");
  const startButton = document.getElementById("camera-start");
  const stopButton = document.getElementById("camera-stop");
  let controls = null;
  let lastText = "";
  let lastAt = 0;
  let paused = false;

  async function startCamera() {
    if (!window.ZXingBrowser) {
      render({ result: "camera_error" });
      return;
    }
    const reader = new window.ZXingBrowser.BrowserQRCodeReader();
    video.hidden = false;
    startButton.hidden = true;
    stopButton.hidden = false;
    try {
      controls = await reader.decodeFromVideoDevice(undefined, video, (result) => {
        if (!result || paused) return;
        const text = result.getText().trim();
        const now = Date.now();
        if (text === lastText && now - lastAt < 4000) return; // the same code held in front of the camera
        lastText = text;
        lastAt = now;
        paused = true;
        Promise.resolve(checkIn({ secret: text })).finally(() => {
          setTimeout(() => {
            paused = false;
          }, 1500);
        });
      });
    } catch (_error) {
      stopCamera();
      render({ result: "camera_error" });
    }
  }

  function stopCamera() {
    if (controls) controls.stop();
    controls = null;
    video.hidden = true;
    startButton.hidden = false;
    stopButton.hidden = true;
  }

  startButton.addEventListener("click", startCamera);
  stopButton.addEventListener("click", stopCamera);

  // --- logout wipes the device ---------------------------------------------------------------
  async function wipeAndLogout(event) {
    if (event) event.preventDefault();
    await sync();
    if (queue.length && !window.confirm(fmt(T.unsynced_confirm, { count: queue.length }))) return;
    store.wipe();
    offlineList = null;
    queue = [];
    await vault.clear().catch(() => {});
    document.getElementById("logout-form").submit();
  }
  document.getElementById("wipe-and-logout").addEventListener("click", wipeAndLogout);
  document.querySelectorAll('form[action$="/logout/"]').forEach((form) => {
    if (form.id === "logout-form") return;
    form.addEventListener("submit", (event) => {
      if (queue.length && !window.confirm(fmt(T.unsynced_confirm, { count: queue.length }))) {
        event.preventDefault();
        return;
      }
      store.wipe();
      vault.clear().catch(() => {});
    });
  });
  document.getElementById("refresh-list").addEventListener("click", downloadList);

  window.addEventListener("online", () => {
    setOnline(true);
    sync().then(downloadList);
  });
  window.addEventListener("offline", () => setOnline(false));
  setInterval(() => {
    if (navigator.onLine !== false) sync();
  }, 10000);
  setInterval(() => {
    if (navigator.onLine !== false && !queue.length) downloadList();
  }, 120000);

  setInterval(() => {
    if (listIsOver()) {
      dropList();
      showQueue();
    }
  }, 60000);

  (async () => {
    try {
      await vault.sweep();
      offlineList = await vault.load(listKey);
    } catch (_error) {
      offlineList = null;
    }
    showQueue();
    root.dataset.ready = "true";
    await sync();
    await downloadList();
  })();
})();
