/* bench-export-dialog.h — exporting a chart for slides: format, size,
 * scale, style, title, subtitle and caption, with a live preview. */
#pragma once

#include <adwaita.h>

#include "bench-chart-spec.h"

G_BEGIN_DECLS

#define BENCH_TYPE_EXPORT_DIALOG (bench_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BenchExportDialog, bench_export_dialog, BENCH, EXPORT_DIALOG, AdwWindow)

/* Shows the dialog for a copy of @spec (the window's chart is not changed). */
void bench_export_dialog_present (GtkWindow      *parent,
                                  BenchChartSpec *spec);

G_END_DECLS
