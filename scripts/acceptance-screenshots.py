#!/usr/bin/env python3
"""The pictures a reviewer looks at: the bundled report on screen and in print preview, the
workbook as LibreOffice prints it, and the terminal compare of three scenarios.

Runs the real tools: verdeel, headless Chromium (a full-page screenshot at 1,280 pixels and
the page printed to PDF on A4 landscape), LibreOffice (the workbook's measure sheets printed
to PDF), and Ghostscript (PDF pages to PNG). Writes into DIR (default docs/screenshots):
report-screen.png, report-print-1.png and -2.png, workbook-pdf-1.png and -2.png, and
compare-three.txt.

Usage: scripts/acceptance-screenshots.py [VERDEEL] [--output DIR]
"""
import argparse
import base64
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import run_verdeel  # noqa: E402
from tools import browser, libreoffice_pdf  # noqa: E402

SCENARIO = "Scenarios/sociale-agenda.verdeel"  # as a user types it, from the repository
MEASURE_SHEETS = ("Ontmoetingsplekken", "Wijk- en dorpsondersteuning", "Jongerenwerk")


def pdf_pages_as_png(pdf, prefix, pages):
    """The first `pages` pages of `pdf` as PNG files `PREFIX-1.png`, ... at 80 dpi (Ghostscript)."""
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r80", f"-dLastPage={pages}",
                    f"-sOutputFile={prefix}-%d.png", pdf], check=True, capture_output=True, timeout=120)


def report(binary, work, out):
    run_verdeel(binary, "report", SCENARIO, "--scenario", "jongerenwerk_60_40", "--baseline", "baseline", "--output", os.path.join(work, "report.html"), cwd=ROOT)
    driver = browser()
    try:
        driver.get("file://" + os.path.join(work, "report.html"))
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": min(height, 4000), "deviceScaleFactor": 1, "mobile": False})
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        with open(os.path.join(out, "report-screen.png"), "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
        pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    finally:
        driver.quit()
    path = os.path.join(work, "report.pdf")
    with open(path, "wb") as handle:
        handle.write(pdf)
    pdf_pages_as_png(path, os.path.join(out, "report-print"), 2)


def workbook(binary, work, out):
    run_verdeel(binary, "run", SCENARIO, "--format", "xlsx", "--output", os.path.join(work, "xlsx"), cwd=ROOT)
    book = openpyxl.load_workbook(os.path.join(work, "xlsx/allocations.xlsx"))
    for sheet in list(book.worksheets):
        if sheet.title not in MEASURE_SHEETS:
            book.remove(sheet)
    measures = os.path.join(work, "measure-sheets.xlsx")
    book.save(measures)
    pdf_pages_as_png(libreoffice_pdf(work, measures, os.path.join(work, "pdf")), os.path.join(out, "workbook-pdf"), 2)


def compare(binary, out):
    result = run_verdeel(binary, "compare", SCENARIO, "baseline", "jongerenwerk_60_40", "jongerenwerk_50_50", cwd=ROOT)
    command = "$ verdeel compare Scenarios/sociale-agenda.verdeel baseline jongerenwerk_60_40 jongerenwerk_50_50\n"
    with open(os.path.join(out, "compare-three.txt"), "w", encoding="utf-8") as handle:
        handle.write(command + result.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("verdeel", nargs="?", default=os.path.join(ROOT, ".build/release/verdeel"))
    parser.add_argument("--output", default=os.path.join(ROOT, "docs/screenshots"))
    arguments = parser.parse_args()
    binary, out = os.path.abspath(arguments.verdeel), os.path.abspath(arguments.output)
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp()
    try:
        report(binary, work, out)
        workbook(binary, work, out)
        compare(binary, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("wrote", ", ".join(sorted(os.listdir(out))), "into", out)


if __name__ == "__main__":
    main()
