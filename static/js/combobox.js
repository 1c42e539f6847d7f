// The search box's autocomplete as an ARIA combobox (WAI-ARIA APG, "list autocomplete").
// htmx fills the listbox; this script opens and closes it and moves the active option
// with the arrow keys. Without JavaScript the box is a plain search form.
(function () {
  "use strict";
  if (window.sakkeCombobox) return;
  window.sakkeCombobox = true;

  function parts(input) {
    var listbox = document.getElementById(input.getAttribute("aria-controls"));
    return { listbox: listbox, options: listbox ? Array.from(listbox.querySelectorAll('[role="option"]')) : [] };
  }

  function setOpen(input, open) {
    var p = parts(input);
    if (!p.listbox) return;
    open = open && p.options.length > 0;
    p.listbox.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) setActive(input, -1);
  }

  function setActive(input, index) {
    var p = parts(input);
    p.options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && p.options[index]) {
      input.setAttribute("aria-activedescendant", p.options[index].id);
      p.options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function activeIndex(input) {
    var id = input.getAttribute("aria-activedescendant");
    return parts(input).options.findIndex(function (o) { return o.id === id; });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var listbox = event.detail.target;
    var input = document.querySelector('[data-combobox][aria-controls="' + listbox.id + '"]');
    if (input) setOpen(input, document.activeElement === input);
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-combobox]")) return;
    var p = parts(input), index = activeIndex(input), open = input.getAttribute("aria-expanded") === "true";
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!p.options.length) return;
      event.preventDefault();
      if (!open) setOpen(input, true);
      var count = p.options.length;
      var next = event.key === "ArrowDown" ? (index + 1) % count : index <= 0 ? count - 1 : index - 1;
      setActive(input, next);
    } else if (event.key === "Enter" && open && index >= 0) {
      event.preventDefault();
      window.location.href = p.options[index].querySelector("a").href;
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(input, false);
    }
  });

  document.addEventListener("focusout", function (event) {
    var input = event.target;
    if (input.matches && input.matches("[data-combobox]")) {
      // Let a click on an option land before the list closes.
      setTimeout(function () { setOpen(input, false); }, 150);
    }
  });
})();
