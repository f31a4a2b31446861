/* Load the search index only when search is opened. A parent reading one card on a
 * phone should not download the text of the whole library; the theme asks for the
 * index as soon as a page loads. Its request waits here until the search box gets
 * focus or the search button is used (runs before the theme's script). */
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
