"""The colours every chart shares: each agency one colour of at least 3:1 contrast on white, the
usual partners always the same one, and framing and grids in colours no agency has."""

import matplotlib
import pytest

from hymnsheet_talk.report.style import (
    FRAMING_COLOURS, GRID_COLOURS, GRID_DARKEST, PALETTE, UNKNOWN_COLOUR, USUAL_AGENCIES, agency_colours, wrap,
)


def _contrast_on_white(colour) -> float:
    """WCAG 2 contrast ratio of a colour against white."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in matplotlib.colors.to_rgb(colour)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("colour", [*PALETTE, UNKNOWN_COLOUR])
def test_every_agency_colour_has_3_to_1_contrast_on_white(colour):
    assert _contrast_on_white(colour) >= 3


def test_framing_and_grid_colours_are_no_agencys():
    agency = {matplotlib.colors.to_hex(c) for c in (*PALETTE, UNKNOWN_COLOUR)}
    assert not agency & {matplotlib.colors.to_hex(c) for c in FRAMING_COLOURS.values()}
    grey = matplotlib.colormaps[GRID_COLOURS]
    # The grid scale is grey: no hue, so it can never be read as an agency.
    for level in (0.1, 0.5, GRID_DARKEST):
        red, green, blue, _alpha = grey(level)
        assert red == pytest.approx(green) == pytest.approx(blue)


def test_the_usual_partners_keep_their_colour_whoever_else_is_there():
    alone = agency_colours(["Police", "Housing"])
    crowded = agency_colours(["Police", "Housing", "Aardvark trust", "Basketball club", "Unknown"])
    usual = dict(USUAL_AGENCIES)
    assert alone["Police"] == crowded["Police"] == usual["police"]
    assert alone["Housing"] == crowded["Housing"] == usual["housing"]
    assert crowded["Unknown"] == UNKNOWN_COLOUR
    others = [crowded["Aardvark trust"], crowded["Basketball club"]]
    assert len(set(others)) == 2 and not set(others) & set(usual.values())


def test_a_long_label_is_wrapped_at_word_breaks_never_cut():
    assert wrap("Riverside children's services and early help", 16) == "Riverside\nchildren's\nservices and\nearly help"
    assert wrap("Supercalifragilistic", 8) == "Supercalifragilistic"
