"""Colours shared by the canvas highlights, result layers and projects (plain hex strings, no Qt).

Ranks are drawn in a single-hue cyan ramp, light to dark: no category of the legend (core/geo/legend.py:
orange, yellow, brown, grey, black, red, blue, violet, indigo, green, maroon, magenta) is a cyan, and a ramp
ordered by lightness reads the same with any colour-vision deficiency. The query is outlined in white over a
dark casing, which no legend colour is either. Rank numbers are always printed as well.
"""
RANK_COLOURS = ["#00f0ff", "#00c4d4", "#0098a8", "#006e7c", "#004652"]   # ranks 1..5, light to dark cyan
OTHER_RANK_COLOUR = "#a8d8de"                                              # ranks beyond 5: pale cyan
QUERY_COLOUR = "#ffffff"                                                   # dashed outline
QUERY_CASING = "#1a1a1a"                                                   # drawn under it
AREA_COLOUR = "#fafafa"                                                    # indexed area, light outline
LABEL_TEXT = {rank: ("#000000" if rank <= 2 else "#ffffff") for rank in range(1, 6)}


def rank_colour_hex(rank: int) -> str:
    return RANK_COLOURS[rank - 1] if 1 <= rank <= len(RANK_COLOURS) else OTHER_RANK_COLOUR


def rank_text_hex(rank: int) -> str:
    """Black or white, whichever reads on the rank's colour."""
    return LABEL_TEXT.get(rank, "#000000")


def hex_to_rgb(colour: str):
    c = colour.lstrip("#")
    return tuple(int(c[k:k + 2], 16) for k in (0, 2, 4))


def lab(rgb) -> tuple:
    """CIE L*a*b* (D65) of an sRGB colour given as 0-255 values."""
    def lin(v):
        v = v / 255.0
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = lambda t: t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(rgb1, rgb2) -> float:
    """CIE76 colour difference (about 2.3 is just noticeable; above 20, different colours)."""
    return sum((a - b) ** 2 for a, b in zip(lab(rgb1), lab(rgb2))) ** 0.5
