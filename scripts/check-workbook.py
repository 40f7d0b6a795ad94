#!/usr/bin/env python3
"""The xlsx workbooks read back by openpyxl and opened by LibreOffice (headless).

For the bundled scenario, a small Monte Carlo run, a comparison and the sensitivity
scenario, `verdeel ... --format xlsx` must give a workbook whose amounts are numbers with
euro formats, whose header rows are bold and frozen, whose totals equal the CSV output of
the same run (added up here, independently), whose per-inhabitant figures equal the amount
over the CBS inhabitants in the data file, that carries the synthetic notice, that is
byte-identical when written twice, that stores a region named like a formula as text,
and that LibreOffice opens and converts sheet by sheet to the same numbers.

Usage: scripts/check-workbook.py [VERDEEL]   (default .build/release/verdeel)
"""
import csv
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts/lib"))
from checking import Checks, add_second_ses_vintage, run_verdeel, write_small_scenario  # noqa: E402
from tools import libreoffice_pdf  # noqa: E402

check = Checks()
VERDEEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/verdeel"))
# The bundled scenario's measures and their sheets: each measure's title up to its first comma.
MEASURE_SHEETS = {"ontmoetingsplekken": "Ontmoetingsplekken", "wijk": "Wijk- en dorpsondersteuning", "jongerenwerk": "Jongerenwerk"}


def verdeel(*args, cwd):
    return run_verdeel(VERDEEL, *args, cwd=cwd, timeout=600)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def header_is_bold_and_frozen(sheet):
    cells = [cell for cell in sheet[1] if cell.value is not None]
    return sheet.freeze_panes == "A2" and cells and all(cell.font.b for cell in cells)


def inhabitants_from_data():
    return {row["code"]: int(row["inhabitants"]) for row in read_csv(os.path.join(ROOT, "Scenarios/data/municipalities-2024.csv"))}


def check_plain(work):
    verdeel("run", "sociale-agenda.verdeel", "--output", "csv", cwd=work)
    verdeel("run", "sociale-agenda.verdeel", "--format", "xlsx", "--output", "xlsx", cwd=work)
    verdeel("run", "sociale-agenda.verdeel", "--format", "xlsx", "--output", "again", cwd=work)
    path = os.path.join(work, "xlsx/allocations.xlsx")
    with open(path, "rb") as first, open(os.path.join(work, "again/allocations.xlsx"), "rb") as second:
        check(first.read() == second.read(), "two runs on the same input give different workbook bytes")
    rows = read_csv(os.path.join(work, "csv/allocations.csv"))
    book = openpyxl.load_workbook(path)
    check(book.sheetnames[0] == "Over", f"the first sheet is {book.sheetnames[0]}, not Over")
    about = [str(cell.value) for row in book["Over"].iter_rows() for cell in row if cell.value is not None]
    check(any("SYNTHETISCH" in text for text in about), "the Over sheet has no synthetic notice")
    check(any("municipalities-2024.csv" in text for text in about), "the Over sheet does not name the data files")
    check(any(len(text) == 64 and all(c in "0123456789abcdef" for c in text) for text in about), "the Over sheet has no SHA-256")
    # Dutch throughout: each scenario's title from the scenario file, the warning of base_250k in Dutch.
    check("Wijkondersteuning: basisbedrag 250.000 euro, naar rato waar het niet past" in about, "the Over sheet does not give the scenarios' titles")
    check(any("de vaste voeten vragen EUR 3.250.000 maar er is maar EUR 2.850.000" in text for text in about), "the Over sheet's warning is not in Dutch")
    check(not any("the fixed bases need" in text for text in about), "the Over sheet has an English warning")
    for sheet in book.worksheets[1:]:
        check(header_is_bold_and_frozen(sheet), f"sheet {sheet.title}: the header row is not bold and frozen")
        widths = [sheet.column_dimensions[letter].width for letter in sheet.column_dimensions]
        check(widths and all(8 <= width <= 60 for width in widths), f"sheet {sheet.title}: column widths {widths}")

    # The long list: every amount a number in a euro format, and the sum equal to the CSV's.
    listing = book["Bedragen (lijst)"]
    header = [cell.value for cell in listing[1]]
    check(header[:10] == ["scenario", "titel scenario", "maatregel", "naam maatregel", "onderdeel", "jaar", "code", "gemeente", "bedrag", "exact"], f"Dutch headers: {header}")
    amount_column = header.index("bedrag")
    amounts = [row[amount_column] for row in listing.iter_rows(min_row=2)]
    check(all(isinstance(cell.value, (int, float)) for cell in amounts), "an amount in the list is not a number")
    check(all("€" in cell.number_format for cell in amounts), "an amount in the list has no euro format")
    check(sum(Decimal(str(cell.value)) for cell in amounts) == sum(Decimal(row["amount"]) for row in rows), "the list's amounts do not add up to the CSV's")
    year_cells = [row[header.index("jaar")] for row in listing.iter_rows(min_row=2)]
    check(all(isinstance(cell.value, (int, float)) and cell.number_format == "0" for cell in year_cells), "years are not numbers shown as 0")

    # Per measure: regions x years; each scenario's total row equals the CSV's sum.
    expected = defaultdict(Decimal)
    for row in rows:
        expected[(row["scenario"], row["measure"], int(row["year"]))] += Decimal(row["amount"])
    people = inhabitants_from_data()
    for measure, title in MEASURE_SHEETS.items():
        sheet = book[title]
        header = [cell.value for cell in sheet[1]]
        years = [int(h) for h in header if str(h).isdigit()]
        titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] and row[1] is None and row[2] is None]
        check(titles[:2] == ["Basis: de uitwerking van maatregelen 2, 3 en 4", "Jongerenwerk: inwoners 50%, behoefte 50%"], f"{title}: scenario blocks not titled: {titles[:2]}")
        for row in sheet.iter_rows(min_row=2, values_only=True):
            scenario, code, name = row[0], row[1], row[2]
            if code is None and name is None:
                continue
            values = dict(zip(years, row[3:3 + len(years)]))
            if name == "totaal":
                for year, value in values.items():
                    check(Decimal(str(value)) == expected[(scenario, measure, year)], f"{measure} {scenario} {year}: total {value} != {expected[(scenario, measure, year)]}")
            else:
                total = row[3 + len(years)]
                check(total == sum(values.values()), f"{measure} {scenario} {code}: the row total")
                check(row[4 + len(years)] == people[code], f"{measure} {code}: inhabitants {row[4 + len(years)]} != CBS {people[code]}")
                check(abs(row[5 + len(years)] - total / people[code]) < 1e-9, f"{measure} {code}: per inhabitant")
    per_inhabitant = book["Per inwoner"]
    header = [cell.value for cell in per_inhabitant[1]]
    first = next(per_inhabitant.iter_rows(min_row=2, values_only=True))
    measure = next(measure for measure, title in MEASURE_SHEETS.items() if title == first[1])
    source = next(row for row in rows if row["scenario"] == first[0] and row["measure"] == measure and row["region"] == first[2] and row["year"] == header[4])
    component_sum = sum(Decimal(row["amount"]) for row in rows if row["scenario"] == first[0] and row["measure"] == measure and row["region"] == first[2] and row["year"] == header[4])
    check(abs(first[4] - float(component_sum) / people[first[2]]) < 1e-9 and source, "Per inwoner: the first value is not amount / inhabitants")
    fairness = book["Eerlijkheid"]
    header = [cell.value for cell in fairness[1]]
    check(header[:8] == ["scenario", "titel scenario", "maatregel", "naam maatregel", "jaar", "maat", "naam maat", "waarde"], f"fairness headers: {header}")
    values = [row[7] for row in fairness.iter_rows(min_row=2) if row[7].value is not None]
    check(values and all(isinstance(cell.value, float) for cell in values), "fairness values are not numbers")
    named = {(row[5], row[6]) for row in fairness.iter_rows(min_row=2, values_only=True)}
    check(("cv", "variatiecoëfficiënt") in named and ("loosemore_hanby", "Loosemore-Hanby (t.o.v. behoefte)") in named, f"metric names are not Dutch: {sorted(named)}")
    check({row[3] for row in fairness.iter_rows(min_row=2, values_only=True) if row[2] == "all"} == {"alle maatregelen"}, "the measures together are not named in Dutch")
    lorenz = book["Lorenzcurve"]
    share = [cell.value for cell in lorenz[1]].index("aandeel inwoners")
    shares = [row[share] for row in lorenz.iter_rows(min_row=2)]
    check(all(cell.number_format == "0.0%" for cell in shares), "Lorenz shares are not percentages")

    english = verdeel("run", "sociale-agenda.verdeel", "--scenario", "baseline", "--format", "xlsx", "--lang", "en", "--output", "english", cwd=work)
    book = openpyxl.load_workbook(os.path.join(work, "english/allocations.xlsx"))
    check(book.sheetnames[:2] == ["About", "Ontmoetingsplekken"] and "Per inhabitant" in book.sheetnames, f"English sheet names: {book.sheetnames}")
    check([cell.value for cell in book["Amounts (list)"][1]][8] == "amount", "English headers")
    metrics = {row[6] for row in book["Fairness"].iter_rows(min_row=2, values_only=True)}
    check("coefficient of variation" in metrics and "Loosemore-Hanby (against need)" in metrics, f"English metric names: {sorted(metrics)}")
    return rows


def libreoffice_sheets(work, workbook, out):
    """Every sheet of `workbook` as CSV by LibreOffice headless, in `out`; the files' paths."""
    profile = "file://" + os.path.join(work, "lo-profile")
    # Filter options: comma, quote, UTF-8, from line 1, ..., and -1: every sheet to its own file.
    subprocess.run(
        ["libreoffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", out, workbook], check=True, capture_output=True, timeout=300)
    return sorted(glob.glob(os.path.join(out, "*.csv")))


def pdf_pages(work, workbook):
    """The pages of `workbook` printed to PDF by LibreOffice headless."""
    pdf = libreoffice_pdf(work, workbook, os.path.join(work, "pdf"))
    return len(re.findall(rb"/Type\s*/Page[^s]", open(pdf, "rb").read()))


def check_print_layout(work):
    """Every sheet prints on A4 landscape, one page wide, its header row on every page; the
    bundled file's allocation sheets (a measure's years side by side) print on under 20 pages."""
    path = os.path.join(work, "xlsx/allocations.xlsx")
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        check(setup.orientation == "landscape" and str(setup.paperSize) == "9", f"{sheet.title}: not A4 landscape")
        check(sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0, f"{sheet.title}: not fitted to one page wide")
        if sheet.title != "Over":
            check(sheet.print_title_rows == "$1:$1", f"{sheet.title}: the header row is not repeated on every page ({sheet.print_title_rows})")
        check(sheet.oddHeader.left.text == "&A" and sheet.oddFooter.right.text == "&P / &N", f"{sheet.title}: the printed pages do not name the sheet and number the pages")
    for sheet in list(book.worksheets):
        if sheet.title not in MEASURE_SHEETS.values():
            book.remove(sheet)
    check(len(book.worksheets) == 3, f"the bundled file has {len(book.worksheets)} allocation sheets, not 3")
    allocation = os.path.join(work, "allocation-sheets.xlsx")
    book.save(allocation)
    pages = pdf_pages(work, allocation)
    check(pages < 20, f"the allocation sheets print on {pages} pages, not under 20")
    return pages


def check_libreoffice(work, rows):
    """LibreOffice opens the workbook; its CSV of the long list adds up to the CSV's amounts."""
    files = libreoffice_sheets(work, os.path.join(work, "xlsx/allocations.xlsx"), os.path.join(work, "libreoffice"))
    check(len(files) >= 10, f"LibreOffice wrote {len(files)} sheets")
    listing = next((path for path in files if "lijst" in path), None)
    check(listing is not None, f"no list sheet among {files}")
    if listing:
        converted = read_csv(listing)
        check(len(converted) == len(rows), f"LibreOffice's list has {len(converted)} rows, the CSV {len(rows)}")
        total = sum(Decimal(row["bedrag"].replace("€", "").replace(",", "").replace(".", "").strip() or "0") for row in converted)
        check(total == sum(Decimal(row["amount"]) for row in rows), f"LibreOffice's amounts add up to {total}")


def check_formula_text(work):
    """A region named like a formula stays text in the workbook and in LibreOffice."""
    folder = os.path.join(work, "formula")
    write_small_scenario(folder, "code,name,inhabitants\nGM0001,=SUM(1+1),30000\nGM0002,@cmd,10000\nGM0003,-1+2,5000\n")
    verdeel("run", "s.verdeel", "--format", "xlsx", "--output", "out", cwd=folder)
    book = openpyxl.load_workbook(os.path.join(folder, "out/allocations.xlsx"))
    names = [row[2] for row in book["m"].iter_rows(min_row=2) if row[2].value not in (None, "totaal")]
    check([cell.value for cell in names] == ["=SUM(1+1)", "@cmd", "-1+2"], f"formula-like names: {[cell.value for cell in names]}")
    check(all(cell.data_type == "s" for cell in names), "a formula-like name is not stored as text")
    amounts = [row[3].value for row in book["m"].iter_rows(min_row=2) if row[2].value not in (None, "totaal")]
    # 1M by 30,000 : 10,000 : 5,000 inhabitants: 666,666.67, 222,222.22, 111,111.11 -> 666,667, 222,222, 111,111.
    check(amounts == [666667, 222222, 111111], f"amounts {amounts}")
    sheets = libreoffice_sheets(work, os.path.join(folder, "out/allocations.xlsx"), os.path.join(folder, "lo"))
    sheet = next(path for path in sheets if path.endswith("-m.csv"))
    text = open(sheet, encoding="utf-8").read()
    check("=SUM(1+1)" in text and ",2," not in text, "LibreOffice evaluated a region name as a formula")


def check_simulation_compare_sensitivity(work):
    with open(os.path.join(work, "montecarlo.verdeel"), "w") as handle:
        handle.write('include "sociale-agenda.verdeel"\n\nscenario sweep extends baseline {\n    variants {\n        weight jongerenwerk need from 40% to 80% count 5\n    }\n'
                     '    montecarlo {\n        draws 200\n        seed 1\n        perturb ses_woa_mean normal sd ses_woa_spread / sqrt(households)\n    }\n}\n')
    verdeel("run", "montecarlo.verdeel", "--scenario", "sweep", "--output", "mc-csv", cwd=work)
    verdeel("run", "montecarlo.verdeel", "--scenario", "sweep", "--format", "xlsx", "--output", "mc", cwd=work)
    book = openpyxl.load_workbook(os.path.join(work, "mc/simulation.xlsx"))
    check("Monte Carlo" in book.sheetnames and "Varianten" in book.sheetnames, f"simulation sheets: {book.sheetnames}")
    summary = book["Monte Carlo"]
    header = [cell.value for cell in summary[1]]
    check(header[:6] == ["variant", "maatregel", "naam maatregel", "jaar", "code", "gemeente"], f"summary header {header}")
    means = [row[header.index("gemiddelde")] for row in summary.iter_rows(min_row=2)]
    csv_means = [Decimal(row["mean"]) for row in read_csv(os.path.join(work, "mc-csv/summary.csv"))]
    check(all("€" in cell.number_format for cell in means), "Monte Carlo means have no euro format")
    check(sum(Decimal(str(cell.value)) for cell in means) == sum(csv_means), "Monte Carlo means differ from summary.csv")
    check(any("Startwaarde" in str(cell.value) for row in book["Over"].iter_rows() for cell in row), "the seed is not on the Over sheet")

    verdeel("compare", "sociale-agenda.verdeel", "baseline", "jongerenwerk_50_50", "--format", "xlsx", "--output", "compare", cwd=work)
    verdeel("compare", "sociale-agenda.verdeel", "baseline", "jongerenwerk_50_50", "--format", "csv", "--output", "compare-csv", cwd=work)
    book = openpyxl.load_workbook(os.path.join(work, "compare/compare.xlsx"))
    sheet = book["Vergelijking"]
    header = [cell.value for cell in sheet[1]]
    changes = [row[header.index("verschil")].value for row in sheet.iter_rows(min_row=2)]
    csv_changes = [Decimal(row["change"]) for row in read_csv(os.path.join(work, "compare-csv/compare.csv"))]
    check(sum(Decimal(str(value)) for value in changes) == sum(csv_changes) == 0, "the comparison's changes do not add up to zero as the CSV's")
    percent = [row[header.index("verschil (%)")] for row in sheet.iter_rows(min_row=2) if row[header.index("verschil (%)")].value is not None]
    first_csv = next(row for row in read_csv(os.path.join(work, "compare-csv/compare.csv")) if row["change_percent"])
    check(percent and percent[0].number_format == "0.0%", "change percent is not a percentage")
    check(abs(percent[0].value - float(first_csv["change_percent"]) / 100) < 1e-12, "change percent is not the CSV's over 100")

    verdeel("run", "sociale-agenda-sensitivity.verdeel", "--scenario", "sensitivity", "--format", "xlsx", "--output", "sensitivity", cwd=work)
    book = openpyxl.load_workbook(os.path.join(work, "sensitivity/sensitivity.xlsx"))
    check("Sobol-indices" in book.sheetnames and "Elasticiteiten" in book.sheetnames, f"sensitivity sheets: {book.sheetnames}")
    sobol = book["Sobol-indices"]
    header = [cell.value for cell in sobol[1]]
    values = [row[header.index("st")].value for row in sobol.iter_rows(min_row=2)]
    check(values and all(isinstance(value, float) for value in values if value is not None), "Sobol ST values are not numbers")
    # Factors and kinds of output in Dutch words next to their codes.
    named = {(row[header.index("factor")], row[header.index("factor in woorden")]) for row in sobol.iter_rows(min_row=2, values_only=True)}
    check(("perturb.ses_woa_mean", "ses_woa_mean (meetfout)") in named and ("dummy", "dummy (ruisgrens)") in named, f"Sobol factors in words: {sorted(named)}")
    kinds = {row[header.index("soort uitkomst")] for row in sobol.iter_rows(min_row=2, values_only=True)}
    check(kinds <= {"bedrag", "exact bedrag", "eerlijkheid"} and "bedrag" in kinds, f"Sobol output kinds: {kinds}")


def check_update_impact(work):
    add_second_ses_vintage(work)
    common = ["update-impact", "sociale-agenda.verdeel", "--scenario", "baseline", "--table", "ses_woa", "--from", "synthetic", "--to", "synthetic-2"]
    verdeel(*common, "--format", "xlsx", "--output", "impact", cwd=work)
    verdeel(*common, "--format", "csv", "--output", "impact-csv", cwd=work)
    book = openpyxl.load_workbook(os.path.join(work, "impact/update_impact.xlsx"))
    sheets = [name for name in book.sheetnames if name not in ("Over", "About")]
    check(len(sheets) >= 1, f"update-impact sheets: {book.sheetnames}")
    sheet = book[sheets[0]]
    header = [cell.value for cell in sheet[1]]
    check(header_is_bold_and_frozen(sheet), "the update-impact sheet's header is not bold and frozen")
    rows = read_csv(os.path.join(work, "impact-csv/update_impact.csv"))
    check(sheet.max_row - 1 == len(rows), f"update-impact: {sheet.max_row - 1} workbook rows, {len(rows)} CSV rows")
    changes = [row[header.index("verschil")].value for row in sheet.iter_rows(min_row=2)]
    csv_changes = [Decimal(row["change"]) for row in rows]
    check(sum(Decimal(str(value)) for value in changes) == sum(csv_changes) == 0, "update-impact changes do not add up to zero as the CSV's")
    check(any(row["change"] != "0" for row in rows), "the second vintage changes nothing")


def main():
    work = tempfile.mkdtemp()
    try:
        for name in ("sociale-agenda.verdeel", "sociale-agenda-sensitivity.verdeel"):
            shutil.copy(os.path.join(ROOT, "Scenarios", name), work)
        shutil.copytree(os.path.join(ROOT, "Scenarios/data"), os.path.join(work, "data"))
        rows = check_plain(work)
        check_libreoffice(work, rows)
        pages = check_print_layout(work)
        check_formula_text(work)
        check_simulation_compare_sensitivity(work)
        check_update_impact(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    check.finish("workbook", "workbooks: {count} checks passed (openpyxl " + openpyxl.__version__ + " and LibreOffice; the allocation sheets print on "
                 + str(pages) + " A4 pages)")


if __name__ == "__main__":
    main()
