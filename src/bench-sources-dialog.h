/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-sources-dialog.h — the sources list: every file and paste of a
 * session, whether it loaded, what it holds, and what went wrong where. */
#pragma once

#include <adwaita.h>

#include "bench-session.h"

G_BEGIN_DECLS

#define BENCH_TYPE_SOURCES_DIALOG (bench_sources_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BenchSourcesDialog, bench_sources_dialog, BENCH, SOURCES_DIALOG, AdwWindow)

BenchSourcesDialog *bench_sources_dialog_new      (GtkWindow          *parent,
                                                   BenchSession       *session);
/* The list box of entries, one row per entry (for tests) */
GtkListBox         *bench_sources_dialog_get_list (BenchSourcesDialog *self);

G_END_DECLS
