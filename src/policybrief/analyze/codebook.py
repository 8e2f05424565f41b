"""The codebook (config/codebook.yaml): the policy questions every article is scored on.

Its structure is checked against config/codebook.schema.yaml; what a schema cannot say (a cue's
value inside its dimension's scale, a bipolar scale around zero) is checked here, every problem
reported as an InputError naming the key. Kept free of heavy imports: the Snakefile loads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import load_checked
from ..errors import InputError

WEIGHT_KEYS = ("normative", "descriptive", "hedged", "reported", "quoted", "conceded", "contrasted")
# Marker lists read from the codebook; reporting verbs and attribution phrases come from
# policybrief.conventions, shared with the extractors.
MARKER_KEYS = (
    "normative",
    "hedge",
    "negation",
    "negation_exceptions",
    "intensifier",
    "clause_break",
    "contrast",
    "anaphora",
    "first_person",
)


@dataclass(frozen=True)
class Cue:
    phrase: str
    value: float
    weight: float = 1.0


@dataclass(frozen=True)
class Dimension:
    name: str
    question: str
    kind: str
    scale: tuple[int, int]
    poles: dict
    topic: tuple[str, ...]
    cues: tuple[Cue, ...]
    salience: tuple[int, ...] = ()
    scope: tuple[tuple[str, ...], ...] = ()  # term groups the article must each keep mentioning
    label: str = ""  # short name for prose ("Settlement prospects")
    pole_words: tuple[str, str] = ("negative", "positive")  # one word per pole, for prose

    @property
    def span(self) -> float:
        return float(self.scale[1] - self.scale[0])

    def describe(self, score: float | None) -> str:
        """A score in words: "firmly pessimistic", "no clear direction", "not addressed"."""
        if score is None or score != score:
            return "not addressed"
        if self.kind == "salience":
            levels = self.pole_words
            return levels[min(int(score), len(levels) - 1)]
        if score == 0:
            return "no clear direction"
        word = self.pole_words[score > 0]
        return f"firmly {word}" if abs(score) >= max(abs(v) for v in self.scale) else word


@dataclass(frozen=True)
class Codebook:
    dimensions: tuple[Dimension, ...]
    markers: dict = field(default_factory=dict)  # marker kind -> tuple of phrases
    weights: dict = field(default_factory=dict)
    negation_window: int = 5
    null_threshold_grid: tuple[float, ...] = (1.0,)
    default_null_threshold: float = 1.0
    negation_factor: float = 0.5  # share of a negated cue's value kept, with its sign flipped
    intensity_factor: float = 1.5  # multiplier of a cue's value next to an intensifier (clipped to the scale)
    min_scope_sentences: int = 2
    short_text_sentences: int = 0  # a text with fewer sentences needs one on each scope term
    direction_margin: float = 0.5  # a weighted mean this far from 0 gives a direction, though it rounds to 0

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.dimensions]

    def dimension(self, name: str) -> Dimension:
        return next(d for d in self.dimensions if d.name == name)


def _lower(items) -> tuple[str, ...]:
    return tuple(p.strip().lower() for p in items or ())


def _dimension(path, name: str, spec: dict) -> Dimension:
    where, kind = f"dimensions.{name}", spec["kind"]
    low, high = spec["scale"]
    if not low < high or (kind == "bipolar" and not low < 0 < high) or (kind == "salience" and low != 0):
        raise InputError(
            path,
            f"{where}.scale is {[low, high]}",
            "a bipolar scale runs from a negative to a positive value ([-2, 2]); a salience one from 0",
        )
    cues = []
    for i, cue in enumerate(spec["cues"]):
        value = cue.get("value", high if kind == "salience" else None)
        if value is None or not low <= value <= high:
            raise InputError(
                path,
                f"{where}.cues[{i}] ({cue['phrase']!r}) has value {value!r}",
                f"give a value within {[low, high]}",
            )
        cues.append(Cue(cue["phrase"].strip().lower(), float(value), float(cue.get("weight", 1.0))))
    salience = tuple(spec.get("salience") or ())
    if kind == "salience" and (len(salience) != high or list(salience) != sorted(salience)):
        raise InputError(
            path,
            f"{where}.salience is {list(salience)!r}",
            f"give {high} ascending sentence counts, one per score",
        )
    topic = _lower(spec.get("topic")) if kind == "bipolar" else ()
    if kind == "bipolar" and not topic:
        raise InputError(path, f"{where}.topic is empty", "list the terms that anchor the question")
    scope = spec.get("scope") if kind == "bipolar" else None
    groups = scope if scope and all(isinstance(g, list) for g in scope) else [scope or topic]
    words = spec.get("pole_words") or (["absent", "mentioned", "central"] if kind == "salience" else None)
    return Dimension(
        name=name,
        question=spec["question"],
        kind=kind,
        scale=(low, high),
        poles=dict(spec.get("poles") or {}),
        topic=topic,
        cues=tuple(cues),
        salience=salience,
        scope=tuple(_lower(g) for g in groups) if groups[0] else (),
        label=spec.get("label", name.replace("_", " ").capitalize()),
        pole_words=tuple(words) if words else ("negative", "positive"),
    )


def load_codebook(path) -> Codebook:
    data = load_checked(path, "codebook")
    settings = data["settings"]
    grid = tuple(float(v) for v in settings.get("null_threshold_grid") or ())
    default = float(settings.get("default_null_threshold", grid[0] if grid else 1.0))
    numbers = {
        key: settings[key]
        for key in (
            "negation_window",
            "negation_factor",
            "intensity_factor",
            "min_scope_sentences",
            "short_text_sentences",
            "direction_margin",
        )
        if key in settings
    }
    return Codebook(
        tuple(_dimension(path, name, spec) for name, spec in data["dimensions"].items()),
        {k: _lower(settings.get(k)) for k in MARKER_KEYS},
        {k: float(settings["weights"][k]) for k in WEIGHT_KEYS},
        null_threshold_grid=grid or (default,),
        default_null_threshold=default,
        **numbers,
    )
