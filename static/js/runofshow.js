// Drag-and-drop reordering of cues (SortableJS), saved at once; the page then reloads so
// every time shown is recomputed on the server.
document.addEventListener("DOMContentLoaded", () => {
  const list = document.getElementById("cues");
  const status = document.getElementById("order-status");
  if (!list || typeof Sortable === "undefined") return;
  // The page's words (data-text-saving, data-text-not-saved on #cues), {error} filled in
  // (its own full stop dropped: the sentence goes on).
  const say = (name, values = {}) => list.dataset[name].replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  Sortable.create(list, {
    handle: ".handle",
    animation: 120,
    onEnd: async () => {
      const cues = [...list.querySelectorAll("li[data-id]")].map((li) => Number(li.dataset.id));
      status.textContent = say("textSaving");
      const response = await fetch(list.dataset.orderUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": list.dataset.csrf },
        // The stamp of the order this page shows: a change by someone else meanwhile is refused.
        body: JSON.stringify({ cues, stamp: list.dataset.stamp }),
      });
      if (response.ok) {
        window.location.reload();
      } else {
        const body = await response.json().catch(() => ({}));
        status.textContent = say("textNotSaved", { error: (body.error || response.statusText).replace(/[.。]\s*$/, "") });
      }
    },
  });
});
