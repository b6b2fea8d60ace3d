"""Copy the pinned NHS.UK frontend (and htmx, axe) from node_modules into static/.

The compiled NHS.UK CSS points at /assets/… and at fonts on an NHS host. We serve
everything ourselves under a strict CSP, so image URLs are rewritten to our static
path and the remote @font-face rules are dropped (the CSS falls back to Arial).
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
OUT = ROOT / "static" / "vendor"
NHSUK = NODE / "nhsuk-frontend" / "dist" / "nhsuk"

FONT_FACE = re.compile(r"@font-face\{[^}]*assets\.nhs\.uk[^}]*\}")


def build() -> None:
    if not NHSUK.is_dir():
        sys.exit("node_modules is missing: run `npm ci` first")
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "nhsuk").mkdir(parents=True)
    css = (NHSUK / "nhsuk-frontend.min.css").read_text()
    css = FONT_FACE.sub("", css)
    css = css.replace("url(/assets/", "url(/static/vendor/nhsuk/assets/")
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    (OUT / "nhsuk" / "nhsuk-frontend.min.css").write_text(css)
    js = (NHSUK / "nhsuk-frontend.min.js").read_text()
    js = re.sub(r"//# sourceMappingURL=.*", "", js)
    (OUT / "nhsuk" / "nhsuk-frontend.min.js").write_text(js)
    shutil.copytree(NHSUK / "assets", OUT / "nhsuk" / "assets")
    shutil.copy(NODE / "htmx.org" / "dist" / "htmx.min.js", OUT / "htmx.min.js")
    if "assets.nhs.uk" in css:
        sys.exit("the NHS.UK CSS still refers to a remote host")
    print(f"front-end assets written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    build()
