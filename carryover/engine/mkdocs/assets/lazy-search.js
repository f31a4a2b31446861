/* Load search only when search is opened. A parent reading one card on a phone should
 * not download the text of the whole library, nor the search engine: the theme starts
 * its search worker and asks for the index as soon as a page loads. Here the request
 * for the index waits, and the worker is a stand-in that keeps the theme's messages,
 * until the search box gets focus or the search button is used; then the real worker
 * starts and gets them in order (runs before the theme's script). */
(function () {
  "use strict"
  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype
  if (!proto) return
  var nativeOpen = proto.open, nativeSend = proto.send
  var opened = false, waiting = []
  var INDEX = /\/search\/search_index\.json(?:[?#].*)?$/

  function release() {
    if (opened) return
    opened = true
    waiting.splice(0).forEach(function (go) { go() })
  }

  /* A search worker that starts on release(): the theme only posts messages to it and
     listens for its "message" (and "error") events. */
  var NativeWorker = window.Worker
  var SEARCH = /\/workers\/[^/]*search[^/]*\.js(?:[?#].*)?$/
  if (NativeWorker) {
    window.Worker = function (url, options) {
      if (opened || !SEARCH.test(String(url))) return new NativeWorker(url, options)
      var stand = { onmessage: null, onerror: null }, listeners = [], queue = [], real = null
      stand.postMessage = function (message, transfer) {
        if (real) real.postMessage(message, transfer)
        else queue.push([message, transfer])
      }
      stand.addEventListener = function (type, listener, options) {
        listeners.push([type, listener, options])
        if (real) real.addEventListener(type, listener, options)
      }
      stand.removeEventListener = function (type, listener, options) {
        listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener })
        if (real) real.removeEventListener(type, listener, options)
      }
      stand.terminate = function () { if (real) real.terminate(); queue = []; stand.terminated = true }
      waiting.push(function () {
        if (stand.terminated) return
        real = new NativeWorker(url, options)
        listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]) })
        real.addEventListener("message", function (event) { if (stand.onmessage) stand.onmessage(event) })
        real.addEventListener("error", function (event) { if (stand.onerror) stand.onerror(event) })
        queue.splice(0).forEach(function (m) { real.postMessage(m[0], m[1]) })
      })
      return stand
    }
    window.Worker.prototype = NativeWorker.prototype
  }
  proto.open = function (method, url) {
    this.__carryoverUrl = String(url)
    return nativeOpen.apply(this, arguments)
  }
  proto.send = function () {
    var request = this, args = arguments
    if (!opened && INDEX.test(request.__carryoverUrl || "")) {
      waiting.push(function () { nativeSend.apply(request, args) })
      return undefined
    }
    return nativeSend.apply(this, arguments)
  }
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches(".md-search__input")) release()
  })
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release()
  })
  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest("label[for=__search], .md-search")) release()
  })
})()
