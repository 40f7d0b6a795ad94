"""What the figures were measured on: CPU model, cores, vector extensions, the BLAS kernel."""
import ctypes
import ctypes.util
import os
import platform
import subprocess

VECTOR_FLAGS = ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl")


def cpu_flags():
    """The flags of the first processor in /proc/cpuinfo (empty off Linux)."""
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_model():
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def blas_kernel():
    """The kernel OpenBLAS chose at load time (its `openblas_get_corename`), as verdeel's
    process loads the same library; OPENBLAS_CORETYPE in the environment overrides it."""
    name = ctypes.util.find_library("openblas")
    if name is None:
        return "OpenBLAS not found"
    try:
        library = ctypes.CDLL(name)
        library.openblas_get_corename.restype = ctypes.c_char_p
        return "OpenBLAS " + library.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return "OpenBLAS (kernel unknown)"


def commit(root):
    try:
        done = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
        return done.stdout.strip() or "unknown"
    except FileNotFoundError:
        return "unknown (git is not installed)"


def describe(root):
    flags = cpu_flags()
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count() or 1,
        "vector_extensions": [flag for flag in VECTOR_FLAGS if flag in flags],
        "blas": blas_kernel(),
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "default"),
        "system": platform.platform(),
    }
