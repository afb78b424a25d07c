"""The documentation site builds, works offline, and pictures every output.

The site is built once with ``mkdocs build --strict`` (the command of the README) into
a temporary folder. Its pages may load scripts and stylesheets only from the site
itself: the formulas are rendered by the MathJax copy in docs/javascripts/vendor/, and
the theme's web fonts are off. Every chart of ``powerbalance.plot`` and every result's
page is drawn during the build (docs/hooks/pictures.py) and shown on a page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
VENDOR = ROOT / "docs" / "javascripts" / "vendor" / "mathjax"
# A <link> of these kinds loads (or connects) at once, as a stylesheet does.
LINKS_THAT_LOAD = {"stylesheet", "preconnect", "preload", "dns-prefetch"}
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/...`` tags name objects MkDocs imports."""


_TolerantLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: f"python/{suffix}"
)


def _config() -> dict[str, object]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_TolerantLoader)


class _Loads(HTMLParser):
    """The scripts, stylesheets, images and frames an HTML page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.images: list[str] = []
        self.frames: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "script" and "src" in found:
            self.scripts.append(found["src"])
        elif tag == "link" and set(found.get("rel", "").split()) & LINKS_THAT_LOAD:
            self.stylesheets.append(found.get("href", ""))
        elif tag == "img":
            self.images.append(found.get("src", ""))
        elif tag == "iframe":
            self.frames.append(found.get("src", ""))


def _loads(page: Path) -> _Loads:
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    pytest.importorskip("material", reason="the docs extra is not installed")
    folder = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return folder


def test_mkdocs_yml_loads_scripts_and_styles_only_from_the_site():
    config = _config()
    loaded = [*config.get("extra_javascript", []), *config.get("extra_css", [])]
    assert loaded, "mkdocs.yml loads no script: the formulas would not render"
    remote = [entry for entry in loaded if REMOTE.match(str(entry))]
    assert not remote, f"mkdocs.yml loads from elsewhere: {remote}"
    for entry in loaded:
        assert (ROOT / "docs" / str(entry)).is_file(), f"mkdocs.yml loads a missing {entry}"
    theme = config["theme"]
    assert isinstance(theme, dict)
    assert theme.get("font") is False, "the theme would load its fonts from a web font service"


def test_the_bundled_mathjax_says_where_it_came_from():
    loaded = _config()["extra_javascript"]
    assert "javascripts/vendor/mathjax/tex-svg.js" in loaded
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert re.search(r"version \*\*3\.\d+\.\d+\*\*", readme), "the README names no version"
    assert "npm" in readme
    assert "Apache License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert "MathJax" in (VENDOR / "tex-svg.js").read_text(encoding="utf-8")[:3_000_000]


def test_no_page_uses_a_mermaid_diagram():
    # The theme draws Mermaid with a script it fetches from a CDN.
    pages = sorted((ROOT / "docs").rglob("*.md"))
    using = [p.name for p in pages if re.search(r"^```mermaid", p.read_text("utf-8"), re.M)]
    assert not using, f"pages with a Mermaid diagram, which would need the network: {using}"


def test_built_pages_load_nothing_from_elsewhere(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    remote = []
    for page in pages:
        loads = _loads(page)
        for url in [*loads.scripts, *loads.stylesheets, *loads.frames]:
            if REMOTE.match(url):
                remote.append(f"{page.relative_to(site)}: {url}")
    assert not remote, "pages load from elsewhere:\n" + "\n".join(remote)


def test_formulas_are_rendered_by_the_bundled_script(site):
    page = site / "methods" / "index.html"
    assert 'class="arithmatex"' in page.read_text(encoding="utf-8")
    scripts = _loads(page).scripts
    assert any(s.endswith("javascripts/vendor/mathjax/tex-svg.js") for s in scripts), scripts
    assert (site / "javascripts" / "vendor" / "mathjax" / "tex-svg.js").is_file()
    assert (site / "javascripts" / "vendor" / "mathjax" / "LICENSE").is_file()


def test_every_chart_is_pictured_on_the_plots_page(site):
    from powerbalance import plot

    images = _loads(site / "plots" / "index.html").images
    for name in plot.__all__:
        picture = site / "pictures" / f"plot-{name}.svg"
        assert picture.is_file(), f"no picture of plot.{name}"
        assert picture.read_text(encoding="utf-8").lstrip().startswith("<?xml")
        assert any(src.endswith(f"pictures/plot-{name}.svg") for src in images), name


@pytest.mark.parametrize(
    ("page", "pictures"),
    [
        ("reports", ["page-report", "page-tradeoff", "page-comparison"]),
        ("robustness", ["page-stability", "page-sweep", "page-smaa"]),
    ],
)
def test_result_pages_are_shown_in_frames_with_a_link(site, page, pictures):
    built = site / page / "index.html"
    loads = _loads(built)
    text = built.read_text(encoding="utf-8")
    for name in pictures:
        file = site / "pictures" / f"{name}.html"
        assert file.is_file(), f"no page {name}"
        written = file.read_text(encoding="utf-8")
        assert written.startswith("<!DOCTYPE html>"), f"{name} is not a whole page"
        assert "Targeted cooperation" in written, f"{name} does not name the leader"
        assert f"../pictures/{name}.html" in loads.frames, f"{page} shows no frame of {name}"
        assert f'href="../pictures/{name}.html"' in text, f"{page} has no link to {name}"


def test_the_brief_is_pictured_once_it_exists(site):
    pytest.importorskip("powerbalance.brief", reason="powerbalance.brief does not exist yet")
    file = site / "pictures" / "page-brief.html"
    assert file.is_file()
    page = site / "brief" / "index.html"
    assert page.is_file(), "the docs have no brief page"
    assert "../pictures/page-brief.html" in _loads(page).frames
