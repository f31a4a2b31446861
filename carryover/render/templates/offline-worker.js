/* Carryover's service worker, one per language (scope: the language's root). Settings come
 * first, in CARRYOVER (see carryover/render/offline.py). Nothing is fetched from another site
 * and nothing is sent anywhere: the worker only keeps this site's own files on the phone.
 *  - two caches: this build's shell (deleted by the next build's worker) and the pages kept,
 *    which the next build's worker fetches again on its first online page: never stale
 *  - install: keep the stylesheet, script and fonts (the page just loaded them) and the
 *    offline page; on the next page opened, the home page, home program, log and cards'
 *    index (CARRYOVER.later), so that a first visit stays light
 *  - pages: network first (a rebuilt page shows whenever there is a signal), then the kept
 *    copy, then the offline page; a card kept also keeps its handout
 *  - hashed files (site.<hash>.css …): kept first; other files: network first, then kept
 *  - a page may ask to keep pages: {type: "carryover-keep", urls: [...]} (within the scope)
 */
"use strict"
var SCOPE = self.registration.scope
var PREFIX = "carryover " + SCOPE + " "
var SHELL = PREFIX + "shell " + CARRYOVER.version /* this build's: a new build, a new one */
var PAGES = PREFIX + "pages" /* what the family opened: refreshed by each new worker */
var WARMED = "sw.js?warmed"
var HASHED = /\.[0-9a-f]{8,}\.(?:min\.)?(?:css|js|woff2)$/
var CARD = /^strategies\/[a-z0-9-]+\/$/
var MOST = 200 /* pages one message may ask to keep */

function here(path) { return new URL(path, SCOPE).href }
function key(url) { var u = new URL(url); return u.origin + u.pathname }
function inScope(url) {
  try { var u = new URL(url, SCOPE) } catch (e) { return false }
  return u.origin === self.location.origin && u.href.indexOf(SCOPE) === 0 && key(u.href) !== here("sw.js")
}
function fresh(url) { return fetch(url, { cache: "no-cache", credentials: "same-origin" }) }

function store(url, response) {
  if (!response || !response.ok || response.type !== "basic" || response.redirected) return Promise.resolve()
  return caches.open(PAGES).then(function (cache) { return cache.put(key(url), response) })
}

/* A card's page comes with its handout (its preview picture, 14 KB, is only for links). */
function companions(url) {
  var path = key(url).slice(SCOPE.length)
  return CARD.test(path) ? [here(path + "handout/")] : []
}

/* Once per worker, on the first page it serves online: the rest of what works offline, and
 * every page kept by an earlier build's worker fetched again (unchanged ones cost a "304"),
 * with their handouts; a page gone from the site, and old hashed files, are dropped. */
function warm() {
  return caches.open(SHELL).then(function (shell) {
    return shell.match(here(WARMED)).then(function (done) {
      if (done) return null
      return shell.put(here(WARMED), new Response("")).then(function () { return caches.open(PAGES) })
        .then(function (pages) {
          return pages.keys().then(function (requests) {
            var urls = CARRYOVER.later.map(here)
            return Promise.all(requests.map(function (r) {
              if (HASHED.test(new URL(r.url).pathname)) return pages.delete(r)
              urls.push(r.url)
              return null
            })).then(function () { return keep(urls, pages) })
          })
        })
    })
  })
}

function keep(urls, drop) {
  var wanted = []
  urls.forEach(function (url) {
    if (typeof url !== "string" || !inScope(url)) return
    var full = key(new URL(url, SCOPE).href)
    ;[full].concat(companions(full)).forEach(function (u) { if (wanted.indexOf(u) < 0) wanted.push(u) })
  })
  return Promise.all(wanted.slice(0, MOST * 3).map(function (url) {
    return fresh(url).then(function (r) {
      if (drop && r.status === 404) return drop.delete(url).then(function () { return null })
      return store(url, r).then(function () { return r.ok ? url : null })
    })
      .catch(function () { return null })
  })).then(function (kept) { return kept.filter(Boolean) })
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(CARRYOVER.precache.map(function (path) {
      return new Request(here(path), { cache: "no-cache", credentials: "same-origin" })
    }))
  }).then(function () { return self.skipWaiting() }))
})

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== SHELL && name !== PAGES })
      .map(function (name) { return caches.delete(name) }))
  }).then(function () { return self.clients.claim() }))
})

/* The offline page, shown at the address asked for: its links stay its own (<base>). */
function offlinePage() {
  return caches.match(here(CARRYOVER.offline)).then(function (kept) {
    if (!kept) return Response.error()
    return kept.text().then(function (text) {
      var base = '<base href="' + here(CARRYOVER.offline) + '">'
      return new Response(text.replace(/<head>/i, "<head>" + base), {
        status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }
      })
    })
  })
}

function page(event) {
  var url = event.request.url
  /* redirect "manual": a redirect goes back to the browser, which follows it */
  return fetch(new Request(url, { cache: "no-cache", credentials: "same-origin", redirect: "manual" }))
    .then(function (response) {
      if (response.ok) {
        var copy = response.clone()
        event.waitUntil(store(url, copy).then(function () {
          var more = companions(url)
          return more.length ? keep(more) : null
        }).then(warm))
      }
      return response
    })
    .catch(function () {
      return caches.match(key(url)).then(function (kept) { return kept || offlinePage() })
    })
}

function networkFirst(event) {
  var url = event.request.url
  /* revalidated: the browser's own cache may hold an older build's copy */
  return fresh(url).then(function (response) {
    if (response.ok) event.waitUntil(store(url, response.clone()))
    return response
  }).catch(function () {
    return caches.match(key(url)).then(function (kept) { return kept || Response.error() })
  })
}

function keptFirst(event) {
  var url = event.request.url
  return caches.match(key(url)).then(function (kept) {
    return kept || fetch(event.request).then(function (response) {
      if (response.ok) event.waitUntil(store(url, response.clone()))
      return response
    })
  })
}

self.addEventListener("fetch", function (event) {
  var request = event.request
  if (request.method !== "GET" || !inScope(request.url)) return
  if (request.mode === "navigate") event.respondWith(page(event))
  else if (HASHED.test(new URL(request.url).pathname)) event.respondWith(keptFirst(event))
  else event.respondWith(networkFirst(event))
})

self.addEventListener("message", function (event) {
  var data = event.data
  if (!data || data.type !== "carryover-keep" || !Array.isArray(data.urls)) return
  event.waitUntil(keep(data.urls.slice(0, MOST)).then(function (kept) {
    if (event.source) event.source.postMessage({ type: "carryover-kept", urls: kept })
  }))
})
