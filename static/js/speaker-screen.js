// The speaker screen: read-only, follows the moderator's presses through server-sent events.
(() => {
  const { render, json, say } = window.LiveCore;
  const root = document.getElementById("live");
  const cues = json("cues-data");
  const warn = root.dataset.warn.split(",").map(Number);
  const hq = { zone: root.dataset.hqZone, label: root.dataset.hqLabel };
  const link = document.getElementById("screen-link");
  let state = json("state-data");
  const source = new EventSource(root.dataset.eventsUrl);
  source.onmessage = (event) => { state = JSON.parse(event.data); render(state, cues, warn, hq); };
  source.onerror = () => { link.textContent = say("reconnecting", "Reconnecting…"); };
  source.onopen = () => { link.textContent = ""; };
  render(state, cues, warn, hq);
  setInterval(() => render(state, cues, warn, hq), 250);
})();
