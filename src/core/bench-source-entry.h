/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-source-entry.h — one line of the sources list: a file (or paste)
 * the session was asked to read, whether it loaded, and what it said.
 *
 * Unlike BenchSource, an entry also exists for a file that could not be
 * read, so that the user can see every failure and its FILE:LINE:COLUMN.
 * Entries are immutable; a reload gives a new entry in the same place.
 */
#pragma once

#include <gio/gio.h>

#include "bench-source.h"

G_BEGIN_DECLS

typedef enum
{
  BENCH_SOURCE_STATUS_LOADED,    /* every record read */
  BENCH_SOURCE_STATUS_PARTIAL,   /* some records skipped */
  BENCH_SOURCE_STATUS_FAILED,    /* nothing could be read */
} BenchSourceStatus;

#define BENCH_TYPE_SOURCE_ENTRY (bench_source_entry_get_type ())
G_DECLARE_FINAL_TYPE (BenchSourceEntry, bench_source_entry, BENCH, SOURCE_ENTRY, GObject)

BenchSourceEntry  *bench_source_entry_new_loaded     (BenchSource      *source);
/* @file is NULL for a paste; takes a copy of @error */
BenchSourceEntry  *bench_source_entry_new_failed     (GFile            *file,
                                                      const char       *name,
                                                      const GError     *error);

const char        *bench_source_entry_get_name       (BenchSourceEntry *self);
GFile             *bench_source_entry_get_file       (BenchSourceEntry *self);  /* NULL for pastes */
BenchSource       *bench_source_entry_get_source     (BenchSourceEntry *self);  /* NULL when failed */
const GError      *bench_source_entry_get_error      (BenchSourceEntry *self);  /* NULL unless failed */
BenchSourceStatus  bench_source_entry_get_status     (BenchSourceEntry *self);
/* "json", "md"…; NULL when failed */
const char        *bench_source_entry_get_format     (BenchSourceEntry *self);
guint              bench_source_entry_get_n_runs     (BenchSourceEntry *self);
guint              bench_source_entry_get_n_results  (BenchSourceEntry *self);
guint              bench_source_entry_get_n_skipped  (BenchSourceEntry *self);
/* Every message, FILE:LINE:COLUMN first: the error of a failed file, or the
 * warnings of a loaded one. (transfer full) */
char             **bench_source_entry_dup_messages   (BenchSourceEntry *self);
/* The name of the source this one repeats (the same run loaded twice, in
 * the same or another format), or NULL: see bench_source_get_duplicate_of(). */
const char        *bench_source_entry_get_duplicate_of (BenchSourceEntry *self);

/* How many runs @source holds: distinct runs among its results. */
guint              bench_source_count_runs           (BenchSource      *source);

G_END_DECLS
