/* A clause page: the copy button puts the paste-ready text on the clipboard (with the formatted text
   beside it, for word processors), and the printed page gets its address and the date. */
(function () {
  "use strict";
  var button = document.querySelector(".copy-button");
  var status = document.querySelector(".copy-status");
  var source = document.getElementById(button ? button.dataset.copy : "");
  if (button && source && navigator.clipboard) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var plain = source.content.textContent;
      // Emptied first, then said: pressed twice, the same message is a change and is announced again.
      var say = function (text) {
        status.textContent = "";
        setTimeout(function () { status.textContent = text; }, 100);
      };
      var done = function () { say(button.dataset.done); };
      var failed = function () { say(button.dataset.failed); };
      var html = document.getElementById("clause-text");
      var copy;
      if (window.ClipboardItem && html) {
        var rich = html.cloneNode(true);
        rich.querySelectorAll("mark").forEach(function (mark) { mark.replaceWith(mark.textContent); });
        copy = navigator.clipboard.write([new ClipboardItem({
          "text/plain": new Blob([plain], { type: "text/plain" }),
          "text/html": new Blob([rich.innerHTML], { type: "text/html" })
        })]).catch(function () { return navigator.clipboard.writeText(plain); });
      } else {
        copy = navigator.clipboard.writeText(plain);
      }
      copy.then(done, failed);
    });
  }
  var address = document.querySelector("[data-address]");
  if (address && window.location.protocol !== "file:") { address.textContent = window.location.href.split("#")[0]; }
  var today = document.querySelector("[data-today]");
  if (today) { today.textContent = new Date().toLocaleDateString(document.documentElement.lang); }
})();
