/* Carryover: "My strategies". "Save" on a card, "Save these" on a home program, and the
 * /<lang>/saved/ page. One list of card ids in this browser's local storage, shared by
 * every language; nothing is sent anywhere. Saved cards are offered to the site's own
 * service worker, when there is one, to keep for offline use. Bad data in storage, full
 * storage or no storage never breaks a page: the controls stay hidden or say why.
 */
;(function () {
  "use strict"

  var kit = window.carryover  // carryover.js, joined before this file
  if (!kit) return
  var ui = kit.ui, t = kit.t, $ = kit.$, has = kit.has, str = kit.str, validId = kit.validId
  var isQuota = kit.isQuota, storage = kit.storage
  var LOG_KEY = "carryover.practice-log"
  var KEY = "carryover.saved-cards"
  var MAX = 200

  /* The saved ids, oldest first: only well-formed, unique ids survive, at most MAX. */
  function readSaved(store) {
    var data = null
    try { data = JSON.parse(store.getItem(KEY) || "null") } catch (e) { data = null }
    if (!data || typeof data !== "object" || data.v !== 1 || !Array.isArray(data.cards)) return []
    var seen = Object.create(null)
    var kept = []
    for (var i = data.cards.length - 1; i >= 0 && kept.length < MAX; i--) {
      var id = data.cards[i]
      if (!validId(id) || seen[id]) continue
      seen[id] = true
      kept.push(id)
    }
    return kept.reverse()
  }

  /* Throws when the browser refuses (storage full); returns the list written. */
  function writeSaved(store, ids) {
    ids = ids.slice(-MAX)
    store.setItem(KEY, JSON.stringify({ v: 1, cards: ids }))
    return ids
  }
  function failure(e) { return t(isQuota(e) ? "js_saved_full" : "js_saved_refused") }

  /* Days each card was tried, from the practice log (its entries are one a card a day). */
  function triedDays(store) {
    var counts = Object.create(null)
    kit.readLog(store).forEach(function (entry) { counts[entry.card] = (counts[entry.card] || 0) + 1 })
    return counts
  }

  /* Ask the site's service worker (if any) to keep a card's page and handout offline. */
  function keep(ids, strategies) {
    try {
      if (!navigator.serviceWorker || !ids.length) return
      navigator.serviceWorker.ready.then(function (registration) {
        if (!registration.active) return
        ids.forEach(function (id) {
          var page = new URL(strategies + id + "/", location.href).href
          registration.active.postMessage({ type: "carryover-keep", urls: [page, page + "handout/"] })
        })
      }).catch(function () { /* no worker: nothing to keep */ })
    } catch (e) { /* never fatal */ }
  }

  /* ---- "Save" on a card ---------------------------------------------------- */

  function setupCard(store) {
    var box = $(".co-save")
    var card = box && box.getAttribute("data-card")
    if (!box || !validId(card)) return
    var button = $(".co-save__button", box)
    var status = $(".co-save__status", box)
    function show() { button.setAttribute("aria-pressed", String(readSaved(store).indexOf(card) >= 0)) }
    box.hidden = false
    show()
    if (button.getAttribute("aria-pressed") === "true") keep([card], "../")
    button.addEventListener("click", function () {
      var ids = readSaved(store)
      var saving = ids.indexOf(card) < 0
      try {
        writeSaved(store, saving ? ids.concat([card]) : ids.filter(function (id) { return id !== card }))
      } catch (e) {
        status.textContent = failure(e)
        return
      }
      show()
      status.textContent = t(saving ? "js_saved_on" : "js_saved_off")
      if (saving) keep([card], "../")
    })
    window.addEventListener("storage", function (event) { if (event.key === KEY || event.key === null) show() })
  }

  /* ---- "Save these" on a home program --------------------------------------- */

  function setupBundle(store) {
    var button = $(".co-bundle-save")
    var view = $(".co-bundle-view")
    if (!button || !view) return
    var status = $(".co-bundle-view__saved")
    button.hidden = false
    button.addEventListener("click", function () {
      /* The cards the page shows (a card no longer in the library is not saved); until they
         are drawn, the link's own list. */
      var shown = Array.prototype.slice.call(view.querySelectorAll(".co-bundle-card:not(.co-bundle-card--missing) h2 a"))
        .map(function (a) { var m = /strategies\/([^/]+)\/$/.exec(a.getAttribute("href") || ""); return m ? m[1] : "" })
      if (!shown.length) {
        shown = (new URLSearchParams(location.hash.replace(/^#/, "")).get("cards") || "").split(",")
          .map(function (id) { return id.trim() }).slice(0, Number(ui.cap) || 4)
      }
      shown = shown.filter(validId)
      var ids = readSaved(store)
      var added = shown.filter(function (id) { return ids.indexOf(id) < 0 })
      try { writeSaved(store, ids.concat(added)) } catch (e) { status.textContent = failure(e); return }
      status.textContent = t("js_saved_these", { n: shown.length })
      keep(shown, "../strategies/")
    })
  }

  /* ---- the My strategies page ----------------------------------------------- */

  /* The library's cards.json by id, or null when it cannot be read (offline, say). */
  function fetchCards() {
    return fetch(new URL("../assets/cards.json", location.href).href)
      .then(function (r) { return r.ok ? r.json() : null })
      .then(function (data) {
        if (!Array.isArray(data)) return null
        var known = Object.create(null)
        data.forEach(function (c) { if (c && typeof c === "object" && validId(c.id)) known[c.id] = c })
        return known
      }).catch(function () { return null })
  }

  function setupPage(store) {
    var page = $(".co-saved-page")
    var template = $(".co-saved-template")
    if (!page || !template) return
    page.hidden = false
    var list = $(".co-saved-list", page)
    var empty = $(".co-saved-page__empty", page)
    var status = $(".co-saved-page__status", page)
    var known
    var loaded = false

    function render(focusAt) {
      var ids = readSaved(store).reverse() // newest first
      var tried = triedDays(store)
      list.textContent = ""
      empty.textContent = t("js_saved_empty")
      empty.hidden = ids.length > 0
      if (!loaded) return
      ids.forEach(function (id) {
        var item = template.content.firstElementChild.cloneNode(true)
        var card = known && has(known, id) ? known[id] : null
        var title = card ? str(card.title) || id : id
        var link = $(".co-saved-card__title a", item)
        link.textContent = card || !known ? title : t("js_unavailable")
        link.setAttribute("href", "../strategies/" + id + "/")
        if (known && !card) link.parentNode.replaceChild(document.createTextNode(link.textContent), link)
        $(".co-meta", item).textContent = card ? [str(card.category), str(card.ages), str(card.time)].filter(Boolean).join(" · ") : ""
        $(".co-saved-card__summary", item).textContent = card ? str(card.summary) : ""
        var days = has(tried, id) ? tried[id] : 0
        $(".co-saved-card__tried", item).textContent = days === 0 ? t("js_saved_tried_none")
          : days === 1 ? t("js_saved_tried_one") : t("js_saved_tried_other", { n: days })
        var remove = $(".co-saved-card__remove", item)
        remove.setAttribute("aria-label", t("js_saved_remove_label", { title: title }))
        remove.addEventListener("click", function () {
          var index = readSaved(store).reverse().indexOf(id)
          try { writeSaved(store, readSaved(store).filter(function (other) { return other !== id })) } catch (e) {
            status.textContent = failure(e)
            return
          }
          render(index)
          status.textContent = t("js_saved_removed", { title: title })
        })
        list.appendChild(item)
      })
      if (focusAt != null) {
        var buttons = list.querySelectorAll(".co-saved-card__remove")
        var next = buttons[Math.min(focusAt, buttons.length - 1)]
        ;(next || empty).focus()
      }
    }

    render()
    fetchCards().then(function (cards) {
      known = cards
      loaded = true
      render()
      keep(readSaved(store), "../strategies/")
    })
    window.addEventListener("storage", function (event) { if (loaded && (event.key === KEY || event.key === LOG_KEY || event.key === null)) render() })
  }

  function start() {
    var store = storage()
    if (!store) {
      var page = $(".co-saved-page")
      if (page) {
        page.hidden = false
        page.textContent = ""
        page.appendChild(document.createElement("p")).textContent = t("js_saved_no_storage")
      }
      return
    }
    setupCard(store)
    setupBundle(store)
    setupPage(store)
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
