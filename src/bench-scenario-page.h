/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scenario-page.h — the Scenario view: a workload and requirements,
 * and for every model × machine × settings loaded the time to first token,
 * generation speed, total time, whether it fits and meets them, ranked, as
 * a chart and a table. */
#pragma once

#include <gtk/gtk.h>

#include "bench-dataset.h"
#include "bench-scenario.h"

G_BEGIN_DECLS

typedef enum
{
  BENCH_SCENARIO_PRESET_CHAT,
  BENCH_SCENARIO_PRESET_CODING_AGENT,
  BENCH_SCENARIO_PRESET_LONG_DOCUMENT,
  BENCH_SCENARIO_PRESET_CUSTOM,
} BenchScenarioPreset;

#define BENCH_TYPE_SCENARIO_PAGE (bench_scenario_page_get_type ())
G_DECLARE_FINAL_TYPE (BenchScenarioPage, bench_scenario_page, BENCH, SCENARIO_PAGE, GtkWidget)

/* @settings keeps the budgets entered per machine */
GtkWidget   *bench_scenario_page_new        (BenchDataset *dataset,
                                             GSettings    *settings);
void         bench_scenario_page_set_preset (BenchScenarioPage   *self,
                                             BenchScenarioPreset  preset);
/* the field for "prompt", "answer", "depth", "context", "min-tg",
 * "max-ttft", "memory" or "gpu-memory" */
GtkSpinButton *bench_scenario_page_get_field (BenchScenarioPage *self,
                                              const char        *name);
/* Reads model files and registers them for their KV cache size; FALSE
 * with @error for the first that is not a readable GGUF. */
gboolean     bench_scenario_page_add_model_files (BenchScenarioPage  *self,
                                                  GFile             **files,
                                                  guint               n_files,
                                                  GError            **error);
/* the ranked predictions shown (BenchScenarioPrediction) */
GPtrArray   *bench_scenario_page_get_ranked (BenchScenarioPage *self);
GtkWidget   *bench_scenario_page_get_chart  (BenchScenarioPage *self);
/* "Budget for": every machine, then each machine of the results */
GtkDropDown *bench_scenario_page_get_machine_chooser (BenchScenarioPage *self);
const char  *bench_scenario_page_get_summary (BenchScenarioPage *self);
/* this machine's memory, GB (NAN when unknown) */
double       bench_scenario_system_memory_gb (void);

G_END_DECLS
