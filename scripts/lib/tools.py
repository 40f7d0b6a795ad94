"""The real tools the long checks drive: headless Chromium through Selenium, and LibreOffice."""
import os
import subprocess


def browser(downloads=None):
    """Headless Chromium (Debian's, with its chromedriver) at 1280 x 1600 with its console kept,
    saving downloads into the folder `downloads` (if given) without asking. Selenium is
    imported here, so that a script that only needs LibreOffice does without it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if downloads:
        options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def libreoffice_pdf(work, workbook, out):
    """`workbook` printed to PDF by LibreOffice headless (a profile in `work`), into `out`;
    the PDF's path."""
    profile = "file://" + os.path.join(work, "lo-profile")
    subprocess.run(["libreoffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", out, workbook],
                   check=True, capture_output=True, timeout=300)
    return os.path.join(out, os.path.splitext(os.path.basename(workbook))[0] + ".pdf")
