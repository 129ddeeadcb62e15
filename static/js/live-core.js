// What the moderator's live view and the speaker screen share: applying a press to the
// state (the server replays the same rules) and drawing the countdown. No controls here.
window.LiveCore = (() => {
  const $ = (id) => document.getElementById(id);

  const clock = (ms) => {
    const sign = ms < 0 ? "-" : "";
    const s = Math.floor(Math.abs(ms) / 1000);
    return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };

  // The state after one press; null means not started (or reset).
  function apply(state, action, at, count) {
    if (action === "reset") return null;
    if (!state || state.index === null) {
      if (action !== "start" && action !== "next") return state;
      return { index: 0, startedAt: at, runStartedAt: at, done: [] };
    }
    const next = { ...state, done: [...state.done] };
    if (action === "next" && next.index < count) {
      next.done.push(at - next.startedAt);
      next.index += 1;
      next.startedAt = at;
    } else if (action === "back" && next.index > 0) {
      next.index -= 1;
      next.startedAt -= next.done.pop();
    }
    return next;
  }

  const running = (state) => state && state.index !== null;

  function overUnder(state, cues, now) {
    if (!running(state)) return 0;
    let delta = 0;
    state.done.forEach((ms, i) => { delta += ms - cues[i].minutes * 60000; });
    const cue = cues[state.index];
    if (cue) delta += Math.max(0, now - state.startedAt - cue.minutes * 60000);
    return delta;
  }

  const text = (id, value) => { const el = $(id); if (el) el.textContent = value; };
  // A text the page gave translated (data-text-<name> on #live), else the English one;
  // {name} placeholders filled from `values`.
  const say = (name, english, values = {}) => {
    const given = $("live").dataset["text" + name.replace(/(^|-)(\w)/g, (_, _dash, c) => c.toUpperCase())];
    return (given || english).replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  };

  // Draw the state into whichever of the shared elements the page has.
  function render(state, cues, warn, hq) {
    const now = Date.now();
    const [amber, red] = warn;
    const cue = running(state) ? cues[state.index] : null;
    const next = running(state) ? cues[state.index + 1] : cues[0];
    const countdown = $("countdown");
    countdown.className = "countdown";
    $("live").classList.toggle("is-hard", Boolean(cue && cue.hard));
    if (!running(state) || !cue) {
      text("position", "");
      text("now-who", running(state) ? say("end", "End of the running order")
        : say("press-start", "Press Start when the session begins"));
      ["now-what", "now-meta", "now-notes", "now-floor", "now-hard"].forEach((id) => text(id, ""));
      countdown.textContent = "--:--";
    } else {
      const left = cue.minutes * 60000 - (now - state.startedAt);
      text("position", say("position", "(cue {n} of {total})", { n: cue.n, total: cues.length }));
      text("now-who", cue.who);
      text("now-what", `${cue.what} · ${say("minutes", "{minutes} min", cue)}`);
      text("now-meta", [cue.local && say("their", "their time {time}", { time: cue.local }), cue.connection,
        cue.tech && say("tech", "tech: {tech}", cue), cue.fallback && say("fallback", "fallback: {fallback}", cue)]
        .filter(Boolean).join(" · "));
      text("now-floor", cue.floor ? say("floor", "Floor: {language}", { language: cue.floor.toUpperCase() }) : "");
      text("now-hard", cue.hard ? say("hard", "■ Hard start {time}", { time: cue.hard }) : "");
      text("now-notes", cue.notes);
      countdown.textContent = clock(left);
      if (left < 0) countdown.classList.add("over");
      else if (left <= red * 60000) countdown.classList.add("red");
      else if (left <= amber * 60000) countdown.classList.add("amber");
    }
    text("next-who", next ? next.who : "—");
    text("next-what", next ? `${next.what} · ${say("minutes", "{minutes} min", next)}${
      next.hard ? ` · ${say("next-hard", "■ hard start {time}", { time: next.hard })}` : ""}` : "");
    const delta = overUnder(state, cues, now);
    const total = $("over-under");
    if (total) {
      total.textContent = Math.abs(delta) < 1000 ? say("on-time", "on time")
        : delta > 0 ? say("over", "{clock} over", { clock: clock(delta) })
          : say("under", "{clock} under", { clock: clock(-delta) });
      total.className = delta >= 1000 ? "over" : "";
    }
    if (hq && $("hq-clock")) {
      $("hq-clock").textContent = new Intl.DateTimeFormat("en-GB", {
        timeZone: hq.zone, hour: "2-digit", minute: "2-digit", second: "2-digit" })
        .format(new Date(now)) + ` ${hq.label}`;
    }
  }

  const json = (id) => JSON.parse($(id).textContent);
  return { apply, render, clock, json, say };
})();
