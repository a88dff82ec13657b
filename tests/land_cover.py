"""Land-cover rasters made from the synthetic landscape's vectors, for tests of the land-cover input."""
import os


def land_cover_of(vectors, ortho, out, labels_as: str = "none"):
    """A land-cover raster drawn from a vector file on the ortho's grid (values: category codes), labelled as asked:
    ``qml`` a QGIS style of class names beside it, ``csv`` a mapping file beside it, ``none`` nothing."""
    import numpy as np
    import rasterio

    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    from crosstime.core.geo.rasterize import SemanticRasterizer
    legend = load_legend("bdtopo_v3")
    with rasterio.open(ortho) as src:
        profile = dict(driver="GTiff", width=src.width, height=src.height, count=1, dtype="uint8", crs=src.crs,
                       transform=src.transform)
        codes = SemanticRasterizer(jobs.read_vector_files([vectors]), legend, src.crs.to_wkt()).draw(
            np.zeros((src.height, src.width), np.uint8), src.transform)
    with rasterio.open(out, "w", **profile) as dst:
        dst.write(codes, 1)
    stem = os.path.splitext(out)[0]
    if labels_as == "qml":
        entries = "".join(f'<paletteEntry value="{c.code}" label="{c.label}" color="#000000"/>'
                          for c in legend.categories)
        with open(stem + ".qml", "w", encoding="utf-8") as f:
            f.write(f"<qgis><pipe><rasterrenderer type=\"paletted\"><colorPalette>{entries}</colorPalette>"
                    "</rasterrenderer></pipe></qgis>")
    elif labels_as == "csv":
        with open(stem + ".classes.csv", "w", encoding="utf-8") as f:
            f.write("value,category\n" + "".join(f"{c.code},{c.key}\n" for c in legend.categories))
    return out

