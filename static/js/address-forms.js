// A form whose choices are the page's address (the councils' list): shown again by Back or
// Forward, the browser fills it in with what it held when the page was left (an order chosen
// for the next page, words typed), not what the list shown was chosen by. Put it back to
// what the page was served with. (Only then: on a first visit a reset could wipe what was
// typed while the page loaded.) The search page does the same in search.js.
(function () {
  window.addEventListener("pageshow", function (event) {
    var visit = performance.getEntriesByType("navigation")[0];
    if (!(event.persisted || (visit && visit.type !== "navigate"))) return;
    document.querySelectorAll("form[method=get]").forEach(function (form) { form.reset(); });
  });
})();
