/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window.h — the main window: sources, loading, the three views. */
#pragma once

#include <adwaita.h>

#include "bench-application.h"
#include "bench-dataset.h"
#include "bench-group-page.h"
#include "bench-session.h"
#include "bench-scenario-page.h"

G_BEGIN_DECLS

#define BENCH_TYPE_WINDOW (bench_window_get_type ())
G_DECLARE_FINAL_TYPE (BenchWindow, bench_window, BENCH, WINDOW, AdwApplicationWindow)

BenchWindow    *bench_window_new           (BenchApplication *application);

/* The paths a drop, the Open dialog and the command line take. Files may be
 * folders: every result file inside is read. */
void            bench_window_load_files    (BenchWindow  *self,
                                            GFile       **files,
                                            guint         n_files);
/* The path a paste takes. */
void            bench_window_load_text     (BenchWindow  *self,
                                            const char   *text);
/* Reopens the files that were open last time, if nothing is loaded. */
void            bench_window_restore_files (BenchWindow  *self);

BenchDataset   *bench_window_get_dataset   (BenchWindow  *self);
BenchSession   *bench_window_get_session   (BenchWindow  *self);
BenchGroupPage *bench_window_get_page      (BenchWindow   *self,
                                            BenchGroupKind kind);
void            bench_window_show_view     (BenchWindow   *self,
                                            BenchGroupKind kind);
BenchScenarioPage *bench_window_get_scenario_page (BenchWindow *self);
void            bench_window_show_scenario (BenchWindow  *self);
/* TRUE while a load runs */
gboolean        bench_window_is_loading    (BenchWindow  *self);

G_END_DECLS
