"""The project's fixed vocabulary, shared by the data models, the CLI and the JSON contract.

Plain typing only, no pydantic: the CLI needs these names on every start, completion included.
"""

from typing import Literal

Grade = Literal["strong", "moderate", "weak", "claim", "contradicted"]
Role = Literal["primary", "secondary", "stabilizer"]
Phase = Literal["setup", "lowering", "bottom", "pressing", "top", "breathing"]
Dimension = Literal["height", "width", "depth", "toes"]

# The vocabulary's order matters: composition and ranking take the weakest grade involved.
GRADES: tuple[Grade, ...] = ("strong", "moderate", "weak", "claim", "contradicted")
ROLES: tuple[Role, ...] = ("primary", "secondary", "stabilizer")
PHASES: tuple[Phase, ...] = ("setup", "lowering", "bottom", "pressing", "top", "breathing")
DIMENSIONS: tuple[Dimension, ...] = ("height", "width", "depth", "toes")
# The neutral value of each dimension comes first.
CHOICES: dict[Dimension, tuple[str, ...]] = {
    "height": ("middle", "low", "high"),
    "width": ("hip", "narrow", "wide"),
    "depth": ("normal", "partial", "deep"),
    "toes": ("straight", "out"),
}
NEUTRAL: dict[Dimension, str] = {d: values[0] for d, values in CHOICES.items()}
Height = Literal["low", "middle", "high"]
Width = Literal["narrow", "hip", "wide"]
Depth = Literal["partial", "normal", "deep"]
Toes = Literal["straight", "out"]
