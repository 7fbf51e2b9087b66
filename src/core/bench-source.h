/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-source.h — one loaded source (a file, a paste, standard input) and
 * the results read from it.
 *
 * Loading is synchronous here and safe to run in a worker thread; see
 * bench-loader.h for the asynchronous API the window uses. Input is only ever
 * read (files are mapped read-only).
 */
#pragma once

#include <gio/gio.h>

#include "bench-reader.h"
#include "bench-result.h"

G_BEGIN_DECLS

#define BENCH_TYPE_SOURCE (bench_source_get_type ())
G_DECLARE_FINAL_TYPE (BenchSource, bench_source, BENCH, SOURCE, GObject)

/* Largest source read, in bytes. */
#define BENCH_SOURCE_MAX_SIZE (G_GINT64_CONSTANT (4) * 1024 * 1024 * 1024)

BenchSource  *bench_source_load_file      (GFile              *file,
                                           GCancellable       *cancellable,
                                           BenchProgressFunc   progress,
                                           gpointer            progress_data,
                                           GError            **error);
BenchSource  *bench_source_load_bytes     (GBytes             *bytes,
                                           const char         *name,
                                           GCancellable       *cancellable,
                                           BenchProgressFunc   progress,
                                           gpointer            progress_data,
                                           GError            **error);

const char   *bench_source_get_name       (BenchSource *self);
GFile        *bench_source_get_file       (BenchSource *self);  /* NULL for pastes */
BenchFormat   bench_source_get_format     (BenchSource *self);
GPtrArray    *bench_source_get_results    (BenchSource *self);  /* BenchResult */
guint         bench_source_get_n_results  (BenchSource *self);
GPtrArray    *bench_source_get_diagnostics (BenchSource *self); /* BenchDiagnostic */
guint         bench_source_get_skipped    (BenchSource *self);

/* The source loaded earlier that holds the same run, or NULL: the same
 * file twice, or one run printed in two formats (json and its markdown
 * twin). The dataset sets it (and counts the run once). */
BenchSource  *bench_source_get_duplicate_of (BenchSource *self);
void          bench_source_set_duplicate_of (BenchSource *self,
                                             BenchSource *original);
/* TRUE when @self and @other hold the same run: result by result, the same
 * model, test, build and settings where both formats carry them, and the
 * same figures within the two decimals markdown prints. */
gboolean      bench_source_same_run       (BenchSource *self,
                                           BenchSource *other);

G_END_DECLS
