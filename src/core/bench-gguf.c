/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-gguf.c — a bounds-checked reader of GGUF model headers.
 *
 * Layout (ggml's docs/gguf.md; little-endian): "GGUF", u32 version, u64
 * tensor count, u64 key/value count, the key/value pairs (string key, u32
 * value type, value), then one tensor info per tensor (string name, u32
 * dimension count, u64 per dimension, u32 ggml type, u64 offset). Strings are
 * u64 length + bytes; arrays are u32 element type + u64 count + elements.
 *
 * Every read goes through a cursor that checks the bytes are there before
 * touching them; counts are checked against the bytes left before any loop,
 * so a hostile count fails at once instead of looping. Arrays are walked
 * (strings) or stepped over (fixed-size elements) without being built; only
 * short numeric arrays (per-layer values) are kept.
 */
#include "config.h"

#include "bench-gguf.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (bench-gguf-error-quark, bench_gguf_error)

/* more layers than any model has; bounds the per-layer work and arrays */
#define MAX_LAYERS 65536

enum
{
  GGUF_UINT8,
  GGUF_INT8,
  GGUF_UINT16,
  GGUF_INT16,
  GGUF_UINT32,
  GGUF_INT32,
  GGUF_FLOAT32,
  GGUF_BOOL,
  GGUF_STRING,
  GGUF_ARRAY,
  GGUF_UINT64,
  GGUF_INT64,
  GGUF_FLOAT64,
  GGUF_N_TYPES
};

/* bytes of one fixed-size value; 0 for strings and arrays */
static const guint8 value_sizes[GGUF_N_TYPES] = { 1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8 };

static const char * const value_type_names[GGUF_N_TYPES] = {
  "uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool",
  "string", "array", "uint64", "int64", "float64",
};

static gboolean
is_integer_type (guint32 type)
{
  return type <= GGUF_INT32 || type == GGUF_UINT64 || type == GGUF_INT64;
}

/* —— values kept from the header —— */

typedef struct
{
  guint32  type;
  gboolean too_large;      /* a uint64 above G_MAXINT64 */
  gint64   integer;        /* integers and bools */
  double   real;
  char    *string;
  guint32  array_type;
  guint64  array_count;
  gint64  *array;          /* integer/bool arrays of at most MAX_LAYERS, else NULL */
} Value;

static void
value_free (Value *value)
{
  g_free (value->string);
  g_free (value->array);
  g_free (value);
}

struct _BenchGgufInfo
{
  gatomicrefcount  ref_count;
  char            *name;
  guint32          version;
  char            *architecture;
  char            *model_name;

  gint64           block_count;
  gint64           context_length;
  gint64           embedding_length;
  gint64           feed_forward_length;
  gint64           expert_count;
  gint64           expert_used_count;
  gint64           expert_feed_forward_length;
  gint64           sliding_window;
  gint64           file_type;
  gint64           key_length;
  gint64           value_length;
  gint64           tensor_count;

  gboolean         head_count_per_layer;
  gboolean         head_count_kv_per_layer;
  gint64          *head_count;       /* block_count entries */
  gint64          *head_count_kv;    /* block_count entries */
  gboolean        *sliding;          /* block_count entries */
  guint            n_sliding;
  gboolean         sliding_assumed;

  gboolean         has_kv_cache;
  gboolean         kv_known;
  gboolean         kv_approximate;
  /* elements of K and V per token, summed over layers */
  guint64          full_k, full_v, swa_k, swa_v;

  guint64          tensor_bytes;
  guint64          expert_tensor_bytes;
  gboolean         tensor_bytes_known;
  double           expert_share;
  gboolean         expert_share_estimated;
  guint64          expert_params;
};

G_DEFINE_BOXED_TYPE (BenchGgufInfo, bench_gguf_info, bench_gguf_info_ref, bench_gguf_info_unref)

BenchGgufInfo *
bench_gguf_info_ref (BenchGgufInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bench_gguf_info_unref (BenchGgufInfo *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->architecture);
  g_free (self->model_name);
  g_free (self->head_count);
  g_free (self->head_count_kv);
  g_free (self->sliding);
  g_free (self);
}

/* —— the cursor —— */

typedef struct
{
  const guint8 *data;
  guint64       len;
  guint64       pos;
  const char   *name;
} Cursor;

static gboolean
need (Cursor      *c,
      guint64      n,
      const char  *what,
      GError     **error)
{
  if (n <= c->len - c->pos)
    return TRUE;
  g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_TRUNCATED,
               /* Translators: "FILE: the file ends at byte 123 inside the key of a key/value pair" */
               _("%s: the file ends at byte %" PRIu64 " inside %s (%" PRIu64
                 " more bytes needed)"),
               c->name, c->len, _(what), n - (c->len - c->pos));
  return FALSE;
}

static gboolean
read_u32 (Cursor      *c,
          guint32     *out,
          const char  *what,
          GError     **error)
{
  guint32 v;

  if (!need (c, 4, what, error))
    return FALSE;
  memcpy (&v, c->data + c->pos, 4);
  *out = GUINT32_FROM_LE (v);
  c->pos += 4;
  return TRUE;
}

static gboolean
read_u64 (Cursor      *c,
          guint64     *out,
          const char  *what,
          GError     **error)
{
  guint64 v;

  if (!need (c, 8, what, error))
    return FALSE;
  memcpy (&v, c->data + c->pos, 8);
  *out = GUINT64_FROM_LE (v);
  c->pos += 8;
  return TRUE;
}

/* a string in place: *out points into the data, not NUL-terminated */
static gboolean
read_string (Cursor        *c,
             const char   **out,
             gsize         *out_len,
             const char    *what,
             GError       **error)
{
  guint64 len;

  if (!read_u64 (c, &len, what, error) || !need (c, len, what, error))
    return FALSE;
  *out = (const char *) c->data + c->pos;
  *out_len = (gsize) len;
  c->pos += len;
  return TRUE;
}

static gint64
decode_integer (const guint8 *p,
                guint32       type,
                gboolean     *too_large)
{
  guint64 u = 0;

  *too_large = FALSE;
  for (int i = value_sizes[type] - 1; i >= 0; i--)
    u = u << 8 | p[i];
  switch (type)
    {
    case GGUF_INT8:   return (gint8) u;
    case GGUF_INT16:  return (gint16) u;
    case GGUF_INT32:  return (gint32) u;
    case GGUF_INT64:  return (gint64) u;
    case GGUF_BOOL:   return u != 0;
    case GGUF_UINT64:
      if (u > G_MAXINT64)
        {
          *too_large = TRUE;
          return G_MAXINT64;
        }
      return (gint64) u;
    default:          return (gint64) u;
    }
}

static double
decode_real (const guint8 *p,
             guint32       type)
{
  guint64 u = 0;

  for (int i = value_sizes[type] - 1; i >= 0; i--)
    u = u << 8 | p[i];
  if (type == GGUF_FLOAT32)
    {
      guint32 bits = (guint32) u;
      float f;
      memcpy (&f, &bits, sizeof f);
      return f;
    }
  else
    {
      double d;
      memcpy (&d, &u, sizeof d);
      return d;
    }
}

static const char *
type_name (guint32 type)
{
  return type < GGUF_N_TYPES ? value_type_names[type] : "?";
}

/* The keys the facts are made of (after "<arch>." or alone); the others
 * are stepped over without being kept. */
static const char * const wanted_suffixes[] = {
  "block_count", "context_length", "embedding_length", "feed_forward_length",
  "expert_count", "expert_used_count", "expert_feed_forward_length",
  "leading_dense_block_count", "expert_shared_count", "expert_shared_feed_forward_length",
  "vocab_size", "full_attention_interval", "attention.head_count", "attention.head_count_kv",
  "attention.key_length", "attention.value_length", "attention.key_length_swa",
  "attention.value_length_swa", "attention.kv_lora_rank", "attention.sliding_window",
  "attention.sliding_window_pattern", "attention.causal", "rope.dimension_count",
  "ssm.state_size",
};

static gboolean
is_wanted_key (const char *key,
               gsize       len)
{
  static const char * const whole[] = {
    "general.architecture", "general.name", "general.file_type", "split.count",
  };

  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    if (len == strlen (whole[i]) && memcmp (key, whole[i], len) == 0)
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (wanted_suffixes); i++)
    {
      gsize n = strlen (wanted_suffixes[i]);
      if (len > n + 1 && key[len - n - 1] == '.' && memcmp (key + len - n, wanted_suffixes[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Reads one value of @type into @value: when @keep, strings are copied and
 * short numeric arrays kept; arrays are always stepped over. @key_data
 * names the key in messages. */
static gboolean
read_value (Cursor      *c,
            guint32      type,
            const char  *key_data,
            gsize        key_len,
            gboolean     keep,
            Value       *value,
            GError     **error)
{
  guint64 start = c->pos;
  g_autofree char *key = NULL;

#define KEY (key ? key : (key = g_utf8_make_valid (key_data, (gssize) key_len)))

  value->type = type;
  if (type >= GGUF_N_TYPES)
    {
      g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                   _("%s: unknown value type %u for key “%s” at byte %" PRIu64),
                   c->name, type, KEY, start - 4);
      return FALSE;
    }

  if (type == GGUF_STRING)
    {
      const char *s;
      gsize len;

      if (!read_string (c, &s, &len, N_("a string value"), error))
        return FALSE;
      if (keep)
        value->string = g_utf8_make_valid (s, (gssize) len);
      return TRUE;
    }

  if (type == GGUF_ARRAY)
    {
      guint32 elem;
      guint64 count;
      guint64 left;

      if (!read_u32 (c, &elem, N_("the type of an array"), error) ||
          !read_u64 (c, &count, N_("the length of an array"), error))
        return FALSE;
      value->array_type = elem;
      value->array_count = count;
      left = c->len - c->pos;

      if (elem == GGUF_ARRAY)
        {
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                       _("%s: key “%s” at byte %" PRIu64 " holds an array of arrays, "
                         "which GGUF does not allow"),
                       c->name, KEY, start);
          return FALSE;
        }
      if (elem >= GGUF_N_TYPES)
        {
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                       _("%s: unknown array element type %u for key “%s” at byte %" PRIu64),
                       c->name, elem, KEY, start);
          return FALSE;
        }

      if (elem == GGUF_STRING)
        {
          /* every string takes at least its 8-byte length */
          if (count > left / 8)
            {
              g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_TRUNCATED,
                           _("%s: key “%s” at byte %" PRIu64 " claims %" PRIu64
                             " strings but only %" PRIu64 " bytes follow"),
                           c->name, KEY, start, count, left);
              return FALSE;
            }
          for (guint64 i = 0; i < count; i++)
            {
              const char *s;
              gsize len;

              if (!read_string (c, &s, &len, N_("a string of an array"), error))
                return FALSE;
            }
          return TRUE;
        }

      if (count > left / value_sizes[elem])
        {
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_TRUNCATED,
                       _("%s: key “%s” at byte %" PRIu64 " claims %" PRIu64
                         " values of %u bytes but only %" PRIu64 " bytes follow"),
                       c->name, KEY, start, count, (guint) value_sizes[elem], left);
          return FALSE;
        }
      /* per-layer values are kept */
      if (keep && (is_integer_type (elem) || elem == GGUF_BOOL) && count <= MAX_LAYERS)
        {
          value->array = g_new0 (gint64, MAX (count, 1));
          for (guint64 i = 0; i < count; i++)
            {
              gboolean too_large;

              value->array[i] = decode_integer (c->data + c->pos + i * value_sizes[elem],
                                                elem, &too_large);
              if (too_large)
                value->too_large = TRUE;
            }
        }
      c->pos += count * value_sizes[elem];
      return TRUE;
    }

  if (!need (c, value_sizes[type], N_("a value"), error))
    return FALSE;
  if (type == GGUF_FLOAT32 || type == GGUF_FLOAT64)
    value->real = decode_real (c->data + c->pos, type);
  else
    value->integer = decode_integer (c->data + c->pos, type, &value->too_large);
  c->pos += value_sizes[type];
  return TRUE;
#undef KEY
}

/* —— ggml tensor types: elements per block and bytes per block —— */

typedef struct
{
  guint32 block;
  guint32 bytes;
} TypeSize;

static gboolean
ggml_type_size (guint32   type,
                TypeSize *out)
{
  /* indexed by ggml_type; {0, 0} for removed or unknown types */
  static const TypeSize sizes[] = {
    [0]  = { 1, 4 },       /* f32 */
    [1]  = { 1, 2 },       /* f16 */
    [2]  = { 32, 18 },     /* q4_0 */
    [3]  = { 32, 20 },     /* q4_1 */
    [6]  = { 32, 22 },     /* q5_0 */
    [7]  = { 32, 24 },     /* q5_1 */
    [8]  = { 32, 34 },     /* q8_0 */
    [9]  = { 32, 40 },     /* q8_1 */
    [10] = { 256, 84 },    /* q2_K */
    [11] = { 256, 110 },   /* q3_K */
    [12] = { 256, 144 },   /* q4_K */
    [13] = { 256, 176 },   /* q5_K */
    [14] = { 256, 210 },   /* q6_K */
    [15] = { 256, 292 },   /* q8_K */
    [16] = { 256, 66 },    /* iq2_xxs */
    [17] = { 256, 74 },    /* iq2_xs */
    [18] = { 256, 98 },    /* iq3_xxs */
    [19] = { 256, 50 },    /* iq1_s */
    [20] = { 32, 18 },     /* iq4_nl */
    [21] = { 256, 110 },   /* iq3_s */
    [22] = { 256, 82 },    /* iq2_s */
    [23] = { 256, 136 },   /* iq4_xs */
    [24] = { 1, 1 },       /* i8 */
    [25] = { 1, 2 },       /* i16 */
    [26] = { 1, 4 },       /* i32 */
    [27] = { 1, 8 },       /* i64 */
    [28] = { 1, 8 },       /* f64 */
    [29] = { 256, 56 },    /* iq1_m */
    [30] = { 1, 2 },       /* bf16 */
    [34] = { 256, 54 },    /* tq1_0 */
    [35] = { 256, 66 },    /* tq2_0 */
    [39] = { 32, 17 },     /* mxfp4 */
  };

  if (type >= G_N_ELEMENTS (sizes) || sizes[type].block == 0)
    return FALSE;
  *out = sizes[type];
  return TRUE;
}

/* —— KV cache types as llama-bench names them —— */

double
bench_kv_type_bytes_per_element (const char *type)
{
  static const struct { const char *name; double bytes; } types[] = {
    { "f32", 4.0 },
    { "f16", 2.0 },
    { "bf16", 2.0 },
    { "q8_0", 34.0 / 32 },
    { "q4_0", 18.0 / 32 },
    { "q4_1", 20.0 / 32 },
    { "q5_0", 22.0 / 32 },
    { "q5_1", 24.0 / 32 },
    { "iq4_nl", 18.0 / 32 },
  };

  if (type == NULL)
    return NAN;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (type, types[i].name) == 0)
      return types[i].bytes;
  return NAN;
}

/* the same as a block: elements per block, bytes per block */
static gboolean
kv_type_block (const char *type,
               TypeSize   *out)
{
  double bytes = bench_kv_type_bytes_per_element (type ? type : "f16");

  if (isnan (bytes))
    return FALSE;
  if (bytes >= 2.0)
    {
      out->block = 1;
      out->bytes = (guint32) bytes;
    }
  else
    {
      out->block = 32;
      out->bytes = (guint32) lround (bytes * 32);
    }
  return TRUE;
}

const char *
bench_gguf_file_type_to_string (gint64 file_type)
{
  /* llama_ftype */
  static const char * const names[] = {
    [0] = "F32", [1] = "F16", [2] = "Q4_0", [3] = "Q4_1", [7] = "Q8_0", [8] = "Q5_0",
    [9] = "Q5_1", [10] = "Q2_K", [11] = "Q3_K_S", [12] = "Q3_K_M", [13] = "Q3_K_L",
    [14] = "Q4_K_S", [15] = "Q4_K_M", [16] = "Q5_K_S", [17] = "Q5_K_M", [18] = "Q6_K",
    [19] = "IQ2_XXS", [20] = "IQ2_XS", [21] = "Q2_K_S", [22] = "IQ3_XS", [23] = "IQ3_XXS",
    [24] = "IQ1_S", [25] = "IQ4_NL", [26] = "IQ3_S", [27] = "IQ3_M", [28] = "IQ2_S",
    [29] = "IQ2_M", [30] = "IQ4_XS", [31] = "IQ1_M", [32] = "BF16", [36] = "TQ1_0",
    [37] = "TQ2_0", [38] = "MXFP4_MOE",
  };

  if (file_type < 0 || file_type >= (gint64) G_N_ELEMENTS (names))
    return NULL;
  return names[file_type];
}

/* —— from keys to facts —— */

typedef struct
{
  BenchGgufInfo *info;
  GHashTable    *values;    /* key → Value */
  const char    *name;
  guint64        vocab_from_tokens;
} Facts;

static Value *
lookup (Facts      *f,
        const char *suffix)
{
  g_autofree char *key = g_strconcat (f->info->architecture, ".", suffix, NULL);
  return g_hash_table_lookup (f->values, key);
}

static gboolean
wrong_type (Facts       *f,
            const char  *suffix,
            Value       *v,
            const char  *expected,
            GError     **error)
{
  g_autofree char *type = v->type == GGUF_ARRAY
    ? g_strdup_printf ("array of %s", type_name (v->array_type))
    : g_strdup (type_name (v->type));

  g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
               /* Translators: "FILE: key “llama.block_count” is of type string, expected an integer" */
               _("%s: key “%s.%s” is of type %s, expected %s"),
               f->name, f->info->architecture, suffix, type, expected);
  return FALSE;
}

static gboolean
check_integer (Facts       *f,
               const char  *suffix,
               gint64       value,
               gboolean     too_large,
               GError     **error)
{
  if (value < 0 || too_large)
    {
      g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                   _("%s: key “%s.%s” has the impossible value %" PRId64),
                   f->name, f->info->architecture, suffix, value);
      return FALSE;
    }
  return TRUE;
}

/* a non-negative integer scalar; *out untouched when absent */
static gboolean
get_integer (Facts       *f,
             const char  *suffix,
             gint64      *out,
             GError     **error)
{
  Value *v = lookup (f, suffix);

  if (v == NULL)
    return TRUE;
  if (!is_integer_type (v->type))
    return wrong_type (f, suffix, v, _("an integer"), error);
  if (!check_integer (f, suffix, v->integer, v->too_large, error))
    return FALSE;
  *out = v->integer;
  return TRUE;
}

/* an integer, or an array of one integer per layer; fills @per_layer
 * (block_count entries) and says which it was */
static gboolean
get_per_layer (Facts       *f,
               const char  *suffix,
               gint64      *per_layer,
               gboolean    *found,
               gboolean    *is_array,
               GError     **error)
{
  Value *v = lookup (f, suffix);
  gint64 n = f->info->block_count;

  *found = FALSE;
  *is_array = FALSE;
  if (v == NULL)
    return TRUE;

  if (v->type == GGUF_ARRAY)
    {
      if (!is_integer_type (v->array_type))
        return wrong_type (f, suffix, v, _("an integer or an array of integers"), error);
      if (v->array == NULL || v->array_count != (guint64) n)
        {
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                       _("%s: key “%s.%s” has %" PRIu64 " values for %"
                         PRId64 " layers"),
                       f->name, f->info->architecture, suffix, v->array_count, n);
          return FALSE;
        }
      for (gint64 i = 0; i < n; i++)
        {
          if (!check_integer (f, suffix, v->array[i], v->too_large, error))
            return FALSE;
          per_layer[i] = v->array[i];
        }
      *is_array = TRUE;
    }
  else if (is_integer_type (v->type))
    {
      if (!check_integer (f, suffix, v->integer, v->too_large, error))
        return FALSE;
      for (gint64 i = 0; i < n; i++)
        per_layer[i] = v->integer;
    }
  else
    return wrong_type (f, suffix, v, _("an integer or an array of integers"), error);

  *found = TRUE;
  return TRUE;
}

static gboolean
arch_is (const char         *arch,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (arch, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* encoders: no KV cache even when attention.causal is not written */
static const char * const encoder_archs[] = {
  "bert", "nomic-bert", "nomic-bert-moe", "jina-bert-v2", "jina-bert-v3", "t5encoder",
  "neo-bert", "modern-bert", "gemma-embedding", NULL
};
/* recurrent state only: nothing grows with the context */
static const char * const recurrent_archs[] = {
  "mamba", "mamba2", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7", NULL
};
/* caches the simple formula does not describe exactly */
static const char * const approximate_archs[] = {
  "deepseek2", "deepseek2ocr", "minicpm3", "plm", "kimi-linear", "qwen3next", "jamba",
  "falcon-h1", "granitehybrid", "nemotron_h", "nemotron_h_moe", "lfm2", "lfm2moe", "plamo2",
  "llama4", "bailingmoe2", "qwen35", "qwen35moe", NULL
};

/* period of the known sliding-window patterns: layer i slides when
 * i % period < period - 1 (Gemma 2: every other layer; Gemma 3: five of six),
 * as llama.cpp's loader sets them when the header does not say */
static gint64
known_sliding_period (const char *arch)
{
  static const struct { const char *arch; gint64 period; } patterns[] = {
    { "gemma2", 2 },
    { "gpt-oss", 2 },
    { "cohere2", 4 },
    { "exaone4", 4 },
    { "exaone-moe", 4 },
    { "afmoe", 4 },
    { "gemma3n", 5 },
    { "gemma3", 6 },
    { "gemma-embedding", 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    if (strcmp (arch, patterns[i].arch) == 0)
      return patterns[i].period;
  return 0;
}

static gboolean
checked_mul_add (guint64 *sum,
                 guint64  a,
                 guint64  b)
{
  guint64 product;

  return g_uint64_checked_mul (&product, a, b) && g_uint64_checked_add (sum, *sum, product);
}

static gboolean
resolve_sliding (Facts   *f,
                 GError **error)
{
  BenchGgufInfo *info = f->info;
  gint64 n = info->block_count;
  Value *pattern = lookup (f, "attention.sliding_window_pattern");
  gint64 period = 0;

  info->sliding = g_new0 (gboolean, MAX (n, 1));
  if (!get_integer (f, "attention.sliding_window", &info->sliding_window, error))
    return FALSE;
  if (info->sliding_window <= 0)
    return TRUE;

  if (pattern != NULL && pattern->type == GGUF_ARRAY)
    {
      if (!(is_integer_type (pattern->array_type) || pattern->array_type == GGUF_BOOL))
        return wrong_type (f, "attention.sliding_window_pattern", pattern,
                           _("an integer or an array of booleans"), error);
      if (pattern->array == NULL || pattern->array_count != (guint64) n)
        {
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                       _("%s: key “%s.%s” has %" PRIu64 " values for %"
                         PRId64 " layers"),
                       f->name, info->architecture, "attention.sliding_window_pattern",
                       pattern->array_count, n);
          return FALSE;
        }
      for (gint64 i = 0; i < n; i++)
        info->sliding[i] = pattern->array[i] != 0;
    }
  else if (pattern != NULL)
    {
      if (!get_integer (f, "attention.sliding_window_pattern", &period, error))
        return FALSE;
      /* a period of 0 makes every layer slide, 1 none */
      for (gint64 i = 0; i < n; i++)
        info->sliding[i] = period == 0 || i % period < period - 1;
    }
  else if ((period = known_sliding_period (info->architecture)) > 0)
    {
      info->sliding_assumed = TRUE;
      for (gint64 i = 0; i < n; i++)
        info->sliding[i] = i % period < period - 1;
    }
  /* else: a window without a pattern llama.cpp knows; every layer is
   * counted as full attention (the larger figure) */

  for (gint64 i = 0; i < n; i++)
    if (info->sliding[i])
      info->n_sliding++;
  return TRUE;
}

static gboolean
resolve_kv (Facts   *f,
            GError **error)
{
  BenchGgufInfo *info = f->info;
  gint64 n = info->block_count;
  gboolean found, is_array, found_kv;
  gint64 key_swa = -1, value_swa = -1, kv_lora_rank = 0, rope_dims = 0;
  gint64 full_attention_interval = 0;
  Value *causal = lookup (f, "attention.causal");
  const char *arch = info->architecture;

  info->head_count = g_new0 (gint64, MAX (n, 1));
  info->head_count_kv = g_new0 (gint64, MAX (n, 1));
  if (!get_per_layer (f, "attention.head_count", info->head_count, &found, &is_array, error))
    return FALSE;
  info->head_count_per_layer = is_array;
  if (!get_per_layer (f, "attention.head_count_kv", info->head_count_kv, &found_kv,
                      &is_array, error))
    return FALSE;
  info->head_count_kv_per_layer = is_array;
  if (!found_kv)
    memcpy (info->head_count_kv, info->head_count, sizeof (gint64) * n);

  if (!get_integer (f, "attention.key_length", &info->key_length, error) ||
      !get_integer (f, "attention.value_length", &info->value_length, error) ||
      !get_integer (f, "attention.key_length_swa", &key_swa, error) ||
      !get_integer (f, "attention.value_length_swa", &value_swa, error) ||
      !get_integer (f, "attention.kv_lora_rank", &kv_lora_rank, error) ||
      !get_integer (f, "rope.dimension_count", &rope_dims, error) ||
      !get_integer (f, "full_attention_interval", &full_attention_interval, error))
    return FALSE;
  if (n > 0 && info->head_count[0] > 0 && info->embedding_length > 0)
    {
      if (info->key_length < 0)
        info->key_length = info->embedding_length / info->head_count[0];
      if (info->value_length < 0)
        info->value_length = info->embedding_length / info->head_count[0];
    }
  if (key_swa < 0)
    key_swa = info->key_length;
  if (value_swa < 0)
    value_swa = info->value_length;

  if (!resolve_sliding (f, error))
    return FALSE;

  if (causal != NULL && causal->type != GGUF_BOOL)
    return wrong_type (f, "attention.causal", causal, _("a boolean"), error);

  info->has_kv_cache = TRUE;
  if ((causal != NULL && !causal->integer) ||
      (causal == NULL && arch_is (arch, encoder_archs)))
    {
      info->has_kv_cache = FALSE;
      info->kv_known = TRUE;
      return TRUE;
    }
  if (arch_is (arch, recurrent_archs))
    {
      info->has_kv_cache = FALSE;
      info->kv_known = TRUE;
      info->kv_approximate = TRUE;
      return TRUE;
    }
  if (arch_is (arch, approximate_archs) || kv_lora_rank > 0 || lookup (f, "ssm.state_size"))
    info->kv_approximate = TRUE;

  if (n <= 0 || !found || info->key_length < 0 || info->value_length < 0)
    return TRUE;   /* not enough to know */

  for (gint64 i = 0; i < n; i++)
    {
      gboolean sliding = info->sliding[i];
      guint64 heads = (guint64) info->head_count_kv[i];
      guint64 k_len = (guint64) (sliding ? key_swa : info->key_length);
      guint64 v_len = (guint64) (sliding ? value_swa : info->value_length);
      guint64 *k = sliding ? &info->swa_k : &info->full_k;
      guint64 *v = sliding ? &info->swa_v : &info->full_v;

      /* hybrid models with an interval: only every Nth layer has attention */
      if (full_attention_interval > 0 && (i + 1) % full_attention_interval != 0)
        continue;
      if (kv_lora_rank > 0)
        {
          /* MLA caches the compressed latent and the rope part, once per
           * layer; the values are read from it */
          heads = heads > 0 ? 1 : 0;
          k_len = (guint64) kv_lora_rank + (guint64) rope_dims;
          v_len = 0;
        }
      if (!checked_mul_add (k, heads, k_len) || !checked_mul_add (v, heads, v_len))
        {
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                       _("%s: the heads and key/value lengths give a KV cache too large to count"),
                       f->name);
          return FALSE;
        }
    }
  info->kv_known = TRUE;
  return TRUE;
}

static void
resolve_expert_share (Facts *f)
{
  BenchGgufInfo *info = f->info;
  gint64 leading_dense = 0, shared_count = 0, shared_ff = 0, vocab = 0;
  gint64 expert_ff = info->expert_feed_forward_length;
  gint64 split_count = 0;
  double embd = (double) info->embedding_length, moe_layers, experts, total;

  /* the infos of a split model's first file cover only its own tensors */
  {
    Value *v = g_hash_table_lookup (f->values, "split.count");
    if (v && is_integer_type (v->type) && v->integer > 0)
      split_count = v->integer;
  }

  info->expert_share = NAN;
  if (info->tensor_count > 0 && info->tensor_bytes_known && info->tensor_bytes > 0 &&
      split_count <= 1)
    {
      info->expert_share = (double) info->expert_tensor_bytes / (double) info->tensor_bytes;
    }

  if (info->expert_count == 0)
    {
      if (isnan (info->expert_share) && info->block_count > 0)
        info->expert_share = 0.0;
      return;
    }

  if (expert_ff <= 0)
    expert_ff = info->feed_forward_length;   /* Mixtral writes it there */
  /* these lookups cannot fail the read: wrong types leave them at 0 */
  get_integer (f, "leading_dense_block_count", &leading_dense, NULL);
  get_integer (f, "expert_shared_count", &shared_count, NULL);
  get_integer (f, "expert_shared_feed_forward_length", &shared_ff, NULL);
  get_integer (f, "vocab_size", &vocab, NULL);
  if (vocab == 0)
    vocab = (gint64) MIN (f->vocab_from_tokens, (guint64) G_MAXINT64);
  if (shared_ff == 0)
    shared_ff = expert_ff;

  if (info->block_count <= 0 || info->embedding_length <= 0 || expert_ff <= 0 ||
      leading_dense > info->block_count)
    return;

  moe_layers = (double) (info->block_count - leading_dense);
  experts = moe_layers * (double) info->expert_count * 3 * embd * (double) expert_ff;
  if (experts < (double) G_MAXUINT64)
    info->expert_params = (guint64) experts;
  if (!isnan (info->expert_share))
    return;

  total = experts;
  total += moe_layers * (double) shared_count * 3 * embd * (double) shared_ff;
  total += moe_layers * embd * (double) info->expert_count;                     /* routers */
  total += (double) leading_dense * 3 * embd * (double) info->feed_forward_length;
  for (gint64 i = 0; i < info->block_count; i++)
    {
      double q = (double) info->head_count[i] * (double) info->key_length;
      double kv = (double) info->head_count_kv[i] * (double) (info->key_length + info->value_length);
      double o = (double) info->head_count[i] * (double) info->value_length;
      total += embd * (q + kv + o);
    }
  total += 2 * (double) vocab * embd;                                           /* in and out */
  if (isfinite (total) && total > 0)
    {
      info->expert_share = experts / total;
      info->expert_share_estimated = TRUE;
    }
}

static gboolean
resolve (Facts   *f,
         GError **error)
{
  BenchGgufInfo *info = f->info;
  Value *v = g_hash_table_lookup (f->values, "general.architecture");

  if (v != NULL && v->type != GGUF_STRING)
    {
      g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                   _("%s: key “%s” is of type %s, expected %s"),
                   f->name, "general.architecture", type_name (v->type), _("a string"));
      return FALSE;
    }
  info->architecture = g_strdup (v ? v->string : "");
  v = g_hash_table_lookup (f->values, "general.name");
  if (v != NULL && v->type == GGUF_STRING)
    info->model_name = g_strdup (v->string);
  v = g_hash_table_lookup (f->values, "general.file_type");
  info->file_type = -1;
  if (v != NULL)
    {
      if (!is_integer_type (v->type) || v->integer < 0 || v->too_large)
        {
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                       _("%s: key “%s” is of type %s, expected %s"),
                       f->name, "general.file_type", type_name (v->type), _("an integer"));
          return FALSE;
        }
      info->file_type = v->integer;
    }

  info->key_length = -1;
  info->value_length = -1;
  if (!get_integer (f, "block_count", &info->block_count, error) ||
      !get_integer (f, "context_length", &info->context_length, error) ||
      !get_integer (f, "embedding_length", &info->embedding_length, error) ||
      !get_integer (f, "feed_forward_length", &info->feed_forward_length, error) ||
      !get_integer (f, "expert_count", &info->expert_count, error) ||
      !get_integer (f, "expert_used_count", &info->expert_used_count, error) ||
      !get_integer (f, "expert_feed_forward_length", &info->expert_feed_forward_length, error))
    return FALSE;
  if (info->block_count > MAX_LAYERS)
    {
      g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                   _("%s: %" PRId64 " layers is more than any model has"),
                   f->name, info->block_count);
      return FALSE;
    }
  if (!resolve_kv (f, error))
    return FALSE;
  resolve_expert_share (f);
  return TRUE;
}

/* —— reading —— */

static gboolean
read_tensor_infos (Cursor         *c,
                   BenchGgufInfo  *info,
                   guint64         count,
                   GError        **error)
{
  /* name length 8, dimension count 4, type 4, offset 8: at least 24 bytes */
  if (count > (c->len - c->pos) / 24)
    {
      g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_TRUNCATED,
                   _("%s: the header claims %" PRIu64 " tensors but only %"
                     PRIu64 " bytes follow at byte %" PRIu64),
                   c->name, count, c->len - c->pos, c->pos);
      return FALSE;
    }

  info->tensor_bytes_known = TRUE;
  for (guint64 t = 0; t < count; t++)
    {
      const char *name;
      gsize name_len;
      guint64 start = c->pos;
      guint32 n_dims, type;
      guint64 elements = 1, offset, bytes;
      TypeSize size;

      if (!read_string (c, &name, &name_len, N_("the name of a tensor"), error) ||
          !read_u32 (c, &n_dims, N_("the dimensions of a tensor"), error))
        return FALSE;
      if (n_dims > 4)
        {
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                       _("%s: the tensor at byte %" PRIu64 " has %u dimensions "
                         "(at most 4)"),
                       c->name, start, n_dims);
          return FALSE;
        }
      for (guint32 d = 0; d < n_dims; d++)
        {
          guint64 dim;

          if (!read_u64 (c, &dim, N_("the dimensions of a tensor"), error))
            return FALSE;
          if (!g_uint64_checked_mul (&elements, elements, dim))
            {
              g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                           _("%s: the tensor at byte %" PRIu64 " has too many elements "
                             "to count"),
                           c->name, start);
              return FALSE;
            }
        }
      if (!read_u32 (c, &type, N_("the type of a tensor"), error) ||
          !read_u64 (c, &offset, N_("the offset of a tensor"), error))
        return FALSE;

      if (!info->tensor_bytes_known)
        continue;
      if (!ggml_type_size (type, &size))
        {
          /* a type this reader does not know: shares cannot be counted */
          info->tensor_bytes_known = FALSE;
          continue;
        }
      if (!g_uint64_checked_mul (&bytes, elements / size.block + (elements % size.block ? 1 : 0),
                                 size.bytes) ||
          !g_uint64_checked_add (&info->tensor_bytes, info->tensor_bytes, bytes))
        {
          info->tensor_bytes_known = FALSE;
          continue;
        }
      if (g_strstr_len (name, (gssize) name_len, "_exps") != NULL)
        info->expert_tensor_bytes += bytes;   /* ≤ tensor_bytes: cannot overflow */
    }
  return TRUE;
}

BenchGgufInfo *
bench_gguf_info_read_data (const guint8  *data,
                           gsize          len,
                           const char    *name,
                           GError       **error)
{
  g_autoptr (BenchGgufInfo) info = g_new0 (BenchGgufInfo, 1);
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) value_free);
  Cursor c = { data, data ? len : 0, 0, name ? name : "GGUF" };
  guint32 version;
  guint64 n_tensors, n_kv;
  guint64 vocab_from_tokens = 0;
  Facts facts;

  g_atomic_ref_count_init (&info->ref_count);
  info->name = g_strdup (c.name);

  if (c.len < 4 || memcmp (c.data, "GGUF", 4) != 0)
    {
      g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_NOT_GGUF,
                   _("%s: not a GGUF file (it does not start with “GGUF”)"), c.name);
      return NULL;
    }
  c.pos = 4;
  if (!read_u32 (&c, &version, N_("the version"), error))
    return NULL;
  if (version != 2 && version != 3)
    {
      if (GUINT32_SWAP_LE_BE (version) == 2 || GUINT32_SWAP_LE_BE (version) == 3)
        g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_VERSION,
                     _("%s: a big-endian GGUF file, which Benchtop cannot read"), c.name);
      else
        g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_VERSION,
                     _("%s: GGUF version %u is not supported (only versions 2 and 3)"),
                     c.name, version);
      return NULL;
    }
  info->version = version;
  if (!read_u64 (&c, &n_tensors, N_("the tensor count"), error) ||
      !read_u64 (&c, &n_kv, N_("the key/value count"), error))
    return NULL;

  /* key length 8, value type 4, value at least 1 byte */
  if (n_kv > (c.len - c.pos) / 13)
    {
      g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_TRUNCATED,
                   _("%s: the header claims %" PRIu64 " key/value pairs but only %"
                     PRIu64 " bytes follow at byte %" PRIu64),
                   c.name, n_kv, c.len - c.pos, c.pos);
      return NULL;
    }

  for (guint64 i = 0; i < n_kv; i++)
    {
      g_autofree char *key = NULL;
      Value *value;
      const char *key_data;
      gsize key_len;
      guint64 start = c.pos;
      guint32 type;

      if (!read_string (&c, &key_data, &key_len, N_("the key of a key/value pair"), error) ||
          !read_u32 (&c, &type, N_("the type of a value"), error))
        return NULL;
      if (!is_wanted_key (key_data, key_len))
        {
          Value skipped = { 0 };

          if (!read_value (&c, type, key_data, key_len, FALSE, &skipped, error))
            return NULL;
          if (key_len == strlen ("tokenizer.ggml.tokens") &&
              memcmp (key_data, "tokenizer.ggml.tokens", key_len) == 0 && type == GGUF_ARRAY)
            vocab_from_tokens = skipped.array_count;
          continue;
        }
      key = g_utf8_make_valid (key_data, (gssize) key_len);
      value = g_new0 (Value, 1);
      if (!read_value (&c, type, key_data, key_len, TRUE, value, error))
        {
          value_free (value);
          return NULL;
        }
      if (g_hash_table_contains (values, key))
        {
          value_free (value);
          g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_INVALID,
                       _("%s: key “%s” appears twice (again at byte %" PRIu64 ")"),
                       c.name, key, start);
          return NULL;
        }
      g_hash_table_insert (values, g_steal_pointer (&key), value);
    }

  info->tensor_count = (gint64) MIN (n_tensors, (guint64) G_MAXINT64);
  if (!read_tensor_infos (&c, info, n_tensors, error))
    return NULL;

  facts.info = info;
  facts.values = values;
  facts.name = c.name;
  facts.vocab_from_tokens = vocab_from_tokens;
  if (!resolve (&facts, error))
    return NULL;

  return g_steal_pointer (&info);
}

BenchGgufInfo *
bench_gguf_info_read_file (const char  *path,
                           GError     **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, BENCH_GGUF_ERROR, BENCH_GGUF_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return bench_gguf_info_read_data ((const guint8 *) g_mapped_file_get_contents (mapped),
                                    g_mapped_file_get_length (mapped), display, error);
}

/* —— getters —— */

guint32
bench_gguf_info_get_version (BenchGgufInfo *self)
{
  return self->version;
}

const char *
bench_gguf_info_get_name (BenchGgufInfo *self)
{
  return self->name;
}

const char *
bench_gguf_info_get_architecture (BenchGgufInfo *self)
{
  return self->architecture;
}

const char *
bench_gguf_info_get_model_name (BenchGgufInfo *self)
{
  return self->model_name;
}

gint64
bench_gguf_info_get_block_count (BenchGgufInfo *self)
{
  return self->block_count;
}

gint64
bench_gguf_info_get_context_length (BenchGgufInfo *self)
{
  return self->context_length;
}

gint64
bench_gguf_info_get_embedding_length (BenchGgufInfo *self)
{
  return self->embedding_length;
}

gint64
bench_gguf_info_get_feed_forward_length (BenchGgufInfo *self)
{
  return self->feed_forward_length;
}

gint64
bench_gguf_info_get_expert_count (BenchGgufInfo *self)
{
  return self->expert_count;
}

gint64
bench_gguf_info_get_expert_used_count (BenchGgufInfo *self)
{
  return self->expert_used_count;
}

gint64
bench_gguf_info_get_expert_feed_forward_length (BenchGgufInfo *self)
{
  return self->expert_feed_forward_length;
}

gint64
bench_gguf_info_get_sliding_window (BenchGgufInfo *self)
{
  return self->sliding_window;
}

gint64
bench_gguf_info_get_file_type (BenchGgufInfo *self)
{
  return self->file_type;
}

gint64
bench_gguf_info_get_tensor_count (BenchGgufInfo *self)
{
  return self->tensor_count;
}

gboolean
bench_gguf_info_is_head_count_per_layer (BenchGgufInfo *self)
{
  return self->head_count_per_layer;
}

gboolean
bench_gguf_info_is_head_count_kv_per_layer (BenchGgufInfo *self)
{
  return self->head_count_kv_per_layer;
}

guint
bench_gguf_info_get_sliding_layer_count (BenchGgufInfo *self)
{
  return self->n_sliding;
}

gboolean
bench_gguf_info_is_sliding_pattern_assumed (BenchGgufInfo *self)
{
  return self->sliding_assumed;
}

gboolean
bench_gguf_info_has_kv_cache (BenchGgufInfo *self)
{
  return self->has_kv_cache;
}

gboolean
bench_gguf_info_is_kv_known (BenchGgufInfo *self)
{
  return self->kv_known;
}

gboolean
bench_gguf_info_is_kv_approximate (BenchGgufInfo *self)
{
  return self->kv_approximate;
}

double
bench_gguf_info_get_expert_share (BenchGgufInfo *self)
{
  return self->expert_share;
}

gboolean
bench_gguf_info_is_expert_share_estimated (BenchGgufInfo *self)
{
  return self->expert_share_estimated;
}

guint64
bench_gguf_info_get_expert_params (BenchGgufInfo *self)
{
  return self->expert_params;
}


guint64
bench_gguf_info_get_tensor_bytes (BenchGgufInfo *self)
{
  return self->tensor_bytes_known ? self->tensor_bytes : 0;
}

guint64
bench_gguf_info_get_expert_tensor_bytes (BenchGgufInfo *self)
{
  return self->tensor_bytes_known ? self->expert_tensor_bytes : 0;
}

gint64
bench_gguf_info_get_head_count (BenchGgufInfo *self)
{
  return self->block_count > 0 ? self->head_count[0] : 0;
}

gint64
bench_gguf_info_get_head_count_kv (BenchGgufInfo *self)
{
  return self->block_count > 0 ? self->head_count_kv[0] : 0;
}

gint64
bench_gguf_info_get_key_length (BenchGgufInfo *self)
{
  return MAX (self->key_length, 0);
}

gint64
bench_gguf_info_get_value_length (BenchGgufInfo *self)
{
  return MAX (self->value_length, 0);
}

gint64
bench_gguf_info_get_layer_head_count (BenchGgufInfo *self,
                                      guint          layer)
{
  return (gint64) layer < self->block_count ? self->head_count[layer] : 0;
}

gint64
bench_gguf_info_get_layer_head_count_kv (BenchGgufInfo *self,
                                         guint          layer)
{
  return (gint64) layer < self->block_count ? self->head_count_kv[layer] : 0;
}

gboolean
bench_gguf_info_is_layer_sliding (BenchGgufInfo *self,
                                  guint          layer)
{
  return (gint64) layer < self->block_count && self->sliding[layer];
}

static guint64
cache_bytes (guint64     elements,
             const char *type)
{
  TypeSize size;
  guint64 blocks, bytes;

  if (!kv_type_block (type, &size))
    return 0;
  blocks = elements / size.block + (elements % size.block ? 1 : 0);
  if (!g_uint64_checked_mul (&bytes, blocks, size.bytes))
    return G_MAXUINT64;
  return bytes;
}

static guint64
kv_bytes (BenchGgufInfo *self,
          guint64        k,
          guint64        v,
          const char    *type_k,
          const char    *type_v)
{
  guint64 kb, vb, sum;

  if (!self->has_kv_cache || !self->kv_known)
    return 0;
  kb = cache_bytes (k, type_k);
  vb = cache_bytes (v, type_v);
  if ((k > 0 && kb == 0) || (v > 0 && vb == 0))
    return 0;   /* an unknown cache type */
  if (!g_uint64_checked_add (&sum, kb, vb))
    return G_MAXUINT64;
  return sum;
}

guint64
bench_gguf_info_get_kv_bytes_per_token (BenchGgufInfo *self,
                                        const char    *type_k,
                                        const char    *type_v)
{
  g_return_val_if_fail (self != NULL, 0);
  return kv_bytes (self, self->full_k, self->full_v, type_k, type_v);
}

guint64
bench_gguf_info_get_swa_kv_bytes_per_token (BenchGgufInfo *self,
                                            const char    *type_k,
                                            const char    *type_v)
{
  g_return_val_if_fail (self != NULL, 0);
  return kv_bytes (self, self->swa_k, self->swa_v, type_k, type_v);
}

/* —— the process-wide registry —— */

static GMutex registry_lock;
static GHashTable *registered;   /* basename → BenchGgufInfo */
static GHashTable *read_cache;   /* path → BenchGgufInfo or NULL */

static void
info_unref_nullable (gpointer info)
{
  if (info != NULL)
    bench_gguf_info_unref (info);
}

static void
ensure_tables (void)
{
  if (registered == NULL)
    {
      registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) bench_gguf_info_unref);
      read_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          info_unref_nullable);
    }
}

/* the last path component, for '/' and '\' alike (llama-bench on Windows
 * writes "C:\models\x.gguf") */
static const char *
base_name (const char *path)
{
  const char *slash = strrchr (path, '/');
  const char *backslash = strrchr (path, '\\');
  const char *last = MAX (slash, backslash);

  return last ? last + 1 : path;
}

void
bench_gguf_register (const char    *path,
                     BenchGgufInfo *info)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (info != NULL);

  g_mutex_lock (&registry_lock);
  ensure_tables ();
  g_hash_table_replace (registered, g_strdup (base_name (path)), bench_gguf_info_ref (info));
  g_mutex_unlock (&registry_lock);
}

BenchGgufInfo *
bench_gguf_lookup (const char *model_filename)
{
  BenchGgufInfo *info = NULL;
  gpointer cached;

  if (model_filename == NULL || *model_filename == '\0')
    return NULL;

  g_mutex_lock (&registry_lock);
  ensure_tables ();
  info = g_hash_table_lookup (registered, base_name (model_filename));
  if (info == NULL)
    {
      if (g_hash_table_lookup_extended (read_cache, model_filename, NULL, &cached))
        info = cached;
      else
        {
          g_autofree char *lower = g_ascii_strdown (model_filename, -1);

          if (g_str_has_suffix (lower, ".gguf") &&
              g_file_test (model_filename, G_FILE_TEST_IS_REGULAR))
            info = bench_gguf_info_read_file (model_filename, NULL);
          /* failures are kept too: a missing file is not looked for again */
          g_hash_table_insert (read_cache, g_strdup (model_filename), info);
        }
    }
  if (info != NULL)
    bench_gguf_info_ref (info);
  g_mutex_unlock (&registry_lock);
  return info;
}

void
bench_gguf_reset (void)
{
  g_mutex_lock (&registry_lock);
  g_clear_pointer (&registered, g_hash_table_unref);
  g_clear_pointer (&read_cache, g_hash_table_unref);
  g_mutex_unlock (&registry_lock);
}
