/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-scenario.c — candidates, interpolation over prompt size, depth and
 * answer length, memory, verdicts, and the leave-one-out check. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench-gguf.h"
#include "bench-scenario.h"

/* repeats of one test further apart than this are not noise */
#define REPEAT_DISAGREE 1.3

typedef struct
{
  gint64 p, n, d;
  double ns;        /* median of the repeats */
  double sd_ns;
  double ratio;     /* slowest / fastest repeat */
} Point;

struct _BenchScenarioCandidate
{
  char        *key;
  char        *label;
  GPtrArray   *results;     /* BenchResult */
  GArray      *pp;          /* Point, sorted by p then d */
  GArray      *tg;          /* Point, sorted by context midpoint */
  GArray      *pg;          /* Point */
  double       repeat_ratio;
  char        *repeat_test;
};

/* core fields that identify a candidate besides its parameters */
static const char * const core_identity[] = {
  "build_commit", "build_number", "cpu_info", "gpu_info", "backends",
  "model_filename", "model_type", "model_size", "model_n_params",
};

/* llama-bench's settings, their flags, in its order */
static const struct { const char *field, *flag, *label; } settings[] = {
  { "n_batch", "-b", "b" },
  { "n_ubatch", "-ub", "ub" },
  { "n_threads", "-t", "t" },
  { "cpu_mask", "-C", "cpu_mask" },
  { "cpu_strict", "--cpu-strict", "cpu_strict" },
  { "poll", "--poll", "poll" },
  { "type_k", "-ctk", "ctk" },
  { "type_v", "-ctv", "ctv" },
  { "n_gpu_layers", "-ngl", "ngl" },
  { "n_cpu_moe", "-ncmoe", "ncmoe" },
  { "split_mode", "-sm", "sm" },
  { "main_gpu", "-mg", "mg" },
  { "no_kv_offload", "-nkvo", "nkvo" },
  { "flash_attn", "-fa", "fa" },
  { "devices", "-dev", "dev" },
  { "tensor_split", "-ts", "ts" },
  { "tensor_buft_overrides", "-ot", "ot" },
  { "use_mmap", "-mmp", "mmap" },
  { "embeddings", "-embd", "embd" },
  { "no_op_offload", "-nopo", "nopo" },
};

const char * const *
bench_scenario_setting_fields (void)
{
  static const char *fields[G_N_ELEMENTS (settings) + 1];

  if (fields[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
      fields[i] = settings[i].field;
  return fields;
}

void
bench_requirements_init (BenchRequirements *self)
{
  *self = (BenchRequirements) {
    .min_gen_ts = NAN, .max_ttft_s = NAN, .memory_gb = NAN, .gpu_memory_gb = NAN,
  };
}

double
bench_scenario_compute_allowance (gint64 n_ubatch)
{
  if (n_ubatch <= 0)
    n_ubatch = 512;
  return BENCH_SCENARIO_ALLOWANCE_BASE + BENCH_SCENARIO_ALLOWANCE_UBATCH * n_ubatch;
}

const char *
bench_scenario_answer_to_string (BenchScenarioAnswer answer)
{
  switch (answer)
    {
    case BENCH_SCENARIO_YES: return _("yes");
    case BENCH_SCENARIO_NO:  return _("no");
    case BENCH_SCENARIO_UNKNOWN:
    default:                 return _("unknown");
    }
}

char *
bench_scenario_format_tokens (gint64 tokens)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (tokens < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT, tokens);
  if (tokens % 1024 == 0 && tokens % 1000 != 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "k", tokens / 1024);
  if (tokens % 1000 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "k", tokens / 1000);
  g_ascii_formatd (buf, sizeof buf, "%.1f", tokens / 1000.0);
  return g_strdup_printf ("%sk", buf);
}

/* —— candidates —— */

static gboolean
is_test_field (const char *key)
{
  static const char * const test_fields[] = {
    "n_prompt", "n_gen", "n_depth", "test_time", "avg_ns", "stddev_ns", "avg_ts",
    "stddev_ts", "samples_ns", "samples_ts", "test", "kind", "source", "format",
  };

  for (guint i = 0; i < G_N_ELEMENTS (test_fields); i++)
    if (strcmp (key, test_fields[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
candidate_key (BenchResult *r)
{
  GString *key = g_string_new (NULL);
  const BenchParam *params;
  guint n_params;

  for (guint i = 0; i < G_N_ELEMENTS (core_identity); i++)
    {
      g_autofree char *v = bench_result_dup_field_text (r, core_identity[i]);
      g_string_append (key, v ? v : "");
      g_string_append_c (key, '\x1f');
    }
  params = bench_result_get_params (r, &n_params);
  for (guint i = 0; i < n_params; i++)
    {
      if (is_test_field (params[i].key))
        continue;
      g_string_append (key, params[i].key);
      g_string_append_c (key, '=');
      g_string_append (key, params[i].text);
      g_string_append_c (key, '\x1f');
    }
  return g_string_free (key, FALSE);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  if (n == 0)
    return NAN;
  qsort (values, n, sizeof (double), compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static int
compare_pp (gconstpointer a,
            gconstpointer b)
{
  const Point *x = a, *y = b;
  if (x->p != y->p)
    return x->p < y->p ? -1 : 1;
  return (x->d > y->d) - (x->d < y->d);
}

static double
tg_mid (const Point *point)
{
  return point->d + point->n / 2.0;
}

static int
compare_tg (gconstpointer a,
            gconstpointer b)
{
  double x = tg_mid (a), y = tg_mid (b);
  return (x > y) - (x < y);
}

/* Which test a result is: prompt, generation and depth. */
static char *
test_key (BenchResult *r)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                          bench_result_get_n_prompt (r), bench_result_get_n_gen (r),
                          bench_result_get_n_depth (r));
}

/* @results split by @key_of, in order of first appearance: one array of
 * (borrowed) results per key. */
static GPtrArray *
split_in_order (BenchResult **results,
                guint         n_results,
                char       *(*key_of) (BenchResult *r))
{
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *order = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < n_results; i++)
    {
      char *key = key_of (results[i]);
      GPtrArray *members = g_hash_table_lookup (by_key, key);

      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (by_key, key, members);
          g_ptr_array_add (order, members);
        }
      else
        g_free (key);
      g_ptr_array_add (members, results[i]);
    }
  return order;
}

BenchScenarioCandidate *
bench_scenario_candidate_new (BenchResult **results,
                              guint         n_results)
{
  BenchScenarioCandidate *self = g_new0 (BenchScenarioCandidate, 1);
  g_autoptr (GPtrArray) measured = g_ptr_array_new ();
  g_autoptr (GPtrArray) order = NULL;

  g_return_val_if_fail (n_results > 0, NULL);

  self->key = candidate_key (results[0]);
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->pp = g_array_new (FALSE, FALSE, sizeof (Point));
  self->tg = g_array_new (FALSE, FALSE, sizeof (Point));
  self->pg = g_array_new (FALSE, FALSE, sizeof (Point));
  self->repeat_ratio = 1.0;

  for (guint i = 0; i < n_results; i++)
    {
      BenchResult *r = results[i];

      g_ptr_array_add (self->results, g_object_ref (r));
      if (bench_result_get_avg_ns (r) > 0)
        g_ptr_array_add (measured, r);
    }
  order = split_in_order ((BenchResult **) measured->pdata, measured->len, test_key);

  for (guint t = 0; t < order->len; t++)
    {
      GPtrArray *same = g_ptr_array_index (order, t);
      BenchResult *first = g_ptr_array_index (same, 0);
      g_autofree double *ns = g_new (double, same->len);
      g_autofree double *sd = g_new (double, same->len);
      Point point = {
        .p = bench_result_get_n_prompt (first),
        .n = bench_result_get_n_gen (first),
        .d = bench_result_get_n_depth (first),
      };
      double lo = G_MAXDOUBLE, hi = 0;

      for (guint i = 0; i < same->len; i++)
        {
          BenchResult *r = g_ptr_array_index (same, i);
          ns[i] = bench_result_get_avg_ns (r);
          sd[i] = bench_result_get_stddev_ns (r);
          if (!isfinite (sd[i]))
            sd[i] = 0;
          lo = MIN (lo, ns[i]);
          hi = MAX (hi, ns[i]);
        }
      point.ns = median (ns, same->len);
      point.sd_ns = median (sd, same->len);
      point.ratio = hi / lo;
      if (point.ratio > self->repeat_ratio)
        {
          self->repeat_ratio = point.ratio;
          g_free (self->repeat_test);
          self->repeat_test = g_strdup (bench_result_get_test_label (first));
        }
      if (point.p > 0 && point.n > 0)
        g_array_append_val (self->pg, point);
      else if (point.p > 0)
        g_array_append_val (self->pp, point);
      else if (point.n > 0)
        g_array_append_val (self->tg, point);
    }
  g_array_sort (self->pp, compare_pp);
  g_array_sort (self->tg, compare_tg);
  return self;
}

void
bench_scenario_candidate_free (BenchScenarioCandidate *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self->label);
  g_free (self->repeat_test);
  g_ptr_array_unref (self->results);
  g_array_unref (self->pp);
  g_array_unref (self->tg);
  g_array_unref (self->pg);
  g_free (self);
}

BenchResult *
bench_scenario_candidate_get_example (BenchScenarioCandidate *self)
{
  return g_ptr_array_index (self->results, 0);
}

GPtrArray *
bench_scenario_candidate_get_results (BenchScenarioCandidate *self)
{
  return self->results;
}

const char *
bench_scenario_candidate_get_key (BenchScenarioCandidate *self)
{
  return self->key;
}

const char *
bench_scenario_candidate_get_label (BenchScenarioCandidate *self)
{
  if (self->label == NULL)
    {
      BenchResult *r = bench_scenario_candidate_get_example (self);
      self->label = g_strdup_printf ("%s · %s", bench_result_get_model_type (r),
                                     bench_result_get_hardware_label (r));
    }
  return self->label;
}

double
bench_scenario_candidate_get_repeat_ratio (BenchScenarioCandidate  *self,
                                           const char             **test)
{
  if (test != NULL)
    *test = self->repeat_test;
  return self->repeat_ratio;
}

static const char *
setting_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (strcmp (settings[i].field, field) == 0)
      return settings[i].label;
  return field;
}

/* Labels name the model and machine, then the backend, build and settings
 * that tell it apart from the candidates of the same model and machine. */
static void
label_candidates (GPtrArray *candidates)
{
  static const char * const own[] = { "build_commit" };

  for (guint i = 0; i < candidates->len; i++)
    {
      BenchScenarioCandidate *c = g_ptr_array_index (candidates, i);
      BenchResult *r = bench_scenario_candidate_get_example (c);
      g_autoptr (GPtrArray) peers = g_ptr_array_new ();
      GString *label = g_string_new (bench_result_get_model_type (r));

      for (guint k = 0; k < candidates->len; k++)
        {
          BenchResult *other = bench_scenario_candidate_get_example (g_ptr_array_index (candidates, k));
          if (g_strcmp0 (bench_result_get_model_type (other), bench_result_get_model_type (r)) == 0 &&
              g_strcmp0 (bench_result_get_hardware_key (other), bench_result_get_hardware_key (r)) == 0)
            g_ptr_array_add (peers, other);
        }
      g_string_append_printf (label, " · %s", bench_result_get_hardware_label (r));
      /* the machine's name does not say what ran on it */
      if (*bench_result_get_backends (r) != '\0')
        g_string_append_printf (label, " · %s", bench_result_get_backends (r));
      for (guint k = 0; k < G_N_ELEMENTS (own) + G_N_ELEMENTS (settings); k++)
        {
          const char *field = k < G_N_ELEMENTS (own) ? own[k] : settings[k - G_N_ELEMENTS (own)].field;
          g_autofree char *value = NULL;

          if (bench_results_count_distinct ((BenchResult **) peers->pdata, peers->len, field) < 2)
            continue;
          value = bench_result_dup_field_display (r, field);
          if (k < G_N_ELEMENTS (own))
            g_string_append_printf (label, " · %s", value);
          else
            g_string_append_printf (label, " · %s %s", setting_label (field), value);
        }
      g_free (c->label);
      c->label = g_string_free (label, FALSE);
    }
}

GPtrArray *
bench_scenario_candidates_new (GPtrArray *results)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_scenario_candidate_free);
  g_autoptr (GPtrArray) order = split_in_order ((BenchResult **) results->pdata, results->len,
                                                candidate_key);

  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *members = g_ptr_array_index (order, i);
      g_ptr_array_add (candidates,
                       bench_scenario_candidate_new ((BenchResult **) members->pdata, members->len));
    }
  label_candidates (candidates);
  return candidates;
}

/* —— interpolation —— */

static gboolean log_depth = FALSE;

void
bench_scenario_set_log_depth (gboolean log_depth_)
{
  log_depth = log_depth_;
}

static double
depth_coordinate (double depth)
{
  return log_depth ? log1p (depth) : depth;
}

/* Per-token time of prompts of size @p at depth @depth, interpolated
 * piecewise linearly in depth between the measured depths (attention grows
 * about linearly; over the corpus' depth sweeps this predicts left-out
 * depths 3–10× better than interpolating in log depth, which
 * bench_scenario_set_log_depth brings back for comparison); beyond the
 * last, continued with the last slope. */
static double
pp_curve (BenchScenarioCandidate *self,
          gint64                  p,
          double                  depth,
          double                 *rel_sd,
          gboolean               *extrapolated)
{
  const Point *pts = NULL;
  guint n = 0;
  double x;

  for (guint i = 0; i < self->pp->len; i++)
    {
      const Point *pt = &g_array_index (self->pp, Point, i);
      if (pt->p != p)
        continue;
      if (pts == NULL)
        pts = pt;
      n++;
    }
  g_assert (n > 0);

#define Y(i) (pts[i].ns / pts[i].p)
#define SD(i) (pts[i].sd_ns / pts[i].ns)
  if (depth < pts[0].d || n == 1)
    {
      if (depth != pts[0].d)
        *extrapolated = TRUE;
      *rel_sd = SD (0);
      return Y (0);
    }
  if (depth > pts[n - 1].d)
    {
      double slope = (Y (n - 1) - Y (n - 2)) / (double) (pts[n - 1].d - pts[n - 2].d);
      *extrapolated = TRUE;
      *rel_sd = SD (n - 1);
      return Y (n - 1) + MAX (slope, 0) * (depth - pts[n - 1].d);
    }
  x = depth_coordinate (depth);
  for (guint i = 1; i < n; i++)
    if (depth <= pts[i].d)
      {
        double x0 = depth_coordinate (pts[i - 1].d), x1 = depth_coordinate (pts[i].d);
        double f = x1 > x0 ? (x - x0) / (x1 - x0) : 1;
        *rel_sd = SD (i - 1) + f * (SD (i) - SD (i - 1));
        return Y (i - 1) + f * (Y (i) - Y (i - 1));
      }
#undef Y
#undef SD
  g_assert_not_reached ();
  return NAN;
}

double
bench_scenario_candidate_prefill_ns (BenchScenarioCandidate *self,
                                     gint64                  prompt,
                                     gint64                  depth,
                                     double                 *rel_sd,
                                     gboolean               *extrapolated)
{
  gint64 p_lo = 0, p_hi = 0, p_max = 0;
  double sd = 0;
  gboolean extra = FALSE;
  double ns;

  if (prompt <= 0)
    {
      if (rel_sd)
        *rel_sd = 0;
      if (extrapolated)
        *extrapolated = FALSE;
      return 0;
    }
  if (self->pp->len == 0)
    return NAN;

  for (guint i = 0; i < self->pp->len; i++)
    {
      gint64 p = g_array_index (self->pp, Point, i).p;
      p_max = MAX (p_max, p);
      if (p <= prompt)
        p_lo = p;
      if (p >= prompt && p_hi == 0)
        p_hi = p;
    }

  if (prompt > p_max)
    {
      /* chunks of the largest measured size, each at its own depth */
      guint n_chunks = (guint) MIN ((prompt + p_max - 1) / p_max, 256);
      double chunk = (double) prompt / n_chunks;

      ns = 0;
      for (guint k = 0; k < n_chunks; k++)
        {
          double chunk_sd = 0;
          ns += chunk * pp_curve (self, p_max, depth + k * chunk, &chunk_sd, &extra);
          sd += chunk_sd / n_chunks;
        }
    }
  else if (p_lo == 0)
    {
      /* smaller than every measured prompt */
      extra = TRUE;
      ns = prompt * pp_curve (self, p_hi, depth, &sd, &extra);
    }
  else if (p_lo == p_hi)
    ns = prompt * pp_curve (self, p_lo, depth, &sd, &extra);
  else
    {
      double sd_lo = 0, sd_hi = 0;
      double y_lo = pp_curve (self, p_lo, depth, &sd_lo, &extra);
      double y_hi = pp_curve (self, p_hi, depth, &sd_hi, &extra);
      double f = (log (prompt) - log (p_lo)) / (log (p_hi) - log (p_lo));

      /* a power law between the two sizes: batching makes the time per
       * token fall about as 1/size for small prompts */
      ns = prompt * exp (log (y_lo) + f * (log (y_hi) - log (y_lo)));
      sd = sd_lo + f * (sd_hi - sd_lo);
    }
  if (rel_sd)
    *rel_sd = sd;
  if (extrapolated)
    *extrapolated = extra;
  return ns;
}

/* per-token generation time at context @c: linear between the measured
 * midpoints, flat before the first, continued with the last slope after */
static double
tg_at (BenchScenarioCandidate *self,
       double                  c,
       double                 *rel_sd)
{
  const Point *pts = (const Point *) (void *) self->tg->data;
  guint n = self->tg->len;

#define Y(i) (pts[i].ns / pts[i].n)
#define SD(i) (pts[i].sd_ns / pts[i].ns)
  if (c <= tg_mid (&pts[0]) || n == 1)
    {
      *rel_sd = SD (0);
      return Y (0);
    }
  if (c >= tg_mid (&pts[n - 1]))
    {
      guint i = n - 2;
      double dx = tg_mid (&pts[n - 1]) - tg_mid (&pts[i]);
      double slope = dx > 0 ? (Y (n - 1) - Y (i)) / dx : 0;
      *rel_sd = SD (n - 1);
      return Y (n - 1) + MAX (slope, 0) * (c - tg_mid (&pts[n - 1]));
    }
  for (guint i = 1; i < n; i++)
    if (c <= tg_mid (&pts[i]))
      {
        double x0 = tg_mid (&pts[i - 1]), x1 = tg_mid (&pts[i]);
        double f = x1 > x0 ? (c - x0) / (x1 - x0) : 1;
        *rel_sd = SD (i - 1) + f * (SD (i) - SD (i - 1));
        return Y (i - 1) + f * (Y (i) - Y (i - 1));
      }
#undef Y
#undef SD
  g_assert_not_reached ();
  return NAN;
}

double
bench_scenario_candidate_generation_ns (BenchScenarioCandidate *self,
                                        gint64                  answer,
                                        gint64                  start,
                                        double                 *rel_sd,
                                        gboolean               *extrapolated)
{
  gint64 covered_from = G_MAXINT64, covered_to = 0;
  double sd = 0, ns = 0;

  if (self->tg->len == 0)
    return NAN;
  for (guint i = 0; i < self->tg->len; i++)
    {
      const Point *pt = &g_array_index (self->tg, Point, i);
      covered_from = MIN (covered_from, pt->d);
      covered_to = MAX (covered_to, pt->d + pt->n);
    }
  if (extrapolated)
    *extrapolated = start < covered_from || start + MAX (answer, 1) > covered_to;

  if (answer <= 0)
    ns = tg_at (self, start, &sd);
  else
    {
      /* the integral of a piecewise-linear curve: exact enough with the
       * midpoint rule over many steps */
      guint steps = (guint) MIN (answer, 512);
      double step = (double) answer / steps;

      for (guint k = 0; k < steps; k++)
        {
          double step_sd = 0;
          ns += step * tg_at (self, start + (k + 0.5) * step, &step_sd);
          sd += step_sd / steps;
        }
    }
  if (rel_sd)
    *rel_sd = sd;
  return ns;
}

double
bench_scenario_candidate_measured_pg_ns (BenchScenarioCandidate *self,
                                         gint64                  prompt,
                                         gint64                  answer,
                                         gint64                  depth,
                                         double                 *sd_ns)
{
  for (guint i = 0; i < self->pg->len; i++)
    {
      const Point *pt = &g_array_index (self->pg, Point, i);
      if (pt->p == prompt && pt->n == answer && pt->d == depth)
        {
          if (sd_ns)
            *sd_ns = pt->sd_ns;
          return pt->ns;
        }
    }
  return NAN;
}

/* —— the prediction —— */

void
bench_scenario_prediction_free (BenchScenarioPrediction *self)
{
  if (self == NULL)
    return;
  g_free (self->reason);
  g_free (self->command);
  g_free (self);
}

/* KV cache bytes for @context tokens: from the requirements when they
 * state it, else from the model file; FALSE when unknown. */
static gboolean
kv_bytes (BenchScenarioCandidate  *candidate,
          const BenchRequirements *requirements,
          gint64                   context,
          double                  *bytes,
          gboolean                *approximate)
{
  BenchResult *r = bench_scenario_candidate_get_example (candidate);
  g_autoptr (BenchGgufInfo) info = NULL;
  const char *type_k, *type_v;
  guint64 full, swa;
  gint64 window;

  *approximate = FALSE;
  if (requirements->kv_bytes_per_token > 0)
    {
      *bytes = (double) requirements->kv_bytes_per_token * context;
      return TRUE;
    }
  info = bench_gguf_lookup (bench_result_get_model_filename (r));
  if (info == NULL)
    return FALSE;
  if (!bench_gguf_info_has_kv_cache (info))
    {
      *bytes = 0;
      return TRUE;
    }
  if (!bench_gguf_info_is_kv_known (info))
    return FALSE;
  type_k = bench_result_get_param_text (r, "type_k");
  type_v = bench_result_get_param_text (r, "type_v");
  full = bench_gguf_info_get_kv_bytes_per_token (info, type_k, type_v);
  swa = bench_gguf_info_get_swa_kv_bytes_per_token (info, type_k, type_v);
  window = bench_gguf_info_get_sliding_window (info);
  if (full == G_MAXUINT64 || swa == G_MAXUINT64 || (full == 0 && swa == 0))
    return FALSE;   /* an unknown cache type, or absurd */
  /* sliding-window layers hold at most the window */
  *bytes = (double) full * context + (double) swa * (window > 0 ? MIN (context, window) : context);
  *approximate = bench_gguf_info_is_kv_approximate (info);
  return TRUE;
}

static void
append_reason (GString    *reason,
               const char *text)
{
  if (reason->len > 0)
    g_string_append (reason, "; ");
  g_string_append (reason, text);
}

static char *
format_number (double value,
               int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  /* reasons are read by people: the locale's decimal point */
  g_snprintf (buf, sizeof buf, "%.*f", decimals, value);
  return g_strdup (buf);
}

BenchScenarioPrediction *
bench_scenario_predict (BenchScenarioCandidate  *candidate,
                        const BenchWorkload     *workload,
                        const BenchRequirements *requirements)
{
  BenchScenarioPrediction *self = g_new0 (BenchScenarioPrediction, 1);
  BenchResult *r = bench_scenario_candidate_get_example (candidate);
  g_autoptr (GString) reason = g_string_new (NULL);
  gint64 start = workload->depth + workload->prompt;
  double ttft_sd = 0, gen_sd = 0, pg_sd = 0, pg_ns, kv;
  gboolean ttft_extra = FALSE, gen_extra = FALSE, kv_approximate = FALSE;
  gboolean unknown = FALSE, fails = FALSE;
  double budget = requirements->memory_gb;
  double *machine_budget = NULL;
  const char *repeat_test;

  self->candidate = candidate;
  self->end_gen_ts = NAN;
  self->context = MAX (workload->context, start + workload->answer);

  /* time to first token */
  self->ttft_s = bench_scenario_candidate_prefill_ns (candidate, workload->prompt,
                                                      workload->depth, &ttft_sd, &ttft_extra) / 1e9;
  self->ttft_sd_s = self->ttft_s * ttft_sd;

  /* the answer */
  if (workload->answer > 0)
    {
      double ns = bench_scenario_candidate_generation_ns (candidate, workload->answer, start,
                                                          &gen_sd, &gen_extra);
      self->answer_s = ns / 1e9;
      self->answer_sd_s = self->answer_s * gen_sd;
      self->gen_ts = workload->answer / self->answer_s;
      self->gen_sd_ts = self->gen_ts * gen_sd;
    }
  else
    {
      double ns = bench_scenario_candidate_generation_ns (candidate, 0, start, &gen_sd, &gen_extra);
      self->answer_s = 0;
      self->answer_sd_s = 0;
      self->gen_ts = 1e9 / ns;
      self->gen_sd_ts = self->gen_ts * gen_sd;
      /* the speed matters here only when a minimum asks for it */
      if (isnan (requirements->min_gen_ts))
        gen_extra = FALSE;
    }
  self->total_s = self->ttft_s + self->answer_s;
  self->total_sd_s = hypot (self->ttft_sd_s, self->answer_sd_s);
  self->extrapolated = ttft_extra || gen_extra;

  pg_ns = bench_scenario_candidate_measured_pg_ns (candidate, workload->prompt, workload->answer,
                                                   workload->depth, &pg_sd);
  if (isfinite (pg_ns))
    {
      self->measured = TRUE;
      self->total_s = pg_ns / 1e9;
      self->total_sd_s = pg_sd / 1e9;
    }

  /* memory */
  self->weights_gb = bench_result_get_model_size (r) / 1e9;
  if (requirements->machine_memory_gb != NULL)
    machine_budget = g_hash_table_lookup (requirements->machine_memory_gb,
                                          bench_result_get_hardware_key (r));
  if (machine_budget != NULL)
    budget = *machine_budget;
  if (isfinite (requirements->gpu_memory_gb) && bench_result_get_param_int (r, "n_gpu_layers", 0) > 0)
    budget = requirements->gpu_memory_gb;
  self->budget_gb = budget;
  if (kv_bytes (candidate, requirements, self->context, &kv, &kv_approximate))
    self->memory_gb = (bench_result_get_model_size (r) + kv +
                       bench_scenario_compute_allowance (bench_result_get_param_int (r, "n_ubatch", 512))) / 1e9;
  else
    self->memory_gb = NAN;

  if (!isfinite (budget))
    self->fits = BENCH_SCENARIO_UNKNOWN;
  else if (isfinite (self->memory_gb))
    self->fits = self->memory_gb <= budget ? BENCH_SCENARIO_YES : BENCH_SCENARIO_NO;
  else if (self->weights_gb > budget)
    self->fits = BENCH_SCENARIO_NO;
  else
    self->fits = BENCH_SCENARIO_UNKNOWN;

  /* meets? */
  if (isfinite (requirements->min_gen_ts))
    {
      g_autofree char *at = NULL;
      double worst_ts = self->gen_ts;
      gint64 worst_at = start;

      /* the minimum holds up to the context that must fit: a conversation
       * grows there, and generation is slowest at its end */
      if (self->context > start + workload->answer)
        {
          gboolean end_extra = FALSE;
          double ns = bench_scenario_candidate_generation_ns (candidate, 0, self->context, NULL,
                                                              &end_extra);
          self->end_gen_ts = 1e9 / ns;
          if (self->end_gen_ts < worst_ts)
            {
              worst_ts = self->end_gen_ts;
              worst_at = self->context;
            }
          if (end_extra)
            self->extrapolated = TRUE;
        }
      at = bench_scenario_format_tokens (worst_at);
      if (isnan (worst_ts))
        {
          append_reason (reason, _("no generation tests"));
          unknown = TRUE;
        }
      else if (worst_ts < requirements->min_gen_ts)
        {
          g_autofree char *have = format_number (worst_ts, 1);
          g_autofree char *need = format_number (requirements->min_gen_ts, 0);
          g_autofree char *text = NULL;
          /* Translators: "generation 9.8 t/s at 20k, needs 15" */
          text = g_strdup_printf (_("generation %s t/s at %s, needs %s"), have, at, need);
          append_reason (reason, text);
          fails = TRUE;
        }
    }
  if (isfinite (requirements->max_ttft_s) && workload->prompt > 0)
    {
      if (isnan (self->ttft_s))
        {
          append_reason (reason, _("no prefill tests"));
          unknown = TRUE;
        }
      else if (self->ttft_s > requirements->max_ttft_s)
        {
          g_autofree char *have = format_number (self->ttft_s, 1);
          g_autofree char *need = format_number (requirements->max_ttft_s, 0);
          g_autofree char *text = NULL;
          /* Translators: "first token after 45.2 s, limit 30 s" */
          text = g_strdup_printf (_("first token after %s s, limit %s s"), have, need);
          append_reason (reason, text);
          fails = TRUE;
        }
    }
  if (self->fits == BENCH_SCENARIO_NO)
    {
      g_autofree char *need = format_number (isfinite (self->memory_gb) ? self->memory_gb
                                                                          : self->weights_gb, 1);
      g_autofree char *have = format_number (budget, 0);
      g_autofree char *text = NULL;
      if (isfinite (self->memory_gb))
        /* Translators: "needs 98.2 GB, budget 96 GB" */
        text = g_strdup_printf (_("needs %s GB, budget %s GB"), need, have);
      else
        /* Translators: "weights alone 111.5 GB, budget 96 GB" */
        text = g_strdup_printf (_("weights alone %s GB, budget %s GB"), need, have);
      append_reason (reason, text);
      fails = TRUE;
    }
  else if (self->fits == BENCH_SCENARIO_UNKNOWN && isfinite (budget))
    {
      append_reason (reason, _("KV cache size unknown: open the model’s .gguf file"));
      unknown = TRUE;
    }
  if (workload->prompt > 0 && isnan (self->ttft_s) && !unknown)
    {
      append_reason (reason, _("no prefill tests"));
      unknown = TRUE;
    }
  if ((workload->answer > 0) && isnan (self->gen_ts) && !unknown)
    {
      append_reason (reason, _("no generation tests"));
      unknown = TRUE;
    }
  if (bench_scenario_candidate_get_repeat_ratio (candidate, &repeat_test) >= REPEAT_DISAGREE)
    {
      g_autofree char *ratio = format_number (candidate->repeat_ratio, 1);
      g_autofree char *text = NULL;
      /* Translators: "repeated tests disagree 4.6× (pp512)" */
      text = g_strdup_printf (_("repeated tests disagree %s× (%s): a setting the file does not "
                                "record; predicted from their median"), ratio, repeat_test);
      append_reason (reason, text);
      unknown = TRUE;
    }
  if (kv_approximate)
    append_reason (reason, _("KV cache size approximate for this architecture"));
  self->meets = fails ? BENCH_SCENARIO_NO : unknown ? BENCH_SCENARIO_UNKNOWN : BENCH_SCENARIO_YES;
  if (self->extrapolated && !self->measured)
    append_reason (reason, _("extrapolated beyond the measured tests"));
  self->reason = g_string_free (g_steal_pointer (&reason), FALSE);

  if ((self->extrapolated && !self->measured) || isnan (self->total_s))
    self->command = bench_scenario_dup_command (candidate, workload);
  return self;
}

static int
rank_order (gconstpointer a,
            gconstpointer b)
{
  const BenchScenarioPrediction *x = *(BenchScenarioPrediction **) a;
  const BenchScenarioPrediction *y = *(BenchScenarioPrediction **) b;
  static const int order[] = { [BENCH_SCENARIO_YES] = 0, [BENCH_SCENARIO_UNKNOWN] = 1,
                               [BENCH_SCENARIO_NO] = 2 };
  double tx = x->total_s, ty = y->total_s;

  if (order[x->meets] != order[y->meets])
    return order[x->meets] - order[y->meets];
  if (isnan (tx) != isnan (ty))
    return isnan (tx) ? 1 : -1;
  return (tx > ty) - (tx < ty);
}

GPtrArray *
bench_scenario_rank (GPtrArray               *candidates,
                     const BenchWorkload     *workload,
                     const BenchRequirements *requirements)
{
  GPtrArray *ranked = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_scenario_prediction_free);

  for (guint i = 0; i < candidates->len; i++)
    g_ptr_array_add (ranked, bench_scenario_predict (g_ptr_array_index (candidates, i),
                                                     workload, requirements));
  /* stable: equal totals keep the order the files gave */
  g_ptr_array_sort (ranked, rank_order);
  return ranked;
}

/* llama-bench's defaults need no flag */
static gboolean
is_default_setting (const char *field,
                    const char *value)
{
  static const char * const defaults[] = {
    "n_batch", "2048", "n_ubatch", "512", "type_k", "f16", "type_v", "f16",
    "cpu_mask", "0x0", "cpu_strict", "0", "poll", "50", "n_cpu_moe", "0",
    "split_mode", "layer", "main_gpu", "0", "no_kv_offload", "0", "devices", "auto",
    "tensor_split", "0.00", "tensor_buft_overrides", "none", "use_mmap", "1",
    "embeddings", "0", "no_op_offload", "0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i += 2)
    if (strcmp (field, defaults[i]) == 0 && strcmp (value, defaults[i + 1]) == 0)
      return TRUE;
  return FALSE;
}

char *
bench_scenario_dup_command (BenchScenarioCandidate *candidate,
                            const BenchWorkload    *workload)
{
  BenchResult *r = bench_scenario_candidate_get_example (candidate);
  const char *model = bench_result_get_model_filename (r);
  GString *command = g_string_new ("llama-bench -m ");
  g_autoptr (GArray) depths = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 d;

  g_string_append (command, model && *model ? model : "MODEL.gguf");
  g_string_append_printf (command, " -p %" G_GINT64_FORMAT " -n %" G_GINT64_FORMAT,
                          workload->prompt, workload->answer);
  /* the workload's depth and, up to the context that must fit, half of it
   * and all of it */
  d = workload->depth;
  g_array_append_val (depths, d);
  if (workload->context > workload->depth)
    {
      gint64 half = workload->context / 2;
      if (half > workload->depth)
        g_array_append_val (depths, half);
      g_array_append_val (depths, workload->context);
    }
  g_string_append (command, " -d ");
  for (guint i = 0; i < depths->len; i++)
    g_string_append_printf (command, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (depths, gint64, i));
  g_string_append (command, " -r 3 -o jsonl");

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autofree char *value = bench_result_dup_field_text (r, settings[i].field);

      if (value == NULL || *value == '\0')
        continue;
      if (strcmp (settings[i].field, "flash_attn") == 0)
        {
          int fa = bench_result_get_flash_attn (r);
          if (fa == -2)
            continue;
          g_free (value);
          value = g_strdup (fa == -1 ? "auto" : fa ? "1" : "0");
        }
      else if (strcmp (value, "true") == 0)
        {
          g_free (value);
          value = g_strdup ("1");
        }
      else if (strcmp (value, "false") == 0)
        {
          g_free (value);
          value = g_strdup ("0");
        }
      if (is_default_setting (settings[i].field, value))
        continue;
      g_string_append_printf (command, " %s ", settings[i].flag);
      if (strpbrk (value, " ;|&$'\"*?<>()") != NULL)
        {
          g_autofree char *quoted = g_shell_quote (value);
          g_string_append (command, quoted);
        }
      else
        g_string_append (command, value);
    }
  return g_string_free (command, FALSE);
}

/* —— leave-one-out —— */

void
bench_scenario_check_free (BenchScenarioCheck *self)
{
  if (self == NULL)
    return;
  g_free (self->label);
  g_free (self->worst_test);
  g_free (self);
}

typedef enum { KIND_PP, KIND_TG, KIND_PG } Kind;

/* a copy of @self without the results of test (p, n, d) */
static BenchScenarioCandidate *
candidate_without (BenchScenarioCandidate *self,
                   const Point            *left_out)
{
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; i < self->results->len; i++)
    {
      BenchResult *r = g_ptr_array_index (self->results, i);
      if (bench_result_get_n_prompt (r) == left_out->p && bench_result_get_n_gen (r) == left_out->n &&
          bench_result_get_n_depth (r) == left_out->d)
        continue;
      g_ptr_array_add (kept, r);
    }
  if (kept->len == 0)
    return NULL;
  return bench_scenario_candidate_new ((BenchResult **) kept->pdata, kept->len);
}

static BenchScenarioCheck *
check_kind (BenchScenarioCandidate *self,
            Kind                    kind)
{
  GArray *points = kind == KIND_PP ? self->pp : kind == KIND_TG ? self->tg : self->pg;
  g_autoptr (GArray) errors = g_array_new (FALSE, FALSE, sizeof (double));
  BenchScenarioCheck *check;
  double worst = 0, worst_extra = 0;
  g_autofree char *worst_test = NULL;
  guint n_extra = 0;

  for (guint i = 0; i < points->len; i++)
    {
      const Point pt = g_array_index (points, Point, i);
      g_autoptr (BenchScenarioCandidate) rest = candidate_without (self, &pt);
      gboolean extra = FALSE, extra2 = FALSE;
      double predicted, error;

      if (rest == NULL)
        continue;
      if (kind == KIND_PP)
        predicted = bench_scenario_candidate_prefill_ns (rest, pt.p, pt.d, NULL, &extra);
      else if (kind == KIND_TG)
        predicted = bench_scenario_candidate_generation_ns (rest, pt.n, pt.d, NULL, &extra);
      else
        predicted = bench_scenario_candidate_prefill_ns (rest, pt.p, pt.d, NULL, &extra) +
                    bench_scenario_candidate_generation_ns (rest, pt.n, pt.d + pt.p, NULL, &extra2);
      if (!isfinite (predicted))
        continue;
      error = fabs (predicted - pt.ns) / pt.ns;
      if (extra || extra2)
        {
          n_extra++;
          worst_extra = MAX (worst_extra, error);
          continue;
        }
      g_array_append_val (errors, error);
      if (error >= worst)
        {
          worst = error;
          g_free (worst_test);
          worst_test = bench_format_test_label (pt.p, pt.n, pt.d);
        }
    }
  if (errors->len == 0 && n_extra == 0)
    return NULL;

  check = g_new0 (BenchScenarioCheck, 1);
  check->label = g_strdup_printf ("%s · %s", bench_scenario_candidate_get_label (self),
                                  kind == KIND_PP ? "pp" : kind == KIND_TG ? "tg" : "pg");
  check->n_points = errors->len;
  check->n_extrapolated = n_extra;
  check->median_error = median ((double *) (void *) errors->data, errors->len);
  check->worst_error = errors->len ? worst : NAN;
  check->worst_test = g_steal_pointer (&worst_test);
  check->worst_extrapolated_error = n_extra ? worst_extra : NAN;
  check->repeat_ratio = self->repeat_ratio;
  return check;
}

GPtrArray *
bench_scenario_check (GPtrArray *candidates)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_scenario_check_free);

  for (guint i = 0; i < candidates->len; i++)
    for (Kind kind = KIND_PP; kind <= KIND_PG; kind++)
      {
        BenchScenarioCheck *check = check_kind (g_ptr_array_index (candidates, i), kind);
        if (check != NULL)
          g_ptr_array_add (checks, check);
      }
  return checks;
}
