/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-test-util.h — what the tests share: finding corpus files, loading them. */
#pragma once

#include "bench-source.h"

G_BEGIN_DECLS

/* Absolute path of a file in ../shared/corpus (BENCHTOP_CORPUS_DIR). */
char        *bench_test_corpus_path (const char *relative);
/* Loads a corpus file; fails the test with the error when it does not load. */
BenchSource *bench_test_load_corpus (const char *relative);
/* Loads text given inline, as a paste would be. */
BenchSource *bench_test_load_text   (const char  *text,
                                     gssize       len,
                                     GError     **error);
/* The process's peak resident memory (VmHWM), in KiB; -1 when unknown. */
long         bench_test_peak_kib    (void);
/* Deletes a temporary directory and everything in it (never follows links). */
void         bench_test_remove_tree (const char *path);

G_END_DECLS
