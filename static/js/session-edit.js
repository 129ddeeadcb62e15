// The session editor: drag participants by their handle to set the speaking order.
document.addEventListener("DOMContentLoaded", () => {
  const rows = document.getElementById("participants");
  if (rows && typeof Sortable !== "undefined") Sortable.create(rows, { handle: ".handle", animation: 120 });
});
