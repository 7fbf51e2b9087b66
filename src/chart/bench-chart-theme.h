/* bench-chart-theme.h — colours and type of a chart: light, dark or
 * transparent, with a colour-blind-safe palette (Okabe & Ito). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BENCH_CHART_STYLE_LIGHT,
  BENCH_CHART_STYLE_DARK,
  BENCH_CHART_STYLE_TRANSPARENT,       /* no background, dark text: for light slides */
  BENCH_CHART_STYLE_TRANSPARENT_DARK,  /* no background, light text: for dark slides */
} BenchChartStyle;

typedef struct
{
  double r, g, b, a;
} BenchRgba;

#define BENCH_CHART_PALETTE_SIZE 8

typedef struct
{
  BenchChartStyle style;
  BenchRgba       background;
  BenchRgba       text;
  BenchRgba       muted;
  BenchRgba       grid;
  BenchRgba       axis;
  BenchRgba       whisker;
  BenchRgba       faster;     /* a comparison's verdicts */
  BenchRgba       slower;
  BenchRgba       neutral;
  BenchRgba       palette[BENCH_CHART_PALETTE_SIZE];
  const char     *font_family;
} BenchChartTheme;

BenchChartTheme *bench_chart_theme_new        (BenchChartStyle  style);
void             bench_chart_theme_free       (BenchChartTheme *theme);
const BenchRgba *bench_chart_theme_series     (const BenchChartTheme *theme,
                                               guint                  series);
/* "light", "dark", "transparent" or "transparent-dark" */
gboolean         bench_chart_style_from_string (const char      *text,
                                                BenchChartStyle *style);
const char      *bench_chart_style_to_string   (BenchChartStyle  style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchChartTheme, bench_chart_theme_free)

G_END_DECLS
