// Public pages: show every session also in the visitor's time zone (detected, switchable,
// remembered in this browser), and a "now / next" strip while the segment is live.
// Times arrive from the server in HQ time and UTC; this script only re-labels them.
(function () {
  "use strict";
  var KEY = "meeting.visitorZone";
  var switcher = document.querySelector(".zone-switcher");
  var select = document.getElementById("visitor-zone");
  // Texts come translated from the page (data- attributes of the switcher); dates are
  // written in the page's language, with Latin digits as UN pages write times.
  var texts = switcher ? switcher.dataset : {};
  var lang = document.documentElement.lang || "en";
  var locale = lang === "en" ? "en-GB" : lang + "-u-nu-latn";
  function say(text, fallback, zone) { return (text || fallback).replace("{zone}", zone || ""); }

  function detected() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; }
  }
  function saved() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(zone) {
    try { if (zone) { localStorage.setItem(KEY, zone); } else { localStorage.removeItem(KEY); } } catch (e) { /* private mode */ }
  }
  function zones() {
    var list = (Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : []).slice();
    [detected(), "UTC", switcher.dataset.hqZone].forEach(function (z) { if (list.indexOf(z) < 0) { list.push(z); } });
    return list.sort();
  }
  function parts(date, zone, options) {
    return new Intl.DateTimeFormat(locale, Object.assign({ timeZone: zone }, options)).format(date);
  }
  function hm(date, zone) {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  }
  function isoDay(date, zone) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  }
  function abbreviation(date, zone) {
    var found = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
      .formatToParts(date).filter(function (p) { return p.type === "timeZoneName"; });
    return found.length ? found[0].value : zone;
  }

  function show(zone) {
    document.querySelectorAll(".visitor-when").forEach(function (el) {
      var start = new Date(el.dataset.start), end = new Date(el.dataset.end);
      var day = isoDay(start, zone) !== el.dataset.hqDay ? parts(start, zone, { weekday: "short", day: "numeric", month: "short" }) + ", " : "";
      el.textContent = day + hm(start, zone) + "–" + hm(end, zone) + " " + abbreviation(start, zone);
      el.title = say(texts.yourZone, "Your time zone: {zone}", zone);
      el.dataset.zone = zone;
    });
    nowNext(zone);
  }

  // The "now / next" strip reads the sessions from the page itself (the server renders no
  // clock-dependent HTML, so a cached page stays right); cancelled sessions never run.
  var strip = document.getElementById("now-next");
  var sessions = Array.prototype.map.call(
    document.querySelectorAll("[data-title]:not(.status-cancelled)"), function (el) {
      var when = el.querySelector(".visitor-when");
      // A grid cell is the link; a list item's link is its title.
      var link = el.getAttribute("href") || el.querySelector("h3 a").getAttribute("href");
      return { title: el.dataset.title, url: link,
               start: when.dataset.start, end: when.dataset.end };
    }).sort(function (a, b) { return Date.parse(a.start) - Date.parse(b.start); });
  function describe(s, zone, withDay) {
    var start = new Date(s.start);
    var when = (withDay ? parts(start, zone, { weekday: "short", day: "numeric", month: "short" }) + " " : "") +
      hm(start, zone) + "–" + hm(new Date(s.end), zone) + " " + abbreviation(start, zone);
    var a = document.createElement("a");
    a.href = s.url;
    a.textContent = s.title;
    var span = document.createElement("span");
    span.append(a, " (" + when + ")");
    return span;
  }
  function nowNext(zone) {
    if (!strip || !sessions.length) { return; }
    var now = Date.now();
    var first = Date.parse(sessions[0].start);
    var last = Math.max.apply(null, sessions.map(function (s) { return Date.parse(s.end); }));
    // Shown from an hour before the first session until the last one ends.
    if (now < first - 3600 * 1000 || now >= last) { strip.hidden = true; return; }
    var current = sessions.filter(function (s) { return Date.parse(s.start) <= now && now < Date.parse(s.end); });
    var next = sessions.filter(function (s) { return Date.parse(s.start) > now; })[0];
    strip.querySelector("[data-now]").replaceChildren(
      ...(current.length ? current.map(function (s) { return describe(s, zone, false); }) : [say(texts.noSession, "No session right now.")]));
    strip.querySelector("[data-next]").replaceChildren(next ? describe(next, zone, true) : say(texts.nothingMore, "Nothing more today."));
    strip.hidden = false;
  }

  if (switcher && select) {
    var zone = saved() || detected();
    zones().forEach(function (z) {
      var option = document.createElement("option");
      option.value = option.textContent = z;
      if (z === detected()) { option.textContent = say(texts.thisComputer, "{zone} (this computer)", z); }
      select.appendChild(option);
    });
    select.value = zone;
    switcher.hidden = false;
    select.addEventListener("change", function () { remember(select.value); show(select.value); });
    switcher.querySelector("[data-zone-reset]").addEventListener("click", function () {
      remember(null); select.value = detected(); show(detected());
    });
    show(zone);
    setInterval(function () { nowNext(select.value); }, 30000);
  }
})();
