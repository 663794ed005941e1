"""The colours of entity types and status polarity, shared by the figures and the explorer.

Okabe-Ito colours, distinguishable with colour-blindness. Kept apart from
:mod:`analysis.figures` so that the HTML explorer does not import matplotlib.

Examples
--------
>>> TYPE_COLOURS["platform"], POLARITY_COLOURS["-"]
('#0072B2', '#D55E00')
>>> sorted(TYPE_COLOURS) == sorted(ENTITY_TYPES)
True
"""

from .vocabulary import ENTITY_TYPES

__all__ = ["TYPE_COLOURS", "POLARITY_COLOURS"]

#: Colour of each entity type, in the order of ENTITY_TYPES (strict: a type
#: added without a colour fails at import rather than being dropped).
TYPE_COLOURS = dict(
    zip(
        ENTITY_TYPES,
        [
            "#0072B2",  # platform
            "#56B4E9",  # company
            "#E69F00",  # person
            "#999999",  # unnamed_source
            "#009E73",  # government_body
            "#CC79A7",  # law
            "#F0E442",  # requirement
            "#D9D9D9",  # place
            "#000000",  # media
            "#8C6D31",  # programme
            "#D55E00",  # event
            "#A6CEE3",  # group: a pale platform blue, a class of actors rather than one
        ],
        strict=True,
    )
)

#: Colour of a claim toward (+) or away from (-) the relation.
POLARITY_COLOURS = {"+": "#009E73", "-": "#D55E00"}
