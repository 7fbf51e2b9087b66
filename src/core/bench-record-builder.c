/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-record-builder.c — the one place where a record's fields get their
 * meaning: core fields, parameters, normalization, statistics, labels.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench-field.h"
#include "bench-reader.h"
#include "bench-record-builder.h"
#include "bench-result-private.h"
#include "bench-units.h"

typedef enum
{
  SLOT_BUILD_COMMIT, SLOT_CPU_INFO, SLOT_GPU_INFO, SLOT_BACKENDS,
  SLOT_MODEL_FILENAME, SLOT_MODEL_TYPE, SLOT_TEST_TIME,
  N_STR_SLOTS
} StrSlot;

typedef enum
{
  SLOT_BUILD_NUMBER, SLOT_MODEL_SIZE, SLOT_MODEL_N_PARAMS,
  SLOT_N_PROMPT, SLOT_N_GEN, SLOT_N_DEPTH,
  N_INT_SLOTS
} IntSlot;

typedef enum
{
  SLOT_AVG_NS, SLOT_STDDEV_NS, SLOT_AVG_TS, SLOT_STDDEV_TS,
  N_DBL_SLOTS
} DblSlot;

typedef enum
{
  FIELD_STR,         /* core string slot */
  FIELD_INT,         /* core integer slot */
  FIELD_DBL,         /* core statistic slot */
  FIELD_PARAM,       /* a parameter of known type */
  FIELD_BACKEND,     /* an old per-backend boolean (also kept as parameter) */
  FIELD_FLASH_ATTN,  /* bool in old files, -1/0/1 in new ones */
  FIELD_SAMPLES,     /* samples_ns/samples_ts given as text: ignored here */
} FieldKind;

typedef struct
{
  const char     *name;
  FieldKind       kind;
  int             slot;   /* slot index, backend bit, or BenchValueType */
  const char     *label;  /* backend name for FIELD_BACKEND */
} FieldInfo;

/* Where the builder keeps the fields a result has members for. What every
 * other field is (its type, whether it is an old backend flag) comes from
 * the field registry, bench-field.c. */
static const struct
{
  const char *name;
  FieldKind   kind;
  int         slot;
} core_slots[] = {
  { "build_commit",   FIELD_STR, SLOT_BUILD_COMMIT },
  { "build_number",   FIELD_INT, SLOT_BUILD_NUMBER },
  { "cpu_info",       FIELD_STR, SLOT_CPU_INFO },
  { "gpu_info",       FIELD_STR, SLOT_GPU_INFO },
  { "backends",       FIELD_STR, SLOT_BACKENDS },
  { "model_filename", FIELD_STR, SLOT_MODEL_FILENAME },
  { "model_type",     FIELD_STR, SLOT_MODEL_TYPE },
  { "model_size",     FIELD_INT, SLOT_MODEL_SIZE },
  { "model_n_params", FIELD_INT, SLOT_MODEL_N_PARAMS },
  { "n_prompt",       FIELD_INT, SLOT_N_PROMPT },
  { "n_gen",          FIELD_INT, SLOT_N_GEN },
  { "n_depth",        FIELD_INT, SLOT_N_DEPTH },
  { "test_time",      FIELD_STR, SLOT_TEST_TIME },
  { "avg_ns",         FIELD_DBL, SLOT_AVG_NS },
  { "stddev_ns",      FIELD_DBL, SLOT_STDDEV_NS },
  { "avg_ts",         FIELD_DBL, SLOT_AVG_TS },
  { "stddev_ts",      FIELD_DBL, SLOT_STDDEV_TS },
};

/* The registry's fields as the builder reads them: every field a file
 * prints, not the ones Benchtop derives. */
static FieldInfo *known_fields;
static guint      n_known_fields;

static void
field_info_from_registry (FieldInfo        *info,
                          const BenchField *field,
                          int              *backend_bit)
{
  info->name = field->name;
  info->label = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (core_slots); i++)
    if (strcmp (core_slots[i].name, field->name) == 0)
      {
        info->kind = core_slots[i].kind;
        info->slot = core_slots[i].slot;
        return;
      }
  if (field->storage == BENCH_FIELD_STORED_SAMPLES)
    {
      info->kind = FIELD_SAMPLES;
      info->slot = 0;
    }
  else if (bench_field_has_role (field, BENCH_FIELD_ROLE_BACKEND_FLAG))
    {
      /* in llama-bench's order, which the registry keeps */
      info->kind = FIELD_BACKEND;
      info->slot = (*backend_bit)++;
      info->label = field->label;
    }
  else if (field->format == BENCH_FIELD_FORMAT_FLASH_ATTN)
    {
      info->kind = FIELD_FLASH_ATTN;
      info->slot = BENCH_VALUE_INT;
    }
  else
    {
      info->kind = FIELD_PARAM;
      info->slot = field->type;
    }
}

#define N_BACKEND_FLAGS 9

/* Parameters searched one by one up to this many (llama-bench writes
 * about 40 fields); past it, through a hash table. */
#define PARAM_SCAN_MAX 64

struct _BenchRecordBuilder
{
  BenchStrPool *pool;

  const char   *strs[N_STR_SLOTS];
  gint64        ints[N_INT_SLOTS];
  guint         ints_set;
  double        dbls[N_DBL_SLOTS];
  guint         dbls_set;
  guint         dbls_bad;     /* given, but not a number ("avg_ts": "fast") */
  char         *bad_text;     /* the first such value, for the warning */
  guint         backend_flags_seen;
  guint         backend_flags_true;
  int           flash_attn;

  GArray       *params;       /* BenchParam */
  /* pooled key → index + 1 in params, once a record has many: a record
   * with 100,000 keys is linear, not quadratic */
  GHashTable   *param_index;
  GArray       *samples_ns;   /* gint64 */
  GArray       *samples_ts;   /* double */

  /* the last record's keys: records of one file repeat them in order */
  GPtrArray    *key_cache_names;   /* const char *, pool-owned */
  GArray       *key_cache_info;    /* const FieldInfo * (NULL: unknown) */
  guint         key_index;

  /* the last record's machine, pool-owned: records repeat it too */
  const char   *machine_cpu, *machine_gpu, *machine_source;
  const char   *machine_key, *machine_label;
};

static GHashTable *known_fields_table;

static const FieldInfo *
lookup_known_field (const char *key)
{
  if (g_once_init_enter (&known_fields_table))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
      guint n_fields;
      const BenchField *fields = bench_field_get_all (&n_fields);
      int backend_bit = 0;

      known_fields = g_new0 (FieldInfo, n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          if (bench_field_has_role (&fields[i], BENCH_FIELD_ROLE_DERIVED))
            continue;
          field_info_from_registry (&known_fields[n_known_fields], &fields[i], &backend_bit);
          g_hash_table_insert (table, (gpointer) fields[i].name, &known_fields[n_known_fields]);
          n_known_fields++;
        }
      g_assert (backend_bit == N_BACKEND_FLAGS);
      g_once_init_leave (&known_fields_table, table);
    }
  return g_hash_table_lookup (known_fields_table, key);
}

static int
compare_param_keys (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const BenchParam *params = user_data;

  return strcmp (params[*(const guint *) a].key, params[*(const guint *) b].key);
}

BenchRecordBuilder *
bench_record_builder_new (BenchStrPool *pool)
{
  BenchRecordBuilder *self = g_new0 (BenchRecordBuilder, 1);

  self->pool = bench_str_pool_ref (pool);
  self->params = g_array_sized_new (FALSE, FALSE, sizeof (BenchParam), 48);
  self->param_index = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->samples_ns = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->samples_ts = g_array_new (FALSE, FALSE, sizeof (double));
  self->key_cache_names = g_ptr_array_new ();
  self->key_cache_info = g_array_new (FALSE, FALSE, sizeof (const FieldInfo *));
  bench_record_builder_reset (self);
  return self;
}

void
bench_record_builder_free (BenchRecordBuilder *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->params);
  g_hash_table_unref (self->param_index);
  g_array_unref (self->samples_ns);
  g_array_unref (self->samples_ts);
  g_free (self->bad_text);
  g_ptr_array_unref (self->key_cache_names);
  g_array_unref (self->key_cache_info);
  bench_str_pool_unref (self->pool);
  g_free (self);
}

BenchStrPool *
bench_record_builder_get_pool (BenchRecordBuilder *self)
{
  return self->pool;
}

void
bench_record_builder_reset (BenchRecordBuilder *self)
{
  memset (self->strs, 0, sizeof self->strs);
  memset (self->ints, 0, sizeof self->ints);
  self->ints_set = 0;
  for (guint i = 0; i < N_DBL_SLOTS; i++)
    self->dbls[i] = NAN;
  self->dbls_set = 0;
  self->dbls_bad = 0;
  g_clear_pointer (&self->bad_text, g_free);
  self->backend_flags_seen = 0;
  self->backend_flags_true = 0;
  self->flash_attn = -2;
  g_array_set_size (self->params, 0);
  if (g_hash_table_size (self->param_index) > 0)
    g_hash_table_remove_all (self->param_index);
  g_array_set_size (self->samples_ns, 0);
  g_array_set_size (self->samples_ts, 0);
  self->key_index = 0;
}

/* Finds the key's meaning, first where the previous record had it. Returns
 * the pooled key. */
static const char *
resolve_key (BenchRecordBuilder  *self,
             const char          *key,
             const FieldInfo    **info)
{
  guint i = self->key_index++;
  const char *pooled;

  if (i < self->key_cache_names->len)
    {
      const char *cached = g_ptr_array_index (self->key_cache_names, i);
      if (strcmp (cached, key) == 0)
        {
          *info = g_array_index (self->key_cache_info, const FieldInfo *, i);
          return cached;
        }
    }

  pooled = bench_str_pool_intern (self->pool, key);
  *info = lookup_known_field (key);
  if (i < self->key_cache_names->len)
    {
      g_ptr_array_index (self->key_cache_names, i) = (gpointer) pooled;
      g_array_index (self->key_cache_info, const FieldInfo *, i) = *info;
    }
  else if (i == self->key_cache_names->len && i < 256)
    {
      g_ptr_array_add (self->key_cache_names, (gpointer) pooled);
      g_array_append_val (self->key_cache_info, *info);
    }
  return pooled;
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  value = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text)
    return FALSE;
  /* "99.000000" from a REAL column still names an integer */
  if (*end == '.')
    {
      char *frac = end + 1;
      while (*frac == '0')
        frac++;
      if (*frac != '\0')
        return FALSE;
      end = frac;
    }
  if (*end != '\0')
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (text, "nan") == 0 || g_ascii_strcasecmp (text, "-nan") == 0)
    {
      *out = NAN;
      return TRUE;
    }
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  if (g_strcmp0 (text, "1") == 0 || g_ascii_strcasecmp (text, "true") == 0 ||
      g_ascii_strcasecmp (text, "yes") == 0)
    *out = TRUE;
  else if (g_strcmp0 (text, "0") == 0 || g_ascii_strcasecmp (text, "false") == 0 ||
           g_ascii_strcasecmp (text, "no") == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static void
set_param (BenchRecordBuilder *self,
           const char         *key,
           const char         *text,
           BenchValueType      type)
{
  BenchParam param = { key, text, type };
  guint index;

  /* keys are pooled: the same name is the same pointer */
  if (self->params->len <= PARAM_SCAN_MAX)
    {
      for (guint i = 0; i < self->params->len; i++)
        {
          BenchParam *existing = &g_array_index (self->params, BenchParam, i);
          if (existing->key == key)
            {
              *existing = param;
              return;
            }
        }
      g_array_append_val (self->params, param);
      /* from here on, by the index */
      if (self->params->len > PARAM_SCAN_MAX)
        for (guint i = 0; i < self->params->len; i++)
          g_hash_table_insert (self->param_index,
                               (gpointer) g_array_index (self->params, BenchParam, i).key,
                               GUINT_TO_POINTER (i + 1));
      return;
    }
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->param_index, key));
  if (index > 0)
    {
      g_array_index (self->params, BenchParam, index - 1) = param;
      return;
    }
  g_array_append_val (self->params, param);
  g_hash_table_insert (self->param_index, (gpointer) key, GUINT_TO_POINTER (self->params->len));
}

/* Canonical text of a double: shortest round-trip form. */
static const char *
pool_double_text (BenchRecordBuilder *self,
                  double              value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return "nan";
  if (value == floor (value) && fabs (value) < 1e15)
    g_snprintf (buf, sizeof buf, "%.1f", value);
  else
    g_ascii_dtostr (buf, sizeof buf, value);
  return bench_str_pool_intern (self->pool, buf);
}

/* Untyped text of a field nobody told us about: integer, number, boolean
 * word, or string. */
static BenchValueType
infer_type (const char *text)
{
  gint64 i;
  double d;

  if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "false") == 0)
    return BENCH_VALUE_BOOL;
  if (parse_int (text, &i) && strchr (text, '.') == NULL)
    return BENCH_VALUE_INT;
  if (parse_double (text, &d) && !isnan (d) && strspn (text, "+-0123456789.eE") == strlen (text))
    return BENCH_VALUE_DOUBLE;
  return BENCH_VALUE_STRING;
}

/* A value as the reader found it: text (CSV, SQL, markdown, JSON strings),
 * or already a number or boolean (JSON), so typed input never goes through
 * printf and strtod and back. */
typedef struct
{
  BenchValueType  type;   /* BENCH_VALUE_UNKNOWN: untyped text */
  const char     *text;   /* NULL for typed numbers and booleans */
  gint64          i;
  double          d;
} Value;

static char *
format_int (char   *buf,
            gsize   size,
            gint64  value)
{
  char *p = buf + size - 1;
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;

  *p = '\0';
  do
    *--p = '0' + (u % 10);
  while ((u /= 10) != 0);
  if (value < 0)
    *--p = '-';
  return p;
}

static const char *
pool_int_text (BenchRecordBuilder *self,
               gint64              value)
{
  char buf[32];

  return bench_str_pool_intern (self->pool, format_int (buf, sizeof buf, value));
}

/* The value as text, for fields kept as parameters. */
static const char *
value_text (const Value *value,
            char        *buf,
            gsize        size)
{
  if (value->text != NULL)
    return value->text;
  switch (value->type)
    {
    case BENCH_VALUE_INT:
      return format_int (buf, size, value->i);
    case BENCH_VALUE_BOOL:
      return value->i ? "1" : "0";
    case BENCH_VALUE_DOUBLE:
      if (isnan (value->d))
        return "nan";
      return g_ascii_dtostr (buf, size, value->d);
    case BENCH_VALUE_NULL:
    case BENCH_VALUE_STRING:
    case BENCH_VALUE_UNKNOWN:
    default:
      return "";
    }
}

static gboolean
value_int (const Value *value,
           gint64      *out)
{
  double d;
  gboolean b;

  switch (value->type)
    {
    case BENCH_VALUE_INT:
    case BENCH_VALUE_BOOL:
      *out = value->i;
      return TRUE;
    case BENCH_VALUE_DOUBLE:
      if (!isfinite (value->d) || fabs (value->d) >= 9.2e18)
        return FALSE;
      *out = (gint64) value->d;
      return TRUE;
    case BENCH_VALUE_NULL:
      return FALSE;
    case BENCH_VALUE_STRING:
    case BENCH_VALUE_UNKNOWN:
    default:
      if (parse_int (value->text, out))
        return TRUE;
      if (parse_double (value->text, &d) && isfinite (d) && fabs (d) < 9.2e18)
        {
          *out = (gint64) d;
          return TRUE;
        }
      if (parse_bool (value->text, &b))
        {
          *out = b;
          return TRUE;
        }
      return FALSE;
    }
}

static gboolean
value_double (const Value *value,
              double      *out)
{
  switch (value->type)
    {
    case BENCH_VALUE_INT:
    case BENCH_VALUE_BOOL:
      *out = (double) value->i;
      return TRUE;
    case BENCH_VALUE_DOUBLE:
      *out = value->d;
      return TRUE;
    case BENCH_VALUE_NULL:
      return FALSE;
    case BENCH_VALUE_STRING:
    case BENCH_VALUE_UNKNOWN:
    default:
      return parse_double (value->text, out);
    }
}

static gboolean
value_bool (const Value *value,
            gboolean    *out)
{
  switch (value->type)
    {
    case BENCH_VALUE_INT:
    case BENCH_VALUE_BOOL:
      *out = value->i != 0;
      return TRUE;
    case BENCH_VALUE_DOUBLE:
    case BENCH_VALUE_NULL:
      return FALSE;
    case BENCH_VALUE_STRING:
    case BENCH_VALUE_UNKNOWN:
    default:
      return parse_bool (value->text, out);
    }
}

/* A parameter: @want is what llama-bench's field is (UNKNOWN for fields we
 * do not know), the value is converted to it when it can be. */
static void
add_param (BenchRecordBuilder *self,
           const char         *key,
           const Value        *value,
           BenchValueType      want)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  gint64 i;
  double d;
  gboolean b;

  if (value->type == BENCH_VALUE_NULL)
    {
      set_param (self, key, "", BENCH_VALUE_NULL);
      return;
    }
  if (want == BENCH_VALUE_UNKNOWN)
    want = value->type != BENCH_VALUE_UNKNOWN ? value->type : infer_type (value->text);

  switch (want)
    {
    case BENCH_VALUE_INT:
      if (value_int (value, &i))
        {
          set_param (self, key, pool_int_text (self, i), BENCH_VALUE_INT);
          return;
        }
      break;
    case BENCH_VALUE_BOOL:
      if (value_bool (value, &b))
        {
          set_param (self, key, b ? "1" : "0", BENCH_VALUE_BOOL);
          return;
        }
      break;
    case BENCH_VALUE_DOUBLE:
      if (value_double (value, &d))
        {
          set_param (self, key, pool_double_text (self, d), BENCH_VALUE_DOUBLE);
          return;
        }
      break;
    case BENCH_VALUE_STRING:
    case BENCH_VALUE_UNKNOWN:
    case BENCH_VALUE_NULL:
    default:
      break;
    }
  set_param (self, key, bench_str_pool_intern (self->pool, value_text (value, buf, sizeof buf)),
             BENCH_VALUE_STRING);
}

static void
add_field (BenchRecordBuilder *self,
           const char         *key,
           const Value        *value)
{
  const FieldInfo *info;
  const char *pooled_key;
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  gint64 i;
  double d;
  gboolean b;

  pooled_key = resolve_key (self, key, &info);
  if (info == NULL)
    {
      add_param (self, pooled_key, value, BENCH_VALUE_UNKNOWN);
      return;
    }

  switch (info->kind)
    {
    case FIELD_STR:
      self->strs[info->slot] =
        value->type == BENCH_VALUE_NULL
          ? NULL
          : bench_str_pool_intern (self->pool, value_text (value, buf, sizeof buf));
      break;
    case FIELD_INT:
      if (value_int (value, &i))
        {
          self->ints[info->slot] = i;
          self->ints_set |= 1u << info->slot;
        }
      break;
    case FIELD_DBL:
      if (value_double (value, &d))
        {
          self->dbls[info->slot] = d;
          self->dbls_set |= 1u << info->slot;
        }
      else if (value->type != BENCH_VALUE_NULL && (value->text == NULL || *value->text != '\0'))
        {
          self->dbls_bad |= 1u << info->slot;
          /* the speed is what the record is skipped for: name it */
          if (self->bad_text == NULL && (info->slot == SLOT_AVG_TS || info->slot == SLOT_AVG_NS))
            {
              /* a few dozen bytes of it are enough to recognize it */
              g_autofree char *cut = g_strdup_printf ("%s: %.40s", key, value_text (value, buf, sizeof buf));
              self->bad_text = g_utf8_make_valid (cut, -1);
            }
        }
      break;
    case FIELD_BACKEND:
      self->backend_flags_seen |= 1u << info->slot;
      if (value_bool (value, &b) && b)
        self->backend_flags_true |= 1u << info->slot;
      add_param (self, pooled_key, value, BENCH_VALUE_BOOL);
      break;
    case FIELD_FLASH_ATTN:
      if (value->type != BENCH_VALUE_DOUBLE && value_int (value, &i))
        self->flash_attn = CLAMP (i, -1, 1);
      else
        {
          add_param (self, pooled_key, value, BENCH_VALUE_STRING);
          break;
        }
      set_param (self, pooled_key, pool_int_text (self, self->flash_attn), BENCH_VALUE_INT);
      break;
    case FIELD_SAMPLES:
      break;
    case FIELD_PARAM:
    default:
      add_param (self, pooled_key, value, info->slot);
      break;
    }
}

void
bench_record_builder_add (BenchRecordBuilder *self,
                          const char         *key,
                          const char         *text,
                          BenchValueType      type)
{
  Value value = { text ? type : BENCH_VALUE_NULL, text ? text : "" };

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  /* typed text ("512" said to be an int) is still text to convert */
  if (value.type != BENCH_VALUE_NULL && value.type != BENCH_VALUE_STRING)
    value.type = BENCH_VALUE_UNKNOWN;
  add_field (self, key, &value);
}

void
bench_record_builder_add_len (BenchRecordBuilder *self,
                              const char         *key,
                              const char         *text,
                              gssize              text_len,
                              BenchValueType      type)
{
  char buf[256];
  g_autofree char *heap = NULL;
  char *tmp;

  if (text_len < 0)
    {
      bench_record_builder_add (self, key, text, type);
      return;
    }
  tmp = (gsize) text_len < sizeof buf ? buf : (heap = g_malloc (text_len + 1));
  memcpy (tmp, text, text_len);
  tmp[text_len] = '\0';
  bench_record_builder_add (self, key, tmp, type);
}

void
bench_record_builder_add_int (BenchRecordBuilder *self,
                              const char         *key,
                              gint64              value)
{
  Value v = { BENCH_VALUE_INT, NULL, value };

  add_field (self, key, &v);
}

void
bench_record_builder_add_double (BenchRecordBuilder *self,
                                 const char         *key,
                                 double              value)
{
  Value v = { BENCH_VALUE_DOUBLE, NULL, 0, value };

  add_field (self, key, &v);
}

void
bench_record_builder_add_bool (BenchRecordBuilder *self,
                               const char         *key,
                               gboolean            value)
{
  Value v = { BENCH_VALUE_BOOL, NULL, value != FALSE };

  add_field (self, key, &v);
}

void
bench_record_builder_set_samples_ns (BenchRecordBuilder *self,
                                     const gint64       *samples,
                                     guint               n_samples)
{
  g_array_set_size (self->samples_ns, 0);
  g_array_append_vals (self->samples_ns, samples, n_samples);
}

void
bench_record_builder_set_samples_ts (BenchRecordBuilder *self,
                                     const double       *samples,
                                     guint               n_samples)
{
  g_array_set_size (self->samples_ts, 0);
  g_array_append_vals (self->samples_ts, samples, n_samples);
}

/* Two-pass mean and sample standard deviation (n − 1): exact enough where
 * llama-bench's one-pass formula cancels. */
static void
mean_and_stddev (const double *values,
                 guint         n,
                 double       *mean,
                 double       *stddev)
{
  double sum = 0, sq = 0;

  for (guint i = 0; i < n; i++)
    sum += values[i];
  *mean = sum / n;
  for (guint i = 0; i < n; i++)
    sq += (values[i] - *mean) * (values[i] - *mean);
  *stddev = n > 1 ? sqrt (sq / (n - 1)) : 0.0;
}

static gboolean
disagrees (double stated,
           double computed,
           double scale)
{
  if (isnan (stated))
    return TRUE;
  /* llama-bench prints 6 decimals; allow 1% of the value and 1e-6 of the
   * mean it belongs to for rounding. */
  return fabs (stated - computed) > 0.01 * fabs (computed) + 1e-6 * fabs (scale) + 1e-6;
}

static void
compute_statistics (BenchRecordBuilder *self,
                    BenchResult        *result)
{
  gint64 tokens = result->n_prompt + result->n_gen;
  guint n = self->samples_ns->len;

  result->stated_avg_ns = self->dbls[SLOT_AVG_NS];
  result->stated_stddev_ns = self->dbls[SLOT_STDDEV_NS];
  result->stated_avg_ts = self->dbls[SLOT_AVG_TS];
  result->stated_stddev_ts = self->dbls[SLOT_STDDEV_TS];

  result->avg_ns = result->stated_avg_ns;
  result->stddev_ns = result->stated_stddev_ns;
  result->avg_ts = result->stated_avg_ts;
  result->stddev_ts = result->stated_stddev_ts;

  if (n > 0 && n <= 1000000)
    {
      const gint64 *ns = (const gint64 *) self->samples_ns->data;
      g_autofree double *ns_d = g_new (double, n);
      g_autofree double *ts = g_new (double, n);
      gboolean usable = TRUE;

      for (guint i = 0; i < n; i++)
        {
          if (ns[i] <= 0)
            usable = FALSE;
          ns_d[i] = (double) ns[i];
          ts[i] = 1e9 * (double) tokens / (double) ns[i];
        }

      if (usable)
        {
          result->n_samples = n;
          result->samples_ns = g_memdup2 (ns, n * sizeof (gint64));
          result->samples_ts = g_memdup2 (ts, n * sizeof (double));
          mean_and_stddev (ns_d, n, &result->avg_ns, &result->stddev_ns);
          mean_and_stddev (ts, n, &result->avg_ts, &result->stddev_ts);

          if ((self->dbls_set & (1u << SLOT_AVG_TS)) &&
              disagrees (result->stated_avg_ts, result->avg_ts, result->avg_ts))
            result->stats_mismatch = TRUE;
          if ((self->dbls_set & (1u << SLOT_STDDEV_TS)) &&
              disagrees (result->stated_stddev_ts, result->stddev_ts, result->avg_ts))
            result->stats_mismatch = TRUE;
          if ((self->dbls_set & (1u << SLOT_STDDEV_NS)) &&
              disagrees (result->stated_stddev_ns, result->stddev_ns, result->avg_ns))
            result->stats_mismatch = TRUE;
          return;
        }
    }

  /* No samples: keep what the file says, filling a missing rate from the
   * mean time. */
  if (isnan (result->avg_ts) && result->avg_ns > 0 && tokens > 0)
    result->avg_ts = 1e9 * (double) tokens / result->avg_ns;
  if (isnan (result->avg_ns) && result->avg_ts > 0 && tokens > 0)
    result->avg_ns = 1e9 * (double) tokens / result->avg_ts;
}

static gboolean
looks_amd (const char *gpu_info)
{
  return gpu_info != NULL &&
         (strstr (gpu_info, "AMD") != NULL || strstr (gpu_info, "Radeon") != NULL ||
          strstr (gpu_info, "gfx") != NULL || strstr (gpu_info, "Instinct") != NULL);
}

static const char *
backends_from_flags (BenchRecordBuilder *self)
{
  GString *names = g_string_new (NULL);
  const char *pooled;

  for (guint i = 0; i < n_known_fields; i++)
    {
      const FieldInfo *info = &known_fields[i];
      const char *name;

      if (info->kind != FIELD_BACKEND || !(self->backend_flags_true & (1u << info->slot)))
        continue;
      name = info->label;
      /* The cuda flag was set by ROCm builds too; llama-bench printed the
       * backend's own name. */
      if (info->slot == 0 && looks_amd (self->strs[SLOT_GPU_INFO]))
        name = "ROCm";
      /* gpu_blas came with a GPU backend already named; BLAS next to a GPU
       * backend was how llama-bench printed CUDA with cuBLAS: the GPU wins. */
      if ((info->slot == 7 || info->slot == 8) && names->len > 0)
        continue;
      if (info->slot == 8 && (self->backend_flags_true & (1u << 7)))
        continue;
      if (names->len > 0)
        g_string_append_c (names, ',');
      g_string_append (names, name);
    }
  if (names->len == 0)
    g_string_append (names, "CPU");
  pooled = bench_str_pool_intern (self->pool, names->str);
  g_string_free (names, TRUE);
  return pooled;
}

static gboolean
strip_prefix_nocase (GString    *text,
                     const char *prefix)
{
  gsize n = strlen (prefix);

  if (text->len > n && g_ascii_strncasecmp (text->str, prefix, n) == 0)
    {
      g_string_erase (text, 0, n);
      return TRUE;
    }
  return FALSE;
}

/* AMD's integrated graphics: "Radeon Graphics" (what ROCm calls every
 * APU's GPU), "Radeon 8060S Graphics", "Radeon 780M Graphics", "Radeon
 * Vega 8 Graphics". Discrete cards are "Radeon RX …", "Radeon Pro …". */
static gboolean
is_integrated_radeon (const char *name)
{
  const char *p = name;

  if (!g_str_has_prefix (p, "Radeon "))
    return FALSE;
  p += strlen ("Radeon ");
  if (g_str_has_prefix (p, "Vega "))
    p += strlen ("Vega ");
  if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isalnum (*p))
        p++;
      if (*p++ != ' ')
        return FALSE;
    }
  return strcmp (p, "Graphics") == 0;
}

/* One GPU as every backend names it alike: Vulkan appends its driver
 * ("Radeon 8060S Graphics (RADV GFX1151)"), backends spell trademarks
 * differently ("Intel(R) Arc(TM)" / "Arc(tm)") and may or may not put the
 * vendor first ("AMD Radeon 8060S Graphics"). Appends nothing for AMD's
 * integrated graphics: ROCm and Vulkan name them differently ("AMD Radeon
 * Graphics" / "Radeon 8060S Graphics"), and the CPU names that box. */
static void
append_gpu_name (GString    *out,
                 const char *name,
                 gsize       len)
{
  g_autoptr (GString) gpu = g_string_new_len (name, len);
  static const char *marks[] = { "(R)", "(r)", "(TM)", "(tm)", "(Tm)", "®", "™" };
  gsize end;

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    g_string_replace (gpu, marks[i], "", 0);
  /* a driver in brackets at the end */
  g_strstrip (gpu->str);
  g_string_set_size (gpu, strlen (gpu->str));
  if (gpu->len > 0 && gpu->str[gpu->len - 1] == ')')
    {
      const char *open = strrchr (gpu->str, '(');
      if (open != NULL && open > gpu->str)
        g_string_truncate (gpu, open - gpu->str);
    }
  /* one space between words */
  end = 0;
  for (gsize i = 0; i < gpu->len; i++)
    if (!g_ascii_isspace (gpu->str[i]) || (end > 0 && gpu->str[end - 1] != ' '))
      gpu->str[end++] = g_ascii_isspace (gpu->str[i]) ? ' ' : gpu->str[i];
  while (end > 0 && gpu->str[end - 1] == ' ')
    end--;
  g_string_truncate (gpu, end);

  if (!strip_prefix_nocase (gpu, "AMD ") && !strip_prefix_nocase (gpu, "NVIDIA "))
    strip_prefix_nocase (gpu, "Intel ");
  if (gpu->len == 0 || is_integrated_radeon (gpu->str))
    return;
  if (out->len > 0)
    g_string_append (out, ", ");
  g_string_append_len (out, gpu->str, gpu->len);
}

/* The machine is the box, not the backend that ran on it: its CPU and its
 * discrete GPUs as every backend names them. One box that ran ROCm and
 * Vulkan is one machine; the backend stays a property of each result. */
static void
derive_machine (BenchRecordBuilder *self,
                BenchResult        *result)
{
  const char *cpu = result->cpu_info, *gpu_info = result->gpu_info;
  g_autoptr (GString) gpus = g_string_new (NULL);
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;

  if (self->machine_key != NULL && cpu == self->machine_cpu && gpu_info == self->machine_gpu &&
      result->source == self->machine_source)
    {
      result->hardware_key = self->machine_key;
      result->hardware_label = self->machine_label;
      return;
    }

  /* lists: ", " since late 2024, "/" before */
  for (const char *p = gpu_info; *p != '\0';)
    {
      gsize n = strcspn (p, ",/");
      append_gpu_name (gpus, p, n);
      p += n;
      if (*p != '\0')
        p++;
    }

  if (*cpu != '\0' || gpus->len > 0)
    {
      g_autofree char *cpu_folded = g_utf8_casefold (cpu, -1);
      g_autofree char *gpus_folded = g_utf8_casefold (gpus->str, -1);

      key = g_strdup_printf ("%s\x1f%s", cpu_folded, gpus_folded);
      label = g_strdup (gpus->len > 0 ? gpus->str : cpu);
    }
  else
    {
      /* Markdown tables do not name the machine: tell machines apart by
       * the file they came from. */
      key = g_strdup_printf ("\x1f\x1f%s", result->source ? result->source : "");
      label = g_strdup (result->source && *result->source ? result->source : _("unknown machine"));
    }
  self->machine_cpu = cpu;
  self->machine_gpu = gpu_info;
  self->machine_source = result->source;
  self->machine_key = result->hardware_key = bench_str_pool_intern (self->pool, key);
  /* the label is for people: as long as a line at most, however long the
   * machine's name in the file */
  {
    g_autofree char *shown = bench_text_ellipsize_for_display (label, BENCH_DISPLAY_MAX_CHARS);
    self->machine_label = result->hardware_label = bench_str_pool_intern (self->pool, shown);
  }
}

static void
derive_labels (BenchRecordBuilder *self,
               BenchResult        *result)
{
  g_autofree char *label = bench_format_test_label (result->n_prompt, result->n_gen,
                                                    result->n_depth);
  g_autofree char *quant = bench_quantization_from_model_type (result->model_type);

  result->test_label = bench_str_pool_intern (self->pool, label);
  result->quantization = bench_str_pool_intern (self->pool, quant);
  derive_machine (self, result);
}

BenchResult *
bench_record_builder_finish (BenchRecordBuilder *self,
                             const char         *source,
                             BenchFormat         format,
                             guint               line,
                             guint               run_index,
                             GError            **error)
{
  BenchResult *result;
  const guint need_test = (1u << SLOT_N_PROMPT) | (1u << SLOT_N_GEN);

  if ((self->ints_set & need_test) == 0)
    {
      g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                   _("not a llama-bench record: no n_prompt or n_gen"));
      bench_record_builder_reset (self);
      return NULL;
    }
  if (self->dbls_bad & ((1u << SLOT_AVG_TS) | (1u << SLOT_AVG_NS)))
    {
      /* a speed that is not a number is no speed: drawn as a point it
       * would be a lie, so the record is skipped and said so */
      g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                   /* Translators: %s is the field and its value, "avg_ts: fast" */
                   _("the speed is not a number (%s)"), self->bad_text);
      bench_record_builder_reset (self);
      return NULL;
    }
  if ((self->dbls_set & ((1u << SLOT_AVG_TS) | (1u << SLOT_AVG_NS))) == 0 &&
      self->samples_ns->len == 0 && self->samples_ts->len == 0)
    {
      g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                   _("not a llama-bench record: no avg_ts, avg_ns or samples"));
      bench_record_builder_reset (self);
      return NULL;
    }

  result = g_object_new (BENCH_TYPE_RESULT, NULL);
  result->pool = bench_str_pool_ref (self->pool);
  result->source = bench_str_pool_intern (self->pool, source ? source : "");
  result->format = format;
  result->line = line;
  result->run_index = run_index;

  result->build_commit = self->strs[SLOT_BUILD_COMMIT] ? self->strs[SLOT_BUILD_COMMIT] : "";
  result->build_number = self->ints[SLOT_BUILD_NUMBER];
  result->cpu_info = self->strs[SLOT_CPU_INFO] ? self->strs[SLOT_CPU_INFO] : "";
  result->gpu_info = self->strs[SLOT_GPU_INFO] ? self->strs[SLOT_GPU_INFO] : "";
  if (self->strs[SLOT_BACKENDS] != NULL && *self->strs[SLOT_BACKENDS] != '\0')
    result->backends = self->strs[SLOT_BACKENDS];
  else if (self->backend_flags_seen != 0)
    result->backends = backends_from_flags (self);
  else
    result->backends = "";
  result->model_filename = self->strs[SLOT_MODEL_FILENAME] ? self->strs[SLOT_MODEL_FILENAME] : "";
  result->model_type = self->strs[SLOT_MODEL_TYPE] ? self->strs[SLOT_MODEL_TYPE] : "";
  result->model_size = self->ints[SLOT_MODEL_SIZE];
  result->model_n_params = self->ints[SLOT_MODEL_N_PARAMS];
  result->n_prompt = MAX (self->ints[SLOT_N_PROMPT], 0);
  result->n_gen = MAX (self->ints[SLOT_N_GEN], 0);
  result->n_depth = MAX (self->ints[SLOT_N_DEPTH], 0);
  result->test_time = self->strs[SLOT_TEST_TIME] ? self->strs[SLOT_TEST_TIME] : "";
  result->flash_attn = self->flash_attn;

  compute_statistics (self, result);

  result->n_params = self->params->len;
  result->params = g_memdup2 (self->params->data, self->params->len * sizeof (BenchParam));
  if (result->n_params > PARAM_SCAN_MAX)
    {
      result->params_by_key = g_new (guint, result->n_params);
      for (guint i = 0; i < result->n_params; i++)
        result->params_by_key[i] = i;
      g_qsort_with_data (result->params_by_key, result->n_params, sizeof (guint),
                         compare_param_keys, result->params);
    }

  derive_labels (self, result);
  bench_record_builder_reset (self);
  return result;
}
