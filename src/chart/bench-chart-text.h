/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-text.h — text as the layout measures it and the painter
 * draws it: one function makes the pango layout for both, so a label never
 * comes out wider on paper than it was measured. Private to src/chart. */
#pragma once

#include <pango/pangocairo.h>

#include "bench-chart-layout.h"

G_BEGIN_DECLS

/* A context for measuring, with the font options painting uses. */
PangoContext *bench_chart_text_context     (void);
/* Applies the same options to a context made from a cairo_t. */
void          bench_chart_text_setup       (PangoContext          *context);
PangoLayout  *bench_chart_text_layout      (PangoContext          *context,
                                            const BenchChartLabel *label,
                                            const char            *family);

G_END_DECLS
