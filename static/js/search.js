// Optional: apply a filter as soon as it is ticked, and narrow long filter lists as you type.
// Without this script the "Apply filters" button does the same.
(function () {
  var box = document.getElementById("search-q");

  // Back and Forward show the page of their URL, but the browser fills its forms in with what
  // they held when it was left (a box ticked just before the page was left, words typed):
  // put every form back to what the page was served with, which is what its URL asks for.
  // (Only then: on a first visit a reset could wipe words typed while the page loaded.)
  window.addEventListener("pageshow", function (event) {
    var visit = performance.getEntriesByType("navigation")[0];
    var again = event.persisted || (visit && visit.type !== "navigate");
    if (!again) return;
    document.querySelectorAll("form[method=get]").forEach(function (form) { form.reset(); });
    // A page kept in memory still has its lists narrowed by what the reset emptied.
    document.querySelectorAll("[data-facet-filter]").forEach(function (filter) {
      filter.dispatchEvent(new Event("input"));
    });
    openListsHoldingTicked();
  });

  // A value ticked from a folded "Show all" list (or given in a link) is shown, not folded away.
  function openListsHoldingTicked() {
    document.querySelectorAll("details.facet-more").forEach(function (more) {
      if (more.querySelector("input:checked")) more.open = true;
    });
  }
  openListsHoldingTicked();

  // Words typed in the box but not yet searched for go with a filter or a sort order chosen
  // after them, rather than being lost to the words of the page's URL.
  function withTypedWords(form) {
    if (!box) return;
    var words = form.querySelector("input[type=hidden][name=q]");
    if (box.value.trim() === "") {
      if (words) words.remove();
      return;
    }
    if (!words) {
      words = document.createElement("input");
      words.type = "hidden";
      words.name = "q";
      form.prepend(words);
    }
    words.value = box.value;
  }

  // Likewise a date or an amount typed in the filters but not yet applied goes with new words
  // or an order chosen after it: leaving its box applies it, but the Search button or the
  // order, sent at the same moment, would load the page without it.
  function withTypedRanges(form) {
    var filters = document.getElementById("facets");
    if (!filters || form === filters) return;
    Array.prototype.forEach.call(filters.elements, function (field) {
      if (!partOfRange(field) || field.value === field.defaultValue) return;
      form.querySelectorAll("input[type=hidden]").forEach(function (kept) {
        if (kept.name === field.name) kept.remove();
      });
      if (field.value === "") return;  // emptied: the filter comes off
      var typed = document.createElement("input");
      typed.type = "hidden";
      typed.name = field.name;
      typed.value = field.value;
      form.appendChild(typed);
    });
  }
  if (box) box.form.addEventListener("submit", function () { withTypedRanges(box.form); });

  // A tick reloads the page: the next page puts the focus back on the box ticked (not at the
  // top, 40 Tabs away) and, on a phone, keeps the Filters panel open.
  var RETURN_TO = "search-return-to";

  function send(form, field) {
    withTypedWords(form);
    withTypedRanges(form);
    remember(field);
    form.submit();
  }

  function remember(field) {
    if (!field || !(field.id || field.name)) return;
    var panel = document.getElementById("facets-panel");
    try {
      sessionStorage.setItem(RETURN_TO, JSON.stringify({
        id: field.id, name: field.name, value: field.value, panel: !!(panel && panel.open)
      }));
    } catch (error) { /* storage refused: the focus goes to the top, as without this */ }
  }

  function returnToField() {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(RETURN_TO) || "null");
      sessionStorage.removeItem(RETURN_TO);
    } catch (error) { return; }
    if (!saved) return;
    var panel = document.getElementById("facets-panel");
    if (panel && saved.panel) panel.open = true;
    var field = saved.id ? document.getElementById(saved.id) : null;
    if (!field && saved.name) {
      field = Array.prototype.find.call(document.getElementsByName(saved.name), function (f) {
        return f.value === saved.value && f.type !== "hidden";  // not the search box's copy
      });
    }
    if (!field) return;
    for (var list = field.closest("details"); list; list = list.parentElement.closest("details")) {
      list.open = true;
    }
    field.focus();
  }
  returnToField();

  var facets = document.getElementById("facets");
  var sort = document.getElementById("sort");
  if (sort) {
    // Chosen with the mouse, an order applies at once. From the keyboard each arrow press
    // changes it, so it applies on Enter (or the Sort button), not at the first press.
    var keyed = false;
    sort.form.addEventListener("submit", function () {
      withTypedWords(sort.form);
      withTypedRanges(sort.form);
    });
    sort.addEventListener("keydown", function (event) {
      keyed = true;
      if (event.key === "Enter") {
        event.preventDefault();
        send(sort.form, sort);
      }
    });
    sort.addEventListener("mousedown", function () { keyed = false; });
    sort.addEventListener("change", function () { if (!keyed) send(sort.form, sort); });
  }
  if (!facets) return;
  facets.addEventListener("submit", function () {
    withTypedWords(facets);
    // Enter in an amount's box sends the form itself: back on the page, the focus is there.
    var field = document.activeElement;
    if (field && field.form === facets && field.matches("input")) remember(field);
  });
  // Ticks apply at once here, so the phone's "Show N decisions" button, which sends the form
  // (without this script it is how ticks apply), only needs to scroll to the results unless an
  // amount or a date typed is still to be applied.
  var showResults = document.querySelector(".show-results");
  if (showResults) {
    showResults.addEventListener("click", function (event) {
      var pending = Array.prototype.some.call(facets.elements, function (field) {
        if (field.type === "checkbox") return field.checked !== field.defaultChecked;
        return (field.value || "") !== (field.defaultValue || "");
      });
      if (pending) return;
      event.preventDefault();
      var heading = document.getElementById("results-heading");
      heading.scrollIntoView();
      heading.focus();
    });
  }
  // A date picked from the calendar applies at once. Typed from the keyboard it changes at
  // every digit (and a date already set is a whole date after each one), so it applies on
  // Enter or when the field is left, as the Apply button would.
  function isDate(field) { return field.matches("input[type=date]"); }
  facets.addEventListener("keydown", function (event) {
    var field = event.target;
    if (isDate(field)) {
      field.dataset.keyed = "yes";
      if (event.key === "Enter") {
        event.preventDefault();
        if (field.value !== field.defaultValue) send(facets, field);
      }
    }
  });
  facets.addEventListener("mousedown", function (event) {
    if (isDate(event.target)) delete event.target.dataset.keyed;
  });
  facets.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches("input[type=checkbox]")) send(facets, field);
    if (isDate(field) && !field.dataset.keyed) send(facets, field);
  });
  // Left for the other box of a range (From, then To; or From £, then To £), the range is
  // applied once the person leaves that one too.
  function partOfRange(field) { return isDate(field) || field.matches("input[type=number]"); }
  // A link that keeps this search (another page of it, a chip taking one filter away, its
  // download or feed) goes with a date or an amount typed but not yet applied, and with words
  // typed and an order chosen, as the boxes show them. Pressed with the mouse, the link takes
  // the focus first: applying the date as the focus leaves its box would start a load that
  // following the link then cancels, losing the date.
  var pressing = false;
  document.addEventListener("mousedown", function () { pressing = true; }, true);
  document.addEventListener("mouseup", function () { pressing = false; }, true);
  function keepsSearch(link) {
    var url = new URL(link.href, location.href);
    var here = new URL(facets.action, location.href).pathname;
    // A link to a place on this page ("Skip to the results") only moves down it.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) {
      return false;
    }
    return url.origin === location.origin && !link.classList.contains("chip-clear") &&
      (url.pathname === here || link.closest(".follow") !== null);
  }
  function withTypedValues(link) {
    // From the link's own address each time: Back shows the page with its boxes as they
    // were, and its links as they were too (pageshow, below).
    if (!link.hasAttribute("data-given-href")) {
      link.setAttribute("data-given-href", link.getAttribute("href"));
    }
    var url = new URL(link.getAttribute("data-given-href"), location.href);
    var here = new URLSearchParams(location.search);
    var typed = [];
    if (box && box.value !== box.defaultValue) typed.push(["q", box.value.trim() ? box.value : ""]);
    Array.prototype.forEach.call(facets.elements, function (field) {
      if (partOfRange(field) && field.value !== field.defaultValue) {
        typed.push([field.name, field.value]);
      }
    });
    // An order moved to with the arrow keys and not yet applied (it applies on Enter).
    if (sort && sort.selectedIndex >= 0 && !sort.options[sort.selectedIndex].defaultSelected) {
      typed.push(["sort", sort.value]);
    }
    typed.forEach(function (pair) {
      // A link that changes this value itself (its chip) does what it says.
      if (url.searchParams.getAll(pair[0]).join("\n") !== here.getAll(pair[0]).join("\n")) return;
      if (pair[1] === "") url.searchParams.delete(pair[0]);
      else url.searchParams.set(pair[0], pair[1]);
    });
    link.href = url.href;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (link && keepsSearch(link)) withTypedValues(link);
  }, true);
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-given-href]"), function (link) {
      link.setAttribute("href", link.getAttribute("data-given-href"));
      link.removeAttribute("data-given-href");
    });
  });
  facets.addEventListener("focusout", function (event) {
    var field = event.target;
    var next = event.relatedTarget;
    // A link pressed carries what was typed (above).
    if (pressing && next && next.matches("a[href]") && keepsSearch(next)) return;
    if (next && next.form === facets && partOfRange(next) && next.type === field.type) return;
    if (next && next === showResults) return;  // it sends the form itself
    var changed = Array.prototype.some.call(facets.elements, function (box) {
      return partOfRange(box) && box.value !== box.defaultValue;
    });
    // Back on the page, the focus goes where the person was going, if it can be found again.
    if (partOfRange(field) && changed) send(facets, next && (next.id || next.name) ? next : field);
  });
  // A name as compared with the words typed to narrow a list: without accents or case
  // ("chateau" finds "Château", as on the councils' list), letters typed full-width as the
  // ordinary ones (as filters.folded reads them), and without its count.
  function folded(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function nameOf(item) {
    var label = item.querySelector("label");
    if (!label) return item.textContent;
    return Array.prototype.filter.call(label.childNodes, function (node) {
      return node.nodeType === Node.TEXT_NODE;
    }).map(function (node) { return node.textContent; }).join("");
  }
  document.querySelectorAll("[data-facet-filter]").forEach(function (filter) {
    filter.hidden = false;
    // Enter in the box that narrows a list would send the filters form and lose what was typed.
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
    var group = document.getElementById(filter.dataset.facetFilter);
    var status = document.getElementById(filter.id + "-status");
    filter.addEventListener("input", function () {
      var needle = folded(filter.value.trim());
      group.querySelectorAll("details.facet-more").forEach(function (d) { if (needle) d.open = true; });
      var items = group.querySelectorAll(".facet-values > li");
      var shown = 0;
      items.forEach(function (item) {
        item.hidden = needle && folded(nameOf(item)).indexOf(needle) === -1;
        if (!item.hidden) shown += 1;
      });
      if (!status) return;
      if (!needle) status.textContent = "";
      else if (!shown) status.textContent = "None matches “" + filter.value.trim() + "”.";
      else status.textContent = shown + " of " + items.length + " shown.";
    });
  });
})();
