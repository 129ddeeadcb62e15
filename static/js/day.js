// The organizer's day timeline (FullCalendar 6). Times on the axis are headquarters wall-clock
// times, fed to FullCalendar as if they were UTC; a second ruler shows another zone.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("timeline");
  if (!el || typeof FullCalendar === "undefined") return;
  const status = document.getElementById("timeline-status");
  const zoneSelect = document.getElementById("secondary-zone");
  const hqOffsetMs = Number(el.dataset.hqOffset) * 60000;
  const editable = el.dataset.editable === "true";
  const remembered = localStorage.getItem("meeting.secondaryZone");
  if (remembered && [...zoneSelect.options].some((o) => o.value === remembered)) zoneSelect.value = remembered;

  // A text the page gave translated (data-text-<name>), {name} placeholders filled from `values`.
  const say = (name, values = {}) => el.dataset["text" + name.replace(/(^|-)(\w)/g, (_, _dash, c) => c.toUpperCase())]
    .replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const wall = (date) => date.toISOString().slice(0, 16).replace("T", " ");
  const secondary = (date) => new Intl.DateTimeFormat("en-GB", {
    timeZone: zoneSelect.value, hour: "2-digit", minute: "2-digit", hour12: false,
  }).format(new Date(date.getTime() - hqOffsetMs));
  const zoneName = () => zoneSelect.value.split("/").pop().replace("_", " ");
  // A new function each time: FullCalendar redraws the labels when the option changes.
  const labels = () => (arg) => ({
    html: `<span class="hq-time">${arg.date.toISOString().slice(11, 16)}</span>` +
          `<span class="second-time">${secondary(arg.date)} ${zoneName()}</span>`,
  });

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": el.dataset.csrf },
      body: JSON.stringify(body),
    });
    return { ok: response.ok, status: response.status, body: await response.json().catch(() => ({})) };
  }

  async function refreshConflicts() {
    const response = await fetch(el.dataset.conflicts);
    if (response.ok) document.getElementById("conflicts-panel").outerHTML = await response.text();
  }

  async function moved(info) {
    const ev = info.event;
    const minutes = Math.round((ev.end - ev.start) / 60000);
    status.textContent = say("saving", { code: ev.extendedProps.code });
    const result = await post(`/organizer/sessions/${ev.id}/move`,
      { start: wall(ev.start), duration: minutes, version: ev.extendedProps.version });
    if (result.ok) {
      ev.setExtendedProp("version", result.body.version);
      status.textContent = say("saved", { code: ev.extendedProps.code, time: wall(ev.start).slice(11), minutes });
    } else {
      info.revert();
      status.textContent = say("not-saved", { error: result.body.error || result.status });
      if (result.status === 409) calendar.refetchEvents();
    }
    refreshConflicts();
  }

  const calendar = new FullCalendar.Calendar(el, {
    initialView: "timeGridDay",
    initialDate: el.dataset.day,
    timeZone: "UTC",
    headerToolbar: false,
    allDaySlot: false,
    nowIndicator: false,
    slotMinTime: "06:00:00",
    slotMaxTime: "22:00:00",
    slotDuration: "00:15:00",
    snapDuration: "00:05:00",
    slotLabelInterval: "01:00",
    eventTimeFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
    height: "auto",
    editable,
    selectable: editable,
    eventSources: [{ url: el.dataset.events, startParam: "from", endParam: "to" }],
    slotLabelContent: labels(),
    eventDidMount: (info) => { info.el.title = say("open"); },
    eventClick: (info) => { window.location = info.event.extendedProps.edit; },
    eventDrop: moved,
    eventResize: moved,
    select: async (info) => {
      const code = window.prompt(say("new-code", { start: wall(info.start).slice(11), end: wall(info.end).slice(11) }));
      if (!code) { calendar.unselect(); return; }
      const title = window.prompt(say("new-title")) || "";
      const result = await post(el.dataset.create, {
        code, title, start: wall(info.start), duration: Math.round((info.end - info.start) / 60000),
      });
      status.textContent = result.ok ? say("created", { code }) : say("not-created", { error: result.body.error });
      calendar.unselect();
      calendar.refetchEvents();
      refreshConflicts();
    },
  });
  calendar.render();
  zoneSelect.addEventListener("change", () => {
    localStorage.setItem("meeting.secondaryZone", zoneSelect.value);
    calendar.setOption("slotLabelContent", labels());
  });
});
