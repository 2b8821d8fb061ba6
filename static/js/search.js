// Optional: apply a filter as soon as it is ticked, and narrow long filter lists as you type.
// Without this script the "Apply filters" button does the same.
(function () {
  var facets = document.getElementById("facets");
  if (!facets) return;
  facets.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox], input[type=date]")) facets.submit();
  });
  document.querySelectorAll("[data-facet-filter]").forEach(function (box) {
    box.hidden = false;
    var group = document.getElementById(box.dataset.facetFilter);
    box.addEventListener("input", function () {
      var needle = box.value.trim().toLowerCase();
      group.querySelectorAll("details.facet-more").forEach(function (d) { if (needle) d.open = true; });
      group.querySelectorAll(".facet-values > li").forEach(function (item) {
        item.hidden = needle && item.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  });
  var sort = document.getElementById("sort");
  if (sort) sort.addEventListener("change", function () { sort.form.submit(); });
})();
