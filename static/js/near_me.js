// "Near me" on the event list: asks the browser for its position only when the person
// clicks, rounds it to about a kilometre, and reloads the list with ?near=lat,lon.
(function () {
  var button = document.querySelector("[data-near-me]");
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  var status = document.querySelector(".near-me__status");
  button.addEventListener("click", function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (position) {
      var params = new URLSearchParams(window.location.search);
      params.delete("page");
      params.set("near", position.coords.latitude.toFixed(2) + "," + position.coords.longitude.toFixed(2));
      window.location.search = params.toString();
    }, function () {
      button.disabled = false;
      if (status) status.textContent = button.dataset.error;
    }, { maximumAge: 600000, timeout: 15000 });
  });
})();
