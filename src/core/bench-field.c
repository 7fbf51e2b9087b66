/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-field.c — the one table of llama-bench fields.
 *
 * Versions and meanings follow shared/spec/llama-bench-output.md (6.1, 6.5).
 * Rows are in the order views list fields: the model, the machine, the
 * build, the settings in llama-bench's own order, the test, the figures.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bench-field.h"
#include "bench-result-private.h"
#include "bench-units.h"

#define R_IDENTITY   BENCH_FIELD_ROLE_IDENTITY
#define R_SETTING    BENCH_FIELD_ROLE_SETTING
#define R_SWEEP      BENCH_FIELD_ROLE_SWEEP
#define R_SPLIT      BENCH_FIELD_ROLE_SPLIT
#define R_TOOLTIP    BENCH_FIELD_ROLE_TOOLTIP
#define R_HARDWARE   BENCH_FIELD_ROLE_HARDWARE
#define R_MODEL      BENCH_FIELD_ROLE_MODEL
#define R_BUILD      BENCH_FIELD_ROLE_BUILD
#define R_TEST       BENCH_FIELD_ROLE_TEST
#define R_STATISTIC  BENCH_FIELD_ROLE_STATISTIC
#define R_FLAG       BENCH_FIELD_ROLE_BACKEND_FLAG
#define R_DERIVED    BENCH_FIELD_ROLE_DERIVED
#define R_DESCRIBES  BENCH_FIELD_ROLE_DESCRIBES
#define R_NO_LEGEND  BENCH_FIELD_ROLE_NO_LEGEND
#define R_OWN        BENCH_FIELD_ROLE_OWN_COLUMN

#define T_STR  BENCH_VALUE_STRING
#define T_INT  BENCH_VALUE_INT
#define T_BOOL BENCH_VALUE_BOOL
#define T_DBL  BENCH_VALUE_DOUBLE

#define F_PLAIN  BENCH_FIELD_FORMAT_PLAIN
#define F_BOOL   BENCH_FIELD_FORMAT_BOOL
#define F_FA     BENCH_FIELD_FORMAT_FLASH_ATTN
#define F_SIZE   BENCH_FIELD_FORMAT_SIZE
#define F_PARAMS BENCH_FIELD_FORMAT_PARAMS
#define F_COUNT  BENCH_FIELD_FORMAT_COUNT

/* a member of BenchResult */
#define S(m) BENCH_FIELD_STORED_STRING, G_STRUCT_OFFSET (BenchResult, m)
#define I(m) BENCH_FIELD_STORED_INT, G_STRUCT_OFFSET (BenchResult, m)
#define D(m) BENCH_FIELD_STORED_DOUBLE, G_STRUCT_OFFSET (BenchResult, m)
/* a parameter */
#define P    BENCH_FIELD_STORED_PARAM, 0

static const BenchField fields[] = {
  /* name, type, label, unit, md column, legend abbreviation, roles, format, storage, since, until */

  /* the model */
  { "model_type", T_STR, N_("Model"), NULL, "model", NULL,
    R_MODEL | R_IDENTITY | R_SPLIT | R_DESCRIBES | R_OWN, F_PLAIN, S (model_type), "2023-08 (b1000)", NULL },
  { "model_filename", T_STR, N_("Model file"), NULL, NULL, NULL,
    R_MODEL | R_IDENTITY | R_DESCRIBES | R_NO_LEGEND | R_OWN, F_PLAIN, S (model_filename), "2023-08 (b1000)", NULL },
  { "model_size", T_INT, N_("Model size"), NULL, "size", NULL,
    R_MODEL | R_OWN, F_SIZE, I (model_size), "2023-08 (b1100)", NULL },
  { "model_n_params", T_INT, N_("Parameters"), NULL, "params", NULL,
    R_MODEL | R_OWN, F_PARAMS, I (model_n_params), "2023-08 (b1100)", NULL },
  /* Translators: the model's quantization (file type), "Q4_K - Medium" */
  { "quantization", T_STR, N_("Quantization"), NULL, NULL, NULL,
    R_MODEL | R_DERIVED | R_NO_LEGEND | R_OWN, F_PLAIN, S (quantization), NULL, NULL },

  /* the machine */
  { "hardware_label", T_STR, N_("Machine"), NULL, NULL, NULL,
    R_HARDWARE | R_DERIVED | R_SPLIT | R_DESCRIBES | R_OWN, F_PLAIN, S (hardware_label), NULL, NULL },
  { "cpu_info", T_STR, N_("CPU"), NULL, NULL, NULL,
    R_HARDWARE | R_IDENTITY | R_OWN, F_PLAIN, S (cpu_info), "2023-08 (b1000)", NULL },
  { "gpu_info", T_STR, N_("GPU"), NULL, NULL, NULL,
    R_HARDWARE | R_IDENTITY | R_OWN, F_PLAIN, S (gpu_info), "2023-08 (b1000)", NULL },
  { "backends", T_STR, N_("Backend"), NULL, "backend", NULL,
    R_HARDWARE | R_IDENTITY | R_SPLIT | R_DESCRIBES | R_OWN, F_PLAIN, S (backends),
    "2024-11 (b4050)", NULL },
  /* before the backends string: one flag per backend, in llama-bench's order */
  { "cuda", T_BOOL, "CUDA", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_BOOL, P, "2023-08 (b1000)", "2024-11 (b4050)" },
  { "opencl", T_BOOL, "OpenCL", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_BOOL, P, "2023-08 (b1000)", "2024-06" },
  { "vulkan", T_BOOL, "Vulkan", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_BOOL, P, "2024-01", "2024-11 (b4050)" },
  { "kompute", T_BOOL, "Kompute", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_BOOL, P, "2024-01", "2024-11 (b4050)" },
  { "metal", T_BOOL, "Metal", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_BOOL, P, "2023-08 (b1000)", "2024-11 (b4050)" },
  { "sycl", T_BOOL, "SYCL", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_BOOL, P, "2024-02", "2024-11 (b4050)" },
  /* a server list, then "0"/"1": text */
  { "rpc", T_STR, "RPC", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_PLAIN, P, "2024-05", "2024-11 (b4050)" },
  { "gpu_blas", T_BOOL, "GPU BLAS", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_BOOL, P, "2023-08 (b1000)", "2024-11 (b4050)" },
  { "blas", T_BOOL, "BLAS", NULL, NULL, NULL,
    R_HARDWARE | R_FLAG | R_NO_LEGEND, F_BOOL, P, "2023-08 (b1000)", "2024-11 (b4050)" },

  /* the build */
  { "build_commit", T_STR, N_("Build"), NULL, NULL, NULL,
    R_BUILD | R_SPLIT | R_DESCRIBES | R_OWN, F_PLAIN, S (build_commit), "2023-08 (b1000)", NULL },
  { "build_number", T_INT, N_("Build number"), NULL, NULL, NULL,
    R_BUILD | R_OWN, F_PLAIN, I (build_number), "2023-08 (b1000)", NULL },

  /* settings, in llama-bench's order */
  { "n_batch", T_INT, N_("Batch size"), NULL, "n_batch", "b",
    R_SETTING | R_IDENTITY | R_SWEEP | R_SPLIT | R_TOOLTIP, F_PLAIN, P, "2023-08 (b1000)", NULL },
  { "n_ubatch", T_INT, N_("Micro-batch size"), NULL, "n_ubatch", "ub",
    R_SETTING | R_IDENTITY | R_SWEEP | R_SPLIT | R_TOOLTIP, F_PLAIN, P, "2024-03 (b2400)", NULL },
  { "n_threads", T_INT, N_("Threads"), NULL, "threads", NULL,
    R_SETTING | R_IDENTITY | R_SWEEP | R_SPLIT | R_TOOLTIP, F_PLAIN, P, "2023-08 (b1000)", NULL },
  { "cpu_mask", T_STR, N_("CPU mask"), NULL, "cpu_mask", NULL,
    R_SETTING | R_IDENTITY, F_PLAIN, P, "2024-08 (b3650)", NULL },
  { "cpu_strict", T_BOOL, N_("Strict CPU placement"), NULL, "cpu_strict", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_BOOL, P, "2024-08 (b3650)", NULL },
  { "poll", T_INT, N_("Polling level"), NULL, "poll", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_PLAIN, P, "2024-08 (b3650)", NULL },
  { "f16_kv", T_BOOL, N_("KV cache in F16"), NULL, "f16_kv", NULL,
    R_SETTING, F_BOOL, P, "2023-08 (b1000)", "2023-12" },
  { "type_k", T_STR, N_("KV cache type (K)"), NULL, "type_k", "K",
    R_SETTING | R_IDENTITY | R_SPLIT | R_TOOLTIP, F_PLAIN, P, "2023-12", NULL },
  { "type_v", T_STR, N_("KV cache type (V)"), NULL, "type_v", "V",
    R_SETTING | R_IDENTITY | R_SPLIT | R_TOOLTIP, F_PLAIN, P, "2023-12", NULL },
  { "n_gpu_layers", T_INT, N_("GPU layers"), NULL, "ngl", NULL,
    R_SETTING | R_IDENTITY | R_SWEEP | R_SPLIT | R_TOOLTIP, F_PLAIN, P, "2023-08 (b1000)", NULL },
  { "n_cpu_moe", T_INT, N_("MoE layers on the CPU"), NULL, "ncmoe", NULL,
    R_SETTING | R_IDENTITY | R_SWEEP | R_SPLIT, F_PLAIN, P, "2025-09 (b6460)", NULL },
  { "split_mode", T_STR, N_("Split mode"), NULL, "sm", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_PLAIN, P, "2024-01 (b1860)", NULL },
  { "main_gpu", T_INT, N_("Main GPU"), NULL, "mg", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_PLAIN, P, "2023-08 (b1000)", NULL },
  { "no_kv_offload", T_BOOL, N_("KV cache in host memory"), NULL, "nkvo", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_BOOL, P, "2024-01 (b1786)", NULL },
  { "mul_mat_q", T_BOOL, N_("MMQ kernels"), NULL, "mmq", NULL,
    R_SETTING, F_BOOL, P, "2023-08 (b1000)", "2024-02" },
  { "low_vram", T_BOOL, N_("Low VRAM"), NULL, NULL, NULL,
    R_SETTING, F_BOOL, P, "2023-08", "2023-08" },
  /* a bool until May 2026, then -1 (auto), 0, 1 */
  { "flash_attn", T_INT, N_("Flash attention"), NULL, "fa", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT | R_TOOLTIP, F_FA, P, "2024-04 (b2770)", NULL },
  { "devices", T_STR, N_("Devices"), NULL, "dev", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_PLAIN, P, "2025-09", NULL },
  { "tensor_split", T_STR, N_("Tensor split"), NULL, "ts", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_PLAIN, P, "2023-08 (b1000)", NULL },
  { "tensor_buft_overrides", T_STR, N_("Tensor overrides"), NULL, "ot", NULL,
    R_SETTING | R_IDENTITY, F_PLAIN, P, "2025-04", NULL },
  { "defrag_thold", T_DBL, N_("Defragmentation threshold"), NULL, "defrag_thold", NULL,
    R_SETTING, F_PLAIN, P, "2025-05", "2025-09" },
  { "use_mmap", T_BOOL, N_("Memory-mapped model"), NULL, "mmap", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_BOOL, P, "2024-02", "2026-04" },
  { "use_direct_io", T_BOOL, N_("Direct I/O"), NULL, "dio", NULL,
    R_SETTING, F_BOOL, P, "2026-01", "2026-04" },
  { "load_mode", T_STR, N_("Load mode"), NULL, "lm", NULL,
    R_SETTING | R_SPLIT, F_PLAIN, P, "2026-04", NULL },
  { "lazy_mode", T_STR, N_("Lazy mode"), NULL, "lazy_mode", NULL,
    R_SETTING, F_PLAIN, P, "2026-08", NULL },
  { "embeddings", T_BOOL, N_("Embeddings"), NULL, "embd", NULL,
    R_SETTING | R_IDENTITY | R_SPLIT, F_BOOL, P, "2024-03", NULL },
  /* declared as an integer: JSON prints 0/1 */
  { "no_op_offload", T_INT, N_("No operation offload"), NULL, "nopo", NULL,
    R_SETTING, F_BOOL, P, "2025-05", NULL },
  { "no_host", T_BOOL, N_("No host buffers"), NULL, "noh", NULL,
    R_SETTING, F_BOOL, P, "2025-10 (b6865)", NULL },
  { "fit_target", T_INT, N_("Fitting margin"), N_("MiB"), "fitt", NULL,
    R_SETTING, F_PLAIN, P, "2026-04", NULL },
  { "fit_min_ctx", T_INT, N_("Fitting minimum context"), N_("tokens"), "fitc", NULL,
    R_SETTING, F_PLAIN, P, "2026-04", NULL },
  /* ik_llama.cpp's own settings */
  { "mla_attn", T_INT, N_("MLA attention"), NULL, "mla", NULL,
    R_SETTING, F_PLAIN, P, "ik_llama.cpp", NULL },
  { "fused_moe", T_BOOL, N_("Fused MoE"), NULL, "fmoe", NULL,
    R_SETTING, F_BOOL, P, "ik_llama.cpp", NULL },
  { "attn_max_batch", T_INT, N_("Attention maximum batch"), NULL, "amb", NULL,
    R_SETTING, F_PLAIN, P, "ik_llama.cpp", NULL },

  /* the test */
  { "n_prompt", T_INT, N_("Prompt length"), N_("tokens"), NULL, "pp",
    R_TEST | R_IDENTITY | R_SWEEP | R_DESCRIBES | R_OWN, F_PLAIN, I (n_prompt), "2023-08 (b1000)", NULL },
  { "n_gen", T_INT, N_("Generated tokens"), NULL, NULL, "tg",
    R_TEST | R_IDENTITY | R_SWEEP | R_DESCRIBES | R_OWN, F_PLAIN, I (n_gen), "2023-08 (b1000)", NULL },
  /* Translators: tokens already in the context (KV cache) when a test starts */
  { "n_depth", T_INT, N_("Context depth"), N_("tokens"), NULL, "depth",
    R_TEST | R_IDENTITY | R_SWEEP | R_DESCRIBES | R_OWN, F_PLAIN, I (n_depth), "2025-04 (b5180)", NULL },
  { "test_label", T_STR, N_("Test"), NULL, "test", NULL,
    R_TEST | R_DERIVED | R_OWN, F_PLAIN, S (test_label), NULL, NULL },
  { "test_time", T_STR, N_("Date"), NULL, NULL, NULL,
    R_NO_LEGEND | R_OWN, F_PLAIN, S (test_time), "2023-08 (b1000)", NULL },

  /* the figures */
  { "avg_ns", T_INT, N_("Mean time"), N_("ns"), NULL, NULL,
    R_STATISTIC | R_NO_LEGEND | R_OWN, F_COUNT, D (avg_ns), "2023-08 (b1000)", NULL },
  { "stddev_ns", T_INT, N_("Time deviation"), N_("ns"), NULL, NULL,
    R_STATISTIC | R_NO_LEGEND | R_OWN, F_COUNT, D (stddev_ns), "2023-08 (b1000)", NULL },
  { "avg_ts", T_DBL, N_("Speed"), N_("tokens/s"), "t/s", NULL,
    R_STATISTIC | R_NO_LEGEND | R_OWN, F_PLAIN, D (avg_ts), "2023-08 (b1000)", NULL },
  { "stddev_ts", T_DBL, N_("Speed deviation"), N_("tokens/s"), NULL, NULL,
    R_STATISTIC | R_NO_LEGEND | R_OWN, F_PLAIN, D (stddev_ts), "2023-08 (b1000)", NULL },
  { "samples_ns", T_INT, N_("Sample times"), N_("ns"), NULL, NULL,
    R_STATISTIC | R_NO_LEGEND | R_OWN, F_PLAIN, BENCH_FIELD_STORED_SAMPLES, 0, "2023-08 (b1000)", NULL },
  { "samples_ts", T_DBL, N_("Sample speeds"), N_("tokens/s"), NULL, NULL,
    R_STATISTIC | R_NO_LEGEND | R_OWN, F_PLAIN, BENCH_FIELD_STORED_SAMPLES, 0, "2023-08 (b1000)", NULL },

  /* where it came from */
  { "source", T_STR, N_("Source"), NULL, NULL, NULL,
    R_DERIVED | R_SPLIT | R_NO_LEGEND | R_OWN, F_PLAIN, S (source), NULL, NULL },
};

#undef S
#undef I
#undef D
#undef P

static GHashTable *by_name;
static GHashTable *by_column;

static void
ensure_index (void)
{
  if (g_once_init_enter (&by_name))
    {
      GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

      by_column = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          g_hash_table_insert (names, (gpointer) fields[i].name, (gpointer) &fields[i]);
          if (fields[i].column != NULL && !g_hash_table_contains (by_column, fields[i].column))
            g_hash_table_insert (by_column, (gpointer) fields[i].column, (gpointer) &fields[i]);
        }
      g_once_init_leave (&by_name, names);
    }
}

const BenchField *
bench_field_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  ensure_index ();
  return g_hash_table_lookup (by_name, name);
}

const BenchField *
bench_field_lookup_column (const char *column)
{
  g_return_val_if_fail (column != NULL, NULL);
  ensure_index ();
  return g_hash_table_lookup (by_column, column);
}

const BenchField *
bench_field_get_all (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

gboolean
bench_field_has_role (const BenchField *field,
                      BenchFieldRole    roles)
{
  return field != NULL && (field->roles & roles) == roles;
}

gboolean
bench_field_name_has_role (const char     *name,
                           BenchFieldRole  roles)
{
  return bench_field_has_role (bench_field_lookup (name), roles);
}

GPtrArray *
bench_field_list_with_role (BenchFieldRole roles)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (bench_field_has_role (&fields[i], roles))
      g_ptr_array_add (list, (gpointer) &fields[i]);
  return list;
}

const char *
bench_field_get_label (const BenchField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  /* backend names are names, not words: they are not in the catalog */
  if (bench_field_has_role (field, BENCH_FIELD_ROLE_BACKEND_FLAG))
    return field->label;
  return _(field->label);
}

char *
bench_field_dup_label (const char *name)
{
  const BenchField *field = bench_field_lookup (name);
  g_autofree char *spaced = NULL;

  if (field != NULL)
    return g_strdup (bench_field_get_label (field));

  /* a field Benchtop does not know (a newer llama-bench, a fork): words
   * in place of the underscores, the first one capitalized */
  if (g_str_has_prefix (name, "n_") && name[2] != '\0')
    name += 2;
  spaced = g_strdelimit (g_strdup (name), "_", ' ');
  if (spaced[0] != '\0')
    spaced[0] = g_ascii_toupper (spaced[0]);
  return g_steal_pointer (&spaced);
}

char *
bench_field_dup_title (const char *name)
{
  const BenchField *field = bench_field_lookup (name);
  g_autofree char *label = bench_field_dup_label (name);

  if (field == NULL || field->unit == NULL)
    return g_steal_pointer (&label);
  /* Translators: an axis title, "<what> (<unit>)": "Context depth (tokens)" */
  return g_strdup_printf (_("%s (%s)"), label, _(field->unit));
}

const char *
bench_field_get_short_name (const char *name)
{
  const BenchField *field = bench_field_lookup (name);

  if (field == NULL)
    return name;
  if (field->abbrev != NULL)
    return field->abbrev;
  if (field->column != NULL)
    return field->column;
  return field->name;
}

const char *
bench_field_get_column_name (const char *name)
{
  const BenchField *field = bench_field_lookup (name);

  return field != NULL && field->column != NULL ? field->column : name;
}

static char *
format_count (const char *text)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return g_strdup (text);
  /* thousands grouped by the locale */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

char *
bench_field_format_value (const char *name,
                          const char *text)
{
  const BenchField *field = bench_field_lookup (name);
  gint64 value;

  if (text == NULL)
    return g_strdup ("—");
  if (field == NULL)
    return g_strdup (text);

  switch (field->format)
    {
    case BENCH_FIELD_FORMAT_BOOL:
      if (g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0)
        /* Translators: a setting that is on, as "no_kv_offload: yes" */
        return g_strdup (C_("setting", "yes"));
      if (g_str_equal (text, "0") || g_ascii_strcasecmp (text, "false") == 0)
        return g_strdup (C_("setting", "no"));
      return g_strdup (text);
    case BENCH_FIELD_FORMAT_FLASH_ATTN:
      if (g_str_equal (text, "1") || g_ascii_strcasecmp (text, "true") == 0)
        /* Translators: flash attention on */
        return g_strdup (C_("flash attention", "on"));
      if (g_str_equal (text, "0") || g_ascii_strcasecmp (text, "false") == 0)
        return g_strdup (C_("flash attention", "off"));
      if (g_str_equal (text, "-1"))
        /* Translators: flash attention chosen by llama.cpp */
        return g_strdup (C_("flash attention", "auto"));
      return g_strdup (text);
    case BENCH_FIELD_FORMAT_SIZE:
      if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
        return g_strdup (text);
      return bench_format_size (value);
    case BENCH_FIELD_FORMAT_PARAMS:
      if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
        return g_strdup (text);
      return bench_format_params (value);
    case BENCH_FIELD_FORMAT_COUNT:
      return format_count (text);
    case BENCH_FIELD_FORMAT_PLAIN:
    default:
      return g_strdup (text);
    }
}

char *
bench_result_dup_field_formatted (BenchResult *result,
                                  const char  *name)
{
  g_autofree char *text = bench_result_dup_field_text (result, name);

  return bench_field_format_value (name, text);
}
