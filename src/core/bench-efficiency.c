/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-efficiency.c — bytes per token, peak bandwidth and the share of it
 * a generation run used. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "bench-efficiency.h"
#include "bench-efficiency-private.h"
#include "bench-gguf.h"
#include "bench-units.h"

/* —— mixture-of-experts share from the model type ———————————————— */

/* Published active parameters of MoE models whose type does not say it, or
 * says it rounded (qwen3moe "30B.A3B" is 3.3 B active). Matched by
 * architecture and total parameters within 15 %. */
typedef struct
{
  const char *arch;
  double      total;
  double      active;
} KnownMoe;

static const KnownMoe known_moes[] = {
  /* OpenAI gpt-oss model card: 20b 3.6 B of 21 B, 120b 5.1 B of 117 B */
  { "gpt-oss",   20.91e9,  3.61e9 },
  { "gpt-oss",  116.83e9,  5.13e9 },
  /* Qwen3 model cards: 30B-A3B 3.3 B of 30.5 B, 235B-A22B, Coder 480B-A35B */
  { "qwen3moe",  30.53e9,  3.3e9 },
  { "qwen3moe", 235.09e9, 22.0e9 },
  { "qwen3moe", 480.15e9, 35.0e9 },
  /* GLM-4.5-Air 106 B / 12 B, GLM-4.5 355 B / 32 B */
  { "glm4moe",  110.47e9, 12.0e9 },
  { "glm4moe",  358.34e9, 32.0e9 },
  /* DeepSeek-V2-Lite 15.7 B / 2.4 B, V2 236 B / 21 B, V3 and R1 671 B / 37 B,
   * Kimi K2 (deepseek2 architecture) 1.03 T / 32 B */
  { "deepseek2", 15.71e9,  2.4e9 },
  { "deepseek2", 236.0e9, 21.0e9 },
  { "deepseek2", 671.0e9, 37.0e9 },
  { "deepseek2", 1026.0e9, 32.0e9 },
  /* Llama 4 Scout 109 B / 17 B, Maverick 400 B / 17 B */
  { "llama4",   108.64e9, 17.0e9 },
  { "llama4",   400.7e9,  17.0e9 },
};

/* Architectures that are mixtures of experts whatever their type says. */
static const char *const moe_archs[] = {
  "gpt-oss", "deepseek", "llama4", "mixtral", "dbrx", "arctic", "grok", "jamba",
  "olmoe", "minimax", "dots1", "hunyuan", "ernie4_5-moe", "bailing", "glm4moe",
  "qwen2moe", "qwen3moe", "qwen35moe", "qwen3next", "granitemoe", "phimoe", "exaone-moe",
  "step3", "kimi", "mimo",
};

static double
unit_scale (char c)
{
  switch (c)
    {
    case 'K': return 1e3;
    case 'M': return 1e6;
    case 'B': return 1e9;
    case 'T': return 1e12;
    default:  return NAN;
    }
}

/* "30B" → 30e9; NAN unless the whole of @text[0..len) is a number and unit */
static double
parse_count (const char *text,
             gsize       len)
{
  g_autofree char *number = NULL;
  char *end;
  double value;

  if (len < 2 || isnan (unit_scale (text[len - 1])))
    return NAN;
  number = g_strndup (text, len - 1);
  value = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0' || !(value > 0))
    return NAN;
  return value * unit_scale (text[len - 1]);
}

/* One token of the model type: fills total/active (NAN when not said);
 * TRUE when the token is an MoE size ("30B.A3B", "A3B", "17Bx16E", "8x7B"). */
static gboolean
parse_moe_token (const char *token,
                 double     *total,
                 double     *active,
                 gboolean   *mixtral)
{
  gsize len = strlen (token);
  const char *dot_a = strstr (token, ".A");
  const char *x = strchr (token, 'x');

  *total = *active = NAN;
  *mixtral = FALSE;
  if (dot_a != NULL)
    {
      *total = parse_count (token, dot_a - token);
      *active = parse_count (dot_a + 2, len - (dot_a + 2 - token));
      return !isnan (*active);
    }
  if (token[0] == 'A' && g_ascii_isdigit (token[1]))
    {
      *active = parse_count (token + 1, len - 1);
      return !isnan (*active);
    }
  if (x != NULL && x > token)
    {
      /* Llama 4: "17Bx16E", 17 B active */
      if (token[len - 1] == 'E' && !isnan (parse_count (token, x - token)))
        {
          *active = parse_count (token, x - token);
          return TRUE;
        }
      /* Mixtral: "8x7B", "8x22B" */
      if (!isnan (parse_count (x + 1, len - (x + 1 - token))))
        {
          g_autofree char *n = g_strndup (token, x - token);
          char *end;
          guint64 experts = g_ascii_strtoull (n, &end, 10);
          if (*end == '\0' && experts > 1)
            {
              double each = parse_count (x + 1, len - (x + 1 - token));
              *mixtral = TRUE;
              /* Mixtral 8x7B: 12.9 B active of 46.7 B; 8x22B: 39 B of 141 B */
              if (experts == 8 && fabs (each - 7e9) < 1)
                *total = 46.7e9, *active = 12.9e9;
              else if (experts == 8 && fabs (each - 22e9) < 1)
                *total = 141e9, *active = 39e9;
              return TRUE;
            }
        }
    }
  return FALSE;
}

gboolean
bench_model_type_active_fraction (const char         *model_type,
                                  gint64              n_params,
                                  BenchWeightsSource *source,
                                  double             *fraction)
{
  g_auto (GStrv) tokens = NULL;
  g_autofree char *arch = NULL;
  double total = NAN, active = NAN;
  gboolean moe = FALSE, mixtral = FALSE;

  g_return_val_if_fail (source != NULL && fraction != NULL, FALSE);
  *source = BENCH_WEIGHTS_DENSE;
  *fraction = 1.0;
  if (model_type == NULL || *model_type == '\0')
    return FALSE;

  tokens = g_strsplit (model_type, " ", -1);
  arch = g_ascii_strdown (tokens[0], -1);
  for (guint i = 0; tokens[i] != NULL && !moe; i++)
    moe = parse_moe_token (tokens[i], &total, &active, &mixtral);
  for (guint i = 0; i < G_N_ELEMENTS (moe_archs) && !moe; i++)
    moe = g_str_has_prefix (arch, moe_archs[i]);
  if (!moe)
    return FALSE;

  if (n_params > 0 && !mixtral)
    for (guint i = 0; i < G_N_ELEMENTS (known_moes); i++)
      if (strcmp (arch, known_moes[i].arch) == 0 &&
          fabs ((double) n_params / known_moes[i].total - 1.0) < 0.15)
        {
          *source = BENCH_WEIGHTS_MOE_KNOWN;
          *fraction = known_moes[i].active / (double) n_params;
          return TRUE;
        }

  if (n_params > 0)
    total = (double) n_params;
  if (!isnan (active) && total > 0)
    {
      *source = mixtral ? BENCH_WEIGHTS_MOE_KNOWN : BENCH_WEIGHTS_MOE_TYPE;
      *fraction = MIN (active / total, 1.0);
      return TRUE;
    }
  *source = BENCH_WEIGHTS_MOE_UNKNOWN;
  *fraction = NAN;
  return TRUE;
}

/* —— the peak bandwidth table ——————————————————————————————————— */

typedef struct
{
  char   *name;
  char  **match;      /* lower case, spaces collapsed */
  char  **cpu_match;
  double  gbs, gbs_min;
  char   *source;
  char   *url;
} Device;

typedef struct
{
  GPtrArray  *devices;   /* Device */
  GMutex      lock;
  GHashTable *matches;   /* "gpu\x1fcpu" → index + 1 (0: none) */
  GHashTable *user;      /* hardware key → double* */
} PeakTable;

static void
device_free (gpointer data)
{
  Device *d = data;
  g_free (d->name);
  g_strfreev (d->match);
  g_strfreev (d->cpu_match);
  g_free (d->source);
  g_free (d->url);
  g_free (d);
}

/* lower case, runs of blanks as one space, "(R)" and "(TM)" kept */
static char *
normalize (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

static char **
string_list (JsonObject *object,
             const char *member)
{
  JsonArray *array = json_object_has_member (object, member)
                     ? json_object_get_array_member (object, member) : NULL;
  guint n = array ? json_array_get_length (array) : 0;
  char **list = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    list[i] = normalize (json_array_get_string_element (array, i));
  return list;
}

GPtrArray *
bench_peak_table_parse (GBytes  *bytes,
                        GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) devices = g_ptr_array_new_with_free_func (device_free);
  JsonNode *root_node, *devices_node;
  JsonObject *root;
  JsonArray *array = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;
  root_node = json_parser_get_root (parser);
  root = root_node != NULL && JSON_NODE_HOLDS_OBJECT (root_node) ? json_node_get_object (root_node) : NULL;
  devices_node = root != NULL ? json_object_get_member (root, "devices") : NULL;
  if (devices_node != NULL && JSON_NODE_HOLDS_ARRAY (devices_node))
    array = json_node_get_array (devices_node);
  if (array == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "hardware-bandwidth.json has no devices");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *o;
      Device *d;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      o = json_node_get_object (node);
      d = g_new0 (Device, 1);

      d->name = g_strdup (json_object_get_string_member_with_default (o, "name", ""));
      d->match = string_list (o, "match");
      d->cpu_match = string_list (o, "cpu_match");
      d->gbs = json_object_get_double_member_with_default (o, "peak_gbs", NAN);
      d->gbs_min = json_object_get_double_member_with_default (o, "peak_gbs_min", d->gbs);
      d->source = g_strdup (json_object_get_string_member_with_default (o, "source", ""));
      d->url = g_strdup (json_object_get_string_member_with_default (o, "url", ""));
      g_ptr_array_add (devices, d);
    }
  return g_steal_pointer (&devices);
}

static PeakTable *
peak_table (void)
{
  static PeakTable *table;

  if (g_once_init_enter (&table))
    {
      PeakTable *t = g_new0 (PeakTable, 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;

      bench_core_register_resource ();
      bytes = g_resources_lookup_data ("/io/github/benchtop/Benchtop/core/hardware-bandwidth.json",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      t->devices = bytes ? bench_peak_table_parse (bytes, &error) : NULL;
      if (t->devices == NULL)
        {
          g_warning ("peak bandwidth table: %s", error->message);
          t->devices = g_ptr_array_new_with_free_func (device_free);
        }
      g_mutex_init (&t->lock);
      t->matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      t->user = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_once_init_leave (&table, t);
    }
  return table;
}

/* Words that make another device of a name: "RTX 3090" is not "RTX 3090 Ti". */
static gboolean
is_variant_word (const char *word,
                 gsize       len)
{
  static const char *const variants[] = {
    "ti", "super", "xt", "xtx", "gre", "laptop", "mobile", "max-q", "pro", "max", "ultra",
    "ada", "d", "m", "s",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    if (strlen (variants[i]) == len && strncmp (word, variants[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* @pattern occurs in @text as whole words, not followed by a variant word */
static gboolean
name_matches (const char *text,
              const char *pattern)
{
  gsize plen = strlen (pattern);

  if (plen == 0)
    return FALSE;
  for (const char *p = strstr (text, pattern); p != NULL; p = strstr (p + 1, pattern))
    {
      const char *after = p + plen, *word;
      gsize wlen = 0;

      if (p > text && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (pattern[0]))
        continue;
      if (g_ascii_isalnum (*after) && g_ascii_isalnum (pattern[plen - 1]))
        continue;
      word = after;
      while (*word == ' ')
        word++;
      while (word[wlen] != '\0' && word[wlen] != ' ' && word[wlen] != ',' && word[wlen] != '(')
        wlen++;
      if (word != after && is_variant_word (word, wlen))
        continue;
      return TRUE;
    }
  return FALSE;
}

/* index of the device whose longest name occurs in @text, -1 for none */
static int
best_match (PeakTable  *t,
            const char *text,
            gboolean    cpu)
{
  int best = -1;
  gsize best_len = 0;

  for (guint i = 0; i < t->devices->len; i++)
    {
      Device *d = g_ptr_array_index (t->devices, i);
      for (guint pass = 0; pass < (cpu ? 2 : 1); pass++)
        {
          char **names = pass == 0 ? d->match : d->cpu_match;
          for (guint j = 0; names[j] != NULL; j++)
            if (strlen (names[j]) > best_len && name_matches (text, names[j]))
              {
                best = i;
                best_len = strlen (names[j]);
              }
        }
    }
  return best;
}

/* A GPU that names no model: the APU is named in cpu_info. */
static gboolean
is_generic_gpu (const char *gpu)
{
  return *gpu == '\0' || strstr (gpu, "radeon graphics") != NULL ||
         strstr (gpu, "radeon(tm) graphics") != NULL;
}

static int
lookup_device (PeakTable  *t,
               const char *gpu_info,
               const char *cpu_info)
{
  g_autofree char *gpu = normalize (gpu_info ? gpu_info : "");
  g_autofree char *cpu = normalize (cpu_info ? cpu_info : "");
  int found = *gpu != '\0' ? best_match (t, gpu, FALSE) : -1;

  if (found < 0 && is_generic_gpu (gpu) && *cpu != '\0')
    found = best_match (t, cpu, TRUE);
  return found;
}

static void
fill_peak (BenchPeak *peak,
           Device    *d)
{
  peak->gbs = d->gbs;
  peak->gbs_min = d->gbs_min;
  peak->name = d->name;
  peak->source = d->source;
  peak->url = d->url;
  peak->from_user = FALSE;
}

static void
clear_peak (BenchPeak *peak)
{
  *peak = (BenchPeak) { NAN, NAN, NULL, NULL, NULL, FALSE };
}

gboolean
bench_peak_lookup (const char *gpu_info,
                   const char *cpu_info,
                   BenchPeak  *peak)
{
  PeakTable *t = peak_table ();
  int found = lookup_device (t, gpu_info, cpu_info);

  clear_peak (peak);
  if (found < 0)
    return FALSE;
  fill_peak (peak, g_ptr_array_index (t->devices, found));
  return TRUE;
}

void
bench_peak_set_user (const char *hardware_key,
                     double      gbs)
{
  PeakTable *t = peak_table ();

  g_return_if_fail (hardware_key != NULL);
  g_mutex_lock (&t->lock);
  if (isfinite (gbs) && gbs > 0)
    g_hash_table_insert (t->user, g_strdup (hardware_key), g_memdup2 (&gbs, sizeof gbs));
  else
    g_hash_table_remove (t->user, hardware_key);
  g_mutex_unlock (&t->lock);
}

double
bench_peak_get_user (const char *hardware_key)
{
  PeakTable *t = peak_table ();
  double *gbs, value = NAN;

  g_mutex_lock (&t->lock);
  gbs = hardware_key ? g_hash_table_lookup (t->user, hardware_key) : NULL;
  if (gbs != NULL)
    value = *gbs;
  g_mutex_unlock (&t->lock);
  return value;
}

void
bench_peak_clear_user (void)
{
  PeakTable *t = peak_table ();

  g_mutex_lock (&t->lock);
  g_hash_table_remove_all (t->user);
  g_mutex_unlock (&t->lock);
}

/* The device a run used: one index, or -2 for unlike devices (several
 * GPUs of different kinds), -1 for none known. Cached by the strings. */
static int
lookup_devices_cached (PeakTable  *t,
                       const char *gpu_info,
                       const char *cpu_info)
{
  g_autofree char *key = g_strconcat (gpu_info ? gpu_info : "", "\x1f", cpu_info ? cpu_info : "", NULL);
  gpointer cached;
  int found = -1;

  g_mutex_lock (&t->lock);
  if (g_hash_table_lookup_extended (t->matches, key, NULL, &cached))
    {
      g_mutex_unlock (&t->lock);
      return GPOINTER_TO_INT (cached) - 2;
    }
  g_mutex_unlock (&t->lock);

  if (gpu_info != NULL && strchr (gpu_info, ',') != NULL)
    {
      /* "RTX 3090, RTX 3090": layers split over like GPUs stream at one
       * GPU's peak in turn; unlike GPUs have no single peak. */
      g_auto (GStrv) parts = g_strsplit (gpu_info, ",", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          int one = lookup_device (t, g_strstrip (parts[i]), cpu_info);
          if (i == 0)
            found = one;
          else if (one != found)
            found = -2;
        }
    }
  else
    found = lookup_device (t, gpu_info, cpu_info);

  g_mutex_lock (&t->lock);
  g_hash_table_insert (t->matches, g_steal_pointer (&key), GINT_TO_POINTER (found + 2));
  g_mutex_unlock (&t->lock);
  return found;
}

void
bench_peak_for_result (BenchResult *result,
                       BenchPeak   *peak)
{
  PeakTable *t = peak_table ();
  double user = bench_peak_get_user (bench_result_get_hardware_key (result));
  int found;

  clear_peak (peak);
  if (!isnan (user))
    {
      peak->gbs = peak->gbs_min = user;
      peak->from_user = TRUE;
      return;
    }
  found = lookup_devices_cached (t, bench_result_get_gpu_info (result),
                                 bench_result_get_cpu_info (result));
  if (found >= 0)
    fill_peak (peak, g_ptr_array_index (t->devices, found));
}

/* —— the efficiency of one run ——————————————————————————————————— */

/* Experts or layers kept in CPU memory while the rest runs on a GPU. */
static gboolean
is_offloaded (BenchResult           *result,
              const BenchModelFacts *facts)
{
  const char *ot = bench_result_get_param_text (result, "tensor_buft_overrides");
  const char *gpu = bench_result_get_gpu_info (result);
  const char *backends = bench_result_get_backends (result);
  gint64 ngl = bench_result_get_param_int (result, "n_gpu_layers", -1);
  gboolean cpu_only = g_strcmp0 (backends, "CPU") == 0 || g_strcmp0 (backends, "BLAS") == 0;

  if (ot == NULL)
    ot = bench_result_get_param_text (result, "override_tensor");
  if (bench_result_get_param_int (result, "n_cpu_moe", 0) > 0)
    return TRUE;
  if (ot != NULL && *ot != '\0' && strcmp (ot, "none") != 0)
    return TRUE;
  if (cpu_only || ((gpu == NULL || *gpu == '\0') && backends != NULL && *backends == '\0'))
    return FALSE;
  if (ngl == 0)
    return TRUE;
  /* llama.cpp offloads block_count layers plus the output layer */
  return facts != NULL && facts->block_count > 0 && ngl > 0 && ngl < facts->block_count;
}

/* What depends on the result's depth and speed. */
static void
finish (BenchResult     *result,
        BenchEfficiency *out)
{
  gint64 depth = bench_result_get_n_depth (result);
  double ts = bench_result_get_avg_ts (result);
  const BenchPeak *peak = &out->peak;

  out->kv_bytes = bench_efficiency_kv_bytes_at (out, depth);
  out->kv_omitted = depth > 0 && isnan (out->kv_bytes);
  out->bytes_per_token = out->bandwidth_gbs = out->share = out->share_max = NAN;
  out->status = BENCH_SHARE_NO_BYTES;

  if (bench_result_get_test_kind (result) != BENCH_TEST_TG)
    {
      out->status = BENCH_SHARE_NOT_GENERATION;
      return;
    }
  if (isnan (out->weight_bytes))
    return;
  out->bytes_per_token = out->weight_bytes + (isnan (out->kv_bytes) ? 0 : out->kv_bytes);
  if (isfinite (ts) && ts > 0)
    out->bandwidth_gbs = out->bytes_per_token * ts / 1e9;

  if (out->several_machines)
    out->status = BENCH_SHARE_SEVERAL_MACHINES;
  else if (out->two_memories)
    out->status = BENCH_SHARE_OFFLOADED;
  else if (isnan (peak->gbs))
    out->status = BENCH_SHARE_NO_PEAK;
  else if (isnan (out->bandwidth_gbs))
    out->status = BENCH_SHARE_NO_BYTES;
  else if (peak->gbs_min < peak->gbs)
    {
      out->status = BENCH_SHARE_PEAK_RANGE;
      out->share = out->bandwidth_gbs / peak->gbs;
      out->share_max = out->bandwidth_gbs / peak->gbs_min;
    }
  else
    {
      out->status = BENCH_SHARE_KNOWN;
      out->share = out->share_max = out->bandwidth_gbs / peak->gbs;
    }
}

void
bench_efficiency_compute_like (BenchResult           *result,
                               const BenchEfficiency *like,
                               BenchEfficiency       *out)
{
  g_return_if_fail (BENCH_IS_RESULT (result));
  *out = *like;
  finish (result, out);
}

void
bench_efficiency_setup_of (BenchResult          *result,
                           BenchEfficiencySetup *setup)
{
  guint n_params;
  const BenchParam *params = bench_result_get_params (result, &n_params);

  memset (setup, 0, sizeof *setup);
  setup->model_type = bench_result_get_model_type (result);
  setup->model_filename = bench_result_get_model_filename (result);
  setup->hardware_key = bench_result_get_hardware_key (result);
  setup->size = bench_result_get_model_size (result);
  setup->n_params = bench_result_get_model_n_params (result);
  /* one pass over the parameters; most keys fail on their first letter */
  for (guint i = 0; i < n_params; i++)
    {
      const char *key = params[i].key;

      if (key[0] == 't' && strcmp (key, "type_k") == 0)
        setup->type_k = params[i].text;
      else if (key[0] == 't' && strcmp (key, "type_v") == 0)
        setup->type_v = params[i].text;
      else if (key[0] == 'n' && strcmp (key, "n_gpu_layers") == 0)
        setup->ngl = params[i].text;
      else if (key[0] == 'n' && strcmp (key, "n_cpu_moe") == 0)
        setup->n_cpu_moe = params[i].text;
      else if ((key[0] == 't' && strcmp (key, "tensor_buft_overrides") == 0) ||
               (key[0] == 'o' && strcmp (key, "override_tensor") == 0))
        setup->overrides = params[i].text;
    }
}

void
bench_efficiency_compute_with (BenchResult           *result,
                               const BenchModelFacts *facts,
                               const BenchPeak       *peak,
                               BenchEfficiency       *out)
{
  gint64 size = bench_result_get_model_size (result);
  const char *backends = bench_result_get_backends (result);

  *out = (BenchEfficiency) {
    .weights_source = BENCH_WEIGHTS_UNKNOWN,
    .active_fraction = NAN, .weight_bytes = NAN, .kv_bytes_per_token = NAN,
    .swa_kv_bytes_per_token = 0, .kv_bytes = NAN, .bytes_per_token = NAN, .bandwidth_gbs = NAN,
    .status = BENCH_SHARE_NO_BYTES, .share = NAN, .share_max = NAN,
  };
  out->peak = *peak;

  if (size > 0)
    {
      if (facts != NULL && facts->expert_count > 0 && facts->expert_used_count > 0 &&
          isfinite (facts->expert_share))
        {
          double s = CLAMP (facts->expert_share, 0.0, 1.0);
          out->weights_source = BENCH_WEIGHTS_MOE_GGUF;
          out->weights_estimated = facts->expert_share_estimated;
          out->active_fraction = (1.0 - s) + s * (double) facts->expert_used_count
                                 / (double) facts->expert_count;
        }
      else if (facts != NULL && facts->expert_count == 0 && facts->block_count > 0)
        {
          out->weights_source = BENCH_WEIGHTS_DENSE;
          out->active_fraction = 1.0;
        }
      else if (!bench_model_type_active_fraction (bench_result_get_model_type (result),
                                                  bench_result_get_model_n_params (result),
                                                  &out->weights_source, &out->active_fraction))
        {
          out->weights_source = BENCH_WEIGHTS_DENSE;
          out->active_fraction = 1.0;
        }
      if (out->weights_source == BENCH_WEIGHTS_MOE_KNOWN || out->weights_source == BENCH_WEIGHTS_MOE_TYPE)
        out->weights_estimated = TRUE;
      if (isfinite (out->active_fraction))
        out->weight_bytes = (double) size * out->active_fraction;
    }

  if (facts != NULL && (facts->kv_bytes_per_token > 0 || facts->swa_kv_bytes_per_token > 0) &&
      facts->kv_bytes_per_token != G_MAXUINT64 && facts->swa_kv_bytes_per_token != G_MAXUINT64)
    {
      out->kv_bytes_per_token = (double) facts->kv_bytes_per_token;
      out->swa_kv_bytes_per_token = (double) facts->swa_kv_bytes_per_token;
      out->sliding_window = facts->sliding_window;
    }
  out->two_memories = is_offloaded (result, facts);
  out->several_machines = backends != NULL && strstr (backends, "RPC") != NULL;
  finish (result, out);
}

gboolean
bench_model_facts_for_result (BenchResult     *result,
                              BenchModelFacts *facts)
{
  g_autoptr (BenchGgufInfo) info = NULL;
  const char *filename = bench_result_get_model_filename (result);
  const char *type_k = bench_result_get_param_text (result, "type_k");
  const char *type_v = bench_result_get_param_text (result, "type_v");
  gint64 n_params = bench_result_get_model_n_params (result);

  *facts = (BenchModelFacts) { 0, 0, NAN, 0, 0, 0, 0, FALSE };
  if (filename == NULL || *filename == '\0')
    return FALSE;
  info = bench_gguf_lookup (filename);
  if (info == NULL)
    return FALSE;
  facts->expert_count = bench_gguf_info_get_expert_count (info);
  facts->expert_used_count = bench_gguf_info_get_expert_used_count (info);
  facts->expert_share = bench_gguf_info_get_expert_share (info);
  facts->expert_share_estimated = bench_gguf_info_is_expert_share_estimated (info);
  /* A share from the header's dims leaves out what the header cannot size
   * (embeddings, output): the result's own parameter count is the better
   * total. */
  if (facts->expert_share_estimated && n_params > 0 && bench_gguf_info_get_expert_params (info) > 0)
    facts->expert_share = MIN (1.0, (double) bench_gguf_info_get_expert_params (info) / (double) n_params);
  facts->block_count = bench_gguf_info_get_block_count (info);
  if (bench_gguf_info_has_kv_cache (info) && bench_gguf_info_is_kv_known (info))
    {
      facts->kv_bytes_per_token = bench_gguf_info_get_kv_bytes_per_token (info, type_k, type_v);
      facts->swa_kv_bytes_per_token = bench_gguf_info_get_swa_kv_bytes_per_token (info, type_k, type_v);
      facts->sliding_window = bench_gguf_info_get_sliding_window (info);
    }
  return TRUE;
}

void
bench_efficiency_compute (BenchResult           *result,
                          const BenchModelFacts *facts,
                          BenchEfficiency       *out)
{
  BenchModelFacts looked_up;
  BenchPeak peak;

  g_return_if_fail (BENCH_IS_RESULT (result));
  g_return_if_fail (out != NULL);

  if (facts == NULL && bench_model_facts_for_result (result, &looked_up))
    facts = &looked_up;
  bench_peak_for_result (result, &peak);
  if (bench_result_get_backends (result) != NULL &&
      strstr (bench_result_get_backends (result), "RPC") == NULL &&
      bench_result_get_gpu_info (result) != NULL && strchr (bench_result_get_gpu_info (result), ',') &&
      !peak.from_user && isnan (peak.gbs))
    {
      /* unlike GPUs: no single peak */
      PeakTable *t = peak_table ();
      if (lookup_devices_cached (t, bench_result_get_gpu_info (result),
                                 bench_result_get_cpu_info (result)) == -2)
        {
          bench_efficiency_compute_with (result, facts, &peak, out);
          out->several_machines = TRUE;
          finish (result, out);
          return;
        }
    }
  bench_efficiency_compute_with (result, facts, &peak, out);
}

double
bench_efficiency_kv_bytes_at (const BenchEfficiency *eff,
                              gint64                 depth)
{
  double swa_tokens;

  g_return_val_if_fail (eff != NULL, NAN);
  if (depth <= 0)
    return 0;
  if (isnan (eff->kv_bytes_per_token))
    return NAN;
  swa_tokens = eff->sliding_window > 0 ? (double) MIN (depth, eff->sliding_window) : (double) depth;
  return eff->kv_bytes_per_token * (double) depth + eff->swa_kv_bytes_per_token * swa_tokens;
}

double
bench_efficiency_roofline_ts (const BenchEfficiency *eff,
                              gint64                 depth)
{
  double bytes, kv;

  g_return_val_if_fail (eff != NULL, NAN);
  if (isnan (eff->weight_bytes) || isnan (eff->peak.gbs) || eff->weight_bytes <= 0)
    return NAN;
  bytes = eff->weight_bytes;
  kv = bench_efficiency_kv_bytes_at (eff, depth);
  if (isfinite (kv))
    bytes += kv;
  return eff->peak.gbs * 1e9 / bytes;
}

static char *
format_gbs (double gbs)
{
  g_autofree char *number = g_strdup_printf (gbs >= 100 ? "%'.0f" : "%'.1f", gbs);

  /* Translators: a memory bandwidth, gigabytes (10⁹ bytes) per second */
  return g_strdup_printf (_("%s GB/s"), number);
}

char *
bench_efficiency_dup_text (const BenchEfficiency *eff)
{
  g_autofree char *gbs = NULL;

  g_return_val_if_fail (eff != NULL, NULL);
  if (isnan (eff->bandwidth_gbs))
    return g_strdup ("—");
  gbs = format_gbs (eff->bandwidth_gbs);
  switch (eff->status)
    {
    case BENCH_SHARE_KNOWN:
      /* Translators: bandwidth used and its share of the peak, "412 GB/s · 81 %" */
      return g_strdup_printf (_("%s · %.0f %%"), gbs, eff->share * 100);
    case BENCH_SHARE_PEAK_RANGE:
      /* Translators: bandwidth used and a range of shares, "412 GB/s · 62–83 %" */
      return g_strdup_printf (_("%s · %.0f–%.0f %%"), gbs, eff->share * 100, eff->share_max * 100);
    case BENCH_SHARE_NOT_GENERATION:
    case BENCH_SHARE_NO_BYTES:
    case BENCH_SHARE_NO_PEAK:
    case BENCH_SHARE_OFFLOADED:
    case BENCH_SHARE_SEVERAL_MACHINES:
    default:
      return g_steal_pointer (&gbs);
    }
}

/* decimal GB, as bandwidth is counted */
static char *
format_gb (double bytes)
{
  return g_strdup_printf ("%.2f GB", bytes / 1e9);
}

char *
bench_efficiency_dup_explanation (const BenchEfficiency *eff)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (eff != NULL, NULL);

  if (eff->status == BENCH_SHARE_NOT_GENERATION)
    return g_strdup (_("Prefill is bound by compute, not memory: no bandwidth is computed for it."));

  if (isfinite (eff->bytes_per_token))
    {
      g_autofree char *total = format_gb (eff->bytes_per_token);
      g_autofree char *weights = format_gb (eff->weight_bytes);
      if (isfinite (eff->kv_bytes) && eff->kv_bytes > 0)
        {
          g_autofree char *kv = format_gb (eff->kv_bytes);
          /* Translators: "Bytes read per token: 12.30 GB (weights 11.10 GB + KV cache 1.20 GB)" */
          g_string_append_printf (text, _("Bytes read per generated token: %s (active weights %s + KV cache %s at this depth)."),
                                  total, weights, kv);
        }
      else
        g_string_append_printf (text, _("Bytes read per generated token: %s (active weights)."), total);
      g_string_append_c (text, '\n');
    }

  switch (eff->weights_source)
    {
    case BENCH_WEIGHTS_DENSE:
      g_string_append (text, _("Dense model: every weight is read once per token (the model size)."));
      break;
    case BENCH_WEIGHTS_MOE_GGUF:
      g_string_append_printf (text, eff->weights_estimated
                              ? _("Mixture of experts: the shared weights plus the used experts (%.1f %% of the model), from the model file’s header; the expert share is estimated from its dimensions.")
                              : _("Mixture of experts: the shared weights plus the used experts (%.1f %% of the model), from the model file’s header."),
                              eff->active_fraction * 100);
      break;
    case BENCH_WEIGHTS_MOE_KNOWN:
    case BENCH_WEIGHTS_MOE_TYPE:
      g_string_append_printf (text, eff->weights_source == BENCH_WEIGHTS_MOE_KNOWN
                              ? _("Mixture of experts, estimated: %.1f %% of the weights active (the published active parameters of this model). Active bytes ≈ model size × active ÷ total parameters.")
                              : _("Mixture of experts, estimated: %.1f %% of the weights active (the active parameters the model type states). Active bytes ≈ model size × active ÷ total parameters."),
                              eff->active_fraction * 100);
      break;
    case BENCH_WEIGHTS_MOE_UNKNOWN:
      g_string_append (text, _("Mixture of experts whose active share is unknown: no bandwidth is computed (the model file’s header would tell)."));
      break;
    case BENCH_WEIGHTS_UNKNOWN:
    default:
      g_string_append (text, _("The model size is unknown: no bandwidth is computed."));
      break;
    }

  if (eff->kv_omitted)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("The KV cache read at this depth is not counted: its size per token needs the model file’s header."));
    }

  g_string_append_c (text, '\n');
  if (eff->peak.from_user)
    {
      g_autofree char *gbs = format_gbs (eff->peak.gbs);
      g_string_append_printf (text, _("Peak: %s, as you entered it."), gbs);
    }
  else if (isfinite (eff->peak.gbs) && eff->peak.gbs_min < eff->peak.gbs)
    {
      g_autofree char *lo = format_gbs (eff->peak.gbs_min);
      g_autofree char *hi = format_gbs (eff->peak.gbs);
      g_string_append_printf (text, _("Peak: %s to %s (%s comes in variants llama-bench does not tell apart: enter yours in the Hardware view). Source: %s."),
                              lo, hi, eff->peak.name, eff->peak.source);
    }
  else if (isfinite (eff->peak.gbs))
    {
      g_autofree char *gbs = format_gbs (eff->peak.gbs);
      g_string_append_printf (text, _("Peak: %s (%s). Source: %s."), gbs, eff->peak.name, eff->peak.source);
    }

  switch (eff->status)
    {
    case BENCH_SHARE_NO_PEAK:
      if (isfinite (eff->bandwidth_gbs))
        g_string_append (text, _("This machine’s peak bandwidth is unknown: enter it in the Hardware view."));
      break;
    case BENCH_SHARE_OFFLOADED:
      g_string_append_c (text, '\n');
      g_string_append (text, _("Part of the model stays in CPU memory (n_cpu_moe, tensor overrides or fewer GPU layers than the model has): the run is bound by two memories, so no share of the GPU’s peak is given."));
      break;
    case BENCH_SHARE_SEVERAL_MACHINES:
      g_string_append_c (text, '\n');
      g_string_append (text, _("The run spans several machines or unlike GPUs: no single peak applies."));
      break;
    case BENCH_SHARE_KNOWN:
    case BENCH_SHARE_PEAK_RANGE:
      if (eff->share_max < BENCH_EFFICIENCY_LOW_SHARE)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, _("Far below the roofline: under half of the peak bandwidth."));
        }
      break;
    case BENCH_SHARE_NOT_GENERATION:
    case BENCH_SHARE_NO_BYTES:
    default:
      break;
    }
  while (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
