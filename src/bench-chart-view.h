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
/* the next results given are everything loaded, nothing selected: the
 * chart shows the best speed of each group (bench_chart_spec_new_overview) */
void       bench_chart_view_set_overview (BenchChartView *self,
                                          gboolean        overview);
/* asks for the height that keeps every plot readable under a long legend
 * (for a chart in a scrolled window); otherwise it fits what it is given */
void       bench_chart_view_set_grow_to_fit (BenchChartView *self,
                                             gboolean        grow_to_fit);
/* TRUE when the chart is drawn dark: its text colour is light */
gboolean   bench_chart_view_is_dark      (BenchChartView *self);
/* the sweep axis: automatic, or the user's linear or log₂ */
void       bench_chart_view_set_x_scale (BenchChartView   *self,
                                         BenchChartXScale  x_scale);

/* the decode roofline over generation-versus-depth charts (default on) */
void       bench_chart_view_set_rooflines (BenchChartView *self,
                                           gboolean        rooflines);
/* TRUE when the chart shown has a roofline to show or hide */
gboolean   bench_chart_view_has_rooflines (BenchChartView *self);

/* The keyboard's bar or point (arrow keys), and its words: also the
 * chart's accessible description while it is on one. */
const char  *bench_chart_view_get_focus_text   (BenchChartView *self);
BenchResult *bench_chart_view_get_focus_result (BenchChartView *self);
/* what assistive technologies were last told the chart shows */
const char  *bench_chart_view_get_description  (BenchChartView *self);
/* the height of the lowest plot as laid out now, px (0: none) */
double       bench_chart_view_get_min_plot_height (BenchChartView *self);

/* A note added to the subtitle of the charts made from now on ("2
 * machines without llama 8B Q4_0 not shown"); NULL for none. */
void         bench_chart_view_set_note (BenchChartView *self,
                                        const char     *note);

G_END_DECLS
