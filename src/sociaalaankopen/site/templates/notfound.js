/* The 404 page is served at any address. Built without --base-url its links are relative to the site's
   root, which the page does not know: find it (the deepest folder of this address that holds the site's
   stylesheet) and make it the base of every link. */
(function () {
  "use strict";
  var parts = window.location.pathname.split("/").slice(0, -1);
  var candidates = [];
  for (var i = parts.length; i >= 1; i -= 1) { candidates.push(parts.slice(0, i).join("/") + "/"); }
  function attempt(k) {
    if (k >= candidates.length) { return; }
    fetch(candidates[k] + "static/style.css", { method: "HEAD" }).then(function (response) {
      if (!response.ok) { attempt(k + 1); return; }
      var base = document.createElement("base");
      base.href = new URL(candidates[k], window.location.href).href;
      document.head.prepend(base);
      // Stylesheets and the icon load again from the base.
      document.querySelectorAll("link[href]").forEach(function (link) {
        link.href = new URL(link.getAttribute("href"), base.href).href;
      });
    }, function () { attempt(k + 1); });
  }
  if (window.location.protocol !== "file:") { attempt(0); }
})();
