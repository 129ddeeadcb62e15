// Small page behaviours that markup asks for with data attributes (no inline handlers:
// the Content-Security-Policy runs scripts from this site only).
//   <form data-confirm="Delete this key message?">  asks before submitting
//   <button data-print>                              prints the page
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
