// Drag an entry of the list of speakers to place it by hand (SortableJS). The server keeps
// that place (pinned) and the page reloads so every number is recomputed there.
document.addEventListener("DOMContentLoaded", () => {
  const body = document.getElementById("speakers-order");
  const status = document.getElementById("order-status");
  if (!body || typeof Sortable === "undefined") return;
  // The page's words (data-text-saving, data-text-not-saved on #speakers-order), {error} filled in.
  const say = (name, values = {}) => body.dataset[name].replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  Sortable.create(body, {
    handle: ".handle",
    animation: 120,
    onEnd: async (event) => {
      if (event.oldIndex === event.newIndex) return;
      status.textContent = say("textSaving");
      const response = await fetch(body.dataset.orderUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": body.dataset.csrf },
        body: JSON.stringify({ entry: Number(event.item.dataset.id), number: event.newIndex + 1 }),
      });
      if (response.ok) {
        window.location.reload();
      } else {
        const answer = await response.json().catch(() => ({}));
        status.textContent = say("textNotSaved", { error: (answer.error || response.statusText).replace(/[.。]\s*$/, "") });
      }
    },
  });
});
