/* bench-chart-paint.c — the painter: layout geometry to cairo. Nothing is
 * measured or decided here; it draws what the layout says. */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "bench-chart-paint.h"
#include "bench-chart-text.h"

static void
set_color (cairo_t         *cr,
           const BenchRgba *c,
           double           alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static void
draw_label (cairo_t               *cr,
            const BenchChartTheme *theme,
            const BenchChartLabel *label)
{
  PangoContext *context;
  g_autoptr (PangoLayout) layout = NULL;

  if (label->text == NULL || *label->text == '\0')
    return;
  context = pango_cairo_create_context (cr);
  bench_chart_text_setup (context);
  layout = bench_chart_text_layout (context, label, theme->font_family);
  g_object_unref (context);

  set_color (cr, label->muted ? &theme->muted : &theme->text, 1);
  cairo_save (cr);
  if (label->vertical)
    {
      /* the box's left edge holds the text, read bottom to top */
      cairo_translate (cr, label->rect.x, label->rect.y + label->rect.height);
      cairo_rotate (cr, -G_PI / 2);
    }
  else
    cairo_move_to (cr, label->rect.x, label->rect.y);
  if (label->vertical)
    cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* Beyond the palette's 8 colours a series differs by its dashes and
 * marker shape (lines) or hatching (bars): (colour, variant) is unique
 * for the first 128 series, and never a repeated look among them. */
static guint
variant_of (guint series)
{
  return series / BENCH_CHART_PALETTE_SIZE;
}

static void
set_series_dash (cairo_t *cr,
                 guint    series,
                 double   w)
{
  static const double patterns[4][4] = {
    { 0 }, { 4, 2.5 }, { 1, 2 }, { 5, 2, 1, 2 },
  };
  static const int lengths[4] = { 0, 2, 2, 4 };
  guint d = variant_of (series) % 4;
  double dashes[4];

  for (int i = 0; i < lengths[d]; i++)
    dashes[i] = patterns[d][i] * w;
  cairo_set_dash (cr, dashes, lengths[d], 0);
}

/* circle, square, triangle, diamond */
static void
marker_path (cairo_t *cr,
             guint    series,
             double   x,
             double   y,
             double   r)
{
  guint v = variant_of (series);
  guint shape = (v % 4 + v / 4) % 4;

  cairo_new_sub_path (cr);
  switch (shape)
    {
    case 1:
      cairo_rectangle (cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
      break;
    case 2:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      break;
    case 3:
      cairo_move_to (cr, x, y - r * 1.25);
      cairo_line_to (cr, x + r * 1.1, y);
      cairo_line_to (cr, x, y + r * 1.25);
      cairo_line_to (cr, x - r * 1.1, y);
      cairo_close_path (cr);
      break;
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

/* hatching over a bar of a series past the palette: none, /, \\, — */
static void
hatch (cairo_t               *cr,
       const BenchChartTheme *theme,
       const BenchChartRect  *rect,
       guint                  series,
       double                 fs)
{
  guint kind = variant_of (series) % 4;
  double step = MAX (3, fs * 0.35);
  const BenchRgba *over = theme->background.a > 0 ? &theme->background : &theme->text;

  if (kind == 0 || rect->width < 3 || rect->height < 1)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  set_color (cr, over, 0.7);
  cairo_set_line_width (cr, MAX (1, fs * 0.07));
  for (double d = -rect->height; d < rect->width + rect->height; d += step)
    {
      if (kind == 1)
        {
          cairo_move_to (cr, rect->x + d, rect->y + rect->height);
          cairo_line_to (cr, rect->x + d + rect->height, rect->y);
        }
      else if (kind == 2)
        {
          cairo_move_to (cr, rect->x + d, rect->y);
          cairo_line_to (cr, rect->x + d + rect->height, rect->y + rect->height);
        }
      else if (d >= 0 && d <= rect->height)
        {
          cairo_move_to (cr, rect->x, rect->y + d);
          cairo_line_to (cr, rect->x + rect->width, rect->y + d);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The whisker of a bar a few pixels wide: a line and caps of whole
 * pixels, filled as boxes (a thousand strokes cost more than the bars). */
static void
draw_narrow_whisker (cairo_t *cr,
                     double   x,
                     double   top,
                     double   bottom,
                     double   w)
{
  double left = round (x - w / 2), t = round (top), b = round (bottom);

  if (b - t < 1)
    return;
  cairo_rectangle (cr, left, t, w, b - t);
  cairo_rectangle (cr, left - w, t, 3 * w, w);
  cairo_rectangle (cr, left - w, b - w, 3 * w, w);
  cairo_fill (cr);
}

static void
draw_whisker (cairo_t *cr,
              double   x,
              double   top,
              double   bottom,
              double   cap)
{
  if (bottom - top < 0.5)
    return;
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, bottom);
  cairo_move_to (cr, x - cap / 2, top);
  cairo_line_to (cr, x + cap / 2, top);
  cairo_move_to (cr, x - cap / 2, bottom);
  cairo_line_to (cr, x + cap / 2, bottom);
  cairo_stroke (cr);
}

static void
draw_panel (cairo_t                     *cr,
            const BenchChartTheme       *theme,
            const BenchChartPanelLayout *panel,
            double                       fs,
            BenchResult                 *highlight)
{
  const BenchChartRect *plot = &panel->plot;
  double base = plot->y + plot->height;

  draw_label (cr, theme, &panel->title);

  /* grid and value axis */
  cairo_set_line_width (cr, MAX (1, fs * 0.05));
  for (guint i = 0; i < panel->y_ticks->len; i++)
    {
      const BenchChartTick *tick = &g_array_index (panel->y_ticks, BenchChartTick, i);
      set_color (cr, &theme->grid, 1);
      cairo_move_to (cr, plot->x, round (tick->position) + 0.5);
      cairo_line_to (cr, plot->x + plot->width, round (tick->position) + 0.5);
      cairo_stroke (cr);
      draw_label (cr, theme, &tick->label);
    }
  draw_label (cr, theme, &panel->y_title);

  set_color (cr, &theme->axis, 1);
  cairo_set_line_width (cr, MAX (1, fs * 0.07));
  if (isfinite (panel->x_break))
    {
      /* a break in the axis: 0 stands apart from the log₂ scale */
      double half = fs * 0.25;

      cairo_move_to (cr, plot->x, base);
      cairo_line_to (cr, panel->x_break - half, base);
      cairo_move_to (cr, panel->x_break + half, base);
      cairo_line_to (cr, plot->x + plot->width, base);
      for (int k = -1; k <= 1; k += 2)
        {
          cairo_move_to (cr, panel->x_break + k * half - half * 0.6, base + half * 1.2);
          cairo_line_to (cr, panel->x_break + k * half + half * 0.6, base - half * 1.2);
        }
    }
  else
    {
      cairo_move_to (cr, plot->x, base);
      cairo_line_to (cr, plot->x + plot->width, base);
    }
  cairo_stroke (cr);

  /* bars, then their whiskers over them */
  for (guint i = 0; i < panel->bars->len; i++)
    {
      const BenchChartBar *bar = &g_array_index (panel->bars, BenchChartBar, i);
      const BenchRgba *color = bar->tone == BENCH_CHART_TONE_FASTER ? &theme->faster
                               : bar->tone == BENCH_CHART_TONE_SLOWER ? &theme->slower
                               : bar->tone == BENCH_CHART_TONE_NEUTRAL ? &theme->neutral
                               : bench_chart_theme_series (theme, bar->series);
      gboolean hot = highlight != NULL && bar->result == highlight;
      double r = MIN (bar->rect.width * 0.15, fs * 0.2);

      double x0 = bar->rect.x, x1 = bar->rect.x + bar->rect.width;
      double y0 = bar->rect.y, y1 = bar->rect.y + bar->rect.height;

      set_color (cr, color, hot ? 1.0 : highlight ? 0.55 : 0.92);
      r = MIN (r, bar->rect.height / 2);
      /* rounded corners at the value's end: the top, or the bottom of a
       * bar hanging down from the reference line; below half a pixel of
       * rounding (a hundred bars and more) a plain rectangle looks the same
       * and rasterizes faster */
      cairo_new_sub_path (cr);
      if (r < 0.5)
        {
          /* on whole pixels: crisp at that density, and cairo fills
           * pixel-aligned boxes without rasterizing them */
          double left = round (x0), top = round (y0);
          cairo_rectangle (cr, left, top, MAX (1, round (x1) - left), round (y1) - top);
        }
      else if (isfinite (panel->reference_y) && y0 >= panel->reference_y - 0.5)
        {
          cairo_move_to (cr, x0, y0);
          cairo_line_to (cr, x1, y0);
          cairo_arc (cr, x1 - r, y1 - r, r, 0, 0.5 * G_PI);
          cairo_arc (cr, x0 + r, y1 - r, r, 0.5 * G_PI, G_PI);
        }
      else
        {
          cairo_move_to (cr, x0, y1);
          cairo_line_to (cr, x0, y0 + r);
          cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 1.5 * G_PI);
          cairo_arc (cr, x1 - r, y0 + r, r, 1.5 * G_PI, 2 * G_PI);
          cairo_line_to (cr, x1, y1);
        }
      cairo_close_path (cr);
      cairo_fill_preserve (cr);
      if (variant_of (bar->series) > 0)
        {
          cairo_new_path (cr);
          hatch (cr, theme, &bar->rect, bar->series, fs);
        }
      if (hot)
        {
          set_color (cr, &theme->text, 1);
          cairo_set_line_width (cr, MAX (1.5, fs * 0.1));
          cairo_stroke (cr);
        }
      else
        cairo_new_path (cr);
    }
  if (isfinite (panel->reference_y))
    {
      /* the reference line (speedup 1.0): no change */
      set_color (cr, &theme->text, 0.8);
      cairo_set_line_width (cr, MAX (1.2, fs * 0.09));
      cairo_move_to (cr, plot->x, panel->reference_y);
      cairo_line_to (cr, plot->x + plot->width, panel->reference_y);
      cairo_stroke (cr);
    }
  if (isfinite (panel->limit_y))
    {
      /* a requirement: dashed, in the text colour */
      double dash = MAX (3, fs * 0.35);

      set_color (cr, &theme->text, 0.75);
      cairo_set_line_width (cr, MAX (1.2, fs * 0.09));
      cairo_set_dash (cr, &dash, 1, 0);
      cairo_move_to (cr, plot->x, panel->limit_y);
      cairo_line_to (cr, plot->x + plot->width, panel->limit_y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  set_color (cr, &theme->whisker, 1);
  cairo_set_line_width (cr, MAX (1, fs * 0.08));
  for (guint i = 0; i < panel->bars->len; i++)
    {
      const BenchChartBar *bar = &g_array_index (panel->bars, BenchChartBar, i);

      if (bar->rect.width < 4)
        draw_narrow_whisker (cr, bar->center_x, bar->whisker_top, bar->whisker_bottom,
                             MAX (1, round (fs * 0.08)));
      else
        draw_whisker (cr, bar->center_x, bar->whisker_top, bar->whisker_bottom,
                      CLAMP (bar->rect.width * 0.45, 3, fs * 0.9));
    }
  for (guint i = 0; i < panel->value_labels->len; i++)
    draw_label (cr, theme, &g_array_index (panel->value_labels, BenchChartLabel, i));
  if (isfinite (panel->limit_y) && panel->limit_label.text != NULL)
    draw_label (cr, theme, &panel->limit_label);
  for (guint i = 0; i < panel->category_labels->len; i++)
    draw_label (cr, theme, &g_array_index (panel->category_labels, BenchChartLabel, i));

  /* lines: x ticks, segments, whiskers, points */
  if (panel->kind == BENCH_CHART_LINES)
    {
      cairo_set_line_width (cr, MAX (1, fs * 0.05));
      for (guint i = 0; i < panel->x_ticks->len; i++)
        {
          const BenchChartTick *tick = &g_array_index (panel->x_ticks, BenchChartTick, i);
          set_color (cr, &theme->grid, 1);
          cairo_move_to (cr, round (tick->position) + 0.5, plot->y);
          cairo_line_to (cr, round (tick->position) + 0.5, base);
          cairo_stroke (cr);
          set_color (cr, &theme->axis, 1);
          cairo_move_to (cr, tick->position, base);
          cairo_line_to (cr, tick->position, base + fs * 0.3);
          cairo_stroke (cr);
          draw_label (cr, theme, &tick->label);
        }
      draw_label (cr, theme, &panel->x_title);

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, MAX (1.5, fs * 0.13));
      for (guint i = 0; i < panel->segments->len; i++)
        {
          const BenchChartSegment *seg = &g_array_index (panel->segments, BenchChartSegment, i);
          gboolean covered = seg->series < panel->covered->len &&
                             g_array_index (panel->covered, gboolean, seg->series);
          double lw = MAX (1.5, fs * 0.13);

          set_color (cr, bench_chart_theme_series (theme, seg->series), covered ? 0.55 : 0.95);
          cairo_move_to (cr, seg->x1, seg->y1);
          cairo_line_to (cr, seg->x2, seg->y2);
          /* a line another lies on is drawn wide under it: both show */
          cairo_set_line_width (cr, covered ? lw * 2.8 : lw);
          set_series_dash (cr, seg->series, lw);
          if (seg->across_break)
            {
              /* over the axis break the distance means nothing: thin, dotted */
              double dots[] = { fs * 0.15, fs * 0.3 };
              cairo_save (cr);
              cairo_set_line_width (cr, MAX (1, fs * 0.07));
              cairo_set_dash (cr, dots, 2, 0);
              cairo_stroke (cr);
              cairo_restore (cr);
            }
          else
            cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      /* rooflines: dashed, in their series' colour, under the points */
      for (guint i = 0; i < panel->reference_lines->len; i++)
        {
          const BenchChartReferenceLine *line = &g_array_index (panel->reference_lines, BenchChartReferenceLine, i);
          double dash[] = { fs * 0.5, fs * 0.35 };

          cairo_save (cr);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          cairo_set_line_width (cr, MAX (1.2, fs * 0.09));
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          set_color (cr, line->shared ? &theme->muted : bench_chart_theme_series (theme, line->series), 0.8);
          for (guint k = 0; k < line->segments->len; k++)
            {
              const BenchChartSegment *seg = &g_array_index (line->segments, BenchChartSegment, k);
              if (k == 0)
                cairo_move_to (cr, seg->x1, seg->y1);
              cairo_line_to (cr, seg->x2, seg->y2);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
          draw_label (cr, theme, &line->label);
        }
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      for (guint i = 0; i < panel->points->len; i++)
        {
          const BenchChartPoint *pt = &g_array_index (panel->points, BenchChartPoint, i);
          const BenchRgba *color = bench_chart_theme_series (theme, pt->series);
          gboolean hot = highlight != NULL && pt->result == highlight;

          set_color (cr, color, 1);
          cairo_set_line_width (cr, MAX (1, fs * 0.07));
          draw_whisker (cr, pt->x, pt->whisker_top, pt->whisker_bottom, fs * 0.6);
          marker_path (cr, pt->series, pt->x, pt->y,
                       fs * (hot ? 0.42 : pt->series < panel->covered->len &&
                                          g_array_index (panel->covered, gboolean, pt->series) ? 0.45 : 0.28));
          cairo_fill_preserve (cr);
          set_color (cr, &theme->background, theme->background.a > 0 ? 1 : 0);
          cairo_set_line_width (cr, MAX (1, fs * 0.06));
          cairo_stroke (cr);
        }
    }

  for (guint i = 0; i < panel->legend->len; i++)
    {
      const BenchChartLegendItem *item = &g_array_index (panel->legend, BenchChartLegendItem, i);
      const BenchChartRect *sw = &item->swatch;

      set_color (cr, bench_chart_theme_series (theme, item->series), 1);
      if (panel->kind == BENCH_CHART_LINES)
        {
          /* the line's dashes and marker, as drawn */
          double lw = MAX (1.5, fs * 0.13), cy = sw->y + sw->height / 2;

          cairo_set_line_width (cr, lw);
          set_series_dash (cr, item->series, lw);
          cairo_move_to (cr, sw->x, cy);
          cairo_line_to (cr, sw->x + sw->width, cy);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          marker_path (cr, item->series, sw->x + sw->width / 2, cy, sw->height * 0.42);
          cairo_fill (cr);
        }
      else
        {
          BenchChartRect box = { sw->x, sw->y, sw->height * 1.4, sw->height };

          cairo_rectangle (cr, box.x, box.y, box.width, box.height);
          cairo_fill (cr);
          hatch (cr, theme, &box, item->series, fs * 0.7);
        }
      draw_label (cr, theme, &item->label);
    }
}

void
bench_chart_paint (BenchChartLayout      *layout,
                   const BenchChartTheme *theme,
                   cairo_t               *cr,
                   BenchResult           *highlight)
{
  cairo_save (cr);
  if (theme->background.a > 0)
    {
      set_color (cr, &theme->background, 1);
      cairo_rectangle (cr, 0, 0, layout->width, layout->height);
      cairo_fill (cr);
    }
  draw_label (cr, theme, &layout->title);
  draw_label (cr, theme, &layout->subtitle);
  draw_label (cr, theme, &layout->caption);
  for (guint i = 0; i < layout->panels->len; i++)
    draw_panel (cr, theme, g_ptr_array_index (layout->panels, i), layout->font_size, highlight);
  cairo_restore (cr);
}
