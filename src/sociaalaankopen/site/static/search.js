/* The search page: Pagefind's interface, in Dutch, started with the query from ?q= (the header form). */
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("zoeken");
    if (typeof PagefindUI === "undefined") {
      element.innerHTML = "<p class=\"notice\">De zoekindex ontbreekt in deze versie van de site.</p>";
      return;
    }
    var ui = new PagefindUI({
      element: "#zoeken",
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      autofocus: true,
      translations: { placeholder: "Zoek in de gids en de clausules", clear_search: "Wissen" }
    });
    // Pagefind's field gets the visible label above it.
    var field = element.querySelector("input");
    if (field) {
      field.id = "zoekveld";
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
