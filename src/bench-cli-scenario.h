/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-cli-scenario.h — `benchtop --scenario=…` and `--scenario-check`:
 * predictions for a workload as markdown or JSON Lines, and the
 * leave-one-out errors of those predictions. Core and chart only. */
#pragma once

#include <glib.h>

#include "bench-chart-spec.h"
#include "bench-scenario.h"

G_BEGIN_DECLS

/* "prompt=20000,answer=1000,depth=0,context=65536,min-tg=15,max-ttft=30,
 * memory=96,gpu-memory=24" */
gboolean bench_cli_scenario_parse (const char         *text,
                                   BenchWorkload      *workload,
                                   BenchRequirements  *requirements,
                                   GError            **error);

/* Prints the ranked table (markdown, or one JSON object per line with
 * @json); with @spec, also returns the scenario chart. Returns the exit
 * status. */
int      bench_cli_scenario_run   (GPtrArray                *results,
                                   const BenchWorkload      *workload,
                                   const BenchRequirements  *requirements,
                                   gboolean                  json,
                                   BenchChartSpec          **spec);

/* Prints the leave-one-out errors per candidate and sweep. */
int      bench_cli_scenario_check (GPtrArray *results);

G_END_DECLS
