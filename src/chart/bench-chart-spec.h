/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-spec.h — what a chart shows, decided from the data.
 *
 * Results are split into panels by test kind (prefill, generation,
 * prefill+generation: their scales differ 10–100×, so they never share an
 * axis). Each panel is a line chart when its results sweep a numeric
 * setting (context depth, prompt size, threads…) and grouped bars
 * otherwise: categories are what the view groups by (models, machines,
 * runs), series the other settings that vary.
 */
#pragma once

#include <glib.h>

#include "bench-compare.h"
#include "bench-efficiency.h"
#include "bench-group.h"
#include "bench-result.h"

G_BEGIN_DECLS

typedef struct _BenchChartSpec BenchChartSpec;

typedef enum
{
  BENCH_CHART_BARS,
  BENCH_CHART_LINES,
} BenchChartKind;

/* A reference line over a panel's measured series: the decode roofline,
 * peak / (active weights + depth × KV per token), for one series. */
typedef struct
{
  guint            series;
  BenchEfficiency  efficiency;   /* weights, KV per token and the peak */
} BenchChartRoofline;
/* How the x axis of a sweep is drawn: AUTO picks log₂ for values that
 * grow geometrically (512, 1k, 2k…) and linear otherwise. */
/* the colour a bar takes from its verdict, over its series' */
typedef enum
{
  BENCH_CHART_TONE_SERIES,
  BENCH_CHART_TONE_FASTER,
  BENCH_CHART_TONE_SLOWER,
  BENCH_CHART_TONE_NEUTRAL,
} BenchChartTone;

typedef enum
{
  BENCH_CHART_X_AUTO,
  BENCH_CHART_X_LINEAR,
  BENCH_CHART_X_LOG,
} BenchChartXScale;

typedef struct
{
  BenchTestKind   test_kind;
  BenchChartKind  kind;
  GPtrArray      *results;          /* BenchResult */
  GArray         *result_category;  /* guint per result (bars) */
  GArray         *result_series;    /* guint per result */
  GArray         *result_x;         /* double per result (lines) */
  GPtrArray      *categories;       /* char *, bars only */
  GPtrArray      *series;           /* char *; one unnamed series when nothing varies */
  const char     *x_field;          /* lines: the swept field */
  char           *x_title;          /* lines: axis title */
  GArray         *result_value;     /* double per result, or NULL: avg_ts */
  GArray         *result_error;     /* double per result, or NULL: stddev_ts */
  GArray         *result_tone;      /* BenchChartTone per result, or NULL: the series' colour */
  /* custom panels (bench_chart_spec_add_bar_panel) */
  char           *title;            /* NULL: named after the test kind */
  char           *y_title;          /* NULL: the spec's */
  gboolean        stacked;          /* a category's bars stack, in series order */
  double          limit;            /* a requirement drawn as a line … */
  char           *limit_label;      /* … when this is not NULL */
  GArray         *rooflines;        /* BenchChartRoofline: generation over depth
                                     * whose peak and bytes are known; else NULL */
  guint           n_without_x;      /* lines: results left out, lacking the swept setting */
} BenchChartPanel;

/* The value drawn for result @i of @panel and its ± error: avg_ts ±
 * stddev_ts, or the panel's own values (a comparison's speedups). */
void             bench_chart_panel_get_value   (const BenchChartPanel *panel,
                                                guint                  i,
                                                double                *value,
                                                double                *error);

/* Sorts @values (doubles) and keeps each value once. */
void             bench_chart_sort_distinct     (GArray                *values);

/* TRUE when @panel's sweep axis is drawn log₂ under @x_scale: AUTO picks
 * log₂ for values that grow geometrically (512, 1k, 2k…; ≥ 8× from least
 * to most) and linear for evenly spaced or other values. */
gboolean         bench_chart_panel_is_log2     (const BenchChartPanel *panel,
                                                BenchChartXScale       x_scale);

/* @results is referenced, not copied: it must own a reference to each of
 * its results (g_object_unref as its free function) and not change
 * afterwards. @view: what the results' view groups by; it picks the
 * categories. */
BenchChartSpec  *bench_chart_spec_new_for_view (GPtrArray       *results,
                                                BenchGroupKind   view);
/* A view's chart with nothing selected: bars of the best speed of each
 * model (a series per machine), machine or run, for every result given.
 * @results is referenced as for bench_chart_spec_new_for_view (). */
BenchChartSpec  *bench_chart_spec_new_overview (GPtrArray       *results,
                                                BenchGroupKind   view);
/* Categories chosen from the data alone (the command line). */
BenchChartSpec  *bench_chart_spec_new          (GPtrArray       *results);
/* Speedup of each candidate over the baseline, bars around a 1.0 line:
 * categories are the comparison's rows, one series per candidate. */
BenchChartSpec  *bench_chart_spec_new_for_comparison (BenchComparison *comparison);
/* A chart whose panels are built by the caller (the scenario chart). */
BenchChartSpec  *bench_chart_spec_new_custom   (const char      *title,
                                                const char      *subtitle);
/* A bar panel with its own values: add bars with bench_chart_panel_add_bar */
BenchChartPanel *bench_chart_spec_add_bar_panel (BenchChartSpec *self,
                                                 const char     *title,
                                                 const char     *y_title);
/* @category and @series index the panel's categories and series (append
 * their names to panel->categories and panel->series) */
void             bench_chart_panel_add_bar     (BenchChartPanel *panel,
                                                BenchResult     *result,
                                                guint            category,
                                                guint            series,
                                                double           value,
                                                double           error);
BenchChartSpec  *bench_chart_spec_ref          (BenchChartSpec  *self);
void             bench_chart_spec_unref        (BenchChartSpec  *self);
/* a deep copy whose texts and options can change independently */
BenchChartSpec  *bench_chart_spec_copy         (BenchChartSpec  *self);

guint            bench_chart_spec_get_n_panels (BenchChartSpec  *self);
BenchChartPanel *bench_chart_spec_get_panel    (BenchChartSpec  *self,
                                                guint            i);
GPtrArray       *bench_chart_spec_get_results  (BenchChartSpec  *self);

const char      *bench_chart_spec_get_title    (BenchChartSpec  *self);
void             bench_chart_spec_set_title    (BenchChartSpec  *self,
                                                const char      *title);
const char      *bench_chart_spec_get_subtitle (BenchChartSpec  *self);
void             bench_chart_spec_set_subtitle (BenchChartSpec  *self,
                                                const char      *subtitle);
/* a line for slides saying what the picture shows; NULL by default */
const char      *bench_chart_spec_get_caption  (BenchChartSpec  *self);
void             bench_chart_spec_set_caption  (BenchChartSpec  *self,
                                                const char      *caption);
/* hardware · build · date, as a caption suggestion */
char            *bench_chart_spec_suggest_caption (BenchChartSpec *self);
gboolean         bench_chart_spec_get_log_scale (BenchChartSpec *self);
void             bench_chart_spec_set_log_scale (BenchChartSpec *self,
                                                 gboolean        log_scale);
/* a panel sweeps a setting (a line chart); one of them on a log₂ axis */
gboolean         bench_chart_spec_has_sweep    (BenchChartSpec *self);
gboolean         bench_chart_spec_has_log2_x   (BenchChartSpec *self);
BenchChartXScale bench_chart_spec_get_x_scale (BenchChartSpec *self);
void             bench_chart_spec_set_x_scale (BenchChartSpec   *self,
                                               BenchChartXScale  x_scale);
gboolean         bench_chart_spec_get_value_labels (BenchChartSpec *self);
void             bench_chart_spec_set_value_labels (BenchChartSpec *self,
                                                    gboolean        value_labels);

/* The decode rooflines of generation-over-depth panels: shown (TRUE, the
 * default) or not. Prefill is compute-bound and never has one. */
gboolean         bench_chart_spec_get_rooflines (BenchChartSpec *self);
void             bench_chart_spec_set_rooflines (BenchChartSpec *self,
                                                 gboolean        rooflines);

/* the value bars grow from (1.0 for speedups), NAN when they grow from 0 */
double           bench_chart_spec_get_reference (BenchChartSpec *self);
/* a comparison of one candidate: its bars take their verdict's tone */
gboolean         bench_chart_spec_get_verdict_series (BenchChartSpec *self);
/* the value axis' title */
const char      *bench_chart_spec_get_y_title  (BenchChartSpec  *self);

/* one sentence a screen reader can say */
char            *bench_chart_spec_describe     (BenchChartSpec  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchChartSpec, bench_chart_spec_unref)

G_END_DECLS
