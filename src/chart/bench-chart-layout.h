/* bench-chart-layout.h — a chart as plain geometry.
 *
 * Computed once from a spec and a size: panels with their plot areas, nice
 * ticks, bars with ±stddev whiskers, points and line segments, labels
 * measured with pango so they never overlap, the legend, title, subtitle
 * and caption. The painter draws it; the widget hit-tests it; tests assert
 * on it. Sizes are in the output's units (pixels for PNG and the screen,
 * points for SVG and PDF), and text scales with the size.
 */
#pragma once

#include <glib.h>

#include "bench-chart-spec.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} BenchChartRect;

typedef struct
{
  char           *text;
  BenchChartRect  rect;      /* the box the text is laid out in */
  double          size;      /* font size, px */
  gboolean        bold;
  int             max_lines; /* wrap to this many lines, ellipsizing the last */
  int             align;     /* 0 left, 1 centre, 2 right */
  gboolean        vertical;  /* rotated a quarter turn anticlockwise */
  gboolean        muted;
  gboolean        middle;    /* ellipsize in the middle: the ends tell names apart */
} BenchChartLabel;

typedef struct
{
  double  value;
  double  position;          /* y for the value axis, x for a numeric x axis */
  BenchChartLabel label;
} BenchChartTick;

typedef struct
{
  BenchChartRect  rect;      /* the bar, from the axis (or reference line) to the value */
  double          center_x;
  double          whisker_top;     /* y of mean + sd */
  double          whisker_bottom;  /* y of mean − sd */
  double          value;
  double          stddev;
  guint           series;
  guint           tone;      /* BenchChartTone */
  BenchResult    *result;
} BenchChartBar;

typedef struct
{
  double          x, y;
  double          whisker_top, whisker_bottom;
  guint           series;
  BenchResult    *result;
} BenchChartPoint;

typedef struct
{
  double   x1, y1, x2, y2;
  guint    series;
  gboolean across_break;   /* from 0 over the axis break: drawn thin and dashed */
} BenchChartSegment;

/* A reference line: the roofline of a series, drawn dashed in its colour
 * as short segments, labelled at its right end. */
typedef struct
{
  guint            series;
  gboolean         shared;     /* every series has this one: drawn neutral */
  GArray          *segments;   /* BenchChartSegment */
  BenchChartLabel  label;
} BenchChartReferenceLine;

typedef struct
{
  BenchChartRect  swatch;
  BenchChartLabel label;
  guint           series;
} BenchChartLegendItem;

typedef struct
{
  BenchChartKind   kind;
  BenchTestKind    test_kind;
  BenchChartRect   frame;
  BenchChartRect   plot;
  BenchChartLabel  title;
  BenchChartLabel  y_title;
  BenchChartLabel  x_title;          /* lines only */
  double           y_min, y_max;
  gboolean         log_y;
  double           reference_y;      /* the reference line (speedup 1.0), or NAN */
  double           x_min, x_max;     /* lines only, in axis units */
  gboolean         log2_x;
  double           x_zero;           /* log₂ axis: where 0 sits, apart; NAN when none */
  double           x_break;          /* log₂ axis: the break between 0 and the rest; NAN */
  double           x_log_left;       /* log₂ axis: where the logarithmic part starts */
  GArray          *y_ticks;          /* BenchChartTick */
  GArray          *x_ticks;          /* BenchChartTick, lines only */
  GArray          *bars;             /* BenchChartBar */
  GArray          *points;           /* BenchChartPoint */
  GArray          *segments;         /* BenchChartSegment */
  GArray          *reference_lines;  /* BenchChartReferenceLine (rooflines), lines only */
  GArray          *category_labels;  /* BenchChartLabel */
  GArray          *value_labels;     /* BenchChartLabel */
  GArray          *legend;           /* BenchChartLegendItem, every series */
  guint            n_series;
  double           limit_y;          /* a requirement's line, or NAN */
  BenchChartLabel  limit_label;
  GArray          *covered;          /* gboolean per series: a later line lies on it */
} BenchChartPanelLayout;

typedef struct
{
  double           width;
  double           height;
  double           font_size;        /* the base size all text derives from */
  BenchChartLabel  title;
  BenchChartLabel  subtitle;
  BenchChartLabel  caption;
  GPtrArray       *panels;           /* BenchChartPanelLayout */
  BenchChartSpec  *spec;
  double           min_height;       /* the height at which every plot keeps a readable size */
} BenchChartLayout;

/* @scale multiplies text and line sizes (1.0: sized from width and height) */
BenchChartLayout *bench_chart_layout_new  (BenchChartSpec   *spec,
                                           double            width,
                                           double            height,
                                           double            scale);
void              bench_chart_layout_free (BenchChartLayout *layout);

/* the result drawn at (x, y), or NULL */
BenchResult      *bench_chart_layout_hit  (BenchChartLayout *layout,
                                           double            x,
                                           double            y);

/* the bar or point drawn at (x, y): its panel, and its index in the
 * panel's bars (or points, when *is_point); FALSE when there is none */
gboolean          bench_chart_layout_hit_mark (BenchChartLayout             *layout,
                                               double                        x,
                                               double                        y,
                                               const BenchChartPanelLayout **panel,
                                               guint                        *index,
                                               gboolean                     *is_point);
/* the y position of @value on @panel's axis */
double            bench_chart_panel_y     (const BenchChartPanelLayout *panel,
                                           double                       value);

/* Measures @label's text as the painter will lay it out. */
void              bench_chart_label_measure (const BenchChartLabel *label,
                                             double                 width,
                                             double                *out_width,
                                             double                *out_height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchChartLayout, bench_chart_layout_free)

G_END_DECLS
