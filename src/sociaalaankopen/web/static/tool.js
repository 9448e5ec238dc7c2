/* The clause tool works without this script. It adds completion to the CPV field, keeps the values typed
   on the Compose page when the language is switched, and brings the focus to a page's errors. */
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
      .then(function (items) {
        if (query === asked) { /* an answer to an earlier, shorter query that comes late is not shown */
          fill(items);
        }
      })
      .catch(function () { fill([]); });
  }
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
})();

/* The language links of the Compose page carry what is typed, not only what was last checked. */
(function () {
  "use strict";
  var form = document.querySelector("form.compose");
  if (!form || !window.FormData || !window.URLSearchParams) {
    return;
  }
  var links = document.querySelectorAll(".languages a[hreflang]");
  function carry() {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name !== "add" && typeof value === "string") {
        query.append(name, value);
      }
    });
    Array.prototype.forEach.call(links, function (link) {
      link.href = link.pathname + "?" + query.toString();
    });
  }
  form.addEventListener("input", carry);
  form.addEventListener("change", carry);
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", carry);
  });
})();

/* A browser that does not focus the error summary (or the status after Remove, Add or a check of valid values)
   by itself (autofocus) is helped to: the first of them on the page. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary[autofocus], .notice[role=status][autofocus]");
  if (summary && (document.activeElement === null || document.activeElement === document.body)) {
    summary.focus();
  }
})();
