/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-dataset.h — everything loaded: the sources, all their results as
 * one list model, and the groups the three views show.
 *
 * Lives on the main thread; sources are read elsewhere (bench-loader.h) and
 * added here. Adding a source read from a file that is already loaded
 * replaces the earlier copy.
 */
#pragma once

#include <gio/gio.h>

#include "bench-group.h"
#include "bench-result.h"
#include "bench-source.h"

G_BEGIN_DECLS

#define BENCH_TYPE_DATASET (bench_dataset_get_type ())
G_DECLARE_FINAL_TYPE (BenchDataset, bench_dataset, BENCH, DATASET, GObject)

BenchDataset *bench_dataset_new             (void);

/* Splits @source's results by group key, the work adding it would
 * otherwise do on the main thread: for a loader's worker, before the
 * source is handed over (only @source is touched). Optional. */
void          bench_dataset_prepare_source  (BenchSource  *source);

/* Adds @source, replacing a source of the same file (or, for pastes, the
 * same name). Every model reports only what changed: the results list the
 * source's stretch; the groups keep their objects (a group whose results
 * change is updated in place, see bench_group_set_results(), and reported
 * as removed and added again at its position). */
void          bench_dataset_add_source      (BenchDataset *self,
                                             BenchSource  *source);
void          bench_dataset_remove_source   (BenchDataset *self,
                                             BenchSource  *source);
void          bench_dataset_clear           (BenchDataset *self);
BenchSource  *bench_dataset_find_source     (BenchDataset *self,
                                             GFile        *file);

/* BenchSource, in the order added. A source that holds a run loaded
 * before it is kept here but counted once: see
 * bench_source_get_duplicate_of(); its results are in neither the results
 * nor the groups. */
GListModel   *bench_dataset_get_sources     (BenchDataset *self);
/* BenchResult: the dataset itself is this list model (duplicates left out) */
guint         bench_dataset_get_n_results   (BenchDataset *self);
/* BenchGroup, kept by key across changes */
GListModel   *bench_dataset_get_groups      (BenchDataset  *self,
                                             BenchGroupKind kind);

G_END_DECLS
