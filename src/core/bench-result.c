/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-result.c — accessors and derived values of BenchResult.
 *
 * Construction lives in bench-record-builder.c; this file only reads.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bench-field.h"
#include "bench-result-private.h"
#include "bench-units.h"

G_DEFINE_FINAL_TYPE (BenchResult, bench_result, G_TYPE_OBJECT)

static void
bench_result_finalize (GObject *object)
{
  BenchResult *self = BENCH_RESULT (object);

  g_free (self->samples_ns);
  g_free (self->samples_ts);
  g_free (self->params);
  g_free (self->params_by_key);
  g_clear_pointer (&self->pool, bench_str_pool_unref);

  G_OBJECT_CLASS (bench_result_parent_class)->finalize (object);
}

/* Read-only properties, for tables that bind and sort by them. A result
 * never changes once built, so they never notify. */
enum {
  PROP_0,
  PROP_SOURCE,
  PROP_LINE,
  PROP_BUILD_COMMIT,
  PROP_BUILD_NUMBER,
  PROP_CPU_INFO,
  PROP_GPU_INFO,
  PROP_BACKENDS,
  PROP_MODEL_FILENAME,
  PROP_MODEL_TYPE,
  PROP_MODEL_SIZE,
  PROP_MODEL_N_PARAMS,
  PROP_QUANTIZATION,
  PROP_BITS_PER_WEIGHT,
  PROP_HARDWARE_LABEL,
  PROP_N_PROMPT,
  PROP_N_GEN,
  PROP_N_DEPTH,
  PROP_TEST_LABEL,
  PROP_TEST_TIME,
  PROP_AVG_TS,
  PROP_STDDEV_TS,
  PROP_N_SAMPLES,
  PROP_HAS_STATS_MISMATCH,
  PROP_FLASH_ATTN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string properties are what the window binds its labels, tooltips
 * and sorters to: as long as a line, however long the input, so no text
 * layout or collation on the main thread scales with a file's strings.
 * The getters and bench_result_dup_field_text() give the whole text. */
static void
set_display_string (GValue     *value,
                    const char *text)
{
  g_value_take_string (value, bench_text_ellipsize_for_display (text, BENCH_DISPLAY_MAX_CHARS));
}

static void
bench_result_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BenchResult *self = BENCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_SOURCE:          set_display_string (value, self->source); break;
    case PROP_LINE:            g_value_set_uint (value, self->line); break;
    case PROP_BUILD_COMMIT:    set_display_string (value, self->build_commit); break;
    case PROP_BUILD_NUMBER:    g_value_set_int64 (value, self->build_number); break;
    case PROP_CPU_INFO:        set_display_string (value, self->cpu_info); break;
    case PROP_GPU_INFO:        set_display_string (value, self->gpu_info); break;
    case PROP_BACKENDS:        set_display_string (value, self->backends); break;
    case PROP_MODEL_FILENAME:  set_display_string (value, self->model_filename); break;
    case PROP_MODEL_TYPE:      set_display_string (value, self->model_type); break;
    case PROP_MODEL_SIZE:      g_value_set_int64 (value, self->model_size); break;
    case PROP_MODEL_N_PARAMS:  g_value_set_int64 (value, self->model_n_params); break;
    case PROP_QUANTIZATION:    set_display_string (value, self->quantization); break;
    case PROP_BITS_PER_WEIGHT: g_value_set_double (value, bench_result_get_bits_per_weight (self)); break;
    case PROP_HARDWARE_LABEL:  set_display_string (value, bench_result_get_hardware_label (self)); break;
    case PROP_N_PROMPT:        g_value_set_int64 (value, self->n_prompt); break;
    case PROP_N_GEN:           g_value_set_int64 (value, self->n_gen); break;
    case PROP_N_DEPTH:         g_value_set_int64 (value, self->n_depth); break;
    case PROP_TEST_LABEL:      set_display_string (value, self->test_label); break;
    case PROP_TEST_TIME:       set_display_string (value, self->test_time); break;
    case PROP_AVG_TS:          g_value_set_double (value, self->avg_ts); break;
    case PROP_STDDEV_TS:       g_value_set_double (value, self->stddev_ts); break;
    case PROP_N_SAMPLES:       g_value_set_uint (value, bench_result_has_samples (self) ? self->n_samples : 0); break;
    case PROP_HAS_STATS_MISMATCH: g_value_set_boolean (value, self->stats_mismatch); break;
    case PROP_FLASH_ATTN:      g_value_set_int (value, self->flash_attn); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READABLE (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, READABLE);
}

static GParamSpec *
int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, READABLE);
}

/* NAN when the figure is missing (a GParamSpec cannot default to NAN) */
static GParamSpec *
double_property (const char *name)
{
  return g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, READABLE);
}

static void
bench_result_class_init (BenchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bench_result_finalize;
  object_class->get_property = bench_result_get_property;

  properties[PROP_SOURCE] = string_property ("source");
  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, READABLE);
  properties[PROP_BUILD_COMMIT] = string_property ("build-commit");
  properties[PROP_BUILD_NUMBER] = int64_property ("build-number");
  properties[PROP_CPU_INFO] = string_property ("cpu-info");
  properties[PROP_GPU_INFO] = string_property ("gpu-info");
  properties[PROP_BACKENDS] = string_property ("backends");
  properties[PROP_MODEL_FILENAME] = string_property ("model-filename");
  properties[PROP_MODEL_TYPE] = string_property ("model-type");
  properties[PROP_MODEL_SIZE] = int64_property ("model-size");
  properties[PROP_MODEL_N_PARAMS] = int64_property ("model-n-params");
  properties[PROP_QUANTIZATION] = string_property ("quantization");
  properties[PROP_BITS_PER_WEIGHT] = double_property ("bits-per-weight");
  properties[PROP_HARDWARE_LABEL] = string_property ("hardware-label");
  properties[PROP_N_PROMPT] = int64_property ("n-prompt");
  properties[PROP_N_GEN] = int64_property ("n-gen");
  properties[PROP_N_DEPTH] = int64_property ("n-depth");
  properties[PROP_TEST_LABEL] = string_property ("test-label");
  properties[PROP_TEST_TIME] = string_property ("test-time");
  properties[PROP_AVG_TS] = double_property ("avg-ts");
  properties[PROP_STDDEV_TS] = double_property ("stddev-ts");
  properties[PROP_N_SAMPLES] = g_param_spec_uint ("n-samples", NULL, NULL, 0, G_MAXUINT, 0, READABLE);
  properties[PROP_HAS_STATS_MISMATCH] =
    g_param_spec_boolean ("has-stats-mismatch", NULL, NULL, FALSE, READABLE);
  /* -1 auto, 0, 1; -2 when the result does not say */
  properties[PROP_FLASH_ATTN] = g_param_spec_int ("flash-attn", NULL, NULL, -2, 1, -2, READABLE);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

#undef READABLE

static void
bench_result_init (BenchResult *self)
{
}

const char *
bench_format_to_string (BenchFormat format)
{
  switch (format)
    {
    case BENCH_FORMAT_JSON:     return "json";
    case BENCH_FORMAT_JSONL:    return "jsonl";
    case BENCH_FORMAT_CSV:      return "csv";
    case BENCH_FORMAT_MARKDOWN: return "md";
    case BENCH_FORMAT_SQL:      return "sql";
    case BENCH_FORMAT_SQLITE:   return "sqlite";
    case BENCH_FORMAT_UNKNOWN:
    default:                    return "unknown";
    }
}

const char *
bench_test_kind_to_string (BenchTestKind kind)
{
  switch (kind)
    {
    case BENCH_TEST_PP: return "pp";
    case BENCH_TEST_TG: return "tg";
    case BENCH_TEST_PG: return "pg";
    default:            return "pp";
    }
}

#define GETTER(type, name) \
  type bench_result_get_##name (BenchResult *self) \
  { g_return_val_if_fail (BENCH_IS_RESULT (self), (type) 0); return self->name; }

GETTER (const char *, source)
GETTER (BenchFormat, format)
GETTER (guint, line)
GETTER (guint, run_index)
GETTER (const char *, build_commit)
GETTER (gint64, build_number)
GETTER (const char *, cpu_info)
GETTER (const char *, gpu_info)
GETTER (const char *, backends)
GETTER (const char *, model_filename)
GETTER (const char *, model_type)
GETTER (gint64, model_size)
GETTER (gint64, model_n_params)
GETTER (gint64, n_prompt)
GETTER (gint64, n_gen)
GETTER (gint64, n_depth)
GETTER (const char *, test_time)
GETTER (double, avg_ns)
GETTER (double, stddev_ns)
GETTER (double, avg_ts)
GETTER (double, stddev_ts)
GETTER (double, stated_avg_ns)
GETTER (double, stated_stddev_ns)
GETTER (double, stated_avg_ts)
GETTER (double, stated_stddev_ts)
GETTER (guint, n_samples)
GETTER (const char *, test_label)
GETTER (const char *, quantization)
GETTER (const char *, hardware_key)

#undef GETTER

/* —— names the user gave machines ——————————————————————————————— */

/* A markdown table does not name its machine: the results are filed under
 * their file's name until the user names it. The names are interned (a
 * handful of strings): a label handed out stays valid, also in a worker
 * drawing a chart while the user renames. A file's name is only looked
 * up, never interned, and with no name given not even that. */
static GRWLock     names_lock;
static GHashTable *user_names;   /* source (owned) → interned name */
static gint        n_user_names; /* 0: no lock to take at all */

void
bench_machine_names_set (const char *source,
                         const char *name)
{
  g_return_if_fail (source != NULL);

  g_rw_lock_writer_lock (&names_lock);
  if (user_names == NULL)
    user_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (name != NULL && *name != '\0')
    g_hash_table_insert (user_names, g_strdup (source), (gpointer) g_intern_string (name));
  else
    g_hash_table_remove (user_names, source);
  g_atomic_int_set (&n_user_names, g_hash_table_size (user_names));
  g_rw_lock_writer_unlock (&names_lock);
}

void
bench_machine_names_clear (void)
{
  g_rw_lock_writer_lock (&names_lock);
  if (user_names != NULL)
    g_hash_table_remove_all (user_names);
  g_atomic_int_set (&n_user_names, 0);
  g_rw_lock_writer_unlock (&names_lock);
}

gboolean
bench_result_is_unnamed_machine (BenchResult *self)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), FALSE);
  /* the key of a machine known only by its file (see derive_machine) */
  return self->hardware_key != NULL && self->hardware_key[0] == '\x1f' && self->hardware_key[1] == '\x1f';
}

const char *
bench_result_get_hardware_label (BenchResult *self)
{
  const char *name = NULL;

  g_return_val_if_fail (BENCH_IS_RESULT (self), NULL);
  if (!bench_result_is_unnamed_machine (self) || self->source == NULL ||
      g_atomic_int_get (&n_user_names) == 0)
    return self->hardware_label;
  g_rw_lock_reader_lock (&names_lock);
  if (user_names != NULL)
    name = g_hash_table_lookup (user_names, self->source);
  g_rw_lock_reader_unlock (&names_lock);
  return name != NULL ? name : self->hardware_label;
}

gboolean
bench_result_has_samples (BenchResult *self)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), FALSE);
  return self->samples_ns != NULL && self->n_samples > 0;
}

gboolean
bench_result_has_stats_mismatch (BenchResult *self)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), FALSE);
  return self->stats_mismatch;
}

const gint64 *
bench_result_get_samples_ns (BenchResult *self,
                             guint       *n_samples)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), NULL);
  if (n_samples)
    *n_samples = self->samples_ns ? self->n_samples : 0;
  return self->samples_ns;
}

const double *
bench_result_get_samples_ts (BenchResult *self,
                             guint       *n_samples)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), NULL);
  if (n_samples)
    *n_samples = self->samples_ts ? self->n_samples : 0;
  return self->samples_ts;
}

const BenchParam *
bench_result_get_params (BenchResult *self,
                         guint       *n_params)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), NULL);
  if (n_params)
    *n_params = self->n_params;
  return self->params;
}

const BenchParam *
bench_result_lookup_param (BenchResult *self,
                           const char  *key)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), NULL);
  if (self->params_by_key != NULL)
    {
      guint lo = 0, hi = self->n_params;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          const BenchParam *param = &self->params[self->params_by_key[mid]];
          int cmp = strcmp (param->key, key);

          if (cmp == 0)
            return param;
          if (cmp < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      return NULL;
    }
  for (guint i = 0; i < self->n_params; i++)
    if (strcmp (self->params[i].key, key) == 0)
      return &self->params[i];
  return NULL;
}

const char *
bench_result_get_param_text (BenchResult *self,
                             const char  *key)
{
  const BenchParam *param = bench_result_lookup_param (self, key);
  return param ? param->text : NULL;
}

gint64
bench_result_get_param_int (BenchResult *self,
                            const char  *key,
                            gint64       fallback)
{
  const char *text = bench_result_get_param_text (self, key);
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return fallback;
  value = g_ascii_strtoll (text, &end, 10);
  return end != text ? value : fallback;
}

int
bench_result_get_flash_attn (BenchResult *self)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), -2);
  return self->flash_attn;
}

BenchTestKind
bench_result_get_test_kind (BenchResult *self)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), BENCH_TEST_PP);
  if (self->n_prompt > 0 && self->n_gen > 0)
    return BENCH_TEST_PG;
  if (self->n_gen > 0)
    return BENCH_TEST_TG;
  return BENCH_TEST_PP;
}

double
bench_result_get_bits_per_weight (BenchResult *self)
{
  g_return_val_if_fail (BENCH_IS_RESULT (self), NAN);
  if (self->model_size <= 0 || self->model_n_params <= 0)
    return NAN;
  return (double) self->model_size * 8.0 / (double) self->model_n_params;
}

char *
bench_format_test_label (gint64 n_prompt,
                         gint64 n_gen,
                         gint64 n_depth)
{
  GString *label = g_string_new (NULL);

  if (n_prompt > 0 && n_gen > 0)
    g_string_append_printf (label, "pp%" G_GINT64_FORMAT "+tg%" G_GINT64_FORMAT,
                            n_prompt, n_gen);
  else if (n_gen > 0)
    g_string_append_printf (label, "tg%" G_GINT64_FORMAT, n_gen);
  else
    g_string_append_printf (label, "pp%" G_GINT64_FORMAT, n_prompt);
  if (n_depth > 0)
    g_string_append_printf (label, " @ d%" G_GINT64_FORMAT, n_depth);
  return g_string_free (label, FALSE);
}

/* A size token in llama.cpp's model description: "7B", "30B.A3B", "?B",
 * "A3B", "135M", "1.5B". */
static gboolean
is_size_token (const char *token,
               gsize       len)
{
  gboolean digit = FALSE;
  gsize i = 0;

  if (len < 2)
    return FALSE;
  if (token[0] == 'A' && len >= 3 && g_ascii_isdigit (token[1]))
    i = 1;
  for (; i < len; i++)
    {
      char c = token[i];
      if (g_ascii_isdigit (c) || c == '?')
        digit = TRUE;
      else if (c == '.' && digit)
        continue;
      else if ((c == 'B' || c == 'M' || c == 'K' || c == 'T') && digit)
        {
          /* "30B" or "30B.A3B" */
          if (i + 1 == len)
            return TRUE;
          if (token[i + 1] == '.' && i + 2 < len && token[i + 2] == 'A')
            return is_size_token (token + i + 2, len - i - 2);
          return FALSE;
        }
      else
        return FALSE;
    }
  return FALSE;
}

char *
bench_quantization_from_model_type (const char *model_type)
{
  g_auto (GStrv) tokens = NULL;
  guint n;

  if (model_type == NULL || *model_type == '\0')
    return g_strdup ("");

  tokens = g_strsplit (model_type, " ", -1);
  n = g_strv_length (tokens);
  for (guint i = 1; i < n; i++)
    {
      if (is_size_token (tokens[i], strlen (tokens[i])) && i + 1 < n)
        {
          guint first = i + 1;
          /* 2023 builds said "mostly Q4_0" */
          if (g_ascii_strcasecmp (tokens[first], "mostly") == 0 && first + 1 < n)
            first++;
          return g_strjoinv (" ", tokens + first);
        }
    }
  /* No size token: llama.cpp always ends with the file type; take the last
   * word that looks like one. */
  for (guint i = n; i-- > 1;)
    if (g_ascii_isupper (tokens[i][0]) && strchr (tokens[i], '_') != NULL)
      return g_strdup (tokens[i]);
  return g_strdup ("");
}


/* —— fields read many times over ——
 *
 * Views and charts ask the same question of 100,000 results: does this
 * field vary, how many values does it take? A field's name is resolved once
 * to where it lives; each result is then read without allocating, strings
 * compared by pointer first (they are interned per file). */

typedef enum
{
  ACCESS_STRING,
  ACCESS_INT,
  ACCESS_DOUBLE,
  ACCESS_PARAM,
} AccessKind;

typedef struct
{
  AccessKind  kind;
  gsize       offset;
  const char *key;
} FieldAccess;

/* where the registry says the field lives; unknown fields are parameters */
static void
field_access_init (FieldAccess *access,
                   const char  *field)
{
  const BenchField *known = bench_field_lookup (field);

  access->key = field;
  access->offset = known != NULL ? known->offset : 0;
  switch (known != NULL ? known->storage : BENCH_FIELD_STORED_PARAM)
    {
    case BENCH_FIELD_STORED_STRING:
      access->kind = ACCESS_STRING;
      break;
    case BENCH_FIELD_STORED_INT:
      access->kind = ACCESS_INT;
      break;
    case BENCH_FIELD_STORED_DOUBLE:
      access->kind = ACCESS_DOUBLE;
      break;
    case BENCH_FIELD_STORED_PARAM:
    case BENCH_FIELD_STORED_SAMPLES:
    default:
      access->kind = ACCESS_PARAM;
      access->offset = 0;
      break;
    }
}

/* @access remembers where it found a parameter, for the next result */
static const char *
field_access_text (FieldAccess *access,
                   BenchResult *r)
{
  if (access->kind == ACCESS_STRING)
    return access->offset == G_STRUCT_OFFSET (BenchResult, hardware_label)
             ? bench_result_get_hardware_label (r)   /* the user's name, if any */
             : G_STRUCT_MEMBER (const char *, r, access->offset);
  /* results of one file keep their parameters in one order: look where
   * the key was last time first */
  if (access->offset < r->n_params)
    {
      const char *key = r->params[access->offset].key;
      if (key == access->key || strcmp (key, access->key) == 0)
        return r->params[access->offset].text;
    }
  {
    const BenchParam *param = bench_result_lookup_param (r, access->key);

    if (param == NULL)
      return NULL;
    access->offset = param - r->params;
    return param->text;
  }
}

static gboolean
field_access_equal (FieldAccess *access,
                    BenchResult *a,
                    BenchResult *b)
{
  const char *x, *y;

  if (access->kind == ACCESS_INT)
    return G_STRUCT_MEMBER (gint64, a, access->offset) == G_STRUCT_MEMBER (gint64, b, access->offset);
  if (access->kind == ACCESS_DOUBLE)
    {
      double u = G_STRUCT_MEMBER (double, a, access->offset);
      double v = G_STRUCT_MEMBER (double, b, access->offset);
      return u == v || (isnan (u) && isnan (v));
    }
  x = field_access_text (access, a);
  y = field_access_text (access, b);
  return x == y || g_strcmp0 (x, y) == 0;
}

char *
bench_result_dup_field_text (BenchResult *self,
                             const char  *field)
{
  FieldAccess access;

  g_return_val_if_fail (BENCH_IS_RESULT (self), NULL);

  field_access_init (&access, field);
  if (access.kind == ACCESS_INT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, G_STRUCT_MEMBER (gint64, self, access.offset));
  if (access.kind == ACCESS_DOUBLE)
    {
      double value = G_STRUCT_MEMBER (double, self, access.offset);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return isnan (value) ? NULL : g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
    }
  return g_strdup (field_access_text (&access, self));
}

char *
bench_result_dup_field_display (BenchResult *self,
                                const char  *field)
{
  g_autofree char *text = bench_result_dup_field_text (self, field);

  if (text == NULL)
    return g_strdup ("—");
  /* for people: as long as a line, however long the input */
  return bench_text_ellipsize_for_display (text, BENCH_DISPLAY_MAX_CHARS);
}

guint
bench_results_count_distinct (BenchResult **results,
                              guint         n_results,
                              const char   *field)
{
  FieldAccess access;
  g_autoptr (GHashTable) seen = NULL;
  gboolean absent = FALSE;

  field_access_init (&access, field);
  if (access.kind == ACCESS_INT)
    {
      seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < n_results; i++)
        g_hash_table_add (seen, &G_STRUCT_MEMBER (gint64, results[i], access.offset));
      return g_hash_table_size (seen);
    }
  if (access.kind == ACCESS_DOUBLE)
    {
      seen = g_hash_table_new (g_double_hash, g_double_equal);
      for (guint i = 0; i < n_results; i++)
        g_hash_table_add (seen, &G_STRUCT_MEMBER (double, results[i], access.offset));
      return g_hash_table_size (seen);
    }
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_results; i++)
    {
      const char *text = field_access_text (&access, results[i]);

      /* consecutive results mostly share their values: skip the hash */
      if (i > 0 && text == field_access_text (&access, results[i - 1]))
        continue;
      if (text == NULL)
        absent = TRUE;
      else
        g_hash_table_add (seen, (gpointer) text);
    }
  return g_hash_table_size (seen) + (absent ? 1 : 0);
}


/* Do @a and @b carry the same parameter keys in the same order? Results of
 * one file almost always do, and then their values compare pairwise. */
static gboolean
same_param_layout (BenchResult *a,
                   BenchResult *b)
{
  if (a->n_params != b->n_params)
    return FALSE;
  if (a->params == b->params)
    return TRUE;
  for (guint k = 0; k < a->n_params; k++)
    if (a->params[k].key != b->params[k].key && strcmp (a->params[k].key, b->params[k].key) != 0)
      return FALSE;
  return TRUE;
}

GPtrArray *
bench_results_find_varying (BenchResult **results,
                            guint         n_results)
{
  GPtrArray *varying = g_ptr_array_new ();
  g_autoptr (GPtrArray) param_keys = g_ptr_array_new ();
  g_autoptr (GHashTable) seen_keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) varying_keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) describing = NULL;
  BenchResult *first;

  if (n_results < 2)
    return varying;
  first = results[0];

  /* the result fields that may tell results apart, in the registry's
   * order (the order a legend reads best) */
  describing = bench_field_list_with_role (BENCH_FIELD_ROLE_DESCRIBES);
  for (guint i = 0; i < describing->len; i++)
    {
      const BenchField *field = g_ptr_array_index (describing, i);
      FieldAccess access;

      field_access_init (&access, field->name);
      for (guint j = 1; j < n_results; j++)
        if (!field_access_equal (&access, first, results[j]))
          {
            g_ptr_array_add (varying, (gpointer) field->name);
            break;
          }
    }

  /* Parameters, in the order they first appear. A parameter only some
   * results have varies too (present vs absent). */
  for (guint j = 0; j < n_results; j++)
    {
      if (j > 0 && same_param_layout (results[j], results[j - 1]))
        continue;
      for (guint k = 0; k < results[j]->n_params; k++)
        {
          const char *key = results[j]->params[k].key;
          if (!g_hash_table_contains (seen_keys, key))
            {
              g_hash_table_add (seen_keys, (gpointer) key);
              g_ptr_array_add (param_keys, (gpointer) key);
            }
        }
    }

  for (guint j = 1; j < n_results; j++)
    {
      BenchResult *r = results[j];

      if (same_param_layout (first, r))
        {
          for (guint k = 0; k < r->n_params; k++)
            {
              const char *x = first->params[k].text, *y = r->params[k].text;
              if (x != y && g_strcmp0 (x, y) != 0)
                g_hash_table_add (varying_keys, (gpointer) first->params[k].key);
            }
          continue;
        }
      /* r's own keys against the first's values: linear in r's size */
      for (guint k = 0; k < r->n_params; k++)
        {
          const BenchParam *x = bench_result_lookup_param (first, r->params[k].key);
          const char *y = r->params[k].text;
          if (x == NULL || (x->text != y && g_strcmp0 (x->text, y) != 0))
            g_hash_table_add (varying_keys, (gpointer) r->params[k].key);
        }
      /* the first's keys r lacks depend on r's keys alone: once for a run
       * of results with one layout (a file with 100,000 names in its
       * first record and 50,000 records after it took seconds) */
      if (j > 1 && same_param_layout (r, results[j - 1]) &&
          !same_param_layout (first, results[j - 1]))
        continue;
      for (guint k = 0; k < first->n_params; k++)
        if (bench_result_lookup_param (r, first->params[k].key) == NULL)
          g_hash_table_add (varying_keys, (gpointer) first->params[k].key);
    }

  for (guint i = 0; i < param_keys->len; i++)
    if (g_hash_table_contains (varying_keys, g_ptr_array_index (param_keys, i)))
      g_ptr_array_add (varying, g_ptr_array_index (param_keys, i));

  return varying;
}
