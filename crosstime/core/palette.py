"""Colours shared by the canvas highlights, result layers and projects (plain hex strings, no Qt)."""
RANK_COLOURS = ["#e41a1c", "#ff7f00", "#ffd92f", "#4daf4a", "#17becf"]   # ranks 1..5
OTHER_RANK_COLOUR = "#999999"
QUERY_COLOUR = "#377eb8"


def rank_colour_hex(rank: int) -> str:
    return RANK_COLOURS[rank - 1] if 1 <= rank <= len(RANK_COLOURS) else OTHER_RANK_COLOUR
