"""Headless Chromium as the report's oracle: render a page, run a script in
it, screenshot it, print it to PDF; poppler's pdftotext reads the PDF back."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

TOOLS = ("chromium", "pdftotext", "pdfinfo")

#: Records every uncaught script error of the page, from before its own script runs.
_ERROR_PROBE = ("<script>window.__errors = []; window.addEventListener('error', function (event) "
                "{ window.__errors.push(String(event.message)); });</script>")
#: Runs a test's actions after the page's own script and writes what they
#: recorded, and every error, into the DOM for --dump-dom to print.
_RESULT_PROBE = """<script>
(function () {
  var result = {};
  try { (function (result) { %s })(result); }
  catch (error) { window.__errors.push("probe: " + error); }
  result.errors = window.__errors;
  var pre = document.createElement("pre");
  pre.id = "probe-result";
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
}());
</script>"""


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class Chromium:
    def __init__(self, profile: Path) -> None:
        self.profile = profile

    def run(self, *arguments: str, width: int = 1400, height: int = 1000) -> subprocess.CompletedProcess:
        command = [shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-background-networking", "--no-first-run", "--hide-scrollbars",
                   f"--user-data-dir={self.profile}", f"--window-size={width},{height}", *arguments]
        return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)

    def drive(self, page: Path, actions: str, width: int = 1400, height: int = 1000) -> dict[str, Any]:
        """Open ``page`` with ``actions`` (the body of a JavaScript function of
        ``result``) run after the page's script; return ``result`` with
        ``errors`` (uncaught errors) and ``console`` (errors Chromium logged)."""
        text = page.read_text(encoding="utf-8")
        probe = page.with_name(page.stem + "-probe.html")
        probe.write_text(text.replace("<head>", "<head>" + _ERROR_PROBE, 1)
                         .replace("</body>", _RESULT_PROBE % actions + "</body>", 1), encoding="utf-8")
        run = self.run("--enable-logging=stderr", "--v=0", "--dump-dom", probe.as_uri(),
                       width=width, height=height)
        found = re.search(r'<pre id="probe-result">(.*?)</pre>', run.stdout, re.S)
        assert found, run.stderr[-2000:]
        result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
        result["console"] = [line for line in run.stderr.splitlines()
                             if "Uncaught" in line or "CONSOLE" in line and "rror" in line]
        return result

    def screenshot(self, page: Path, png: Path, width: int, height: int) -> Path:
        run = self.run(f"--screenshot={png}", page.as_uri(), width=width, height=height)
        assert png.exists(), run.stderr[-2000:]
        return png

    def print_pdf(self, page: Path, pdf: Path) -> Path:
        run = self.run("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
        assert pdf.exists(), run.stderr[-2000:]
        return pdf


def png_size(png: Path) -> tuple[int, int]:
    """Width and height from the PNG's header."""
    header = png.read_bytes()[16:24]
    return int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def pdf_page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
    return float(width), float(height)
