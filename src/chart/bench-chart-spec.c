/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-chart-spec.c — choosing panels, chart kind, categories and series. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench-chart-spec.h"
#include "bench-field.h"
#include "bench-units.h"

struct _BenchChartSpec
{
  gatomicrefcount  ref_count;
  GPtrArray       *results;
  gboolean         has_view;
  BenchGroupKind   view;
  gboolean         overview;   /* made by bench_chart_spec_new_overview () */
  GPtrArray       *panels;    /* BenchChartPanel */
  char            *title;
  char            *subtitle;
  char            *caption;
  gboolean         log_scale;
  gboolean         hide_rooflines;
  BenchChartXScale x_scale;
  gboolean         value_labels;
  double           reference;  /* NAN, or 1.0 for speedups */
  char            *y_title;    /* NULL: tokens/s */
  gboolean         verdict_series;  /* series are verdicts, coloured as such */
  gboolean         custom;     /* panels built by the caller */
};

/* the overview draws a bar per machine up to this many machines */
#define BENCH_CHART_OVERVIEW_SERIES 8

/* settings a line chart can sweep, most telling first */
static const char * const sweep_fields[] = {
  "n_depth", "n_prompt", "n_gen", "n_threads", "n_ubatch", "n_batch", "n_gpu_layers", "n_cpu_moe",
};


/* fields that never tell results apart for a chart */
static gboolean
is_ignored_field (const char *field)
{
  static const char *ignored[] = {
    "test_time", "model_filename", "source", "test_label", "test", "quantization",
    "cuda", "opencl", "vulkan", "kompute", "metal", "sycl", "rpc", "gpu_blas", "blas",
    /* settings that seldom change a speed and would only lengthen a legend */
    "cpu_mask", "cpu_strict", "poll", "main_gpu", "devices", "tensor_split",
    "tensor_buft_overrides", "embeddings", "no_op_offload", "no_host", "framework",
    "defrag_thold", "cpu_info", "gpu_info", "model_size", "model_n_params", "build_number",
    NULL
  };
  return g_strv_contains (ignored, field);
}

static guint
count_distinct (GPtrArray  *results,
                const char *field)
{
  return bench_results_count_distinct ((BenchResult **) results->pdata, results->len, field);
}

static void
panel_free (BenchChartPanel *panel)
{
  g_ptr_array_unref (panel->results);
  g_array_unref (panel->result_category);
  g_array_unref (panel->result_series);
  g_array_unref (panel->result_x);
  g_ptr_array_unref (panel->categories);
  g_ptr_array_unref (panel->series);
  g_free (panel->x_title);
  g_clear_pointer (&panel->result_value, g_array_unref);
  g_clear_pointer (&panel->result_error, g_array_unref);
  g_clear_pointer (&panel->result_tone, g_array_unref);
  g_free (panel->title);
  g_free (panel->y_title);
  g_free (panel->limit_label);
  g_clear_pointer (&panel->rooflines, g_array_unref);
  g_free (panel);
}

void
bench_chart_panel_get_value (const BenchChartPanel *panel,
                             guint                  i,
                             double                *value,
                             double                *error)
{
  if (panel->result_value != NULL)
    {
      *value = g_array_index (panel->result_value, double, i);
      *error = g_array_index (panel->result_error, double, i);
    }
  else
    {
      BenchResult *r = g_ptr_array_index (panel->results, i);
      *value = bench_result_get_avg_ts (r);
      *error = bench_result_get_stddev_ts (r);
    }
}

#define MAX_SERIES_FIELDS 8
#define MAX_SERIES_CANDIDATES 64

/* log₂ when they grow geometrically (512, 1k,
 * 2k…: every step a similar ratio, 8× from the least to the most), linear
 * when they are evenly spaced (0, 8k, 16k … 64k) or anything else. */
static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

void
bench_chart_sort_distinct (GArray *values)
{
  guint kept = 0;

  g_array_sort (values, compare_double);
  for (guint i = 0; i < values->len; i++)
    if (kept == 0 || g_array_index (values, double, i) != g_array_index (values, double, kept - 1))
      g_array_index (values, double, kept++) = g_array_index (values, double, i);
  g_array_set_size (values, kept);
}

gboolean
bench_chart_panel_is_log2 (const BenchChartPanel *panel,
                           BenchChartXScale       x_scale)
{
  g_autoptr (GArray) pos = g_array_new (FALSE, FALSE, sizeof (double));
  double min_step = INFINITY, max_step = 0, min_ratio = INFINITY;

  if (panel->kind != BENCH_CHART_LINES)
    return FALSE;
  for (guint i = 0; i < panel->result_x->len; i++)
    {
      double x = g_array_index (panel->result_x, double, i);
      if (x < 0)
        return FALSE;
      if (x > 0)
        g_array_append_val (pos, x);
    }
  bench_chart_sort_distinct (pos);
  if (pos->len < 2)
    return FALSE;
  if (x_scale != BENCH_CHART_X_AUTO)
    return x_scale == BENCH_CHART_X_LOG;
  for (guint i = 1; i < pos->len; i++)
    {
      double a = g_array_index (pos, double, i - 1), b = g_array_index (pos, double, i);
      min_step = MIN (min_step, b - a);
      max_step = MAX (max_step, b - a);
      min_ratio = MIN (min_ratio, b / a);
    }
  /* evenly spaced, up to rounding: linear */
  if (pos->len >= 3 && max_step <= min_step * 1.25)
    return FALSE;
  return min_ratio >= 1.4 &&
         g_array_index (pos, double, pos->len - 1) / g_array_index (pos, double, 0) >= 8;
}

gboolean
bench_chart_spec_has_log2_x (BenchChartSpec *self)
{
  for (guint i = 0; i < self->panels->len; i++)
    if (bench_chart_panel_is_log2 (g_ptr_array_index (self->panels, i), self->x_scale))
      return TRUE;
  return FALSE;
}

gboolean
bench_chart_spec_has_sweep (BenchChartSpec *self)
{
  for (guint i = 0; i < self->panels->len; i++)
    if (((BenchChartPanel *) g_ptr_array_index (self->panels, i))->kind == BENCH_CHART_LINES)
      return TRUE;
  return FALSE;
}

/* Index of @label in @labels, appending it when new. */
static guint
intern_label (GPtrArray  *labels,
              GHashTable *index,
              char       *label)
{
  gpointer found;

  /* every label the chart lays out is as long as a line at most */
  if (label != NULL && strlen (label) > BENCH_DISPLAY_MAX_CHARS)
    {
      char *shown = bench_text_ellipsize_for_display (label, BENCH_DISPLAY_MAX_CHARS);
      g_free (label);
      label = shown;
    }

  if (g_hash_table_lookup_extended (index, label, NULL, &found))
    {
      g_free (label);
      return GPOINTER_TO_UINT (found);
    }
  g_ptr_array_add (labels, label);
  g_hash_table_insert (index, label, GUINT_TO_POINTER (labels->len - 1));
  return labels->len - 1;
}

static const char *
category_field (BenchChartSpec *self,
                GPtrArray      *results)
{
  static const char *candidates[] = { "model_type", "hardware_label", "build_commit", "source" };
  const char *best = candidates[0];
  guint best_n = 0;

  if (self->has_view)
    {
      switch (self->view)
        {
        case BENCH_GROUP_MODEL:    return "model_type";
        case BENCH_GROUP_HARDWARE: return "hardware_label";
        case BENCH_GROUP_RUN:
        default:                   return "run";
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint n = count_distinct (results, candidates[i]);
      if (n > best_n)
        {
          best = candidates[i];
          best_n = n;
        }
    }
  return best;
}

static char *
category_text (BenchResult *r,
               const char  *field)
{
  if (strcmp (field, "run") == 0)
    {
      const char *commit = bench_result_get_build_commit (r);
      if (*commit)
        return g_strdup_printf ("%s · %s", bench_result_get_source (r), commit);
      return g_strdup (bench_result_get_source (r));
    }
  return bench_result_dup_field_display (r, field);
}

/* "fa=1 · threads=8": the varying fields other than the category and x */
static char *
series_text (BenchResult *r,
             GPtrArray   *fields)
{
  GString *label = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      g_autofree char *value = bench_result_dup_field_display (r, field);

      if (label->len > 0)
        g_string_append (label, " · ");
      if (strcmp (field, "test_label") == 0 || strcmp (field, "model_type") == 0 ||
          strcmp (field, "hardware_label") == 0 || strcmp (field, "backends") == 0 ||
          strcmp (field, "source") == 0)
        g_string_append (label, value);
      else if (strcmp (field, "build_commit") == 0)
        /* Translators: a build in a chart legend */
        g_string_append_printf (label, _("build %s"), value);
      else
        /* "fa 1", "threads 8" */
        g_string_append_printf (label, "%s %s", bench_field_get_short_name (field), value);
    }
  return g_string_free (label, FALSE);
}

/* TRUE when every value of @by comes with one value of @field: then
 * @field says nothing @by does not, and a legend need not repeat it. */
static gboolean
determined_by (GPtrArray  *results,
               const char *field,
               const char *by)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *r = g_ptr_array_index (results, i);
      g_autofree char *key = strcmp (by, "run") == 0 ? category_text (r, by) : bench_result_dup_field_display (r, by);
      g_autofree char *value = bench_result_dup_field_display (r, field);
      const char *known = g_hash_table_lookup (seen, key);

      if (known == NULL)
        g_hash_table_insert (seen, g_steal_pointer (&key), g_steal_pointer (&value));
      else if (strcmp (known, value) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The setting the results sweep: one that takes three values or more
 * within one source (a run given -d 0,4096,8192…), not one that merely
 * differs between files (a folder of runs at 8, 16 and 32 threads is no
 * sweep). The more values, the better; ties go to the most telling. */
static const char *
pick_sweep (GPtrArray     *results,
            BenchTestKind  kind)
{
  const char *best = NULL;
  guint best_n = 2;

  for (guint i = 0; i < G_N_ELEMENTS (sweep_fields); i++)
    {
      const char *field = sweep_fields[i];
      g_autoptr (GHashTable) per_source = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                                 (GDestroyNotify) g_hash_table_unref);
      guint n = 0;

      /* a prefill panel cannot sweep n_gen, nor generation n_prompt */
      if ((kind == BENCH_TEST_PP && strcmp (field, "n_gen") == 0) ||
          (kind == BENCH_TEST_TG && strcmp (field, "n_prompt") == 0))
        continue;
      if (count_distinct (results, field) <= best_n)
        continue;
      for (guint r = 0; r < results->len; r++)
        {
          BenchResult *result = g_ptr_array_index (results, r);
          /* sources are pooled strings: one pointer per source */
          const char *source = bench_result_get_source (result);
          GHashTable *values = g_hash_table_lookup (per_source, source);
          char *text = bench_result_dup_field_text (result, field);

          if (text == NULL)
            continue;
          if (values == NULL)
            {
              values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_hash_table_insert (per_source, (gpointer) source, values);
            }
          g_hash_table_add (values, text);
          n = MAX (n, g_hash_table_size (values));
        }
      if (n > best_n)
        {
          best = field;
          best_n = n;
        }
    }
  return best;
}

/* a setting's name for people, in "3 results without context depth" */
static const char *
field_label (const char *field)
{
  if (strcmp (field, "n_depth") == 0)
    return _("context depth");
  if (strcmp (field, "n_prompt") == 0)
    return _("prompt length");
  if (strcmp (field, "n_gen") == 0)
    return _("generated tokens");
  if (strcmp (field, "n_threads") == 0)
    return _("threads");
  if (strcmp (field, "n_gpu_layers") == 0)
    return _("GPU layers");
  if (strcmp (field, "n_batch") == 0)
    return _("batch size");
  if (strcmp (field, "n_ubatch") == 0)
    return _("micro-batch size");
  if (strcmp (field, "n_cpu_moe") == 0)
    return _("MoE layers on the CPU");
  return field;
}

/* An empty panel; @own_values: it carries its own values (speedups) */
static BenchChartPanel *
panel_new (BenchTestKind   test_kind,
           BenchChartKind  kind,
           gboolean        own_values)
{
  BenchChartPanel *panel = g_new0 (BenchChartPanel, 1);

  panel->test_kind = test_kind;
  panel->kind = kind;
  panel->results = g_ptr_array_new_with_free_func (g_object_unref);
  panel->result_category = g_array_new (FALSE, TRUE, sizeof (guint));
  panel->result_series = g_array_new (FALSE, TRUE, sizeof (guint));
  panel->result_x = g_array_new (FALSE, TRUE, sizeof (double));
  panel->categories = g_ptr_array_new_with_free_func (g_free);
  panel->series = g_ptr_array_new_with_free_func (g_free);
  if (own_values)
    {
      panel->result_value = g_array_new (FALSE, TRUE, sizeof (double));
      panel->result_error = g_array_new (FALSE, TRUE, sizeof (double));
    }
  return panel;
}

/* Generation over depth: one roofline per series whose results share one
 * machine peak and one model (the same bytes per token); none where a
 * series mixes them, where the peak or the active weights are unknown, or
 * where the run keeps part of the model in CPU memory. */
static void
add_rooflines (BenchChartPanel *panel)
{
  guint n_series = MAX (panel->series->len, 1);
  g_autofree BenchChartRoofline *lines = NULL;
  g_autofree guint8 *state = NULL;   /* 0 none yet, 1 one, 2 mixed or unknown */

  if (panel->kind != BENCH_CHART_LINES || panel->test_kind != BENCH_TEST_TG ||
      g_strcmp0 (panel->x_field, "n_depth") != 0 || panel->result_value != NULL)
    return;
  lines = g_new0 (BenchChartRoofline, n_series);
  state = g_new0 (guint8, n_series);
  for (guint i = 0; i < panel->results->len; i++)
    {
      guint s = g_array_index (panel->result_series, guint, i);
      BenchEfficiency e;

      if (s >= n_series || state[s] == 2)
        continue;
      bench_efficiency_compute (g_ptr_array_index (panel->results, i), NULL, &e);
      if (isnan (e.weight_bytes) || isnan (e.peak.gbs) || e.status == BENCH_SHARE_OFFLOADED ||
          e.status == BENCH_SHARE_SEVERAL_MACHINES)
        state[s] = 2;
      else if (state[s] == 0)
        {
          lines[s].series = s;
          lines[s].efficiency = e;
          state[s] = 1;
        }
      else if (lines[s].efficiency.weight_bytes != e.weight_bytes ||
               lines[s].efficiency.peak.gbs != e.peak.gbs ||
               !(lines[s].efficiency.kv_bytes_per_token == e.kv_bytes_per_token ||
                 (isnan (lines[s].efficiency.kv_bytes_per_token) && isnan (e.kv_bytes_per_token))))
        state[s] = 2;
    }
  for (guint s = 0; s < n_series; s++)
    if (state[s] == 1)
      {
        if (panel->rooflines == NULL)
          panel->rooflines = g_array_new (FALSE, FALSE, sizeof (BenchChartRoofline));
        g_array_append_val (panel->rooflines, lines[s]);
      }
}

/* Does @r have the swept setting, as a number? */
static gboolean
has_x (BenchResult *r,
       const char  *sweep)
{
  g_autofree char *text = bench_result_dup_field_text (r, sweep);
  char *end = NULL;
  double x;

  if (text == NULL)
    return FALSE;
  x = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (x);
}

static BenchChartPanel *
build_panel (BenchChartSpec *self,
             BenchTestKind   kind,
             GPtrArray      *all)
{
  const char *sweep = pick_sweep (all, kind);
  g_autoptr (GPtrArray) results = g_ptr_array_new ();
  guint n_without_x = 0;
  BenchChartPanel *panel;
  g_autoptr (GPtrArray) varying = NULL;
  g_autoptr (GPtrArray) series_fields = g_ptr_array_new ();
  g_autoptr (GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) series_index = g_hash_table_new (g_str_hash, g_str_equal);
  const char *category;
  gboolean tests_vary;

  /* a result without the swept setting has no place on the axis: it is
   * left out and counted, never drawn at 0 */
  for (guint i = 0; i < all->len; i++)
    if (sweep == NULL || has_x (g_ptr_array_index (all, i), sweep))
      g_ptr_array_add (results, g_ptr_array_index (all, i));
    else
      n_without_x++;
  category = category_field (self, results);
  tests_vary = count_distinct (results, "test_label") > 1;
  varying = bench_results_find_varying ((BenchResult **) results->pdata, results->len);

  panel = panel_new (kind, sweep != NULL ? BENCH_CHART_LINES : BENCH_CHART_BARS, FALSE);
  panel->x_field = sweep;
  panel->n_without_x = n_without_x;
  if (sweep != NULL)
    panel->x_title = bench_field_dup_title (sweep);

  /* Series: what else varies. In a line chart the categories become series
   * too; in bars the test is a series when a panel holds several. */
  if (panel->kind == BENCH_CHART_LINES &&
      count_distinct (results, strcmp (category, "run") == 0 ? "source" : category) > 1)
    g_ptr_array_add (series_fields, (gpointer) (strcmp (category, "run") == 0 ? "source" : category));
  if (panel->kind == BENCH_CHART_BARS && tests_vary)
    g_ptr_array_add (series_fields, "test_label");
  /* a legend names a few fields, chosen among the first that vary (a
   * file can vary in thousands, and each costs a pass over the results) */
  for (guint i = 0; i < varying->len && i < MAX_SERIES_CANDIDATES &&
                    series_fields->len < MAX_SERIES_FIELDS; i++)
    {
      const char *field = g_ptr_array_index (varying, i);

      if (is_ignored_field (field) || g_strcmp0 (field, sweep) == 0 ||
          strcmp (field, category) == 0 ||
          (strcmp (category, "run") == 0 && strcmp (field, "build_commit") == 0) ||
          (panel->kind == BENCH_CHART_BARS && tests_vary &&
           (strcmp (field, "n_prompt") == 0 || strcmp (field, "n_gen") == 0 ||
            strcmp (field, "n_depth") == 0)) ||
          g_ptr_array_find_with_equal_func (series_fields, field, g_str_equal, NULL))
        continue;
      /* what the category (or, in lines, the series' first field) already
       * tells, the legend does not repeat: one model on one machine is
       * "model", not "model · machine · build" */
      if (series_fields->len > 0 && panel->kind == BENCH_CHART_LINES &&
          determined_by (results, field, g_ptr_array_index (series_fields, 0)))
        continue;
      if (panel->kind == BENCH_CHART_BARS && determined_by (results, field, category))
        continue;
      g_ptr_array_add (series_fields, (gpointer) field);
    }

  /* One box that ran ROCm and Vulkan prints a machine string per backend:
   * what differs between those series is the backend, and the legend says
   * "ROCm · fa 1" and "Vulkan · fa 1", not two machine names. */
  {
    guint at;

    if (g_ptr_array_find_with_equal_func (series_fields, "hardware_label", g_str_equal, &at) &&
        count_distinct (results, "backends") == count_distinct (results, "hardware_label") &&
        determined_by (results, "hardware_label", "backends") &&
        determined_by (results, "backends", "hardware_label"))
      g_ptr_array_index (series_fields, at) = (gpointer) "backends";
  }

  /* One mark per place: results that land on the same bar (same category,
   * series and test) or the same point (series and x) are repeats; the
   * chart shows the fastest, as the views' "best" columns do. */
  {
    g_autoptr (GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < results->len; i++)
      {
        BenchResult *r = g_ptr_array_index (results, i);
        guint c = 0, s;
        double x = 0;
        g_autofree char *place = NULL;
        gpointer found;

        if (sweep != NULL)
          {
            g_autofree char *text = bench_result_dup_field_text (r, sweep);
            x = g_ascii_strtod (text, NULL);
          }
        if (panel->kind == BENCH_CHART_BARS)
          c = intern_label (panel->categories, category_index, category_text (r, category));
        s = intern_label (panel->series, series_index, series_text (r, series_fields));
        place = g_strdup_printf ("%u\x1f%u\x1f%.17g\x1f%s", c, s, x,
                                 panel->kind == BENCH_CHART_BARS ? bench_result_get_test_label (r) : "");
        if (g_hash_table_lookup_extended (places, place, NULL, &found))
          {
            guint k = GPOINTER_TO_UINT (found);
            if (bench_result_get_avg_ts (r) > bench_result_get_avg_ts (g_ptr_array_index (kept, k)))
              {
                g_object_unref (g_ptr_array_index (kept, k));
                g_ptr_array_index (kept, k) = g_object_ref (r);
              }
            continue;
          }
        g_hash_table_insert (places, g_steal_pointer (&place), GUINT_TO_POINTER (kept->len));
        g_ptr_array_add (kept, g_object_ref (r));
        g_array_append_val (panel->result_category, c);
        g_array_append_val (panel->result_series, s);
        g_array_append_val (panel->result_x, x);
      }
    g_ptr_array_unref (panel->results);
    panel->results = g_steal_pointer (&kept);
  }
  add_rooflines (panel);
  return panel;
}

static char *
common_text (GPtrArray  *results,
             const char *field)
{
  return count_distinct (results, field) == 1 ? bench_result_dup_field_display (g_ptr_array_index (results, 0), field)
                                              : NULL;
}

/* "· 3 results without context depth not shown", once per setting */
static void
append_left_out (BenchChartSpec *self,
                 GString        *subtitle)
{
  for (guint i = 0; i < G_N_ELEMENTS (sweep_fields); i++)
    {
      guint n = 0;

      for (guint p = 0; p < self->panels->len; p++)
        {
          BenchChartPanel *panel = g_ptr_array_index (self->panels, p);
          if (g_strcmp0 (panel->x_field, sweep_fields[i]) == 0)
            n += panel->n_without_x;
        }
      if (n > 0)
        g_string_append_printf (subtitle, " · ");
      if (n > 0)
        /* Translators: a chart's note: "3 results without context depth not shown" */
        g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u result without %s not shown",
                                                       "%u results without %s not shown", n),
                                n, field_label (sweep_fields[i]));
    }
}

static void
default_titles (BenchChartSpec *self)
{
  g_autofree char *model = common_text (self->results, "model_type");
  g_autofree char *hardware = common_text (self->results, "hardware_label");
  g_autofree char *build = common_text (self->results, "build_commit");
  guint n_models = count_distinct (self->results, "model_type");
  guint n_machines = count_distinct (self->results, "hardware_label");
  GString *subtitle = g_string_new (NULL);

  if (model != NULL)
    self->title = g_strdup (model);
  else
    self->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u model", "%u models", n_models),
                                   n_models);
  if (hardware != NULL)
    g_string_append (subtitle, hardware);
  else
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u machine", "%u machines",
                                                   n_machines), n_machines);
  if (build != NULL && *build && strcmp (build, "—") != 0 && strcmp (build, "unknown") != 0)
    g_string_append_printf (subtitle, " · %s", build);
  /* what every series shares, the legend does not repeat: it is said here */
  {
    static const char *shared[] = { "backends", "flash_attn", "n_gpu_layers", "n_threads" };

    for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
      {
        g_autofree char *value = common_text (self->results, shared[i]);
        g_autofree char *present = self->results->len ? bench_result_dup_field_text (g_ptr_array_index (self->results, 0), shared[i]) : NULL;

        if (value == NULL || present == NULL || *value == '\0')
          continue;
        /* the machine's name already says its backend */
        if (strcmp (shared[i], "backends") == 0 && hardware != NULL && strstr (hardware, value) != NULL)
          continue;
        if (strcmp (shared[i], "backends") == 0)
          g_string_append_printf (subtitle, " · %s", value);
        else
          g_string_append_printf (subtitle, " · %s %s", bench_field_get_short_name (shared[i]), value);
      }
  }
  /* Translators: what the chart's values are: mean ± standard deviation of tokens per second */
  g_string_append_printf (subtitle, " · %s", _("tokens/s, mean ± standard deviation"));
  append_left_out (self, subtitle);
  self->subtitle = g_string_free (subtitle, FALSE);
}

static BenchChartSpec *
spec_new (GPtrArray      *results,
          gboolean        has_view,
          BenchGroupKind  view)
{
  BenchChartSpec *self = g_new0 (BenchChartSpec, 1);
  static const BenchTestKind kinds[] = { BENCH_TEST_PP, BENCH_TEST_TG, BENCH_TEST_PG };

  g_atomic_ref_count_init (&self->ref_count);
  /* shared, never copied: the caller's list is immutable */
  self->results = g_ptr_array_ref (results);
  self->has_view = has_view;
  self->view = view;
  self->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);
  self->reference = NAN;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      /* borrowed: self->results holds them */
      g_autoptr (GPtrArray) subset = g_ptr_array_new ();

      for (guint i = 0; i < results->len; i++)
        {
          BenchResult *r = g_ptr_array_index (results, i);
          if (bench_result_get_test_kind (r) == kinds[k] && isfinite (bench_result_get_avg_ts (r)))
            g_ptr_array_add (subset, r);
        }
      if (subset->len > 0)
        g_ptr_array_add (self->panels, build_panel (self, kinds[k], subset));
    }
  if (results->len > 0)
    default_titles (self);
  return self;
}

gboolean
bench_chart_spec_get_verdict_series (BenchChartSpec *self)
{
  return self->verdict_series;
}

BenchChartSpec *
bench_chart_spec_new_for_comparison (BenchComparison *comparison)
{
  BenchChartSpec *self = g_new0 (BenchChartSpec, 1);
  static const BenchTestKind kinds[] = { BENCH_TEST_PP, BENCH_TEST_TG, BENCH_TEST_PG };
  guint n_sides = bench_comparison_get_n_sides (comparison);
  /* one candidate: its bars take the colour of their verdict (with more,
   * the colours tell the candidates apart) */

  g_atomic_ref_count_init (&self->ref_count);
  self->verdict_series = n_sides == 2;
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);
  self->reference = 1.0;
  /* Translators: the value axis of a comparison chart: candidate ÷ baseline */
  self->y_title = g_strdup (_("speedup (×)"));

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      BenchChartPanel *panel = panel_new (kinds[k], BENCH_CHART_BARS, TRUE);
      g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint s = 1; s < n_sides; s++)
        g_ptr_array_add (panel->series, g_strdup (bench_comparison_get_side_name (comparison, s)));
      if (self->verdict_series)
        panel->result_tone = g_array_new (FALSE, TRUE, sizeof (guint));

      for (guint i = 0; i < bench_comparison_get_n_rows (comparison); i++)
        {
          BenchCompareRow *row = bench_comparison_get_row (comparison, i);
          guint category = G_MAXUINT;

          if (bench_result_get_test_kind (row->example) != kinds[k])
            continue;
          for (guint s = 1; s < n_sides; s++)
            {
              BenchCompareCell *cell = &row->cells[s];
              guint series = s - 1;
              double x = 0;

              if (!isfinite (cell->speedup) || cell->example == NULL)
                continue;
              if (self->verdict_series)
                {
                  guint tone = cell->verdict == BENCH_VERDICT_FASTER ? BENCH_CHART_TONE_FASTER
                               : cell->verdict == BENCH_VERDICT_SLOWER ? BENCH_CHART_TONE_SLOWER
                               : BENCH_CHART_TONE_NEUTRAL;
                  g_array_append_val (panel->result_tone, tone);
                }
              if (category == G_MAXUINT)
                category = intern_label (panel->categories, index,
                                         bench_comparison_dup_row_label (comparison, row));
              g_ptr_array_add (panel->results, g_object_ref (cell->example));
              g_array_append_val (panel->result_category, category);
              g_array_append_val (panel->result_series, series);
              g_array_append_val (panel->result_x, x);
              g_array_append_val (panel->result_value, cell->speedup);
              g_array_append_val (panel->result_error, cell->speedup_sd);   /* NAN: none */
              g_ptr_array_add (self->results, g_object_ref (cell->example));
            }
        }
      if (panel->results->len > 0)
        g_ptr_array_add (self->panels, panel);
      else
        panel_free (panel);
    }

  if (n_sides == 2)
    /* Translators: a comparison chart's title: "candidate vs baseline" */
    self->title = g_strdup_printf (_("%s vs %s"), bench_comparison_get_side_name (comparison, 1),
                                   bench_comparison_get_side_name (comparison, 0));
  else
    self->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u candidate vs %s",
                                                "%u candidates vs %s", n_sides - 1),
                                   n_sides - 1, bench_comparison_get_side_name (comparison, 0));
  self->subtitle = self->verdict_series
    ? g_strdup (_("speedup over the baseline, ± propagated standard deviation; green: faster, red: slower, grey: within noise or measured once"))
    : g_strdup (_("speedup over the baseline, ± propagated standard deviation"));
  return self;
}

/* With nothing selected a view's chart answers the view's question for
 * everything loaded: the best prefill and generation speed of each model
 * (a bar per machine), of each machine, or of each run. Sweeps are not
 * drawn here: a folder of runs seldom sweeps one setting together. */
BenchChartSpec *
bench_chart_spec_new_overview (GPtrArray      *results,
                               BenchGroupKind  view)
{
  BenchChartSpec *self = g_new0 (BenchChartSpec, 1);
  static const BenchTestKind kinds[] = { BENCH_TEST_PP, BENCH_TEST_TG, BENCH_TEST_PG };
  const char *category = view == BENCH_GROUP_MODEL    ? "model_type"
                         : view == BENCH_GROUP_HARDWARE ? "hardware_label"
                                                        : "run";
  guint n_machines = count_distinct (results, "hardware_label");
  /* a bar per machine while the bars stay readable; past the palette,
   * each model's best on any machine */
  gboolean per_machine = view == BENCH_GROUP_MODEL && n_machines > 1 && n_machines <= BENCH_CHART_OVERVIEW_SERIES;
  g_autofree char *hardware = NULL;
  GString *subtitle;

  g_atomic_ref_count_init (&self->ref_count);
  self->results = g_ptr_array_ref (results);
  self->has_view = TRUE;
  self->view = view;
  self->overview = TRUE;
  self->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);
  self->reference = NAN;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      BenchChartPanel *panel = panel_new (kinds[k], BENCH_CHART_BARS, FALSE);
      g_autoptr (GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GHashTable) series_index = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr (GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < results->len; i++)
        {
          BenchResult *r = g_ptr_array_index (results, i);
          guint c, s;
          double x = 0;
          g_autofree char *place = NULL;
          gpointer found;

          if (bench_result_get_test_kind (r) != kinds[k] || !isfinite (bench_result_get_avg_ts (r)))
            continue;
          c = intern_label (panel->categories, category_index, category_text (r, category));
          s = intern_label (panel->series, series_index,
                            g_strdup (per_machine ? bench_result_get_hardware_label (r) : ""));
          place = g_strdup_printf ("%u\x1f%u", c, s);
          if (g_hash_table_lookup_extended (places, place, NULL, &found))
            {
              guint at = GPOINTER_TO_UINT (found);
              if (bench_result_get_avg_ts (r) > bench_result_get_avg_ts (g_ptr_array_index (panel->results, at)))
                {
                  g_object_unref (g_ptr_array_index (panel->results, at));
                  g_ptr_array_index (panel->results, at) = g_object_ref (r);
                }
              continue;
            }
          g_hash_table_insert (places, g_steal_pointer (&place), GUINT_TO_POINTER (panel->results->len));
          g_ptr_array_add (panel->results, g_object_ref (r));
          g_array_append_val (panel->result_category, c);
          g_array_append_val (panel->result_series, s);
          g_array_append_val (panel->result_x, x);
        }
      if (panel->results->len > 0)
        g_ptr_array_add (self->panels, panel);
      else
        panel_free (panel);
    }
  if (results->len == 0)
    return self;

  default_titles (self);
  if (view != BENCH_GROUP_MODEL)
    {
      guint n = 0;

      for (guint p = 0; p < self->panels->len; p++)
        n = MAX (n, ((BenchChartPanel *) g_ptr_array_index (self->panels, p))->categories->len);
      g_free (self->title);
      self->title = view == BENCH_GROUP_HARDWARE
                    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u machine", "%u machines", n), n)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", n), n);
    }
  hardware = common_text (results, "hardware_label");
  subtitle = g_string_new (NULL);
  switch (view)
    {
    case BENCH_GROUP_MODEL:
      if (per_machine)
        g_string_append (subtitle, _("Best speed of each model, a bar per machine"));
      else if (n_machines > 1)
        /* Translators: %u machines, more than the chart has colours for */
        g_string_append_printf (subtitle, _("Best speed of each model on any of %u machines"), n_machines);
      else
        /* Translators: %s is a machine */
        g_string_append_printf (subtitle, _("Best speed of each model on %s"), hardware);
      break;
    case BENCH_GROUP_HARDWARE:
      {
        g_autofree char *model = common_text (results, "model_type");

        if (model != NULL)
          /* Translators: %s is the model every machine of the chart ran */
          g_string_append_printf (subtitle, _("Best speed of each machine on %s"), model);
        else
          g_string_append (subtitle, _("Best speed of each machine, whatever the model"));
      }
      break;
    case BENCH_GROUP_RUN:
    default:
      g_string_append (subtitle, _("Best speed of each run"));
      break;
    }
  g_string_append_printf (subtitle, " · %s", _("tokens/s, mean ± standard deviation"));
  g_free (self->subtitle);
  self->subtitle = g_string_free (subtitle, FALSE);
  return self;
}

BenchChartSpec *
bench_chart_spec_new_custom (const char *title,
                             const char *subtitle)
{
  BenchChartSpec *self = g_new0 (BenchChartSpec, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);
  self->reference = NAN;
  self->custom = TRUE;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  return self;
}

BenchChartPanel *
bench_chart_spec_add_bar_panel (BenchChartSpec *self,
                                const char     *title,
                                const char     *y_title)
{
  BenchChartPanel *panel = panel_new (BENCH_TEST_PG, BENCH_CHART_BARS, TRUE);

  g_return_val_if_fail (self->custom, NULL);
  panel->title = g_strdup (title);
  panel->y_title = g_strdup (y_title);
  panel->limit = NAN;
  g_ptr_array_add (self->panels, panel);
  return panel;
}

void
bench_chart_panel_add_bar (BenchChartPanel *panel,
                           BenchResult     *result,
                           guint            category,
                           guint            series,
                           double           value,
                           double           error)
{
  double x = 0;

  g_return_if_fail (panel->result_value != NULL);
  g_ptr_array_add (panel->results, g_object_ref (result));
  g_array_append_val (panel->result_category, category);
  g_array_append_val (panel->result_series, series);
  g_array_append_val (panel->result_x, x);
  g_array_append_val (panel->result_value, value);
  g_array_append_val (panel->result_error, error);
}

BenchChartSpec *
bench_chart_spec_new_for_view (GPtrArray      *results,
                               BenchGroupKind  view)
{
  return spec_new (results, TRUE, view);
}

BenchChartSpec *
bench_chart_spec_new (GPtrArray *results)
{
  return spec_new (results, FALSE, BENCH_GROUP_MODEL);
}

BenchChartSpec *
bench_chart_spec_ref (BenchChartSpec *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bench_chart_spec_unref (BenchChartSpec *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->results);
  g_ptr_array_unref (self->panels);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->caption);
  g_free (self->y_title);
  g_free (self);
}

static BenchChartPanel *
panel_copy (const BenchChartPanel *panel)
{
  BenchChartPanel *copy = g_new0 (BenchChartPanel, 1);

  *copy = *panel;
  copy->results = g_ptr_array_copy (panel->results, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (copy->results, g_object_unref);
  copy->result_category = g_array_copy (panel->result_category);
  copy->result_series = g_array_copy (panel->result_series);
  copy->result_x = g_array_copy (panel->result_x);
  copy->categories = g_ptr_array_copy (panel->categories, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (copy->categories, g_free);
  copy->series = g_ptr_array_copy (panel->series, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (copy->series, g_free);
  copy->x_title = g_strdup (panel->x_title);
  copy->result_value = panel->result_value ? g_array_copy (panel->result_value) : NULL;
  copy->result_error = panel->result_error ? g_array_copy (panel->result_error) : NULL;
  copy->result_tone = panel->result_tone ? g_array_copy (panel->result_tone) : NULL;
  copy->title = g_strdup (panel->title);
  copy->y_title = g_strdup (panel->y_title);
  copy->limit_label = g_strdup (panel->limit_label);
  copy->rooflines = panel->rooflines ? g_array_copy (panel->rooflines) : NULL;
  return copy;
}

BenchChartSpec *
bench_chart_spec_copy (BenchChartSpec *self)
{
  BenchChartSpec *copy;

  if (isfinite (self->reference) || self->custom)
    {
      /* a comparison's panels are not derived from its results: copy them */
      copy = g_new0 (BenchChartSpec, 1);
      g_atomic_ref_count_init (&copy->ref_count);
      copy->results = g_ptr_array_copy (self->results, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
      g_ptr_array_set_free_func (copy->results, g_object_unref);
      copy->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_free);
      for (guint i = 0; i < self->panels->len; i++)
        g_ptr_array_add (copy->panels, panel_copy (g_ptr_array_index (self->panels, i)));
      copy->reference = self->reference;
      copy->custom = self->custom;
      copy->y_title = g_strdup (self->y_title);
      copy->verdict_series = self->verdict_series;
    }
  else if (self->overview)
    copy = bench_chart_spec_new_overview (self->results, self->view);
  else
    copy = spec_new (self->results, self->has_view, self->view);

  bench_chart_spec_set_title (copy, self->title);
  bench_chart_spec_set_subtitle (copy, self->subtitle);
  bench_chart_spec_set_caption (copy, self->caption);
  copy->log_scale = self->log_scale;
  copy->hide_rooflines = self->hide_rooflines;
  copy->x_scale = self->x_scale;
  copy->value_labels = self->value_labels;
  return copy;
}

guint bench_chart_spec_get_n_panels (BenchChartSpec *self) { return self->panels->len; }
BenchChartPanel *bench_chart_spec_get_panel (BenchChartSpec *self, guint i) { return g_ptr_array_index (self->panels, i); }
GPtrArray *bench_chart_spec_get_results (BenchChartSpec *self) { return self->results; }
const char *bench_chart_spec_get_title (BenchChartSpec *self) { return self->title; }
const char *bench_chart_spec_get_subtitle (BenchChartSpec *self) { return self->subtitle; }
const char *bench_chart_spec_get_caption (BenchChartSpec *self) { return self->caption; }
gboolean bench_chart_spec_get_log_scale (BenchChartSpec *self) { return self->log_scale; }
double bench_chart_spec_get_reference (BenchChartSpec *self) { return self->reference; }

const char *
bench_chart_spec_get_y_title (BenchChartSpec *self)
{
  /* Translators: the value axis of every chart */
  return self->y_title != NULL ? self->y_title : _("tokens/s");
}
gboolean bench_chart_spec_get_value_labels (BenchChartSpec *self) { return self->value_labels; }
BenchChartXScale bench_chart_spec_get_x_scale (BenchChartSpec *self) { return self->x_scale; }
void bench_chart_spec_set_x_scale (BenchChartSpec *self, BenchChartXScale v) { self->x_scale = v; }
void bench_chart_spec_set_log_scale (BenchChartSpec *self, gboolean v) { self->log_scale = v; }
gboolean bench_chart_spec_get_rooflines (BenchChartSpec *self) { return !self->hide_rooflines; }
void bench_chart_spec_set_rooflines (BenchChartSpec *self, gboolean v) { self->hide_rooflines = !v; }
void bench_chart_spec_set_value_labels (BenchChartSpec *self, gboolean v) { self->value_labels = v; }

static void
set_text (char       **field,
          const char  *text)
{
  char *copy = text && *text ? g_strdup (text) : NULL;
  g_free (*field);
  *field = copy;
}

void bench_chart_spec_set_title (BenchChartSpec *self, const char *t) { set_text (&self->title, t); }
void bench_chart_spec_set_subtitle (BenchChartSpec *self, const char *t) { set_text (&self->subtitle, t); }
void bench_chart_spec_set_caption (BenchChartSpec *self, const char *t) { set_text (&self->caption, t); }

char *
bench_chart_spec_suggest_caption (BenchChartSpec *self)
{
  g_autofree char *hardware = common_text (self->results, "hardware_label");
  g_autofree char *build = common_text (self->results, "build_commit");
  GString *caption = g_string_new (NULL);
  const char *date = "";

  for (guint i = 0; i < self->results->len; i++)
    {
      const char *t = bench_result_get_test_time (g_ptr_array_index (self->results, i));
      if (*t && (*date == '\0' || strcmp (t, date) < 0))
        date = t;
    }
  if (hardware != NULL)
    g_string_append (caption, hardware);
  if (build != NULL && *build)
    g_string_append_printf (caption, "%sllama.cpp %s", caption->len ? " · " : "", build);
  if (*date)
    g_string_append_printf (caption, "%s%.10s", caption->len ? " · " : "", date);
  return g_string_free (caption, FALSE);
}

static const char *
kind_name (BenchTestKind kind)
{
  switch (kind)
    {
    case BENCH_TEST_PP: return _("prefill");
    case BENCH_TEST_TG: return _("generation");
    case BENCH_TEST_PG: return _("prefill and generation");
    default:            return "";
    }
}

char *
bench_chart_spec_describe (BenchChartSpec *self)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s. ", self->title ? self->title : "");
  if (isfinite (self->reference))
    {
      for (guint p = 0; p < self->panels->len; p++)
        {
          BenchChartPanel *panel = g_ptr_array_index (self->panels, p);
          double lo = INFINITY, hi = -INFINITY;

          for (guint i = 0; i < panel->result_value->len; i++)
            {
              lo = MIN (lo, g_array_index (panel->result_value, double, i));
              hi = MAX (hi, g_array_index (panel->result_value, double, i));
            }
          /* Translators: "Speedups of generation: 6 bars from 0.91× to 1.12×." */
          g_string_append_printf (text, _("Speedups of %s: %u bars from %.2f× to %.2f×. "),
                                  kind_name (panel->test_kind), panel->results->len, lo, hi);
        }
      return g_string_free (text, FALSE);
    }
  for (guint p = 0; p < self->panels->len; p++)
    {
      BenchChartPanel *panel = g_ptr_array_index (self->panels, p);
      BenchResult *best = NULL;

      for (guint i = 0; i < panel->results->len; i++)
        {
          BenchResult *r = g_ptr_array_index (panel->results, i);
          if (best == NULL || bench_result_get_avg_ts (r) > bench_result_get_avg_ts (best))
            best = r;
        }
      /* Translators: "Bar chart of generation: 6 results; fastest 51.2 tokens/s, model, test." */
      g_string_append_printf (text, _("%s of %s: %u results; fastest %.1f tokens/s, %s, %s. "),
                              panel->kind == BENCH_CHART_LINES ? _("Line chart") : _("Bar chart"),
                              kind_name (panel->test_kind), panel->results->len,
                              bench_result_get_avg_ts (best), bench_result_get_model_type (best),
                              bench_result_get_test_label (best));
    }
  return g_string_free (text, FALSE);
}
