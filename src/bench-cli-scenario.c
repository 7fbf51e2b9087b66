/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-cli-scenario.c — the scenario on the command line: the ranked table
 * as markdown or JSON Lines, the chart, and the leave-one-out check. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-cli-json.h"
#include "bench-cli-scenario.h"
#include "bench-scenario-chart.h"

gboolean
bench_cli_scenario_parse (const char         *text,
                          BenchWorkload      *workload,
                          BenchRequirements  *requirements,
                          GError            **error)
{
  g_auto (GStrv) items = g_strsplit (text, ",", -1);
  gboolean has_prompt = FALSE, has_answer = FALSE;

  *workload = (BenchWorkload) { 0 };
  bench_requirements_init (requirements);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *eq = strchr (items[i], '=');
      const char *name = items[i], *value;
      char *end = NULL;
      double number;

      if (*items[i] == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--scenario: “%s” is not NAME=NUMBER"), items[i]);
          return FALSE;
        }
      *eq = '\0';
      value = eq + 1;
      number = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || !isfinite (number) || number < 0 || number > 1e12)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--scenario: %s takes a number, not “%s”"), name, value);
          return FALSE;
        }
      if (strcmp (name, "prompt") == 0)
        workload->prompt = (gint64) number, has_prompt = TRUE;
      else if (strcmp (name, "answer") == 0)
        workload->answer = (gint64) number, has_answer = TRUE;
      else if (strcmp (name, "depth") == 0)
        workload->depth = (gint64) number;
      else if (strcmp (name, "context") == 0)
        workload->context = (gint64) number;
      else if (strcmp (name, "min-tg") == 0)
        requirements->min_gen_ts = number;
      else if (strcmp (name, "max-ttft") == 0)
        requirements->max_ttft_s = number;
      else if (strcmp (name, "memory") == 0)
        requirements->memory_gb = number;
      else if (strcmp (name, "gpu-memory") == 0)
        requirements->gpu_memory_gb = number;
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--scenario: unknown “%s” (prompt, answer, depth, context, min-tg, "
                         "max-ttft, memory, gpu-memory)"), name);
          return FALSE;
        }
    }
  if (!has_prompt || !has_answer)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--scenario needs prompt=TOKENS and answer=TOKENS"));
      return FALSE;
    }
  return TRUE;
}

/* —— JSON —— */

static void
append_number (GString    *out,
               const char *key,
               double      value,
               const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  bench_cli_append_json_key (out, key);
  if (!isfinite (value))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
}

static void
append_answer (GString             *out,
               const char          *key,
               BenchScenarioAnswer  answer)
{
  bench_cli_append_json_key (out, key);
  g_string_append (out, answer == BENCH_SCENARIO_YES ? "true" :
                        answer == BENCH_SCENARIO_NO ? "false" : "null");
}

/* a field as --list --json prints it */
static void
append_field (GString     *out,
              BenchResult *r,
              const char  *field)
{
  const BenchParam *param = bench_result_lookup_param (r, field);

  if (param != NULL)
    bench_cli_append_json_param (out, param);
}

static void
print_json (BenchScenarioPrediction *p)
{
  BenchResult *r = bench_scenario_candidate_get_example (p->candidate);
  const char * const *fields = bench_scenario_setting_fields ();
  g_autoptr (GString) out = g_string_new ("{");

  bench_cli_append_json_key (out, "model");
  bench_cli_append_json_string (out, bench_scenario_candidate_get_label (p->candidate));
  bench_cli_append_json_key (out, "model_type");
  bench_cli_append_json_string (out, bench_result_get_model_type (r));
  bench_cli_append_json_key (out, "model_filename");
  bench_cli_append_json_string (out, bench_result_get_model_filename (r));
  bench_cli_append_json_key (out, "hardware");
  bench_cli_append_json_string (out, bench_result_get_hardware_label (r));
  bench_cli_append_json_key (out, "cpu_info");
  bench_cli_append_json_string (out, bench_result_get_cpu_info (r));
  bench_cli_append_json_key (out, "gpu_info");
  bench_cli_append_json_string (out, bench_result_get_gpu_info (r));
  bench_cli_append_json_key (out, "build_commit");
  bench_cli_append_json_string (out, bench_result_get_build_commit (r));
  bench_cli_append_json_key (out, "backends");
  bench_cli_append_json_string (out, bench_result_get_backends (r));
  for (guint i = 0; fields[i] != NULL; i++)
    append_field (out, r, fields[i]);
  append_number (out, "ttft_s", p->ttft_s, "%.3f");
  append_number (out, "ttft_sd_s", p->ttft_sd_s, "%.3f");
  append_number (out, "gen_ts", p->gen_ts, "%.2f");
  append_number (out, "gen_sd_ts", p->gen_sd_ts, "%.2f");
  append_number (out, "answer_s", p->answer_s, "%.3f");
  append_number (out, "total_s", p->total_s, "%.3f");
  append_number (out, "total_sd_s", p->total_sd_s, "%.3f");
  bench_cli_append_json_key (out, "extrapolated");
  g_string_append (out, p->extrapolated ? "true" : "false");
  append_number (out, "memory_gb", p->memory_gb, "%.2f");
  append_answer (out, "fits", p->fits);
  append_answer (out, "meets", p->meets);
  bench_cli_append_json_key (out, "reason");
  bench_cli_append_json_string (out, p->reason);
  bench_cli_append_json_key (out, "command");
  if (p->command != NULL)
    bench_cli_append_json_string (out, p->command);
  else
    g_string_append (out, "null");
  g_string_append (out, "}\n");
  fwrite (out->str, 1, out->len, stdout);
}

/* —— markdown —— */

static char *
seconds_text (double value,
              double sd)
{
  if (!isfinite (value))
    return g_strdup ("—");
  if (isfinite (sd) && sd > 0)
    return g_strdup_printf ("%.1f ± %.1f", value, sd);
  return g_strdup_printf ("%.1f", value);
}

static char *
cell_escape (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "|", -1);
  return g_strjoinv ("\\|", parts);
}

static void
print_markdown (GPtrArray           *ranked,
                const BenchWorkload *workload)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) commands = g_ptr_array_new ();
  g_autofree char *prompt = bench_scenario_format_tokens (workload->prompt);
  g_autofree char *answer = bench_scenario_format_tokens (workload->answer);
  g_autofree char *depth = bench_scenario_format_tokens (workload->depth);
  g_autofree char *context = bench_scenario_format_tokens (
    MAX (workload->context, workload->depth + workload->prompt + workload->answer));

  /* Translators: the scenario's heading: prompt, answer and depth in tokens */
  g_string_append_printf (out, _("Scenario: prompt %s, answer %s, depth %s"), prompt, answer, depth);
  g_string_append (out, "\n\n");
  g_string_append_printf (out, "| # | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                          _("candidate"), _("first token (s)"), _("generation (t/s)"),
                          _("total (s)"), _("memory (GB)"), _("fits"), _("meets"), _("why"));
  g_string_append (out, "| -: | --- | --: | --: | --: | --: | --- | --- | --- |\n");
  for (guint i = 0; i < ranked->len; i++)
    {
      BenchScenarioPrediction *p = g_ptr_array_index (ranked, i);
      g_autofree char *label = cell_escape (bench_scenario_candidate_get_label (p->candidate));
      g_autofree char *reason = cell_escape (p->reason);
      g_autofree char *ttft = seconds_text (p->ttft_s, p->ttft_sd_s);
      g_autofree char *gen = isfinite (p->gen_ts) ? g_strdup_printf ("%.1f ± %.1f", p->gen_ts,
                                                                       p->gen_sd_ts)
                                                  : g_strdup ("—");
      g_autofree char *total = seconds_text (p->total_s, p->total_sd_s);
      g_autofree char *memory = isfinite (p->memory_gb) ? g_strdup_printf ("%.1f", p->memory_gb)
                                                         : g_strdup ("?");

      g_string_append_printf (out, "| %u | %s | %s | %s | %s%s | %s | %s | %s | %s |\n", i + 1,
                              label, ttft, gen, total, p->extrapolated ? " *" : "", memory,
                              bench_scenario_answer_to_string (p->fits),
                              bench_scenario_answer_to_string (p->meets), reason);
      if (p->command != NULL)
        g_ptr_array_add (commands, p);
    }
  g_string_append_printf (out, "\n%s\n", _("* extrapolated beyond the measured tests"));
  g_string_append_printf (out, _("Memory: weights + KV cache for %s tokens + compute buffers "
                                 "(0.5 GiB + 256 KiB per n_ubatch token)."), context);
  g_string_append_c (out, '\n');
  if (commands->len > 0)
    {
      g_string_append_printf (out, "\n%s\n\n", _("To measure it:"));
      for (guint i = 0; i < commands->len; i++)
        {
          BenchScenarioPrediction *p = g_ptr_array_index (commands, i);
          g_string_append_printf (out, "- %s:\n  `%s`\n",
                                  bench_scenario_candidate_get_label (p->candidate), p->command);
        }
    }
  fwrite (out->str, 1, out->len, stdout);
}

int
bench_cli_scenario_run (GPtrArray                *results,
                        const BenchWorkload      *workload,
                        const BenchRequirements  *requirements,
                        gboolean                  json,
                        BenchChartSpec          **spec)
{
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  g_autoptr (GPtrArray) ranked = bench_scenario_rank (candidates, workload, requirements);

  if (json)
    for (guint i = 0; i < ranked->len; i++)
      print_json (g_ptr_array_index (ranked, i));
  else
    print_markdown (ranked, workload);
  fflush (stdout);
  if (spec != NULL)
    *spec = bench_scenario_chart_spec_new (ranked, workload, requirements);
  return 0;
}

int
bench_cli_scenario_check (GPtrArray *results)
{
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  g_autoptr (GPtrArray) checks = NULL;

  bench_scenario_set_log_depth (g_getenv ("BENCHTOP_SCENARIO_LOG_DEPTH") != NULL);
  checks = bench_scenario_check (candidates);
  g_autoptr (GString) out = g_string_new (NULL);

  g_string_append_printf (out, "| %s | %s | %s | %s | %s | %s | %s |\n", _("sweep"), _("points"),
                          _("median error"), _("worst error"), _("worst at"),
                          _("extrapolated (worst)"), _("repeats disagree"));
  g_string_append (out, "| --- | --: | --: | --: | --- | --- | --: |\n");
  for (guint i = 0; i < checks->len; i++)
    {
      BenchScenarioCheck *c = g_ptr_array_index (checks, i);
      g_autofree char *label = cell_escape (c->label);
      g_autofree char *extra = c->n_extrapolated ? g_strdup_printf ("%u (%.1f %%)", c->n_extrapolated,
                                                                    c->worst_extrapolated_error * 100)
                                                 : g_strdup ("0");

      g_autofree char *repeats = c->repeat_ratio >= 1.3 ? g_strdup_printf ("%.1f×", c->repeat_ratio)
                                                        : g_strdup ("");

      g_autofree char *med = isfinite (c->median_error) ? g_strdup_printf ("%.1f %%", c->median_error * 100)
                                                        : g_strdup ("—");
      g_autofree char *worst = isfinite (c->worst_error) ? g_strdup_printf ("%.1f %%", c->worst_error * 100)
                                                         : g_strdup ("—");

      g_string_append_printf (out, "| %s | %u | %s | %s | %s | %s | %s |\n", label,
                              c->n_points, med, worst, c->worst_test ? c->worst_test : "", extra,
                              repeats);
    }
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
  return 0;
}
