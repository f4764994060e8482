"""Generate each addon's README.rst and static/description/index.html from its readme/ fragments.

OCA's oca-gen-addon-readme does this in OCA repositories; it is not published on PyPI, so this script
follows its layout: title, summary, badges, DESCRIPTION, table of contents, CONFIGURE, USAGE, credits.
The fragments are Markdown written in the subset that is also valid reStructuredText (bullets, numbered
lists, **bold**, *italic*); `code` spans are turned into ``literals``.

Our addons are the main addon and every top-level hr_performance_coaching* folder with a manifest (the bridges).

Usage: python setup/gen_readme.py [--check]   (--check: exit 1 when the committed files are stale)
"""

import ast
import re
import sys
from pathlib import Path

from docutils.core import publish_string

REPO = Path(__file__).resolve().parent.parent
ADDONS = sorted(path.parent for path in REPO.glob("hr_performance_coaching*/__manifest__.py"))
SECTIONS = [("CONFIGURE.md", "Configuration"), ("USAGE.md", "Usage")]
BADGE = (
    ".. |badge1| image:: https://img.shields.io/badge/licence-{slug}-blue.png\n"
    "    :target: http://www.gnu.org/licenses/agpl-3.0-standalone.html\n"
    "    :alt: License: {license}\n"
)


def md_to_rst(text):
    """The fragments' Markdown subset to reStructuredText."""
    return re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text.strip()) + "\n"


def heading(title, char):
    return f"{title}\n{char * len(title)}\n\n"


def build_rst(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    readme = addon / "readme"
    name = manifest["name"]
    parts = [
        "=" * len(name) + "\n" + name + "\n" + "=" * len(name) + "\n\n",
        BADGE.format(slug=manifest["license"].replace("-", "--"), license=manifest["license"]),
        "\n|badge1|\n\n",
        md_to_rst(manifest["summary"]) + "\n",
        md_to_rst((readme / "DESCRIPTION.md").read_text()) + "\n",
        "**Table of contents**\n\n.. contents::\n   :local:\n\n",
    ]
    for fragment, title in SECTIONS:
        path = readme / fragment
        if path.exists():
            parts.append(heading(title, "=") + md_to_rst(path.read_text()) + "\n")
    parts.append(heading("Credits", "="))
    parts.append(heading("Authors", "-") + "".join(f"* {a.strip()}\n" for a in manifest["author"].split(",")) + "\n")
    contributors = readme / "CONTRIBUTORS.md"
    if contributors.exists():
        parts.append(heading("Contributors", "-") + md_to_rst(contributors.read_text()))
    return "".join(parts)


def build_html(rst):
    settings = {"embed_stylesheet": True, "output_encoding": "unicode", "doctitle_xform": True, "generator": False}
    html = publish_string(rst, writer_name="html4css1", settings_overrides=settings)
    # Odoo reads index.html as a module description and warns about an XML declaration.
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", html)


def main(argv):
    outputs = {}
    for addon in ADDONS:
        rst = build_rst(addon)
        outputs[addon / "README.rst"] = rst
        outputs[addon / "static" / "description" / "index.html"] = build_html(rst)
    stale = [path for path, content in outputs.items() if not path.exists() or path.read_text() != content]
    if "--check" in argv:
        for path in stale:
            print(f"{path} is stale: run python setup/gen_readme.py", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(outputs[path])
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
