"""A fake ``speechSynthesis`` for the browser tests (``page.add_init_script``): headless
Chromium has no voices, so the tests bring their own and record what would be spoken."""

from __future__ import annotations

import json

ES_AND_EN = [
    {"name": "Google español", "lang": "es-ES", "localService": False, "default": False},
    {"name": "Mónica", "lang": "es_ES", "localService": True, "default": False},
    {"name": "Samantha", "lang": "en-US", "localService": True, "default": True},
]
ONLY_EN = [
    {"name": "Samantha", "lang": "en-US", "localService": True, "default": True},
    {"name": "Daniel", "lang": "en-GB", "localService": True, "default": False},
]

_SCRIPT = """
(() => {
  let voices = %(late)s ? [] : %(voices)s
  const later = %(voices)s
  const spoken = [], queue = []
  const events = []
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.lang = ""; this.voice = null; this.rate = 1 }
  }
  const synth = new EventTarget()
  synth.paused = false
  synth.getVoices = () => voices.slice()
  const begin = () => { if (queue[0]) setTimeout(() => queue[0] && queue[0].dispatchEvent(new Event("start"))) }
  synth.speak = (u) => {
    spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name })
    queue.push(u)
    if (queue.length === 1) begin()
  }
  synth.cancel = () => {
    events.push("cancel")
    queue.splice(0).forEach((u) => setTimeout(() => u.dispatchEvent(new Event("error"))))
  }
  synth.pause = () => events.push("pause")
  synth.resume = () => events.push("resume")
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true })
  window.SpeechSynthesisUtterance = Utterance
  window.__speech = {
    spoken, events,
    get pending() { return queue.length },
    finish() { const u = queue.shift(); if (u) u.dispatchEvent(new Event("end")); begin() },
    arrive() { voices = later.slice(); synth.dispatchEvent(new Event("voiceschanged")) },
  }
})()
"""


def fake_speech(voices: list[dict], late: bool = False) -> str:
    """The init script: these voices (from the start, or only once ``__speech.arrive()``)."""
    return _SCRIPT % {"voices": json.dumps(voices), "late": json.dumps(late)}
