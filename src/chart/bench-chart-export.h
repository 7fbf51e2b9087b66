/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-export.h — charts to PNG, SVG and PDF files, written
 * atomically (a temporary file in the same folder, renamed when complete). */
#pragma once

#include <gio/gio.h>

#include "bench-chart-spec.h"
#include "bench-chart-theme.h"

G_BEGIN_DECLS

#define BENCH_CHART_EXPORT_ERROR (bench_chart_export_error_quark ())

typedef enum
{
  BENCH_CHART_EXPORT_ERROR_FORMAT,
  BENCH_CHART_EXPORT_ERROR_WRITE,
} BenchChartExportError;

GQuark   bench_chart_export_error_quark (void);

/* "png", "svg" or "pdf" from the file name; NULL when it is none of them */
const char *bench_chart_export_format_for_path (const char *path);

/* @width × @height in pixels (PNG, then multiplied by @scale) or points
 * (SVG, PDF); the format comes from @path's extension. */
gboolean bench_chart_export_file (BenchChartSpec   *spec,
                                  const char       *path,
                                  int               width,
                                  int               height,
                                  double            scale,
                                  BenchChartStyle   style,
                                  GError          **error);

G_END_DECLS
