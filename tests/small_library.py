"""A small valid library (a card, a routine, a sign, in English and Spanish) that tests break
one thing at a time: ``write_small_library`` writes it; the ``content`` fixture (conftest.py)
gives a fresh copy to each test."""

from __future__ import annotations

from pathlib import Path

import yaml

from carryover.check.library import load_library

ROOT = Path(__file__).resolve().parent.parent
EN = "strategies/squeeze.en.md"
ES = "strategies/squeeze.es.md"

CARD_EN = """---
id: squeeze
title: Pillow squeeze
summary: A gentle squeeze with a pillow helps a busy body calm down.
category: sensory
tags: [calming, deep-pressure]
ages: {from: 2, to: 8}
routines: [bedtime]
signs: [sensory-regulation]
settings: [home]
time: 5
materials:
  - A big pillow
keywords: [squeeze, calm down]
reviewed: 2026-01-15
evidence: practice
sources: []
---

## Why it helps

Firm pressure feels calming.

## Steps

1. Lie down.
2. Press the pillow gently.

## Five-minute version

Two squeezes.

## Easier or harder

- **Easier:** Use your hands.
- **Harder:** Count the squeezes.

## Safety

- Keep the face free.

## When to ask your therapist

- Your child dislikes pressure.
"""

CARD_ES = """---
id: squeeze
title: Apretón con cojín
summary: Un apretón suave con un cojín ayuda a calmar un cuerpo inquieto.
materials:
  - Un cojín grande
keywords: [apretar, calmarse]
---

## Por qué ayuda

La presión firme calma.

## Pasos

1. Acuéstate.
2. Presiona el cojín con suavidad.

## Versión de cinco minutos

Dos apretones.

## Más fácil o más difícil

- **Más fácil:** Usa las manos.
- **Más difícil:** Cuenten los apretones.

## Seguridad

- La cara siempre libre.

## Cuándo consultar a tu terapeuta

- A tu hijo o hija no le gusta la presión.
"""

ROUTINE_EN = """---
id: bedtime
title: Bedtime
summary: Winding down for sleep.
icon: bed
steps:
  - {label: Bath, icon: bathtub}
  - {label: Bed, icon: bed}
reviewed: 2026-01-15
---

## What is often hard

Stopping play.

## What helps

The same steps every night.
"""

ROUTINE_ES = """---
id: bedtime
title: La hora de dormir
summary: Prepararse para dormir.
steps:
  - {label: Baño}
  - {label: Cama}
---

## Lo que suele costar

Dejar de jugar.

## Qué ayuda

Los mismos pasos cada noche.
"""

SIGN_EN = """---
id: sensory-regulation
title: Sensory regulation
summary: Strong reactions to sounds or textures.
reviewed: 2026-01-15
---

## What you might notice

Covers ears.

## Why it can happen

Busy senses.

## What you can try today

A calm corner.

## When to ask for an evaluation

Every day is hard.

## How to start

Write it down.
"""

SIGN_ES = """---
id: sensory-regulation
title: Regulación sensorial
summary: Reacciones fuertes a sonidos o texturas.
---

## Lo que puedes notar

Se tapa los oídos.

## Por qué puede pasar

Sentidos muy activos.

## Qué puedes probar hoy

Un rincón tranquilo.

## Cuándo pedir una evaluación

Cada día cuesta.

## Cómo empezar

Escríbelo.
"""


def write_small_library(tmp_path: Path) -> Path:
    """A small valid library; each test breaks one thing in it."""
    root = tmp_path / "content"
    for kind in ("strategies", "routines", "signs", "guides"):
        (root / kind).mkdir(parents=True)
    taxonomy = yaml.safe_load((ROOT / "content" / "taxonomy.yml").read_text(encoding="utf-8"))
    taxonomy.pop("situations")  # they lead to pages this small library does not have
    (root / "taxonomy.yml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    # A fixed list of sources: the starter library's grows, and messages list the allowed keys.
    references = yaml.safe_load((ROOT / "content" / "references.yml").read_text(encoding="utf-8"))
    fixed = {key: references[key] for key in ("lage-2024", "keiter-humbert-2020")}
    (root / "references.yml").write_text(yaml.safe_dump(fixed, allow_unicode=True), encoding="utf-8")
    files = {
        "strategies/squeeze.en.md": CARD_EN,
        "strategies/squeeze.es.md": CARD_ES,
        "routines/bedtime.en.md": ROUTINE_EN,
        "routines/bedtime.es.md": ROUTINE_ES,
        "signs/sensory-regulation.en.md": SIGN_EN,
        "signs/sensory-regulation.es.md": SIGN_ES,
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def messages(content: Path) -> list[str]:
    return [str(p) for p in load_library(content).problems.errors]
