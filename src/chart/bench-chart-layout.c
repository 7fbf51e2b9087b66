/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-layout.c — from a spec and a size to geometry.
 *
 * Every length derives from one base font size, itself derived from the
 * output's size, so a 1920×1080 export has slide-sized text and the window
 * has window-sized text, from the same code.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bench-chart-layout.h"
#include "bench-chart-text.h"
#include "bench-units.h"

/* The legend may take this share of a panel's height before its text
 * shrinks (down to LEGEND_MIN_SCALE of its size); past that it takes the
 * room it needs: every series is named, none is summed up as "+ 12 more". */
#define LEGEND_SHARE 0.35
#define LEGEND_MIN_SCALE 0.6

typedef struct
{
  PangoContext     *context;
  BenchChartLayout *layout;
  double            fs;      /* base font size */
  double            gap;
} Ctx;

/* —— text ——————————————————————————————————————————————————— */

static void
measure (Ctx                   *ctx,
         const BenchChartLabel *label,
         double                *w,
         double                *h)
{
  g_autoptr (PangoLayout) pl = bench_chart_text_layout (ctx->context, label, NULL);
  PangoRectangle logical;

  pango_layout_get_extents (pl, NULL, &logical);
  if (w)
    *w = (double) logical.width / PANGO_SCALE;
  if (h)
    *h = (double) logical.height / PANGO_SCALE;
}

void
bench_chart_label_measure (const BenchChartLabel *label,
                           double                 width,
                           double                *out_width,
                           double                *out_height)
{
  PangoContext *context = bench_chart_text_context ();
  Ctx ctx = { .context = context };
  BenchChartLabel copy = *label;

  copy.rect.width = width;
  measure (&ctx, &copy, out_width, out_height);
  g_object_unref (context);
}

static BenchChartLabel
make_label (const char *text,
            double      size,
            gboolean    bold,
            int         align)
{
  BenchChartLabel label = { 0 };

  label.text = g_strdup (text);
  label.size = size;
  label.bold = bold;
  label.align = align;
  label.max_lines = 1;
  return label;
}

/* Places a one-line label at (x, y) with room @width; returns its height. */
static double
place_label (Ctx             *ctx,
             BenchChartLabel *label,
             double           x,
             double           y,
             double           width)
{
  double h;

  label->rect.x = x;
  label->rect.y = y;
  label->rect.width = width;
  measure (ctx, label, NULL, &h);
  label->rect.height = h;
  return h;
}

static void
label_clear (BenchChartLabel *label)
{
  g_clear_pointer (&label->text, g_free);
}

static void
tick_clear (BenchChartTick *tick)
{
  label_clear (&tick->label);
}

static void
legend_clear (BenchChartLegendItem *item)
{
  label_clear (&item->label);
}

/* —— scales ——————————————————————————————————————————————————— */

/* 1, 2 or 5 × 10^k, the step that gives about @target ticks */
static double
nice_step (double span,
           int    target)
{
  double raw = span / MAX (target, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double residual = raw / magnitude;

  if (residual <= 1)
    return magnitude;
  if (residual <= 2)
    return 2 * magnitude;
  if (residual <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

double
bench_chart_panel_y (const BenchChartPanelLayout *panel,
                     double                       value)
{
  double t;

  if (panel->log_y)
    {
      double v = MAX (value, panel->y_min);
      t = (log10 (v) - log10 (panel->y_min)) / (log10 (panel->y_max) - log10 (panel->y_min));
    }
  else
    t = (value - panel->y_min) / (panel->y_max - panel->y_min);
  t = CLAMP (t, 0, 1);
  return panel->plot.y + panel->plot.height * (1 - t);
}

/* A value's x on the axis: linear, or log₂ with 0 kept apart, left of
 * the axis break (zero has no place on a logarithmic scale). */
static double
x_position (const BenchChartPanelLayout *panel,
            double                       value)
{
  double t;

  if (!panel->log2_x)
    {
      t = (value - panel->x_min) / (panel->x_max - panel->x_min);
      return panel->plot.x + panel->plot.width * CLAMP (t, 0, 1);
    }
  if (value <= 0)
    return isfinite (panel->x_zero) ? panel->x_zero : panel->plot.x;
  t = (log2 (value) - panel->x_min) / (panel->x_max - panel->x_min);
  return panel->x_log_left + (panel->plot.x + panel->plot.width - panel->x_log_left) * CLAMP (t, 0, 1);
}

static double
reference_of (Ctx *ctx)
{
  return bench_chart_spec_get_reference (ctx->layout->spec);
}

static void
value_range (BenchChartPanel *spec_panel,
             double          *lo,
             double          *hi,
             double          *lowest_positive)
{
  *lo = INFINITY;
  *hi = 0;
  *lowest_positive = INFINITY;
  for (guint i = 0; i < spec_panel->results->len; i++)
    {
      double avg, sd;

      bench_chart_panel_get_value (spec_panel, i, &avg, &sd);
      if (!isfinite (avg))
        continue;
      if (!isfinite (sd))
        sd = 0;
      *lo = MIN (*lo, avg - sd);
      *hi = MAX (*hi, avg + sd);
      if (avg > 0)
        *lowest_positive = MIN (*lowest_positive, MAX (avg - sd, avg * 0.5));
    }
  if (spec_panel->stacked && spec_panel->categories->len > 0)
    {
      /* a stack reaches the sum of its bars */
      g_autofree double *sums = g_new0 (double, spec_panel->categories->len);

      for (guint i = 0; i < spec_panel->results->len; i++)
        {
          guint c = g_array_index (spec_panel->result_category, guint, i);
          double avg, sd;

          bench_chart_panel_get_value (spec_panel, i, &avg, &sd);
          if (!isfinite (avg) || c >= spec_panel->categories->len)
            continue;
          sums[c] += avg;
          *hi = MAX (*hi, sums[c] + (isfinite (sd) ? sd : 0));
        }
    }
  if (spec_panel->limit_label != NULL && isfinite (spec_panel->limit))
    *hi = MAX (*hi, spec_panel->limit * 1.05);
  if (*hi <= 0)
    *hi = 1;
}

static gboolean
show_rooflines (Ctx             *ctx,
                BenchChartPanel *spec_panel)
{
  return spec_panel->rooflines != NULL && bench_chart_spec_get_rooflines (ctx->layout->spec);
}

/* The rooflines' highest speed, at the smallest depth shown; 0 when none */
static double
roofline_max (Ctx             *ctx,
              BenchChartPanel *spec_panel)
{
  double depth = INFINITY, hi = 0;

  if (!show_rooflines (ctx, spec_panel))
    return 0;
  for (guint i = 0; i < spec_panel->result_x->len; i++)
    depth = MIN (depth, g_array_index (spec_panel->result_x, double, i));
  for (guint i = 0; i < spec_panel->rooflines->len; i++)
    {
      const BenchChartRoofline *line = &g_array_index (spec_panel->rooflines, BenchChartRoofline, i);
      double ts = bench_efficiency_roofline_ts (&line->efficiency, (gint64) MAX (depth, 0));
      if (isfinite (ts))
        hi = MAX (hi, ts);
    }
  return hi;
}

static void
reference_line_clear (BenchChartReferenceLine *line)
{
  g_clear_pointer (&line->segments, g_array_unref);
  label_clear (&line->label);
}

/* Each roofline sampled along the x axis: 24 steps between measured
 * depths, straight across a log axis' break at 0. */
static void
layout_rooflines (Ctx                   *ctx,
                  BenchChartPanelLayout *panel,
                  BenchChartPanel       *spec_panel,
                  GArray                *distinct)
{
  guint n_series = MAX (spec_panel->series->len, 1);

  if (!show_rooflines (ctx, spec_panel))
    return;
  for (guint r = 0; r < spec_panel->rooflines->len; r++)
    {
      const BenchChartRoofline *roof = &g_array_index (spec_panel->rooflines, BenchChartRoofline, r);
      const BenchPeak *peak = &roof->efficiency.peak;
      BenchChartReferenceLine line = { roof->series, FALSE, NULL, { 0 } };
      gboolean repeat = FALSE;
      guint same = 1;

      /* series on one machine and model share one roofline: drawn once,
       * in a neutral colour when every series has it */
      for (guint o = 0; o < spec_panel->rooflines->len; o++)
        {
          const BenchChartRoofline *other = &g_array_index (spec_panel->rooflines, BenchChartRoofline, o);
          gboolean equal = o != r && other->efficiency.weight_bytes == roof->efficiency.weight_bytes &&
                           other->efficiency.peak.gbs == roof->efficiency.peak.gbs &&
                           (other->efficiency.kv_bytes_per_token == roof->efficiency.kv_bytes_per_token ||
                            (isnan (other->efficiency.kv_bytes_per_token) &&
                             isnan (roof->efficiency.kv_bytes_per_token)));
          same += equal;
          repeat |= equal && o < r;
        }
      if (repeat)
        continue;
      line.shared = same > 1 && same == n_series;
      line.segments = g_array_new (FALSE, FALSE, sizeof (BenchChartSegment));
      double px = NAN, py = NAN, w, h;
      g_autofree char *gbs = NULL;
      g_autofree char *text = NULL;

      for (guint d = 0; d < distinct->len; d++)
        {
          double depth = g_array_index (distinct, double, d);
          double next = d + 1 < distinct->len ? g_array_index (distinct, double, d + 1) : depth;
          guint steps = d + 1 < distinct->len && (depth > 0 || !panel->log2_x) ? 24 : 1;

          for (guint k = 0; k < steps; k++)
            {
              /* even steps along the axis: geometric on a log₂ axis */
              double at = panel->log2_x && depth > 0 ? depth * pow (next / depth, (double) k / steps)
                                                     : depth + (next - depth) * k / steps;
              double ts = bench_efficiency_roofline_ts (&roof->efficiency, (gint64) round (at));
              double x = x_position (panel, at), y;

              if (!isfinite (ts))
                continue;
              y = bench_chart_panel_y (panel, ts);
              if (isfinite (px))
                {
                  BenchChartSegment seg = { px, py, x, y, roof->series };
                  g_array_append_val (line.segments, seg);
                }
              px = x;
              py = y;
            }
        }
      if (line.segments->len == 0)
        {
          reference_line_clear (&line);
          continue;
        }
      gbs = peak->gbs_min < peak->gbs ? g_strdup_printf ("%.0f–%.0f", peak->gbs_min, peak->gbs)
                                      : g_strdup_printf ("%.0f", peak->gbs);
      /* Translators: the dashed line over a depth chart: the speed the
       * machine's peak memory bandwidth allows, "roofline at 256 GB/s" */
      text = g_strdup_printf (roof->efficiency.kv_omitted || isnan (roof->efficiency.kv_bytes_per_token)
                              ? _("roofline at %s GB/s (KV cache not counted)")
                              : _("roofline at %s GB/s"), gbs);
      line.label = make_label (text, ctx->fs * 0.75, FALSE, 2);
      line.label.muted = TRUE;
      measure (ctx, &line.label, &w, &h);
      w = MIN (w, panel->plot.width);
      line.label.rect = (BenchChartRect) { panel->plot.x + panel->plot.width - w,
                                           MAX (panel->plot.y, py - h - ctx->fs * 0.2), w, h };
      g_array_append_val (panel->reference_lines, line);
    }
}

static void
add_y_tick (Ctx                   *ctx,
            BenchChartPanelLayout *panel,
            double                 value)
{
  BenchChartTick tick = { 0 };
  g_autofree char *text = bench_format_compact (value);

  tick.value = value;
  tick.label = make_label (text, ctx->fs * 0.85, FALSE, 2);
  tick.label.muted = TRUE;
  g_array_append_val (panel->y_ticks, tick);
}

/* Ticks first (their labels' width sets the plot's left edge), positions
 * once the plot is known. */
static void
plan_y_axis (Ctx                   *ctx,
             BenchChartPanelLayout *panel,
             BenchChartPanel       *spec_panel,
             gboolean               log_scale,
             int                    target)
{
  double lo, hi, lowest;

  value_range (spec_panel, &lo, &hi, &lowest);
  hi = MAX (hi, roofline_max (ctx, spec_panel));
  panel->log_y = log_scale && isfinite (lowest) && hi / lowest > 4 && !isfinite (reference_of (ctx));

  if (isfinite (reference_of (ctx)))
    {
      /* around the reference line: from below the lowest bar (or the
       * line) to above the highest, so both directions read at a glance */
      double ref = reference_of (ctx);
      double low = MIN (ref, lo), high = MAX (ref, hi), step;

      low = MAX (0, low - (high - low) * 0.05);
      high = high + (high - low) * 0.05;
      if (high - low < ref * 0.1)
        {
          low = MAX (0, ref - ref * 0.05);
          high = ref + ref * 0.05;
        }
      step = nice_step (high - low, target);
      panel->y_min = floor (low / step + 1e-9) * step;
      panel->y_max = ceil (high / step - 1e-9) * step;
      for (double v = panel->y_min; v <= panel->y_max + step * 1e-6; v += step)
        {
          BenchChartTick tick = { 0 };
          int decimals = MAX (0, (int) -floor (log10 (step) + 1e-9));
          /* Translators: a speedup on the chart's axis, "1.2×" */
          g_autofree char *text = g_strdup_printf (_("%.*f×"), decimals, v);

          tick.value = v;
          tick.label = make_label (text, ctx->fs * 0.85, FALSE, 2);
          tick.label.muted = TRUE;
          g_array_append_val (panel->y_ticks, tick);
        }
    }
  else if (panel->log_y)
    {
      double d0 = floor (log10 (lowest));
      double d1 = ceil (log10 (hi));
      panel->y_min = pow (10, d0);
      panel->y_max = pow (10, MAX (d1, d0 + 1));
      for (double d = d0; d <= d1 + 1e-9; d++)
        {
          add_y_tick (ctx, panel, pow (10, d));
          /* with few decades, 2 and 5 as well */
          if (d1 - d0 <= 2 && d < d1)
            {
              add_y_tick (ctx, panel, 2 * pow (10, d));
              add_y_tick (ctx, panel, 5 * pow (10, d));
            }
        }
    }
  else
    {
      double step = nice_step (hi, target);
      panel->y_min = 0;
      panel->y_max = ceil (hi / step - 1e-9) * step;
      for (double v = 0; v <= panel->y_max + step * 1e-6; v += step)
        add_y_tick (ctx, panel, v);
    }
}

static double
y_ticks_width (Ctx                   *ctx,
               BenchChartPanelLayout *panel)
{
  double widest = 0;

  for (guint i = 0; i < panel->y_ticks->len; i++)
    {
      double w;
      measure (ctx, &g_array_index (panel->y_ticks, BenchChartTick, i).label, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
place_y_ticks (Ctx                   *ctx,
               BenchChartPanelLayout *panel,
               double                 label_width)
{
  for (guint i = 0; i < panel->y_ticks->len; i++)
    {
      BenchChartTick *tick = &g_array_index (panel->y_ticks, BenchChartTick, i);
      double h;

      tick->position = bench_chart_panel_y (panel, tick->value);
      measure (ctx, &tick->label, NULL, &h);
      tick->label.rect = (BenchChartRect) { panel->plot.x - ctx->gap * 0.6 - label_width,
                                            tick->position - h / 2, label_width, h };
    }
}

/* —— legend ——————————————————————————————————————————————————— */

/* Lays the series names out under the panel title: in a row when they
 * fit, else in columns of equal width, read down then across; the text
 * shrinks until the legend fits its share of the panel. Returns the height
 * it takes. */
static double
place_legend (Ctx                   *ctx,
              BenchChartPanelLayout *panel,
              BenchChartPanel       *spec_panel,
              double                 x,
              double                 y,
              double                 width,
              double                 budget)
{
  guint n = spec_panel->series->len;
  g_autofree double *widths = NULL;
  double size = ctx->fs * 0.85, swatch = 0, row_h = 0, col_w = 0, total = 0;
  guint cols = 1, rows = 1;
  gboolean one_row = FALSE;

  panel->n_series = n;
  if (n <= 1)
    return 0;
  widths = g_new0 (double, n);

  for (double scale = 1.0; scale >= LEGEND_MIN_SCALE - 1e-9; scale -= 0.1)
    {
      /* never below a size people read */
      size = MAX (ctx->fs * 0.85 * scale, MIN (ctx->fs * 0.85, 10.5));
      swatch = size * 1.6;
      row_h = size * 1.5;
      col_w = 0;
      total = 0;
      for (guint s = 0; s < n; s++)
        {
          BenchChartLabel label = make_label (g_ptr_array_index (spec_panel->series, s), size, FALSE, 0);
          label.rect.width = width;
          measure (ctx, &label, &widths[s], NULL);
          label_clear (&label);
          col_w = MAX (col_w, swatch + size * 0.4 + widths[s] + size);
          total += swatch + size * 0.4 + widths[s] + size;
        }
      one_row = total <= width;
      /* two columns at least where there is room: a long name is cut in
       * its middle, its start and end still tell it apart */
      col_w = MIN (col_w, width >= size * 30 ? width / 2 : width);
      cols = one_row ? n : MAX (1, (guint) floor (width / col_w));
      rows = (n + cols - 1) / cols;
      if (rows * row_h <= budget)
        break;
    }

  {
    double cx = x;

    for (guint s = 0; s < n; s++)
      {
        BenchChartLegendItem item = { 0 };
        guint row = one_row ? 0 : s % rows, col = one_row ? s : s / rows;
        double ix = one_row ? cx : x + col * col_w;
        double iy = y + row * row_h;
        double room = one_row ? widths[s] + 1 : col_w - swatch - size * 1.4;

        item.series = s;
        item.label = make_label (g_ptr_array_index (spec_panel->series, s), size, FALSE, 0);
        item.label.middle = TRUE;
        item.swatch = (BenchChartRect) { ix, iy + (row_h - size * 0.8) / 2, swatch, size * 0.8 };
        place_label (ctx, &item.label, ix + swatch + size * 0.4, iy + (row_h - size * 1.25) / 2,
                     MAX (room, size));
        g_array_append_val (panel->legend, item);
        cx += swatch + size * 0.4 + widths[s] + size;
      }
  }
  return rows * row_h;
}

/* —— bars ——————————————————————————————————————————————————— */

static void
layout_bars (Ctx                   *ctx,
             BenchChartPanelLayout *panel,
             BenchChartPanel       *spec_panel,
             gboolean               value_labels)
{
  guint n_cat = MAX (spec_panel->categories->len, 1);
  g_autofree guint *per_cat = g_new0 (guint, n_cat);
  g_autofree guint *placed = g_new0 (guint, n_cat);
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  double group_w = panel->plot.width / n_cat;
  double bar_w, label_min;
  guint max_bars = 1, step;

  g_autofree double *stack_top = g_new0 (double, n_cat);

  for (guint i = 0; i < spec_panel->results->len; i++)
    per_cat[g_array_index (spec_panel->result_category, guint, i)]++;
  if (spec_panel->stacked)
    for (guint c = 0; c < n_cat; c++)
      per_cat[c] = MIN (per_cat[c], 1);
  for (guint c = 0; c < n_cat; c++)
    max_bars = MAX (max_bars, per_cat[c]);
  bar_w = MIN (group_w * 0.8 / max_bars, ctx->fs * 5);

  /* within a category, bars in series order, so colours line up */
  for (guint i = 0; i < spec_panel->results->len; i++)
    g_array_append_val (order, i);
  for (guint a = 1; a < order->len; a++)
    for (guint b = a; b > 0; b--)
      {
        guint *o = (guint *) order->data;
        if (g_array_index (spec_panel->result_series, guint, o[b - 1]) <=
            g_array_index (spec_panel->result_series, guint, o[b]))
          break;
        guint t = o[b - 1];
        o[b - 1] = o[b];
        o[b] = t;
      }

  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      BenchResult *r = g_ptr_array_index (spec_panel->results, i);
      guint c = g_array_index (spec_panel->result_category, guint, i);
      double avg, sd;
      double left = panel->plot.x + c * group_w + (group_w - per_cat[c] * bar_w) / 2;
      BenchChartBar bar = { 0 };
      double top, base;

      double below_value = 0;

      bench_chart_panel_get_value (spec_panel, i, &avg, &sd);
      if (spec_panel->stacked)
        {
          /* on top of the category's earlier bars */
          below_value = stack_top[c];
          if (isfinite (avg))
            stack_top[c] += avg;
          placed[c] = 0;
        }
      top = bench_chart_panel_y (panel, below_value + avg);
      /* bars grow from the axis, or from the reference line (1.0 for
       * speedups: up when faster, down when slower) */
      base = isfinite (panel->reference_y) ? panel->reference_y : panel->plot.y + panel->plot.height;
      if (spec_panel->stacked)
        base = bench_chart_panel_y (panel, below_value);
      if (!isfinite (sd))
        sd = 0;
      bar.rect = (BenchChartRect) { left + placed[c]++ * bar_w + bar_w * 0.06, MIN (top, base),
                                    bar_w * 0.88, fabs (base - top) };
      bar.center_x = bar.rect.x + bar.rect.width / 2;
      bar.whisker_top = bench_chart_panel_y (panel, below_value + avg + sd);
      bar.whisker_bottom = bench_chart_panel_y (panel, below_value + avg - sd);
      bar.value = avg;
      bar.stddev = sd;
      bar.series = g_array_index (spec_panel->result_series, guint, i);
      bar.tone = spec_panel->result_tone != NULL ? g_array_index (spec_panel->result_tone, guint, i)
                                                 : BENCH_CHART_TONE_SERIES;
      bar.result = r;
      g_array_append_val (panel->bars, bar);

      if (value_labels)
        {
          g_autofree char *text = isfinite (panel->reference_y)
                                  ? g_strdup_printf ("%.2f×", avg)
                                  : g_strdup_printf ("%.*f", avg >= 100 ? 0 : 1, avg);
          BenchChartLabel label = make_label (text, ctx->fs * 0.7, FALSE, 1);
          gboolean below = isfinite (panel->reference_y) && top > panel->reference_y;
          double h;

          measure (ctx, &label, NULL, &h);
          label.rect = (BenchChartRect) { bar.center_x - bar_w,
                                          below ? bar.whisker_bottom + 2 : bar.whisker_top - h - 2,
                                          bar_w * 2, h };
          /* only where it fits over its own bar */
          if (bar_w >= ctx->fs * 1.6)
            g_array_append_val (panel->value_labels, label);
          else
            label_clear (&label);
        }
    }

  /* Category names: two lines in their own column; where columns are too
   * narrow, every step-th name gets the room of step columns. */
  label_min = ctx->fs * 4;
  step = group_w >= label_min ? 1 : (guint) ceil (label_min / group_w);
  for (guint c = 0; c < spec_panel->categories->len; c += step)
    {
      BenchChartLabel label = make_label (g_ptr_array_index (spec_panel->categories, c),
                                          ctx->fs * 0.85, FALSE, 1);
      double center = panel->plot.x + (c + 0.5) * group_w;
      double half = (group_w * step - ctx->fs * 0.4) / 2;
      /* centred under its bars; at the panel's edges the box is cut, not
       * moved, so it cannot reach into its neighbour's */
      double left = MAX (center - half, panel->frame.x);
      double right = MIN (center + half, panel->frame.x + panel->frame.width);
      double h;

      label.max_lines = step == 1 ? 2 : 1;
      label.rect.width = MAX (right - left, 1);
      measure (ctx, &label, NULL, &h);
      label.rect = (BenchChartRect) { left, panel->plot.y + panel->plot.height + ctx->gap * 0.5,
                                      MAX (right - left, 1), h };
      g_array_append_val (panel->category_labels, label);
    }
}

/* —— lines ——————————————————————————————————————————————————— */

static void
layout_x_ticks (Ctx                   *ctx,
                BenchChartPanelLayout *panel,
                GArray                *distinct)
{
  double last_right = -INFINITY;
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (double));

  if (panel->log2_x || distinct->len <= 12)
    {
      /* the values measured: on a log axis they are the natural ticks */
      g_array_append_vals (candidates, distinct->data, distinct->len);
    }
  else
    {
      double step = nice_step (panel->x_max - panel->x_min, 6);

      /* token counts step in powers of two: 8k, 16k…, not 10k, 20k */
      if (step >= 1000 && fmod (g_array_index (distinct, double, distinct->len - 1), 1024) == 0)
        step = pow (2, round (log2 (step)));
      for (double v = ceil (panel->x_min / step) * step; v <= panel->x_max + step * 1e-6; v += step)
        g_array_append_val (candidates, v);
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      double value = g_array_index (candidates, double, i);
      double pos = x_position (panel, value);
      /* token counts are powers of two: 4096 reads "4k", as people say it */
      g_autofree char *text = value >= 1024 && fmod (value, 1024) == 0
                                ? g_strdup_printf ("%gk", value / 1024)
                                : bench_format_compact (value);
      BenchChartTick tick = { 0 };
      double w, h;

      tick.value = value;
      tick.position = pos;
      tick.label = make_label (text, ctx->fs * 0.85, FALSE, 1);
      tick.label.muted = TRUE;
      measure (ctx, &tick.label, &w, &h);
      /* drop a tick whose label would touch the previous one */
      if (pos - w / 2 < last_right + ctx->fs * 0.5)
        {
          tick_clear (&tick);
          continue;
        }
      last_right = pos + w / 2;
      tick.label.rect = (BenchChartRect) { pos - w / 2 - 1, panel->plot.y + panel->plot.height + ctx->gap * 0.4,
                                           w + 2, h };
      g_array_append_val (panel->x_ticks, tick);
    }
}

/* how many series have a point at x position @px */
static guint
series_at_x (BenchChartPanelLayout *panel,
             double                 px)
{
  g_autoptr (GHashTable) series = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < panel->points->len; i++)
    {
      BenchChartPoint *p = &g_array_index (panel->points, BenchChartPoint, i);
      if (fabs (p->x - px) < 0.01)
        g_hash_table_add (series, GUINT_TO_POINTER (p->series + 1));
    }
  return g_hash_table_size (series);
}

static void
layout_lines (Ctx                   *ctx,
              BenchChartPanelLayout *panel,
              BenchChartPanel       *spec_panel)
{
  g_autoptr (GArray) distinct = g_array_new (FALSE, FALSE, sizeof (double));
  double lo_pos = INFINITY, pad;
  guint n_series = MAX (spec_panel->series->len, 1);

  g_array_append_vals (distinct, spec_panel->result_x->data, spec_panel->result_x->len);
  bench_chart_sort_distinct (distinct);

  panel->log2_x = bench_chart_panel_is_log2 (spec_panel, bench_chart_spec_get_x_scale (ctx->layout->spec));
  panel->x_zero = NAN;
  panel->x_break = NAN;
  panel->x_log_left = panel->plot.x;
  if (panel->log2_x)
    {
      for (guint i = 0; i < distinct->len; i++)
        if (g_array_index (distinct, double, i) > 0)
          lo_pos = MIN (lo_pos, g_array_index (distinct, double, i));
      panel->x_min = log2 (lo_pos);
      panel->x_max = log2 (g_array_index (distinct, double, distinct->len - 1));
      if (g_array_index (distinct, double, 0) == 0)
        {
          /* 0 stands apart, left of a break in the axis */
          double slot = MIN (panel->plot.width * 0.08, ctx->fs * 2.5);

          panel->x_zero = panel->plot.x + slot * 0.4;
          panel->x_break = panel->plot.x + slot;
          panel->x_log_left = panel->x_break + slot * 0.6;
        }
    }
  else
    {
      panel->x_min = g_array_index (distinct, double, 0);
      panel->x_max = g_array_index (distinct, double, distinct->len - 1);
    }
  if (panel->x_max <= panel->x_min)
    panel->x_max = panel->x_min + 1;
  /* room for the whiskers' caps at both ends */
  pad = (panel->x_max - panel->x_min) * 0.03;
  panel->x_min -= pad;
  panel->x_max += pad;

  layout_x_ticks (ctx, panel, distinct);
  layout_rooflines (ctx, panel, spec_panel, distinct);

  for (guint i = 0; i < spec_panel->results->len; i++)
    {
      BenchResult *r = g_ptr_array_index (spec_panel->results, i);
      double avg, sd;
      BenchChartPoint point = { 0 };

      bench_chart_panel_get_value (spec_panel, i, &avg, &sd);
      if (!isfinite (sd))
        sd = 0;
      point.x = x_position (panel, g_array_index (spec_panel->result_x, double, i));
      point.y = bench_chart_panel_y (panel, avg);
      point.whisker_top = bench_chart_panel_y (panel, avg + sd);
      point.whisker_bottom = bench_chart_panel_y (panel, avg - sd);
      point.series = g_array_index (spec_panel->result_series, guint, i);
      point.result = r;
      g_array_append_val (panel->points, point);
    }

  /* One line per series through its points in x order. Where a series
   * lacks a point that every other series has, the line breaks: a missing
   * measurement is a gap, never a zero or a guess. Series measured on
   * different grids are simply joined point to point. */
  for (guint s = 0; s < n_series; s++)
    {
      g_autoptr (GArray) mine = g_array_new (FALSE, FALSE, sizeof (BenchChartPoint));

      for (guint i = 0; i < panel->points->len; i++)
        if (g_array_index (panel->points, BenchChartPoint, i).series == s)
          g_array_append_val (mine, g_array_index (panel->points, BenchChartPoint, i));
      for (guint a = 1; a < mine->len; a++)
        for (guint b = a; b > 0; b--)
          {
            BenchChartPoint *p = (BenchChartPoint *) mine->data;
            if (p[b - 1].x <= p[b].x)
              break;
            BenchChartPoint t = p[b - 1];
            p[b - 1] = p[b];
            p[b] = t;
          }
      for (guint k = 1; k < mine->len; k++)
        {
          BenchChartPoint *p0 = &g_array_index (mine, BenchChartPoint, k - 1);
          BenchChartPoint *p1 = &g_array_index (mine, BenchChartPoint, k);
          gboolean hole = FALSE;

          for (guint d = 0; d < distinct->len && !hole && n_series > 1; d++)
            {
              double px = x_position (panel, g_array_index (distinct, double, d));
              hole = px > p0->x + 0.01 && px < p1->x - 0.01 &&
                     series_at_x (panel, px) >= n_series - 1;
            }
          if (!hole && p1->x > p0->x)
            {
              BenchChartSegment seg = { p0->x, p0->y, p1->x, p1->y, s,
                                        isfinite (panel->x_break) && p0->x < panel->x_break &&
                                        p1->x > panel->x_break };
              g_array_append_val (panel->segments, seg);
            }
        }
    }
}

/* Lines that coincide (every point of one within a hair of the other's)
 * would hide each other: the earlier is marked covered, and drawn wider
 * under the later, so both stay visible. */
static void
find_covered (Ctx                   *ctx,
              BenchChartPanelLayout *panel)
{
  guint n = panel->covered->len;
  double hair = MAX (1.5, ctx->fs * 0.12);

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n && !g_array_index (panel->covered, gboolean, a); b++)
      {
        guint na = 0, matched = 0;

        for (guint i = 0; i < panel->points->len; i++)
          {
            BenchChartPoint *p = &g_array_index (panel->points, BenchChartPoint, i);
            gboolean found = FALSE;

            if (p->series != a)
              continue;
            na++;
            for (guint j = 0; j < panel->points->len && !found; j++)
              {
                BenchChartPoint *q = &g_array_index (panel->points, BenchChartPoint, j);
                found = q->series == b && fabs (q->x - p->x) < 0.01 && fabs (q->y - p->y) < hair;
              }
            if (found)
              matched++;
          }
        if (na >= 2 && matched == na)
          g_array_index (panel->covered, gboolean, a) = TRUE;
      }
}

/* —— panels ——————————————————————————————————————————————————— */

static const char *
panel_title (BenchTestKind kind)
{
  switch (kind)
    {
    /* Translators: chart panel titles; pp and tg are llama-bench's own names */
    case BENCH_TEST_PP: return _("Prefill (pp)");
    case BENCH_TEST_TG: return _("Generation (tg)");
    case BENCH_TEST_PG: return _("Prefill + generation (pp+tg)");
    default:            return "";
    }
}

static void
panel_free (BenchChartPanelLayout *panel)
{
  label_clear (&panel->title);
  label_clear (&panel->y_title);
  label_clear (&panel->x_title);
  label_clear (&panel->limit_label);
  g_array_unref (panel->y_ticks);
  g_array_unref (panel->x_ticks);
  g_array_unref (panel->bars);
  g_array_unref (panel->points);
  g_array_unref (panel->segments);
  g_array_unref (panel->reference_lines);
  g_array_unref (panel->category_labels);
  g_array_unref (panel->value_labels);
  g_array_unref (panel->legend);
  g_array_unref (panel->covered);
  g_free (panel);
}

static BenchChartPanelLayout *
layout_panel (Ctx             *ctx,
              BenchChartPanel *spec_panel,
              BenchChartRect   frame,
              gboolean         log_scale,
              gboolean         value_labels)
{
  BenchChartPanelLayout *panel = g_new0 (BenchChartPanelLayout, 1);
  double fs = ctx->fs, gap = ctx->gap;
  double y = frame.y, tick_w, y_title_h, bottom_h;

  panel->kind = spec_panel->kind;
  panel->test_kind = spec_panel->test_kind;
  panel->frame = frame;
  panel->x_zero = NAN;
  panel->x_break = NAN;
  panel->y_ticks = g_array_new (FALSE, TRUE, sizeof (BenchChartTick));
  panel->x_ticks = g_array_new (FALSE, TRUE, sizeof (BenchChartTick));
  panel->bars = g_array_new (FALSE, TRUE, sizeof (BenchChartBar));
  panel->points = g_array_new (FALSE, TRUE, sizeof (BenchChartPoint));
  panel->segments = g_array_new (FALSE, TRUE, sizeof (BenchChartSegment));
  panel->reference_lines = g_array_new (FALSE, TRUE, sizeof (BenchChartReferenceLine));
  g_array_set_clear_func (panel->reference_lines, (GDestroyNotify) reference_line_clear);
  panel->category_labels = g_array_new (FALSE, TRUE, sizeof (BenchChartLabel));
  panel->value_labels = g_array_new (FALSE, TRUE, sizeof (BenchChartLabel));
  panel->legend = g_array_new (FALSE, TRUE, sizeof (BenchChartLegendItem));
  panel->covered = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (panel->covered, MAX (spec_panel->series->len, 1));
  g_array_set_clear_func (panel->y_ticks, (GDestroyNotify) tick_clear);
  g_array_set_clear_func (panel->x_ticks, (GDestroyNotify) tick_clear);
  g_array_set_clear_func (panel->category_labels, (GDestroyNotify) label_clear);
  g_array_set_clear_func (panel->value_labels, (GDestroyNotify) label_clear);
  g_array_set_clear_func (panel->legend, (GDestroyNotify) legend_clear);

  panel->title = make_label (spec_panel->title ? spec_panel->title : panel_title (spec_panel->test_kind),
                             fs * 1.05, TRUE, 0);
  y += place_label (ctx, &panel->title, frame.x, y, frame.width) + gap * 0.3;
  y += place_legend (ctx, panel, spec_panel, frame.x, y, frame.width, frame.height * LEGEND_SHARE);
  y += gap * 0.6;

  /* left: rotated axis title and tick labels */
  plan_y_axis (ctx, panel, spec_panel, log_scale, frame.height > fs * 20 ? 6 : 4);
  tick_w = y_ticks_width (ctx, panel);
  panel->y_title = make_label (spec_panel->y_title ? spec_panel->y_title
                                                  : bench_chart_spec_get_y_title (ctx->layout->spec),
                               fs * 0.85, FALSE, 1);
  panel->y_title.vertical = TRUE;
  panel->y_title.muted = TRUE;
  measure (ctx, &panel->y_title, NULL, &y_title_h);

  /* bottom: category names (two lines) or x ticks and the x title */
  if (spec_panel->kind == BENCH_CHART_BARS)
    bottom_h = fs * 0.85 * 1.25 * 2 + gap;
  else
    bottom_h = fs * 0.85 * 1.25 * 2 + gap * 1.2;

  panel->plot = (BenchChartRect) {
    frame.x + y_title_h + gap * 0.4 + tick_w + gap * 0.6,
    y + fs * 0.5,
    0, 0
  };
  panel->plot.width = frame.x + frame.width - panel->plot.x - fs * 0.5;
  panel->plot.height = frame.y + frame.height - bottom_h - panel->plot.y;
  if (panel->plot.width < fs * 4 || panel->plot.height < fs * 3)
    {
      /* too small to draw anything honest */
      panel->plot.width = MAX (panel->plot.width, 1);
      panel->plot.height = MAX (panel->plot.height, 1);
    }

  place_y_ticks (ctx, panel, tick_w);
  panel->reference_y = isfinite (reference_of (ctx)) ? bench_chart_panel_y (panel, reference_of (ctx))
                                                     : NAN;
  panel->y_title.rect = (BenchChartRect) { frame.x, panel->plot.y, y_title_h, panel->plot.height };
  panel->limit_y = NAN;
  if (spec_panel->limit_label != NULL && isfinite (spec_panel->limit))
    {
      double h;

      /* the requirement: a line, its words above it at the right */
      panel->limit_y = bench_chart_panel_y (panel, spec_panel->limit);
      panel->limit_label = make_label (spec_panel->limit_label, fs * 0.8, FALSE, 2);
      panel->limit_label.rect.width = panel->plot.width * 0.6;
      measure (ctx, &panel->limit_label, NULL, &h);
      panel->limit_label.rect = (BenchChartRect) { panel->plot.x + panel->plot.width * 0.4,
                                                   panel->limit_y - h - 2, panel->plot.width * 0.6, h };
    }

  if (spec_panel->kind == BENCH_CHART_BARS)
    layout_bars (ctx, panel, spec_panel, value_labels);
  else
    {
      g_autofree char *x_title = NULL;
      double h;

      layout_lines (ctx, panel, spec_panel);
      if (panel->points->len <= 2000)
        find_covered (ctx, panel);
      if (!panel->log2_x)
        x_title = g_strdup (spec_panel->x_title);
      else if (g_str_has_suffix (spec_panel->x_title, ")"))
        /* Translators: the end of a logarithmic axis' title, "context depth (tokens, log₂ scale)" */
        x_title = g_strdup_printf ("%.*s%s)", (int) strlen (spec_panel->x_title) - 1, spec_panel->x_title,
                                   _(", log₂ scale"));
      else
        /* Translators: an axis title on a logarithmic scale, "threads (log₂ scale)" */
        x_title = g_strdup_printf (_("%s (log₂ scale)"), spec_panel->x_title);
      panel->x_title = make_label (x_title, fs * 0.85, FALSE, 1);
      panel->x_title.muted = TRUE;
      h = fs * 0.85 * 1.25;
      panel->x_title.rect = (BenchChartRect) { panel->plot.x, frame.y + frame.height - h,
                                               panel->plot.width, h };
      measure (ctx, &panel->x_title, NULL, &panel->x_title.rect.height);
    }
  return panel;
}

BenchChartLayout *
bench_chart_layout_new (BenchChartSpec *spec,
                        double          width,
                        double          height,
                        double          scale)
{
  BenchChartLayout *layout = g_new0 (BenchChartLayout, 1);
  PangoContext *context = bench_chart_text_context ();
  Ctx ctx = { .context = context, .layout = layout };
  guint n = bench_chart_spec_get_n_panels (spec);
  double fs, m, top, bottom;
  guint cols, rows;

  layout->width = width;
  layout->height = height;
  layout->spec = bench_chart_spec_ref (spec);
  layout->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);

  /* text grows with the picture: ~22 px at 1920×1080, 13 px at least */
  fs = CLAMP (MIN (width / 1.6, height) * 0.02, 13, 64) * (scale > 0 ? scale : 1);
  layout->font_size = fs;
  ctx.fs = fs;
  ctx.gap = fs * 0.8;
  m = fs * 1.1;

  top = m * 0.8;
  if (bench_chart_spec_get_title (spec) != NULL)
    {
      layout->title = make_label (bench_chart_spec_get_title (spec), fs * 1.6, TRUE, 0);
      top += place_label (&ctx, &layout->title, m, top, width - 2 * m);
    }
  if (bench_chart_spec_get_subtitle (spec) != NULL)
    {
      layout->subtitle = make_label (bench_chart_spec_get_subtitle (spec), fs * 0.95, FALSE, 0);
      layout->subtitle.muted = TRUE;
      /* it says what is shown and what is left out: wrap rather than cut */
      layout->subtitle.max_lines = 2;
      top += fs * 0.15 + place_label (&ctx, &layout->subtitle, m, top + fs * 0.15, width - 2 * m);
    }
  if (layout->title.text || layout->subtitle.text)
    top += fs * 1.1;

  bottom = height - m * 0.8;
  if (bench_chart_spec_get_caption (spec) != NULL)
    {
      double h;
      layout->caption = make_label (bench_chart_spec_get_caption (spec), fs * 0.8, FALSE, 0);
      layout->caption.muted = TRUE;
      layout->caption.rect.width = width - 2 * m;
      measure (&ctx, &layout->caption, NULL, &h);
      bottom -= h;
      layout->caption.rect = (BenchChartRect) { m, bottom, width - 2 * m, h };
      bottom -= fs * 0.8;
    }

  /* Panels side by side in landscape, stacked when narrow. */
  cols = n;
  if (n > 1 && (width - 2 * m) / n < fs * 16)
    cols = 1;
  rows = n ? (n + cols - 1) / cols : 0;
  for (guint i = 0; i < n; i++)
    {
      double pw = (width - 2 * m - (cols - 1) * fs * 2) / cols;
      double ph = (bottom - top - (rows - 1) * fs * 1.5) / MAX (rows, 1);
      BenchChartRect frame = {
        m + (i % cols) * (pw + fs * 2),
        top + (i / cols) * (ph + fs * 1.5),
        pw, ph
      };
      g_ptr_array_add (layout->panels,
                       layout_panel (&ctx, bench_chart_spec_get_panel (spec, i), frame,
                                     bench_chart_spec_get_log_scale (spec),
                                     bench_chart_spec_get_value_labels (spec)));
    }
  /* how much taller the picture must be for every plot to stay readable */
  layout->min_height = height;
  for (guint r = 0; r < rows; r++)
    {
      double deficit = 0;

      for (guint i = r * cols; i < MIN (n, (r + 1) * cols); i++)
        {
          BenchChartPanelLayout *panel = g_ptr_array_index (layout->panels, i);
          deficit = MAX (deficit, MAX (160, fs * 8) - panel->plot.height);
        }
      layout->min_height += MAX (0, deficit);
    }
  g_object_unref (context);
  return layout;
}

void
bench_chart_layout_free (BenchChartLayout *layout)
{
  if (layout == NULL)
    return;
  label_clear (&layout->title);
  label_clear (&layout->subtitle);
  label_clear (&layout->caption);
  g_ptr_array_unref (layout->panels);
  bench_chart_spec_unref (layout->spec);
  g_free (layout);
}

gboolean
bench_chart_layout_hit_mark (BenchChartLayout             *layout,
                             double                        x,
                             double                        y,
                             const BenchChartPanelLayout **out_panel,
                             guint                        *out_index,
                             gboolean                     *out_is_point)
{
  double reach = MAX (8, layout->font_size * 0.6);

  for (guint p = 0; p < layout->panels->len; p++)
    {
      BenchChartPanelLayout *panel = g_ptr_array_index (layout->panels, p);
      double best_d = reach;
      guint best = G_MAXUINT;

      for (guint i = 0; i < panel->bars->len; i++)
        {
          BenchChartBar *bar = &g_array_index (panel->bars, BenchChartBar, i);
          double pad = MAX (0, (6 - bar->rect.width) / 2);
          double top = MIN (bar->rect.y, bar->whisker_top) - 4;
          double bottom = MAX (bar->rect.y + bar->rect.height, bar->whisker_bottom) + 4;

          if (x >= bar->rect.x - pad && x <= bar->rect.x + bar->rect.width + pad &&
              y >= top && y <= bottom)
            {
              *out_panel = panel;
              *out_index = i;
              *out_is_point = FALSE;
              return TRUE;
            }
        }
      for (guint i = 0; i < panel->points->len; i++)
        {
          BenchChartPoint *point = &g_array_index (panel->points, BenchChartPoint, i);
          double d = hypot (x - point->x, y - point->y);
          if (d < best_d)
            {
              best_d = d;
              best = i;
            }
        }
      if (best != G_MAXUINT)
        {
          *out_panel = panel;
          *out_index = best;
          *out_is_point = TRUE;
          return TRUE;
        }
    }
  return FALSE;
}

BenchResult *
bench_chart_layout_hit (BenchChartLayout *layout,
                        double            x,
                        double            y)
{
  const BenchChartPanelLayout *panel;
  guint index;
  gboolean is_point;

  if (!bench_chart_layout_hit_mark (layout, x, y, &panel, &index, &is_point))
    return NULL;
  if (is_point)
    return g_array_index (panel->points, BenchChartPoint, index).result;
  return g_array_index (panel->bars, BenchChartBar, index).result;
}
