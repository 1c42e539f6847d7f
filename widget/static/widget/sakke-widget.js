/* Sakke's widget: upcoming events or activities on any web page.
 *
 *   <div data-sakke-widget data-municipality="297" data-count="5" data-language="fi"></div>
 *   <script src="https://<sakke>/widget.js" async></script>
 *
 * Parameters (data-*): kind (events|activities), municipality (code), topic (id),
 * association (id), count (1-20), language (fi|sv|en), heading-level (2-6).
 * No dependencies, no cookies (credentials: "omit"), no styles of its own beyond a plain
 * list: the markup inherits the host page's fonts and colours.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var NAMES = ["kind", "municipality", "topic", "association", "count", "language"];

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  function render(host, data) {
    var level = parseInt(host.getAttribute("data-heading-level") || "2", 10);
    if (!(level >= 2 && level <= 6)) level = 2;
    var section = element("section");
    section.className = "sakke-widget";
    section.lang = data.language;
    var heading = element("h" + level, data.heading);
    heading.id = "sakke-widget-" + Math.random().toString(36).slice(2);
    section.setAttribute("aria-labelledby", heading.id);
    section.appendChild(heading);
    if (data.items.length) {
      var list = element("ul");
      list.style.listStyle = "none";
      list.style.paddingLeft = "0";
      data.items.forEach(function (item) {
        var row = element("li");
        row.style.marginBottom = "0.5em";
        var link = element("a", item.title);
        link.href = item.url;
        row.appendChild(link);
        var meta = element("div");
        var when = element(item.start ? "time" : "span", item.when);
        if (item.start) when.setAttribute("datetime", item.start);
        meta.appendChild(when);
        if (item.place) meta.appendChild(document.createTextNode(" \u00b7 " + item.place));
        row.appendChild(meta);
        list.appendChild(row);
      });
      section.appendChild(list);
    } else {
      section.appendChild(element("p", data.empty));
    }
    var more = element("p");
    var moreLink = element("a", data.more);
    moreLink.href = data.more_url;
    more.appendChild(moreLink);
    section.appendChild(more);
    host.replaceChildren(section);
  }

  function load(host) {
    var params = new URLSearchParams();
    NAMES.forEach(function (name) {
      var value = host.getAttribute("data-" + name);
      if (value) params.set(name, value);
    });
    fetch(origin + "/widget/items.json?" + params.toString(), { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error("Sakke widget: " + response.status);
        return response.json();
      })
      .then(function (data) { render(host, data); })
      .catch(function (error) { if (window.console) console.warn(error); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-sakke-widget]"), load);
})();
