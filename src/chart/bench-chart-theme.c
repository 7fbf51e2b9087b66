/* bench-chart-theme.c — chart colours. The palette is Okabe & Ito's,
 * ordered for contrast on each background: yellow is left out on white. */
#include "config.h"

#include <string.h>

#include "bench-chart-theme.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

static const BenchRgba light_palette[] = {
  RGB (0x0072B2), RGB (0xE69F00), RGB (0x009E73), RGB (0xD55E00),
  RGB (0x56B4E9), RGB (0xCC79A7), RGB (0x000000), RGB (0x8C8C8C),
};

static const BenchRgba dark_palette[] = {
  RGB (0x56B4E9), RGB (0xE69F00), RGB (0x009E73), RGB (0xF0E442),
  RGB (0xD55E00), RGB (0xCC79A7), RGB (0x0072B2), RGB (0xBDBDBD),
};

BenchChartTheme *
bench_chart_theme_new (BenchChartStyle style)
{
  BenchChartTheme *theme = g_new0 (BenchChartTheme, 1);
  gboolean dark = style == BENCH_CHART_STYLE_DARK || style == BENCH_CHART_STYLE_TRANSPARENT_DARK;

  theme->style = style;
  theme->font_family = "Cantarell, Noto Sans, DejaVu Sans, sans-serif";
  if (dark)
    {
      theme->background = style == BENCH_CHART_STYLE_TRANSPARENT_DARK
                            ? (BenchRgba) { 0.118, 0.118, 0.129, 0 }
                            : (BenchRgba) { 0.118, 0.118, 0.129, 1.0 };
      theme->text = (BenchRgba) { 0.96, 0.96, 0.96, 1.0 };
      theme->muted = (BenchRgba) { 0.72, 0.72, 0.74, 1.0 };
      theme->grid = (BenchRgba) { 1, 1, 1, 0.10 };
      theme->axis = (BenchRgba) { 1, 1, 1, 0.45 };
      theme->whisker = (BenchRgba) { 0.96, 0.96, 0.96, 0.85 };
      memcpy (theme->palette, dark_palette, sizeof dark_palette);
      theme->neutral = (BenchRgba) { 0.55, 0.55, 0.58, 1.0 };
    }
  else
    {
      theme->background = style == BENCH_CHART_STYLE_TRANSPARENT
                            ? (BenchRgba) { 1, 1, 1, 0 }
                            : (BenchRgba) { 1, 1, 1, 1 };
      theme->text = (BenchRgba) { 0.14, 0.12, 0.19, 1.0 };
      theme->muted = (BenchRgba) { 0.38, 0.37, 0.42, 1.0 };
      theme->grid = (BenchRgba) { 0, 0, 0, 0.09 };
      theme->axis = (BenchRgba) { 0, 0, 0, 0.45 };
      theme->whisker = (BenchRgba) { 0.10, 0.10, 0.12, 0.85 };
      memcpy (theme->palette, light_palette, sizeof light_palette);
      theme->neutral = (BenchRgba) { 0.62, 0.62, 0.64, 1.0 };
    }
  /* Okabe & Ito's bluish green and vermillion: told apart by colour-blind eyes too */
  theme->faster = (BenchRgba) RGB (0x009E73);
  theme->slower = (BenchRgba) RGB (0xD55E00);
  return theme;
}

void
bench_chart_theme_free (BenchChartTheme *theme)
{
  g_free (theme);
}

const BenchRgba *
bench_chart_theme_series (const BenchChartTheme *theme,
                          guint                  series)
{
  return &theme->palette[series % BENCH_CHART_PALETTE_SIZE];
}

gboolean
bench_chart_style_from_string (const char      *text,
                               BenchChartStyle *style)
{
  if (g_strcmp0 (text, "light") == 0)
    *style = BENCH_CHART_STYLE_LIGHT;
  else if (g_strcmp0 (text, "dark") == 0)
    *style = BENCH_CHART_STYLE_DARK;
  else if (g_strcmp0 (text, "transparent") == 0)
    *style = BENCH_CHART_STYLE_TRANSPARENT;
  else if (g_strcmp0 (text, "transparent-dark") == 0)
    *style = BENCH_CHART_STYLE_TRANSPARENT_DARK;
  else
    return FALSE;
  return TRUE;
}

const char *
bench_chart_style_to_string (BenchChartStyle style)
{
  switch (style)
    {
    case BENCH_CHART_STYLE_DARK:             return "dark";
    case BENCH_CHART_STYLE_TRANSPARENT:      return "transparent";
    case BENCH_CHART_STYLE_TRANSPARENT_DARK: return "transparent-dark";
    case BENCH_CHART_STYLE_LIGHT:
    default:                                 return "light";
    }
}
