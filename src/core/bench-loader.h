/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-loader.h — reading sources off the main thread.
 *
 * The window hands files (or a folder, or pasted text) to the loader; a
 * worker thread reads them with the core readers while the main loop keeps
 * drawing. Progress arrives on the caller's main context; the operation can
 * be cancelled. Files in a dropped folder whose content is not llama-bench
 * output are passed over quietly; a file named explicitly that fails is an
 * error in the result.
 */
#pragma once

#include <gio/gio.h>

#include "bench-source.h"

G_BEGIN_DECLS

/* Called on the caller's main context: @fraction of all input read so far,
 * and the name of the file being read. */
typedef void (*BenchLoadProgressFunc) (double      fraction,
                                       const char *current,
                                       gpointer    user_data);

void       bench_load_files_async  (GFile                 **files,
                                    guint                   n_files,
                                    GCancellable           *cancellable,
                                    BenchLoadProgressFunc   progress,
                                    gpointer                progress_data,
                                    GDestroyNotify          progress_destroy,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data);
void       bench_load_bytes_async  (GBytes                 *bytes,
                                    const char             *name,
                                    GCancellable           *cancellable,
                                    BenchLoadProgressFunc   progress,
                                    gpointer                progress_data,
                                    GDestroyNotify          progress_destroy,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data);

/* A file (or a paste) that could not be read. */
typedef struct
{
  GFile  *file;    /* NULL for a paste */
  char   *name;    /* what the user calls it: the file's base name */
  GError *error;   /* says FILE:LINE:COLUMN where it can */
} BenchLoadFailure;

void       bench_load_failure_free (BenchLoadFailure       *failure);

/* Returns the sources read (BenchSource, transfer full); @failures gets the
 * files that could not be read (BenchLoadFailure, one per file; transfer
 * full). Fails only when cancelled. */
GPtrArray *bench_load_finish       (GAsyncResult           *result,
                                    GPtrArray             **failures,
                                    GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchLoadFailure, bench_load_failure_free)

G_END_DECLS
