"""Start JupyterLab on the module, as `make lab` does.

Usage: python tools/lab.py [--no-browser] [--port PORT] [--token TOKEN] [--root-dir DIR]

JupyterLab listens on 127.0.0.1 only, with a token (random unless given), and opens
notebooks/00_start_here.ipynb. The "Jupyter news" announcements prompt is switched off
for this environment, so students are not asked to reach the internet.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
ANNOUNCEMENTS_PLUGIN = "@jupyterlab/apputils-extension:announcements"


def page_config_path(prefix: str = sys.prefix) -> Path:
    return Path(prefix) / "etc" / "jupyter" / "labconfig" / "page_config.json"


def disable_announcements(prefix: str = sys.prefix) -> Path:
    """Record the announcements plugin as disabled in this environment's page config."""
    path = page_config_path(prefix)
    config = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    disabled = config.setdefault("disabledExtensions", {})
    if disabled.get(ANNOUNCEMENTS_PLUGIN) is not True:
        disabled[ANNOUNCEMENTS_PLUGIN] = True
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def build_command(
    *, port: int | None, token: str, open_browser: bool, root_dir: Path = ROOT
) -> list[str]:
    """The jupyter-lab command line: localhost only, token required, notebook 00 open."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root_dir}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.open_browser={open_browser}",
        # JupyterLab's own check for updates and news feed both reach the internet.
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
    ]
    if port is not None:
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    command.append(START_NOTEBOOK)
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--port", type=int, default=None, help="port (default: 8888 or next free)")
    parser.add_argument("--token", default=None, help="access token (default: random)")
    parser.add_argument(
        "--root-dir",
        type=Path,
        default=ROOT,
        help="folder JupyterLab serves (default: the module; tests serve a copy)",
    )
    args = parser.parse_args(argv)
    root_dir = args.root_dir.resolve()
    if not (root_dir / START_NOTEBOOK).is_file():
        parser.error(f"{root_dir} has no {START_NOTEBOOK}")
    disable_announcements()
    token = args.token or secrets.token_hex(16)
    command = build_command(
        port=args.port, token=token, open_browser=not args.no_browser, root_dir=root_dir
    )
    print(f"Starting JupyterLab on {START_NOTEBOOK} (stop it with Ctrl+C) ...", flush=True)
    # Become JupyterLab (no wrapper process), so Ctrl+C and signals reach it directly.
    os.chdir(root_dir)
    os.execv(command[0], command)


if __name__ == "__main__":
    sys.exit(main())
