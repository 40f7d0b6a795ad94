#!/usr/bin/env python3
"""`verdeel serve` as its users meet it: a real server on loopback, its API, its page in
headless Chromium, and a load test.

- Start: the bundled scenarios served in under a second; Ctrl-C (SIGINT) stops it promptly.
- API: every answer carries the engine version and the scenario file's SHA-256; a change's
  amounts equal `verdeel run --set` of the same change, to the euro; bad requests
  (malformed JSON, wrong types, unknown names, weights over 100%, negative budgets, a body
  over the limit, random bytes, other paths and methods) get a 4xx naming the field, never
  a 5xx, and the server keeps answering.
- Page: the weight slider moved by keyboard updates the table, which equals `verdeel run`
  of the scenario file "save as scenario" downloads (saved next to the bundled one);
  reloading the URL restores the change; no console errors; nothing fetched from
  another host; a screenshot of each view in .build/workbench-screenshots.
- Spec: schemathesis against docs/api.yaml on the live server finds no 5xx and no answer
  that breaks the spec.
- How sure?: its events, and its figures equal to `verdeel run` of the same setting; a long
  run cancelled when its client goes (the server quiet within 5 s); a third run at once refused.
- Load: 5,000 allocation requests at concurrency 16 with no error; throughput and p50/p99
  latency printed; the server's memory (VmRSS) after the run within 20 MB of after warm-up.

Usage: scripts/check-workbench.py [VERDEEL]   (default .build/release/verdeel)
"""
import csv
import http.client
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import Checks, run_verdeel  # noqa: E402
from tools import browser  # noqa: E402

check = Checks()
VERDEEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/verdeel"))
SCREENSHOTS = os.path.join(ROOT, ".build/workbench-screenshots")
NEED = "jongerenwerk.weight.need"
ROUND_TRIPS = []


def start_server():
    """The server on a free port, and the seconds until it said where it listens."""
    started = time.monotonic()
    process = subprocess.Popen([VERDEEL, "serve", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    seconds = time.monotonic() - started
    if "http://127.0.0.1:" not in line:
        process.kill()
        raise SystemExit(f"verdeel serve did not start: {line!r} {process.stderr.read()}")
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    return process, port, seconds


def call(port, path, body=None, method=None, raw=None):
    """(status, headers, body bytes) of one request."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method or ("POST" if data is not None else "GET"),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def run_amounts(changes, file="Scenarios/sociale-agenda.verdeel", scenario="baseline", cwd=ROOT):
    """(measure, year, region) -> amount from `verdeel run --set`, components added up."""
    args = ["run", file, "--scenario", scenario, "--format", "csv"]
    for change in changes:
        args += ["--set", change]
    result = run_verdeel(VERDEEL, *args, cwd=cwd)
    amounts = {}
    for row in csv.DictReader(io.StringIO(result.stdout)):
        key = (row["measure"], int(row["year"]), row["region"])
        amounts[key] = amounts.get(key, Decimal(0)) + Decimal(row["amount"])
    return amounts


def api_amounts(answer):
    table = answer["tables"]["allocations"]
    ids = [column["id"] for column in table["columns"]]
    amounts = {}
    for row in table["rows"]:
        record = dict(zip(ids, row))
        key = (record["measure"], int(record["year"]), record["region"])
        amounts[key] = amounts.get(key, Decimal(0)) + Decimal(str(record["amount"]))
    return amounts


def check_api(port):
    status, _, body = call(port, "/api/scenarios")
    listing = json.loads(body)
    check(status == 200 and listing["engine_version"], "GET /api/scenarios")
    baseline = next(s for s in listing["scenarios"] if s["name"] == "baseline")
    weights = {w["name"]: w for m in baseline["measures"] for w in m["weights"]}
    check(weights[NEED]["value"] == 80 and weights[NEED]["dutch"] == "gewicht van need in Jongerenwerk (%)", f"the need weight: {weights.get(NEED)}")
    changes = [f"{NEED}=70%", "wijk.base=200k"]
    status, headers, body = call(port, "/api/allocate", {"scenario": "baseline", "changes": changes})
    answer = json.loads(body)
    check(status == 200 and answer["engine_version"] == listing["engine_version"], "POST /api/allocate")
    check(answer["scenario_sha256"] == baseline["file_sha256"] and len(answer["scenario_sha256"]) == 64, "the answer names the scenario file's SHA-256")
    check("allocate;dur=" in headers.get("Server-Timing", ""), "Server-Timing")
    check(api_amounts(answer) == run_amounts(changes), "the API's amounts are not verdeel run --set's")
    bad = [
        (b"{", 400, "body"), (b"[]", 400, "body"), (json.dumps({"scenario": 3}).encode(), 400, "scenario"),
        (json.dumps({"scenario": "baselin"}).encode(), 404, "scenario"),
        (json.dumps({"scenario": "baseline", "changes": [f"{NEED}=170%"]}).encode(), 422, "changes[0]"),
        (json.dumps({"scenario": "baseline", "changes": ["jongerenwerk.budget.2026=-1"]}).encode(), 422, "changes[0]"),
        (json.dumps({"scenario": "baseline", "changes": ["wijk.base=200k", "nothing.base=1"]}).encode(), 422, "changes[1]"),
        (json.dumps({"scenario": "baseline", "tables": ["secrets"]}).encode(), 400, "tables[0]"),
        (b"x" * (70 * 1024), 413, "body"),
    ]
    for raw, expected, field in bad:
        status, _, body = call(port, "/api/allocate", raw=raw)
        error = json.loads(body).get("error", {})
        check(status == expected and error.get("field") == field and error.get("message"), f"{raw[:60]!r}: {status} {error}")
    randomness = random.Random(2026)
    for _ in range(200):
        raw = bytes(randomness.randrange(256) for _ in range(randomness.randrange(1, 300)))
        status, _, _ = call(port, "/api/allocate", raw=raw)
        check(400 <= status < 500, f"random bytes got {status}")
    for path, method in (("/etc/passwd", "GET"), ("/api/allocate", "DELETE"), ("/../Package.swift", "GET")):
        status, _, _ = call(port, path, method=method)
        check(400 <= status < 500, f"{method} {path}: {status}")
    status, headers, body = call(port, "/api/download?format=xlsx", {"scenario": "baseline", "changes": changes})
    check(status == 200 and body[:2] == b"PK" and "workbench.xlsx" in headers.get("Content-Disposition", ""), "the xlsx download")


def table_total(driver, code):
    cells = driver.execute_script(f"return Array.from(document.querySelectorAll('#results tr[data-region=\"{code}\"] td')).map(td => td.textContent)")
    return cells


def euros(text):
    """'€ 1.234.567' -> 1234567."""
    return Decimal(text.replace("€", "").replace(".", "").replace("\u00a0", "").replace(" ", "").strip())


def check_page(port):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    os.makedirs(SCREENSHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="workbench-")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    driver = browser(downloads)
    try:
        driver.get(f"http://127.0.0.1:{port}/")
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready"))
        Select(driver.find_element(By.ID, "measure")).select_by_value("jongerenwerk")
        WebDriverWait(driver, 20).until(lambda d: "jongerenwerk" in d.current_url)
        driver.save_screenshot(os.path.join(SCREENSHOTS, "start.png"))
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl", "the page is Dutch by default")
        slider = driver.find_element(By.CSS_SELECTOR, "input[type=range][aria-label='gewicht van need in Jongerenwerk (%)']")
        before = driver.execute_script("return document.body.dataset.ready")
        slider.send_keys(Keys.ARROW_LEFT * 10)
        WebDriverWait(driver, 20).until(lambda d: "70%25" in d.current_url or "70%" in d.current_url)
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready") != before
                                        and not d.execute_script("return document.querySelector('#error').textContent"))
        time.sleep(0.5)
        driver.save_screenshot(os.path.join(SCREENSHOTS, "need-70.png"))
        # One more step and back, timed by the page from the key's event to the drawn table.
        trips = []
        for key in (Keys.ARROW_LEFT, Keys.ARROW_RIGHT) * 5:
            ready = driver.execute_script("return document.body.dataset.ready")
            slider.send_keys(key)
            WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready") != ready)
            trips.append(float(driver.execute_script("return document.body.dataset.roundTrip")))
        ROUND_TRIPS.extend(trips)
        WebDriverWait(driver, 20).until(lambda d: "70%25" in d.current_url)
        expected = saved_scenario_amounts(driver, work, downloads)
        for code in ("GM0014", "GM1730", "GM0765"):
            cells = table_total(driver, code)
            years = sorted({year for (measure, year, region) in expected if measure == "jongerenwerk" and region == code})
            total = sum(expected[("jongerenwerk", year, code)] for year in years)
            check(euros(cells[1]) == total, f"{code}: the page's total {cells[1]} is not verdeel run's {total}")
            check([euros(cell) for cell in cells[5:]] == [expected[("jongerenwerk", year, code)] for year in years], f"{code}: the page's years {cells[5:]}")
        check_map(driver, expected)
        check_municipality(driver, expected)
        bars = driver.execute_script("return document.querySelectorAll('#bars rect').length")
        dashed = driver.execute_script("return document.querySelectorAll('#bars line[stroke-dasharray]').length")
        check(bars == 13 and dashed == 2, f"winners and losers: {bars} bars, {dashed} threshold lines (13 and the thresholds 7.50 and 15)")
        points = driver.execute_script("return (document.querySelector('#lorenz polyline') || {getAttribute: () => ''}).getAttribute('points').split(' ').length")
        check(points == 14, f"the Lorenz curve has {points} points, not the origin and 13 municipalities")
        changes = driver.execute_script("return Array.from(document.querySelectorAll('#changes li span')).map(s => s.dataset.change)")
        check(changes == [f"{NEED}=70%"], f"the change list: {changes}")
        words = driver.execute_script("return document.querySelector('#changes li span').textContent")
        check(words == "gewicht van need in Jongerenwerk (%): 70%", f"the change in words: {words}")
        url = driver.current_url
        driver.get("about:blank")
        driver.get(url)
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready"))
        restored = driver.execute_script("return Array.from(document.querySelectorAll('#changes li span')).map(s => s.dataset.change)")
        check(restored == [f"{NEED}=70%"], f"reloading the link restores {restored}")
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.municipality") == "GM0014")
        check(driver.find_element(By.ID, "municipality-title").text == "Groningen", "reloading the link reopens Groningen's page")
        driver.find_element(By.ID, "municipality-close").click()
        check(driver.find_element(By.ID, "municipality").get_attribute("hidden") is not None and "region=" not in driver.current_url, "closing the municipality's page")
        driver.find_element(By.ID, "language").click()
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the English switch")
        driver.save_screenshot(os.path.join(SCREENSHOTS, "english.png"))
        driver.get(f"http://127.0.0.1:{port}/#scenario=sensitivity&measure=jongerenwerk&change={NEED}%3D70%25")
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready"))
        driver.find_element(By.ID, "how-sure-start").click()
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.dataset.howSure") == "done")
        rows = driver.execute_script("return Array.from(document.querySelectorAll('#how-sure-table tbody tr')).map(tr => Array.from(tr.cells).map(td => td.textContent))")
        check(len(rows) == 13 and all(len(row) == 6 for row in rows), f"how sure? on the page: {len(rows)} municipalities, {rows[:1]}")
        check(all(euros(row[1]) <= euros(row[2]) <= euros(row[3]) for row in rows), "how sure?: P5 <= median <= P95 on the page")
        driver.execute_script("document.getElementById('how-sure').scrollIntoView()")
        driver.save_screenshot(os.path.join(SCREENSHOTS, "how-sure.png"))
        severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not severe, f"console errors: {severe}")
        hosts = driver.execute_script("return performance.getEntriesByType('resource').map(e => new URL(e.name).host)")
        check(all(host == f"127.0.0.1:{port}" for host in hosts), f"fetched from elsewhere: {hosts}")
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)


def saved_scenario_amounts(driver, work, downloads):
    """Clicks "save as scenario", saves the file next to a copy of the bundled scenario and
    returns what `verdeel run` allocates from it (checked against `verdeel run --set`)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.find_element(By.CSS_SELECTOR, "button[data-download=verdeel]").click()
    WebDriverWait(driver, 20).until(lambda d: any(name.endswith(".verdeel") for name in os.listdir(downloads)))
    name = next(name for name in os.listdir(downloads) if name.endswith(".verdeel"))
    scenarios = os.path.join(work, "Scenarios")
    shutil.copytree(os.path.join(ROOT, "Scenarios"), scenarios)
    shutil.copy(os.path.join(downloads, name), scenarios)
    with open(os.path.join(scenarios, name), encoding="utf-8") as handle:
        text = handle.read()
    check(name == "baseline_workbench.verdeel" and 'include "sociale-agenda.verdeel"' in text and f"set {NEED} = 70%" in text, f"the saved scenario {name}:\n{text}")
    saved = run_amounts([], file=name, scenario="baseline_workbench", cwd=scenarios)
    check(saved == run_amounts([f"{NEED}=70%"]), "verdeel run of the saved scenario differs from verdeel run --set")
    return saved


def inhabitants():
    with open(os.path.join(ROOT, "Scenarios/data/municipalities-2024.csv"), encoding="utf-8") as handle:
        return {row["code"]: int(row["inhabitants"]) for row in csv.DictReader(handle)}


def check_map(driver, changed):
    """One path per municipality; three municipalities in the class their change per
    inhabitant per year puts them in against the thresholds 7.50 and 15 (worked out here from
    verdeel run's amounts and the CBS inhabitants); the credit."""
    paths = driver.execute_script("return Array.from(document.querySelectorAll('#map path[data-region]')).map(p => [p.dataset.region, p.dataset.class])")
    classes = dict(paths)
    check(len(paths) == 13 and len(classes) == 13, f"the map has {len(paths)} paths")
    before, people = run_amounts([]), inhabitants()
    for code in ("GM0014", "GM1730", "GM0765"):
        years = sorted({year for (measure, year, region) in changed if measure == "jongerenwerk" and region == code})
        change = float(sum(changed[("jongerenwerk", y, code)] - before[("jongerenwerk", y, code)] for y in years)) / len(years) / people[code]
        expected = 0 if change < -15 else 1 if change < -7.5 else 3 if abs(change) < 0.005 else 4 if change > 0 else 2
        check(classes.get(code) == str(expected), f"{code}: change {change:.2f} per inhabitant per year is class {classes.get(code)}, not {expected}")
    check("Kadaster / CBS" in driver.find_element("id", "map-note").text, "the map credits Kadaster / CBS")
    driver.save_screenshot(os.path.join(SCREENSHOTS, "map.png"))


def check_municipality(driver, changed):
    """Groningen's page, opened by clicking its path on the map: its amounts of each measure
    and year are verdeel run's, and the explanation's contributions (with rounding) add up to
    its change of every year against the baseline."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("document.querySelector('#map path[data-region=GM0014]').dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.municipality") == "GM0014")
    check(driver.find_element(By.ID, "municipality-title").text == "Groningen" and "region=GM0014" in driver.current_url, "the map opens Groningen's page")
    check(driver.switch_to.active_element.get_attribute("id") == "municipality-title", "the page's heading takes the focus")
    rows = driver.execute_script("return Array.from(document.querySelectorAll('#municipality-amounts tbody tr')).map(tr => Array.from(tr.cells).map(td => td.textContent))")
    years = sorted({year for (measure, year, region) in changed if region == "GM0014" and measure == "jongerenwerk"})
    jongerenwerk = next((row for row in rows if row[0].startswith("Jongerenwerk")), None)
    check(jongerenwerk is not None and [euros(cell) for cell in jongerenwerk[1:1 + len(years)]] == [changed[("jongerenwerk", y, "GM0014")] for y in years],
          f"Groningen's page: Jongerenwerk per year {jongerenwerk}")
    check(len(rows) == 3, f"Groningen's page has {len(rows)} measures")
    before = run_amounts([])
    explained = driver.execute_script("return Array.from(document.querySelectorAll('#municipality-explain tbody tr')).map(tr => Array.from(tr.cells).map(td => td.textContent))")
    first = years[0]
    change = sum(changed[(m, first, "GM0014")] - before[(m, first, "GM0014")] for (m, y, r) in changed if r == "GM0014" and y == first)
    column = 2  # provision, total, then the first year
    parts = sum(euros(row[column].replace("+", "")) for row in explained)
    check(abs(parts - change) <= len(explained), f"the explanation of {first} adds up to {parts}, the change is {change}")
    check(any("verdeelsleutel van Jongerenwerk" in row[0] for row in explained), f"the explanation names the key in words: {explained}")
    criteria = driver.execute_script("return document.querySelectorAll('#municipality-criteria tbody tr').length")
    check(criteria == 5, f"Groningen's criteria: {criteria} rows (two keys of two criteria and one of one)")
    driver.save_screenshot(os.path.join(SCREENSHOTS, "municipality.png"))


def resident_kilobytes(pid):
    with open(f"/proc/{pid}/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("VmRSS"))


def check_load(port, pid):
    """5,000 requests at concurrency 16; throughput, p50, p99 and memory."""
    randomness = random.Random(7)
    bodies = [{"scenario": "baseline", "changes": [f"{NEED}={randomness.randrange(0, 101)}%"], "tables": ["allocations", "compare", "compare_fairness"]}
              for _ in range(5000)]
    for body in bodies[:200]:
        call(port, "/api/allocate", body)
    warm = resident_kilobytes(pid)
    latencies, failures = [], []
    lock = threading.Lock()

    def one(body):
        started = time.monotonic()
        status, _, _ = call(port, "/api/allocate", body)
        with lock:
            latencies.append(time.monotonic() - started)
            if status != 200:
                failures.append(status)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(one, bodies))
    seconds = time.monotonic() - started
    after = resident_kilobytes(pid)
    latencies.sort()
    check(not failures, f"{len(failures)} of 5000 requests failed: {failures[:5]}")
    check(after - warm < 20_000, f"the server's memory grew from {warm} kB to {after} kB")
    return {"requests": len(bodies), "seconds": seconds, "per_second": len(bodies) / seconds,
            "p50_ms": latencies[len(latencies) // 2] * 1000, "p99_ms": latencies[int(len(latencies) * 0.99)] * 1000, "rss_kb": (warm, after)}


def events(port, body, stop_after=None):
    """The server-sent events of POST /api/how-sure as (name, data) pairs, read until the
    stream ends or until `stop_after(name, data)` says to close the connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("POST", "/api/how-sure", body=json.dumps(body), headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    if response.status != 200:
        return response.status, [("refused", json.loads(response.read()))]
    found, name = [], None
    while True:
        line = response.readline().decode()
        if not line:
            break
        if line.startswith("event: "):
            name = line[7:].strip()
        elif line.startswith("data: "):
            data = json.loads(line[6:])
            found.append((name, data))
            if stop_after and stop_after(name, data):
                connection.sock.close()
                break
    return response.status, found


def cli_monte_carlo(changes):
    """summary and losses of `verdeel run` of a scenario that sets `changes` on the baseline and
    has the sensitivity scenario's montecarlo block: (measure, year, region) -> p05, p50, p95,
    and (measure, year, region, threshold) -> p_loss."""
    work = tempfile.mkdtemp(prefix="how-sure-")
    try:
        scenarios = os.path.join(work, "Scenarios")
        shutil.copytree(os.path.join(ROOT, "Scenarios"), scenarios)
        with open(os.path.join(ROOT, "Scenarios/sociale-agenda-sensitivity.verdeel"), encoding="utf-8") as handle:
            text = handle.read()
        block = text[text.index("    montecarlo {"):text.index("    }", text.index("    montecarlo {")) + 6]
        settings = "".join(f"    set {name} = {value}\n" for name, value in (change.split("=", 1) for change in changes))
        with open(os.path.join(scenarios, "how-sure.verdeel"), "w", encoding="utf-8") as handle:
            handle.write('include "sociale-agenda.verdeel"\n\nscenario how_sure extends baseline {\n' + settings + block + "}\n")
        run_verdeel(VERDEEL, "run", "how-sure.verdeel", "--scenario", "how_sure", "--format", "csv", "--output", "out", cwd=scenarios)
        with open(os.path.join(scenarios, "out/summary.csv"), encoding="utf-8") as handle:
            summary = {(r["measure"], int(r["year"]), r["region"]): tuple(float(r[k]) for k in ("p05", "p50", "p95")) for r in csv.DictReader(handle)}
        with open(os.path.join(scenarios, "out/losses.csv"), encoding="utf-8") as handle:
            losses = {(r["measure"], int(r["year"]), r["region"], float(r["loss_per_inhabitant"])): float(r["p_loss"]) for r in csv.DictReader(handle)}
        return summary, losses
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check_how_sure(port):
    """"How sure?" over the API: started, progress, result; its P5/P50/P95 and loss chances are
    those of `verdeel run` of the same setting with the same montecarlo block; a bad request is
    refused before the stream. Returns the seconds the run took."""
    changes = [f"{NEED}=70%"]
    started = time.monotonic()
    status, found = events(port, {"scenario": "sensitivity", "changes": changes})
    seconds = time.monotonic() - started
    names = [name for name, _ in found]
    check(status == 200 and names[0] == "started" and "progress" in names and names[-1] == "result", f"how sure? events: {names[:5]}")
    result = found[-1][1]
    check(result["draws"] == 1000 and result["seed"] == 42 and result["synthetic"] is True, "how sure? names its draws, seed and synthetic data")
    summary, losses = cli_monte_carlo(changes)
    table = result["tables"]["summary"]
    ids = [c["id"] for c in table["columns"]]
    api = {(r["measure"], r["year"], r["region"]): (r["p05"], r["p50"], r["p95"]) for r in (dict(zip(ids, row)) for row in table["rows"])}
    check(api == summary, "how sure?'s P5/P50/P95 are not verdeel run's")
    table = result["tables"]["losses"]
    ids = [c["id"] for c in table["columns"]]
    api = {(r["measure"], r["year"], r["region"], r["loss_per_inhabitant"]): r["p_loss"] for r in (dict(zip(ids, row)) for row in table["rows"])}
    check(api == losses and len(api) > 0, "how sure?'s loss chances are not verdeel run's")
    for body, expected in (({"scenario": "baseline"}, 422), ({"scenario": "sensitivity", "changes": [f"{NEED}=170%"]}, 422)):
        status, found = events(port, body)
        check(status == expected and found[0][1]["error"]["field"], f"how sure? {body}: {status}")
    return seconds


def check_how_sure_cancel():
    """A long run (w4's 342 municipalities, 40,000 draws, about 15 s of work) stops when its
    client goes: within 5 s of the connection closing, the server's CPU time stays flat for
    half a second; three at once: the third is refused (429). Returns the seconds from
    closing until the server went quiet."""
    folder = os.path.join(ROOT, ".build/how-sure")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(ROOT, "Benchmarks/workloads/w4-national.verdeel"), encoding="utf-8") as handle:
        text = handle.read()
    block = text[text.index("    montecarlo {"):text.index("    }", text.index("    montecarlo {")) + 6].replace("draws 2_000", "draws 40_000")
    with open(os.path.join(folder, "heavy.verdeel"), "w", encoding="utf-8") as handle:
        handle.write('include "../../Benchmarks/workloads/w4-national.verdeel"\n\nscenario heavy extends w4 {\n' + block + "}\n")
    process = subprocess.Popen([VERDEEL, "serve", "--port", "0", ".build/how-sure/heavy.verdeel"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(process.stdout.readline().split("http://127.0.0.1:")[1].split("/")[0])
        status, found = events(port, {"scenario": "heavy"}, stop_after=lambda name, data: name == "progress" and data["done"] > 5)
        closed = time.monotonic()
        check(status == 200 and found[-1][0] == "progress", f"the long run reported progress: {[n for n, _ in found][:4]}")
        quiet = seconds_until_quiet(process.pid, closed, window=0.5, deadline=5.0)
        check(quiet is not None, "the server kept using CPU for 5 s after its client went: the run was not cancelled")
        closers = []
        for _ in range(2):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", "/api/how-sure", body=json.dumps({"scenario": "heavy"}), headers={"Content-Type": "application/json"})
            closers.append(connection)
        time.sleep(0.3)
        status, found = events(port, {"scenario": "heavy"})
        check(status == 429 and found[0][1]["error"]["status"] == 429, f"a third run at once: {status}")
        for connection in closers:
            connection.close()
        return quiet if quiet is not None else float("nan")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def seconds_until_quiet(pid, since, window, deadline):
    """Seconds from `since` to the end of the first `window` in which process `pid` used
    under a tenth of its CPU (it stopped working), or None if none ended by `deadline`."""
    last = cpu_seconds(pid)
    while time.monotonic() - since < deadline:
        time.sleep(window)
        now = cpu_seconds(pid)
        if now - last < window / 10:
            return time.monotonic() - since
        last = now
    return None


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check_schema(port):
    """Schemathesis (pinned in scripts/lib/requirements.sh) against docs/api.yaml on the live
    server, every check on (scripts/lib/schemathesis.toml says which refusals of schema-valid
    requests are by design), 200 examples per operation from a fixed seed: no 5xx, no answer
    that breaks the spec. Returns the number of test cases."""
    command = ["schemathesis", "--config-file", os.path.join(ROOT, "scripts/lib/schemathesis.toml"), "run", os.path.join(ROOT, "docs/api.yaml"),
               "--url", f"http://127.0.0.1:{port}", "--checks", "all", "--max-examples", "200", "--seed", "2026", "--no-color"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    check(completed.returncode == 0 and "No issues found" in completed.stdout, "schemathesis found problems:\n" + completed.stdout[-6000:] + completed.stderr[-2000:])
    cases = re.search(r"(\d+) generated", completed.stdout)
    return int(cases.group(1)) if cases else 0


def check_stop(process):
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        check(False, "Ctrl-C did not stop the server within 5 s")
        return None
    return time.monotonic() - started


def main():
    process, port, start_seconds = start_server()
    try:
        check(start_seconds < 1.0, f"the server took {start_seconds:.2f} s to start")
        check_api(port)
        schema_cases = check_schema(port)
        how_sure_seconds = check_how_sure(port)
        check_page(port)
        load = check_load(port, process.pid)
        status, _, _ = call(port, "/api/scenarios")
        check(status == 200, "the server answers after the load")
    finally:
        stop_seconds = check_stop(process) if process.poll() is None else None
    cancel_quiet = check_how_sure_cancel()
    check.finish("workbench", "workbench: {count} checks passed (started in " + f"{start_seconds:.2f} s; 5,000 allocations at concurrency 16 in "
                 f"{load['seconds']:.1f} s, {load['per_second']:.0f}/s, p50 {load['p50_ms']:.1f} ms, p99 {load['p99_ms']:.1f} ms; memory "
                 f"{load['rss_kb'][0] // 1024} -> {load['rss_kb'][1] // 1024} MB; schemathesis: {schema_cases} cases against docs/api.yaml, no issue; how sure? (1,000 draws) in {how_sure_seconds:.2f} s, "
                 f"a cancelled long run went quiet within {cancel_quiet:.1f} s; a slider step to the drawn table in the page: median "
                 f"{sorted(ROUND_TRIPS)[len(ROUND_TRIPS) // 2]:.0f} ms, largest {max(ROUND_TRIPS):.0f} ms; Ctrl-C stopped it in {stop_seconds or 0:.2f} s; screenshots in {SCREENSHOTS})")


if __name__ == "__main__":
    main()
