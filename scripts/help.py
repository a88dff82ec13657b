"""The user guide inside the plugin: ``docs/user-guide.md`` rendered to ``crosstime/help/user-guide.html``, which the
dock's Help button and every Processing algorithm's help link open (offline, in the user's browser).

    python3 scripts/help.py           # write the page (make help; make zip runs it)
    python3 scripts/help.py --check   # exit 1 when the page is not the rendering of the current guide

Rendered with Python-Markdown (tables, fenced code, heading anchors); the page is kept in git so that the plugin
folder works as it is, from a checkout as from the zip.
"""
import argparse
import html
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "docs", "user-guide.md")
PAGE = os.path.join(ROOT, "crosstime", "help", "user-guide.html")
STYLE = """body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#222}code,pre{font-family:ui-monospace,Consolas,monospace;font-size:.92em}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;
padding:.25rem .5rem;vertical-align:top}h1,h2,h3{line-height:1.2}"""


def render() -> str:
    import markdown
    with open(SOURCE, encoding="utf-8") as f:
        text = f.read()
    body = markdown.markdown(text, extensions=["tables", "fenced_code", "toc"], output_format="html")
    title = html.escape(text.splitlines()[0].lstrip("# ").strip())
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n<!-- made by scripts/help.py from docs/user-guide.md: edit that "
            f"file, then run make help -->\n{body}\n</body>\n</html>\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args(argv)
    page = render()
    if a.check:
        current = open(PAGE, encoding="utf-8").read() if os.path.exists(PAGE) else ""
        if current != page:
            print(f"{PAGE} is not the rendering of {SOURCE}: run make help", file=sys.stderr)
            return 1
        return 0
    os.makedirs(os.path.dirname(PAGE), exist_ok=True)
    tmp = PAGE + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(tmp, PAGE)
    print(f"{PAGE}: {len(page) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
