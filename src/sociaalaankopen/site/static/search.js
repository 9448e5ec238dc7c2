/* The search page: Pagefind's own index of this page's language, a plain result list, and the number of
   results announced to screen readers. Opened from disk or offline, it says search needs a web server. */
(function () {
  "use strict";
  var box = document.getElementById("zoeken");
  var field = document.getElementById("zoekveld");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-list");
  var d = box.dataset;
  var more = box.querySelector(".search-more");
  var moreButton = more.querySelector("button");
  var pagefind = null;
  var latest = 0;
  var PAGE = 20;
  var baseTitle = document.title;
  var titleEnd = baseTitle.indexOf(" · ") >= 0 ? baseTitle.slice(baseTitle.indexOf(" · ")) : "";

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
  // One result as a list item: its title as a link in a heading, and the excerpt.
  function item(r) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = r.url;
    link.textContent = (r.meta && r.meta.title) || r.url;
    heading.appendChild(link);
    li.appendChild(heading);
    li.appendChild(excerpt(r.excerpt || ""));
    list.appendChild(li);
    return link;
  }
  // The results come PAGE at a time: "Show more results" adds the next ones and moves the focus to the first
  // of them; the status says how many of how many are shown.
  function search(q) {
    var ticket = ++latest;
    q = q.trim();
    list.textContent = "";
    more.hidden = true;
    document.title = q ? d.title.replace("{q}", q) + titleEnd : baseTitle;
    if (!q) { say(""); return; }
    say(d.searching);
    pagefind.search(q).then(function (found) {
      if (ticket !== latest) { return; }
      var shown = 0;
      function next(focus) {
        var page = found.results.slice(shown, shown + PAGE);
        return Promise.all(page.map(function (r) { return r.data(); })).then(function (data) {
          if (ticket !== latest) { return; }
          var links = data.map(item);
          shown += data.length;
          var n = found.results.length;
          say(count(n, q) + (shown < n ? " " + d.shown.replace("{shown}", String(shown)).replace("{n}", String(n)) : ""));
          more.hidden = shown >= n;
          moreButton.onclick = function () { next(true); };
          if (focus && links.length) { links[0].focus(); }
        });
      }
      return next(false);
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
