// The one place where verdeel sees C: CBLAS from OpenBLAS and LAPACKE.
#ifndef VERDEEL_COPENBLAS_SHIM_H
#define VERDEEL_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
