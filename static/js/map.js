// Progressive enhancement of the event map page: the list below the map is the
// content; the map only shows where the listed events are.
(function () {
  "use strict";
  var element = document.getElementById("event-map");
  if (!element || !window.L) {
    return;
  }
  var settings = JSON.parse(document.getElementById("map-settings").textContent);
  var markers = JSON.parse(document.getElementById("map-markers").textContent);
  element.hidden = false;
  L.Icon.Default.imagePath = settings.images;
  var map = L.map(element, { scrollWheelZoom: false }).setView(settings.center, 8);
  L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);

  // Events at the same place share one marker, so none hides another.
  var places = {};
  markers.forEach(function (m) {
    var key = m.lat + "," + m.lng;
    (places[key] = places[key] || { lat: m.lat, lng: m.lng, place: m.place, events: [] }).events.push(m);
  });
  var bounds = [];
  Object.keys(places).forEach(function (key) {
    var place = places[key];
    var popup = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = place.place;
    popup.appendChild(title);
    var list = document.createElement("ul");
    place.events.forEach(function (m) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.name;
      item.appendChild(document.createTextNode(m.when + " "));
      item.appendChild(link);
      list.appendChild(item);
    });
    popup.appendChild(list);
    L.marker([place.lat, place.lng], { title: place.place, alt: place.place, keyboard: true })
      .bindPopup(popup)
      .addTo(map);
    bounds.push([place.lat, place.lng]);
  });
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
  } else if (bounds.length === 1) {
    map.setView(bounds[0], 12);
  }
})();
