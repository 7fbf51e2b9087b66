/* bench-compare-dialog.h — a baseline against one or more candidates: the
 * speedup chart, the comparison table with verdicts, copy and save. */
#pragma once

#include <adwaita.h>

#include "bench-compare.h"

G_BEGIN_DECLS

#define BENCH_TYPE_COMPARE_DIALOG (bench_compare_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BenchCompareDialog, bench_compare_dialog, BENCH, COMPARE_DIALOG, AdwWindow)

/* @groups: BenchGroup, the sides to start with; the first is the baseline.
 * The sides can then be split by any setting that varies among them; a
 * single group starts split by the first setting it sweeps. */
BenchCompareDialog *bench_compare_dialog_new        (GtkWindow          *parent,
                                                     GPtrArray          *groups);
BenchComparison    *bench_compare_dialog_get_comparison (BenchCompareDialog *self);
/* the table's rows after filtering and sorting */
GListModel         *bench_compare_dialog_get_rows   (BenchCompareDialog *self);
GtkWidget          *bench_compare_dialog_get_chart  (BenchCompareDialog *self);
void                bench_compare_dialog_set_baseline (BenchCompareDialog *self,
                                                       guint               side);
/* sides from the groups (NULL) or one per value of @field */
gboolean            bench_compare_dialog_split_by   (BenchCompareDialog *self,
                                                     const char         *field);
/* can these results be compared within themselves (a setting varies)? */
gboolean            bench_compare_dialog_can_split  (GPtrArray          *results);
/* "1.23 ± 0.04×", or "1.54× (single run)" when the noise is unknown */
char               *bench_compare_dialog_dup_speedup_text (const BenchCompareCell *cell);
void                bench_compare_dialog_set_filter (BenchCompareDialog *self,
                                                     const char         *text);

G_END_DECLS
