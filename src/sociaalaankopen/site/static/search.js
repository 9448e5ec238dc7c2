/* The search page: Pagefind's own index of this page's language, a plain result list, and the number of
   results announced to screen readers. Opened from disk or offline, it says search needs a web server. */
(function () {
  "use strict";
  var box = document.getElementById("zoeken");
  var field = document.getElementById("zoekveld");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-list");
  var d = box.dataset;
  var pagefind = null;
  var latest = 0;

  function say(text) { status.textContent = text; }
  function count(n, q) {
    var text = n === 0 ? d.none : n === 1 ? d.one : d.many;
    return text.replace("{n}", String(n)).replace("{q}", q);
  }
  // Pagefind's excerpts are HTML with <mark> around the matched words; keep only those marks.
  function excerpt(html) {
    var p = document.createElement("p");
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }
  function show(results, q) {
    list.textContent = "";
    results.forEach(function (r) {
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = r.url;
      link.textContent = (r.meta && r.meta.title) || r.url;
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(excerpt(r.excerpt || ""));
      list.appendChild(item);
    });
  }
  function search(q) {
    var ticket = ++latest;
    q = q.trim();
    if (!q) { say(""); list.textContent = ""; return; }
    say(d.searching);
    pagefind.search(q).then(function (found) {
      if (ticket !== latest) { return null; }
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== latest) { return; }
        show(data, q);
        say(count(found.results.length, q));
      });
    });
  }
  function start() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    field.value = query;
    if (window.location.protocol === "file:") { say(d.offline); return; }
    if (!d.bundle) { say(d.missing); return; }
    import(new URL(d.bundle, window.location.href).href).then(function (module) {
      pagefind = module;
      var base = new URL(d.root || ".", window.location.href).pathname;
      // Favour whole-word matches: "art. 15" should find article 15, not every CPV code that starts with 15.
      return pagefind.options({ baseUrl: base, excerptLength: 24, ranking: { termSimilarity: 6.0 } });
    }).then(function () {
      var timer = null;
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { search(field.value); }, 250);
      });
      field.form.addEventListener("submit", function (event) {
        event.preventDefault();
        history.replaceState(null, "", "?q=" + encodeURIComponent(field.value));
        search(field.value);
      });
      if (query) { search(query); }
    }).catch(function () { say(d.offline); });
  }
  start();
})();
