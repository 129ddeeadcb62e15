// The moderator's live view. State lives in localStorage (cue index, when it started, how
// long the finished cues really took), so a reload keeps the clock where it was.
(() => {
  const root = document.getElementById("live");
  const cues = JSON.parse(document.getElementById("cues-data").textContent);
  const key = root.dataset.storageKey;
  const [amber, red] = root.dataset.warn.split(",").map(Number);
  const $ = (id) => document.getElementById(id);

  const load = () => JSON.parse(localStorage.getItem(key) || "null");
  const save = (state) => localStorage.setItem(key, JSON.stringify(state));
  let state = load();

  const clock = (ms) => {
    const sign = ms < 0 ? "-" : "";
    const s = Math.floor(Math.abs(ms) / 1000);
    return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };

  function overUnder(now) {
    if (!state) return 0;
    let delta = 0;
    state.done.forEach((ms, i) => { delta += ms - cues[i].minutes * 60000; });
    const cue = cues[state.index];
    if (cue) delta += Math.max(0, now - state.startedAt - cue.minutes * 60000);
    return delta;
  }

  function render() {
    const now = Date.now();
    const cue = state && cues[state.index];
    const next = state ? cues[state.index + 1] : cues[0];
    const countdown = $("countdown");
    countdown.className = "countdown";
    if (!state) {
      // Not started (or reset): nothing of an earlier run may stay on the screen.
      $("position").textContent = "";
      $("now-who").textContent = "Press Start when the session begins";
      $("now-what").textContent = $("now-meta").textContent = "";
      countdown.textContent = "--:--";
    } else if (!cue) {
      $("position").textContent = "";
      $("now-who").textContent = "End of the running order";
      $("now-what").textContent = $("now-meta").textContent = "";
      countdown.textContent = "--:--";
    } else {
      const left = cue.minutes * 60000 - (now - state.startedAt);
      $("position").textContent = `(cue ${cue.n} of ${cues.length})`;
      $("now-who").textContent = cue.who;
      $("now-what").textContent = `${cue.what} · ${cue.minutes} min`;
      $("now-meta").textContent = [cue.local && `their time ${cue.local}`, cue.connection,
        cue.tech && `tech: ${cue.tech}`, cue.fallback && `fallback: ${cue.fallback}`]
        .filter(Boolean).join(" · ");
      countdown.textContent = clock(left);
      if (left < 0) countdown.classList.add("over");
      else if (left <= red * 60000) countdown.classList.add("red");
      else if (left <= amber * 60000) countdown.classList.add("amber");
    }
    $("next-who").textContent = next ? next.who : "—";
    $("next-what").textContent = next ? `${next.what} · ${next.minutes} min` : "";
    const delta = overUnder(now);
    const total = $("over-under");
    total.textContent = Math.abs(delta) < 1000 ? "on time"
      : delta > 0 ? `${clock(delta)} over` : `${clock(-delta)} under`;
    total.className = delta >= 1000 ? "over" : "";
  }

  function advance() {
    const now = Date.now();
    if (!state) { state = { index: 0, startedAt: now, done: [] }; }
    else if (state.index < cues.length) {
      state.done.push(now - state.startedAt);
      state.index += 1;
      state.startedAt = now;
    }
    save(state); render();
  }

  // Undo the last advance: the cue before goes on as if Next had not been pressed.
  function back() {
    if (!state || state.index === 0) return;
    state.index -= 1;
    state.startedAt -= state.done.pop();
    save(state); render();
  }

  function reset() {
    if (!state) return;
    if (!window.confirm("Reset the timer? Every cue's timing of this run is lost.")) return;
    localStorage.removeItem(key);
    state = null;
    render();
  }

  $("start").addEventListener("click", () => { if (!state) advance(); });
  $("next").addEventListener("click", advance);
  $("back").addEventListener("click", back);
  $("reset").addEventListener("click", reset);
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea")) return;
    if (e.key === " " || e.key === "ArrowRight" || e.key === "PageDown") { e.preventDefault(); advance(); }
    if (e.key === "ArrowLeft" || e.key === "PageUp") { e.preventDefault(); back(); }
  });
  render();
  setInterval(render, 250);
})();
