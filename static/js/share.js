// "Copy link" on share sections: shows the button only where the clipboard works, and
// says in a live region that the link was copied. The field stays usable without it.
(function () {
  // "Share…" opens the phone's own share menu (Web Share API) where the browser has one.
  if (navigator.share) {
    document.querySelectorAll("[data-native-share]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        // A cancelled share rejects; the links below stay there to use instead.
        navigator.share({ title: button.dataset.title, url: button.dataset.url }).catch(function () {});
      });
    });
  }
})();

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
