/* The list of all clauses: filters by instrument, theme, ambition and contract type, combined. The facets
   come from the JSON the build put in the page; without JavaScript the full list stays, with its headings. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var facets = JSON.parse(document.getElementById("clause-facets").textContent);
  var status = form.querySelector(".filter-count");
  var cards = Array.prototype.slice.call(document.querySelectorAll("#clause-list [data-id]"));
  var stages = Array.prototype.slice.call(document.querySelectorAll("#clause-list .stage"));
  var fields = { instrument: "i", theme: "t", ambition: "a", contract_type: "c" };

  function matches(f, chosen) {
    return Object.keys(fields).every(function (name) {
      var want = chosen[name];
      if (!want) { return true; }
      var have = f[fields[name]];
      return Array.isArray(have) ? have.indexOf(want) >= 0 : have === want;
    });
  }
  function apply() {
    var chosen = {};
    Object.keys(fields).forEach(function (name) { chosen[name] = form.elements[name].value; });
    var shown = 0;
    cards.forEach(function (card) {
      var ok = matches(facets[card.dataset.id] || {}, chosen);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    stages.forEach(function (stage) { stage.hidden = !stage.querySelector("[data-id]:not([hidden])"); });
    var text = shown === 0 ? status.dataset.none : shown === 1 ? status.dataset.one : status.dataset.many;
    status.textContent = text.replace("{n}", String(shown));
    var query = new URLSearchParams();
    Object.keys(chosen).forEach(function (name) { if (chosen[name]) { query.set(name, chosen[name]); } });
    var q = query.toString();
    history.replaceState(null, "", q ? "?" + q : window.location.pathname);
  }
  var initial = new URLSearchParams(window.location.search);
  Object.keys(fields).forEach(function (name) {
    var value = initial.get(name);
    if (value) { form.elements[name].value = value; }
  });
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (initial.toString()) { apply(); }
})();
