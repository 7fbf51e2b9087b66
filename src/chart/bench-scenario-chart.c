/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scenario-chart.c — the scenario chart from ranked predictions. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "bench-scenario-chart.h"

/* candidates beyond this are in the table, not the chart */
#define MAX_BARS 40

BenchChartSpec *
bench_scenario_chart_spec_new (GPtrArray               *ranked,
                               const BenchWorkload     *workload,
                               const BenchRequirements *requirements)
{
  g_autofree char *prompt = bench_scenario_format_tokens (workload->prompt);
  g_autofree char *answer = bench_scenario_format_tokens (workload->answer);
  g_autofree char *depth = bench_scenario_format_tokens (workload->depth);
  g_autofree char *title = NULL;
  BenchChartSpec *spec;
  BenchChartPanel *time, *speed;
  guint n = MIN (ranked->len, MAX_BARS);

  /* Translators: the scenario chart's title: prompt, answer, depth in tokens */
  title = g_strdup_printf (_("Prompt %s, answer %s, depth %s"), prompt, answer, depth);
  spec = bench_chart_spec_new_custom (title, _("predicted from the measured tests, "
                                               "± from their standard deviations; "
                                               "ranked: meets the requirements first"));
  time = bench_chart_spec_add_bar_panel (spec, _("Total time"), _("seconds"));
  time->stacked = TRUE;
  g_ptr_array_add (time->series, g_strdup (_("prefill (time to first token)")));
  g_ptr_array_add (time->series, g_strdup (_("generation (the answer)")));
  if (isfinite (requirements->max_ttft_s))
    {
      time->limit = requirements->max_ttft_s;
      /* Translators: the line on the scenario chart: "first token within 30 s" */
      time->limit_label = g_strdup_printf (_("first token within %g s"), requirements->max_ttft_s);
    }
  speed = bench_chart_spec_add_bar_panel (spec, _("Generation speed"), _("tokens/s"));
  if (isfinite (requirements->min_gen_ts))
    {
      speed->limit = requirements->min_gen_ts;
      /* Translators: the line on the scenario chart: "at least 15 t/s" */
      speed->limit_label = g_strdup_printf (_("at least %g t/s"), requirements->min_gen_ts);
    }

  for (guint i = 0; i < n; i++)
    {
      BenchScenarioPrediction *p = g_ptr_array_index (ranked, i);
      BenchResult *r = bench_scenario_candidate_get_example (p->candidate);
      g_autofree char *label = g_strdup_printf ("%u. %s%s", i + 1,
                                                bench_scenario_candidate_get_label (p->candidate),
                                                p->extrapolated ? " *" : "");
      double ttft = isfinite (p->ttft_s) ? p->ttft_s : 0;

      g_ptr_array_add (time->categories, g_strdup (label));
      g_ptr_array_add (speed->categories, g_steal_pointer (&label));
      if (isfinite (p->total_s))
        {
          bench_chart_panel_add_bar (time, r, i, 0, ttft, p->ttft_sd_s);
          /* the generation bar tops the stack: its whisker is the total's */
          bench_chart_panel_add_bar (time, r, i, 1, p->total_s - ttft, p->total_sd_s);
        }
      if (isfinite (p->gen_ts))
        bench_chart_panel_add_bar (speed, r, i, 0, p->gen_ts, p->gen_sd_ts);
    }
  return spec;
}
