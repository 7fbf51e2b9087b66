/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-export-dialog.h — exporting a chart for slides: format, size,
 * scale, style, title, subtitle and caption, with a live preview. */
#pragma once

#include <adwaita.h>

#include "bench-chart-spec.h"
#include "bench-chart-theme.h"

G_BEGIN_DECLS

#define BENCH_TYPE_EXPORT_DIALOG (bench_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BenchExportDialog, bench_export_dialog, BENCH, EXPORT_DIALOG, AdwWindow)

/* Shows the dialog for a copy of @spec (the window's chart is not changed),
 * with the last export's style, size, scale (GSettings). */
BenchExportDialog *bench_export_dialog_present (GtkWindow      *parent,
                                                BenchChartSpec *spec);
/* what the dialog would write */
BenchChartStyle    bench_export_dialog_get_style (BenchExportDialog *self);
void               bench_export_dialog_get_size  (BenchExportDialog *self,
                                                  int               *width,
                                                  int               *height,
                                                  int               *scale);
/* The folder the file chooser opens in: the last export's, else the
 * user's Pictures folder, never the working directory. */
GFile             *bench_export_dialog_dup_folder (GSettings        *settings);

G_END_DECLS
