/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-text.c — pango layouts for chart labels. */
#include "config.h"

#include "bench-chart-text.h"

#define FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, sans-serif"

void
bench_chart_text_setup (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: the same widths on screen, in PNG, SVG and PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
}

PangoContext *
bench_chart_text_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);

  bench_chart_text_setup (context);
  return context;
}

PangoLayout *
bench_chart_text_layout (PangoContext          *context,
                         const BenchChartLabel *label,
                         const char            *family)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (family ? family : FONT_FAMILY);
  double width = label->vertical ? label->rect.height : label->rect.width;

  pango_font_description_set_absolute_size (font, MAX (label->size, 1) * PANGO_SCALE);
  pango_font_description_set_weight (font, label->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_text (layout, label->text ? label->text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, label->middle ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -MAX (label->max_lines, 1));
    }
  pango_layout_set_alignment (layout, label->align == 1 ? PANGO_ALIGN_CENTER
                                      : label->align == 2 ? PANGO_ALIGN_RIGHT
                                                          : PANGO_ALIGN_LEFT);
  return layout;
}
