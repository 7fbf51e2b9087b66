/* bench-chart-view.h — the chart of a view's selection on screen: paints
 * the chart layout, shows the exact numbers on hover, selects on click. */
#pragma once

#include <gtk/gtk.h>

#include "bench-chart-spec.h"
#include "bench-group.h"

G_BEGIN_DECLS

#define BENCH_TYPE_CHART_VIEW (bench_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (BenchChartView, bench_chart_view, BENCH, CHART_VIEW, GtkWidget)

GtkWidget *bench_chart_view_new         (void);
/* The results to chart; @kind says what the view groups by, which becomes
 * the chart's categories. @results is referenced, not copied: it must own
 * its results and not change afterwards (see bench_chart_spec_new_for_view()). */
void       bench_chart_view_set_results (BenchChartView *self,
                                         GPtrArray      *results,
                                         BenchGroupKind  kind);
/* A chart made elsewhere (a comparison's speedups). */
void       bench_chart_view_set_spec    (BenchChartView *self,
                                         BenchChartSpec *spec);
GPtrArray *bench_chart_view_get_results (BenchChartView *self);
/* what it draws; NULL while a large chart is still being made */
BenchChartSpec *bench_chart_view_get_spec (BenchChartView *self);
/* TRUE while a large chart is being made in a worker thread */
gboolean   bench_chart_view_is_building (BenchChartView *self);
void       bench_chart_view_set_log_scale (BenchChartView *self,
                                           gboolean        log_scale);

G_END_DECLS
