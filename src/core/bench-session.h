/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-session.h — what is open: the files and pastes the user gave,
 * read in order on a worker thread, watched for changes and read again,
 * and remembered for next time.
 *
 * The window and the command line both load through a session, so what
 * one shows is what the other prints. No GTK here: recent files and
 * settings stay with the caller, which follows the signals.
 */
#pragma once

#include <gio/gio.h>

#include "bench-dataset.h"
#include "bench-source-entry.h"

G_BEGIN_DECLS

#define BENCH_TYPE_SESSION (bench_session_get_type ())
G_DECLARE_FINAL_TYPE (BenchSession, bench_session, BENCH, SESSION, GObject)

/* @dataset: where loaded sources go, or NULL for a new one */
BenchSession  *bench_session_new              (BenchDataset  *dataset);

BenchDataset  *bench_session_get_dataset      (BenchSession  *self);
/* BenchSourceEntry: every file and paste, failed ones too, in the order
 * given; a reload replaces its entry in place */
GListModel    *bench_session_get_entries      (BenchSession  *self);

/* Queue files (or folders: every result file inside) to read. */
void           bench_session_load_files       (BenchSession  *self,
                                               GFile        **files,
                                               guint          n_files);
/* Queue text read from elsewhere (standard input) under @name. */
void           bench_session_load_bytes       (BenchSession  *self,
                                               GBytes        *bytes,
                                               const char    *name);
/* Queue pasted text as a new source: named by its first heading, or
 * "Pasted 1", "Pasted 2"…; never replaces an earlier paste. Returns the
 * name chosen. */
const char    *bench_session_load_text        (BenchSession  *self,
                                               const char    *text);
/* The name a paste of @text would get. (transfer full) */
char          *bench_session_name_paste       (BenchSession  *self,
                                               const char    *text);

/* Reopens @uris (those that still exist) if nothing is loaded or loading:
 * the files of the last session. Returns TRUE if it queued any. */
gboolean       bench_session_restore          (BenchSession        *self,
                                               const char * const  *uris);
/* The URIs of the loaded files, for restore next time. (transfer full) */
char         **bench_session_dup_uris         (BenchSession  *self);

void           bench_session_remove           (BenchSession     *self,
                                               BenchSourceEntry *entry);
void           bench_session_clear            (BenchSession  *self);
void           bench_session_cancel           (BenchSession  *self);

/* TRUE while a load the user asked for runs (not a quiet reload) */
gboolean       bench_session_get_loading      (BenchSession  *self);
/* TRUE while anything is read or queued, reloads included */
gboolean       bench_session_is_busy          (BenchSession  *self);
double         bench_session_get_progress     (BenchSession  *self);
const char    *bench_session_get_current_name (BenchSession  *self);

/* Whether loaded files are watched and read again when they change
 * (default TRUE; the command line turns it off). */
void           bench_session_set_monitor_files (BenchSession *self,
                                                gboolean      monitor_files);

/* Runs the thread-default main context until nothing is loading: the
 * synchronous way in, for the command line and tests. */
void           bench_session_wait             (BenchSession  *self);

G_END_DECLS
