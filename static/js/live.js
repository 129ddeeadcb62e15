// The moderator's live view. Each press is drawn at once and recorded on the server (in
// order, retried while the network is away), which replays the presses for the speaker
// screen and the planned-vs-actual report; a reload draws the server's state.
(() => {
  const { apply, render, json } = window.LiveCore;
  const root = document.getElementById("live");
  const cues = json("cues-data");
  const warn = root.dataset.warn.split(",").map(Number);
  const hq = { zone: root.dataset.hqZone, label: root.dataset.hqLabel };
  const status = document.getElementById("live-status");
  let state = json("state-data");
  if (state.index === null) state = null;
  const queue = [];
  let sending = false;

  // The page's own words when it is not in English (data-text-<name> on #live); {name}: a value.
  const word = (name, english, values = {}) => (root.dataset[name] || english)
    .replace(/\{(\w+)\}/g, (m, key) => String(values[key]));
  const say = (message, bad) => { status.textContent = message; status.className = bad ? "flash flash-error" : "muted"; };

  async function flush() {
    if (sending || !queue.length) return;
    sending = true;
    const press = queue[0];
    try {
      const response = await fetch(root.dataset.markUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
        body: JSON.stringify(press),
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        queue.shift();
        if (!queue.length) { state = body.index === null ? null : body; say(word("textRecorded", "Recorded."), false); }
      } else {
        queue.shift();  // refused (e.g. a wrong clock): say why, keep going
        say(word("textRefused", "Not recorded: {error}", { error: body.error || response.statusText }), true);
      }
    } catch (error) {
      say(queue.length > 1 ? word("textRetryMany", "Not recorded yet ({n} presses); retrying…", { n: queue.length })
        : word("textRetryOne", "Not recorded yet ({n} press); retrying…", { n: queue.length }), true);
      sending = false;
      setTimeout(flush, 2000);
      return;
    }
    sending = false;
    flush();
  }

  function press(action) {
    const at = Date.now();
    const after = apply(state, action, at, cues.length);
    if (after === state) return;  // nothing to undo, nothing to reset
    state = after;
    queue.push({ action, at });
    render(state, cues, warn, hq);
    flush();
  }

  document.getElementById("start").addEventListener("click", () => { if (!state) press("start"); });
  document.getElementById("next").addEventListener("click", () => press("next"));
  document.getElementById("back").addEventListener("click", () => press("back"));
  document.getElementById("reset").addEventListener("click", () => {
    if (!state) return;
    if (!window.confirm(word("textReset", "Reset the timer? Every cue's timing of this run is lost."))) return;
    press("reset");
  });
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea")) return;
    if (e.key === " " || e.key === "ArrowRight" || e.key === "PageDown") { e.preventDefault(); press("next"); }
    if (e.key === "ArrowLeft" || e.key === "PageUp") { e.preventDefault(); press("back"); }
  });
  render(state, cues, warn, hq);
  setInterval(() => render(state, cues, warn, hq), 250);
})();
