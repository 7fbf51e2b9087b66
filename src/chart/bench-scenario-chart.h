/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scenario-chart.h — the scenario as a chart: ranked bars of the
 * total time split into prefill and generation, with their deviations and
 * the time limit as a line; beside them the generation speed against the
 * minimum. */
#pragma once

#include "bench-chart-spec.h"
#include "bench-scenario.h"

G_BEGIN_DECLS

/* @ranked: BenchScenarioPrediction, as bench_scenario_rank returns them */
BenchChartSpec *bench_scenario_chart_spec_new (GPtrArray               *ranked,
                                               const BenchWorkload     *workload,
                                               const BenchRequirements *requirements);

G_END_DECLS
