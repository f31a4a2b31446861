/* Listen: a card or a routine read aloud by the browser's own voices (speechSynthesis):
 * its title, its summary, then each step, the part being read highlighted.
 *  - The control shows only when the browser has a voice for the language of the text
 *    (never Spanish read by an English voice); voices that arrive late show it then.
 *    A voice on the device itself is preferred to one the browser reads online.
 *  - This script sends nothing anywhere.
 *  - Pause stops at the part being read and Continue reads that part again: a browser's
 *    own pause() does not work everywhere (Chrome on Android), this does.
 */
;(function () {
  "use strict"

  var box = document.querySelector(".co-listen")
  var synth = window.speechSynthesis
  if (!box || !synth || typeof window.SpeechSynthesisUtterance !== "function") return

  var ui = window.carryover ? window.carryover.ui : {}  /* read by carryover.js, joined before this file */
  function t(key) { return Object.prototype.hasOwnProperty.call(ui, key) && typeof ui[key] === "string" ? ui[key] : "" }
  function primary(tag) { return String(tag || "").split(/[-_]/)[0].toLowerCase() }

  var play = box.querySelector(".co-listen__play")
  var stop = box.querySelector(".co-listen__stop")
  var status = box.querySelector(".co-listen__status")
  var title = document.querySelector("h1")
  if (!play || !stop || !status || !title) return
  var listenLabel = play.textContent
  /* The text's language: a page not translated yet keeps its original text, marked so. */
  var lang = primary((title.closest("[lang]") || document.documentElement).getAttribute("lang"))
  var voice = null
  var state = "idle"  /* idle, reading or paused */
  var parts = []
  var index = 0
  var current = null  /* the utterance being spoken: events of any other are old news */
  var marked = null

  function rank(v) { return (v.localService ? 2 : 0) + (v.default ? 1 : 0) }
  function pickVoice() {
    var voices = []
    try { voices = Array.prototype.slice.call(synth.getVoices() || []) } catch (e) { voices = [] }
    var fit = voices.filter(function (v) { return v && primary(v.lang) === lang })
    fit.sort(function (a, b) { return rank(b) - rank(a) })
    return fit[0] || null
  }

  function textOf(node) {
    var copy = node.cloneNode(true)
    Array.prototype.forEach.call(copy.querySelectorAll(".headerlink, [aria-hidden=true]"), function (n) { n.remove() })
    return copy.textContent.replace(/\s+/g, " ").trim()
  }
  function collect() {
    var nodes = [title, document.querySelector(".co-summary")]
    var list = document.getElementById("steps")
    while (list && list.tagName !== "OL") list = list.nextElementSibling
    var steps = list ? Array.prototype.filter.call(list.children, function (n) { return n.tagName === "LI" }) : []
    return nodes.concat(steps).filter(function (n) { return n && textOf(n) }).map(function (n) {
      return { node: n, text: textOf(n), step: steps.indexOf(n) >= 0 }
    })
  }

  function unmark() {
    if (!marked) return
    marked.classList.remove("co-listen-current")
    marked.removeAttribute("aria-current")
    marked = null
  }
  function mark(part) {
    unmark()
    marked = part.node
    marked.classList.add("co-listen-current")
    if (part.step) marked.setAttribute("aria-current", "step")
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches
    try { marked.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" }) } catch (e) { /* old browsers */ }
  }

  function show(label, said) {
    play.textContent = label
    stop.hidden = state === "idle"
    status.textContent = said || ""
  }
  function silence() {
    current = null
    try { synth.cancel() } catch (e) { /* nothing to stop */ }
  }

  function speak() {
    var part = parts[index]
    if (!part || !voice) { halt(part ? "" : t("js_listen_done")); return }
    mark(part)
    var u = new window.SpeechSynthesisUtterance(part.text)
    u.voice = voice
    u.lang = String(voice.lang).replace(/_/g, "-")
    u.rate = 0.9
    u.addEventListener("end", function () { if (current === u) { index++; speak() } })
    u.addEventListener("error", function () { if (current === u) halt(t("js_listen_stopped")) })
    current = u
    synth.speak(u)
  }

  function start() {
    parts = collect()
    if (!parts.length) return
    silence()
    if (synth.paused && synth.resume) synth.resume()
    index = 0
    state = "reading"
    show(t("js_listen_pause"))
    speak()
  }
  function pause() {
    silence()
    state = "paused"
    show(t("js_listen_resume"), t("js_listen_paused"))
  }
  function resume() {
    state = "reading"
    show(t("js_listen_pause"))
    speak()
  }
  function halt(said) {
    var focused = document.activeElement === stop
    silence()
    unmark()
    state = "idle"
    index = 0
    show(listenLabel, said)
    if (focused) play.focus()
  }

  play.addEventListener("click", function () {
    if (state === "idle") start()
    else if (state === "reading") pause()
    else resume()
  })
  stop.addEventListener("click", function () { halt(t("js_listen_stopped")) })
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && state !== "idle") halt(t("js_listen_stopped"))
  })
  window.addEventListener("pagehide", function () { if (state !== "idle") halt("") })

  function update() {
    voice = pickVoice()
    box.hidden = !voice
    if (!voice && state !== "idle") halt("")
  }
  update()
  if (synth.addEventListener) synth.addEventListener("voiceschanged", update)
  else synth.onvoiceschanged = update
})()
