// "Copy link" on share sections: shows the button only where the clipboard works, and
// says in a live region that the link was copied. The field stays usable without it.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    if (button.dataset.ready) return;
    button.dataset.ready = "1";
    button.hidden = false;
    var field = document.getElementById(button.dataset.copyTarget);
    var status = button.closest("[data-share-copy]").querySelector("[role=status]");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = button.dataset.copied;
      }, function () {
        field.select();
      });
    });
  });
})();
