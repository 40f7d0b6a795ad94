// The one place where verdeel sees C: CBLAS from OpenBLAS and LAPACKE.
#ifndef VERDEEL_COPENBLAS_SHIM_H
#define VERDEEL_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
// Exported by OpenBLAS (its fork handler uses it) but not declared in its headers: stops
// the library's idle worker threads, which otherwise spin on sched_yield for a while after
// start. The next threaded call starts them again.
int blas_thread_shutdown_(void);
#endif
