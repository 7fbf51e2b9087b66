/* bench-group.h — results grouped for the three views: one run (a
 * llama-bench invocation), one model, or one machine with its backend.
 * A group holds its results and the figures its row shows. */
#pragma once

#include <glib-object.h>

#include "bench-efficiency.h"
#include "bench-result.h"

G_BEGIN_DECLS

typedef enum
{
  BENCH_GROUP_RUN,
  BENCH_GROUP_MODEL,
  BENCH_GROUP_HARDWARE,
} BenchGroupKind;

#define BENCH_TYPE_GROUP (bench_group_get_type ())
G_DECLARE_FINAL_TYPE (BenchGroup, bench_group, BENCH, GROUP, GObject)

BenchGroupKind bench_group_get_kind          (BenchGroup *self);
const char    *bench_group_get_key           (BenchGroup *self);
const char    *bench_group_get_label         (BenchGroup *self);
/* BenchResult, never modified: a group that changes gets a new array, so a
 * reference taken here stays what it was. */
GPtrArray     *bench_group_get_results       (BenchGroup *self);
guint          bench_group_get_n_results     (BenchGroup *self);
BenchResult   *bench_group_get_first         (BenchGroup *self);

/* best avg_ts among the group's prefill / generation results (NAN if none) */
double         bench_group_get_best_pp       (BenchGroup *self);
double         bench_group_get_best_tg       (BenchGroup *self);
/* The generation run closest to its roofline (the highest share of its
 * machine's peak; without peaks, the highest bandwidth used) and its
 * efficiency; NULL result when the group has no generation run. */
const BenchEfficiency *bench_group_get_efficiency (BenchGroup *self);
BenchResult   *bench_group_get_efficiency_result (BenchGroup *self);
char          *bench_group_dup_efficiency_text (BenchGroup *self);
/* Recomputes it (after the user changed a peak); notifies
 * efficiency-text and bandwidth-share when they change. */
void           bench_group_update_efficiency (BenchGroup *self);
/* distinct machines (for a model), models (for a machine or a run) */
guint          bench_group_get_n_machines    (BenchGroup *self);
guint          bench_group_get_n_models      (BenchGroup *self);
/* distinct model types, ", "-joined, in order of appearance */
const char    *bench_group_get_models_text   (BenchGroup *self);
/* earliest test_time of the group ("" when the format has none) */
const char    *bench_group_get_date          (BenchGroup *self);
/* whether a view compares the group or leaves it out (greyed out) */
gboolean       bench_group_get_compared      (BenchGroup *self);
void           bench_group_set_compared      (BenchGroup *self,
                                              gboolean    compared);

/* Replaces the group's results by @results (referenced, never modified;
 * same free function as the group's own: g_object_unref), recomputes its
 * figures, notifies the properties whose values changed and emits
 * BenchGroup::changed. Returns FALSE, doing nothing, when @results holds
 * the same results as before. The group keeps its kind and key. */
gboolean       bench_group_set_results       (BenchGroup *self,
                                              GPtrArray  *results);

/* Groups @results (in order) by @kind; returns a GPtrArray of BenchGroup in
 * order of first appearance. */
GPtrArray     *bench_group_results           (GPtrArray      *results,
                                              BenchGroupKind  kind);

G_END_DECLS
