/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-paint.h — draws a chart layout on any cairo_t. */
#pragma once

#include <cairo.h>

#include "bench-chart-layout.h"
#include "bench-chart-theme.h"

G_BEGIN_DECLS

/* @highlight: a result to draw highlighted (hover), or NULL */
void bench_chart_paint (BenchChartLayout      *layout,
                        const BenchChartTheme *theme,
                        cairo_t               *cr,
                        BenchResult           *highlight);

G_END_DECLS
