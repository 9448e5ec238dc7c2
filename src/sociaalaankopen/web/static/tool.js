/* The clause tool works without this script. It only adds completion to the CPV field. */
(function () {
  "use strict";
  var field = document.querySelector("input[data-complete]");
  if (!field || !window.fetch) {
    return;
  }
  var list = document.getElementById(field.getAttribute("list"));
  var timer = null;
  var asked = "";
  function fill(items) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.code;
      option.textContent = item.code + " " + item.label;
      list.appendChild(option);
    });
  }
  function ask() {
    var query = field.value.trim();
    if (query.length < 2 || query === asked) {
      return;
    }
    asked = query;
    var address = field.getAttribute("data-complete") + "?limit=15&lang=" + encodeURIComponent(field.getAttribute("data-lang")) + "&q=" + encodeURIComponent(query);
    fetch(address, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(fill)
      .catch(function () { fill([]); });
  }
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
})();
