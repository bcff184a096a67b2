// The directory's map: Leaflet with clustered markers, fed by the same filters' GeoJSON.
// Without JavaScript the page says so and links to the list, which holds the same entries.
(function () {
  'use strict'
  var element = document.getElementById('directory-map')
  if (!element || !window.L || !window.fetch) return
  var data = element.dataset
  var status = document.getElementById('directory-map-status')
  element.textContent = ''
  element.classList.add('portal-map--active')
  // Busy until every marker is in its place, so that a reader (or a test) knows when the map
  // is drawn and no longer moving.
  element.setAttribute('aria-busy', 'true')

  // Those who ask for less motion get a map that jumps rather than glides.
  var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  var map = window.L.map(element, {
    scrollWheelZoom: false, maxZoom: 18, zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still
  }).setView([53.0, -2.0], 6)
  if (data.tiles) {
    window.L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map)
  } else {
    element.classList.add('portal-map--no-tiles')
    map.attributionControl.addAttribution(data.noTiles)
  }

  var clusters = window.L.markerClusterGroup({ showCoverageOnHover: false, animate: !still })
  var icon = window.L.divIcon({ className: 'portal-map__marker', iconSize: [18, 18] })

  function popup (feature) {
    var box = document.createElement('div')
    var name = document.createElement('p')
    name.className = 'govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1'
    name.textContent = feature.properties.name
    var link = document.createElement('a')
    link.className = 'govuk-link govuk-body-s'
    link.href = feature.properties.url
    link.textContent = data.open
    box.appendChild(name)
    box.appendChild(link)
    return box
  }

  window.fetch(data.geojson, { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } })
    .then(function (response) { return response.json() })
    .then(function (collection) {
      collection.features.forEach(function (feature) {
        var point = feature.geometry.coordinates
        var marker = window.L.marker([point[1], point[0]], { icon: icon, title: feature.properties.name, alt: feature.properties.name })
        marker.bindPopup(popup(feature))
        clusters.addLayer(marker)
      })
      var count = collection.features.length
      // Moved to the markers before they are drawn, at once: the clusters are then made for
      // the zoom they are seen at, rather than split, faded and moved while the map glides.
      if (count) map.fitBounds(clusters.getBounds(), { maxZoom: 13, padding: [24, 24], animate: false })
      map.addLayer(clusters)
      element.dataset.markers = String(count)
      if (status) status.textContent = count === 1 ? data.countOne : data.countMany.replace('{n}', count)
    })
    .then(function () { element.removeAttribute('aria-busy') },
      function (error) { element.removeAttribute('aria-busy'); throw error })
})()
