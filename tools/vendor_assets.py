"""Copy the map's JavaScript/CSS from npm packages into src/newscase/assets/.

    mkdir -p /tmp/npmassets && cd /tmp/npmassets && npm install leaflet@1.9.3
    python tools/vendor_assets.py /tmp/npmassets/node_modules

Only the files the module's maps use are copied, each with its package's LICENSE.
Leaflet 1.9.3 is the version folium 0.20 loads from its CDN (folium.Map.default_js),
so the bundled copy and the CDN option run the same code. The script then prints
the sha256 of every copied file (src/newscase/assets/README.md lists them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "src" / "newscase" / "assets"

# package -> (expected version, files to copy relative to the package folder)
PACKAGES = {
    "leaflet": (
        "1.9.3",
        [
            "dist/leaflet.js",
            "dist/leaflet.css",
            # the images leaflet.css refers to (inlined as data: URIs when rendering)
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "LICENSE",
        ],
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("node_modules", type=Path, help="an npm node_modules folder")
    args = parser.parse_args(argv)
    status = 0
    for package, (version, files) in PACKAGES.items():
        source = args.node_modules / package
        found = json.loads((source / "package.json").read_text(encoding="utf-8"))["version"]
        if found != version:
            print(f"error: {package} {found} installed, expected {version}", file=sys.stderr)
            status = 1
            continue
        for name in files:
            target = ASSETS / package / name.removeprefix("dist/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target)
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
            print(f"{package}@{version} {target.relative_to(ASSETS)} sha256 {digest}")
    return status


if __name__ == "__main__":
    sys.exit(main())
