/* Installable and offline (see carryover/render/offline.py): registers the language's
 * service worker, asks it to keep the page being read (the first one opens before the
 * worker runs) and the cards of a home program opened, and fills the offline page's list
 * of what is kept. Nothing here is needed to read a page; nothing is sent anywhere. */
(function () {
  "use strict"
  var manifest = document.querySelector('link[rel="manifest"]')
  if (!manifest || !("serviceWorker" in navigator)) return
  var scope = new URL("./", manifest.href).href
  var worker = navigator.serviceWorker

  function keep(urls) {
    worker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage({ type: "carryover-keep", urls: urls })
    })
  }
  window.addEventListener("load", function () {
    worker.register(new URL("sw.js", scope).href, { scope: scope }).catch(function () {})
    if (!worker.controller && location.href.indexOf(scope) === 0) keep([location.href.split("#")[0]])
  })

  /* A home program opened: keep its cards and their handouts. */
  var holder = document.querySelector(".co-bundle-view__cards")
  if (holder) {
    var sent = Object.create(null)
    new MutationObserver(function () {
      var urls = []
      Array.prototype.forEach.call(holder.querySelectorAll(".co-bundle-card h2 a[href]"), function (a) {
        var card = new URL(a.getAttribute("href"), location.href)
        if (sent[card.href]) return
        sent[card.href] = true
        urls.push(card.href, new URL("handout/", card).href)
      })
      if (urls.length) keep(urls)
    }).observe(holder, { childList: true })
  }

  /* The offline page: list the pages kept on this phone, by their titles. */
  var box = document.querySelector(".co-offline")
  if (!box || !window.caches) return
  var list = box.querySelector(".co-offline__list")
  var first = [scope, scope + "bundle/", scope + "log/"]
  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf("carryover " + scope + " ") === 0 })
      .map(function (name) {
        return caches.open(name).then(function (cache) {
          return cache.keys().then(function (requests) {
            return requests.map(function (request) { return { cache: cache, url: request.url } })
          })
        })
      }))
  }).then(function (groups) {
    var seen = Object.create(null)
    var pages = []
    groups.forEach(function (group) {
      group.forEach(function (item) {
        var path = item.url.slice(scope.length)
        if (item.url.indexOf(scope) !== 0 || seen[item.url] || !/(^|\/)$/.test(path)) return
        if (path === "offline/" || /^assets\//.test(path)) return
        seen[item.url] = true
        pages.push(item)
      })
    })
    return Promise.all(pages.slice(0, 150).map(function (item) {
      return item.cache.match(item.url).then(function (response) { return response.text() }).then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html")
        var h1 = doc.querySelector("h1")
        return { url: item.url, title: (h1 ? h1.textContent : doc.title).replace(/[#¶]\s*$/, "").trim() }
      }).catch(function () { return null })
    }))
  }).then(function (pages) {
    pages = pages.filter(function (p) { return p && p.title })
    function rank(p) { var i = first.indexOf(p.url); return i < 0 ? first.length : i }
    pages.sort(function (a, b) { return rank(a) - rank(b) || a.title.localeCompare(b.title) })
    pages.forEach(function (p) {
      var item = document.createElement("li")
      var link = document.createElement("a")
      link.href = p.url
      link.textContent = p.title
      item.appendChild(link)
      list.appendChild(item)
    })
    box.querySelector(".co-offline__none").hidden = pages.length > 0
    list.hidden = pages.length === 0
    box.hidden = false
  }).catch(function () {})
})()
