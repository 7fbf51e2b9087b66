/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-field.c — the field registry: labels, lookups, formatting, roles,
 * and the places that read it. */
#include "config.h"

#include <string.h>

#include "bench-field.h"
#include "bench-test-util.h"
#include "bench-units.h"

static void
test_every_field_has_a_label (void)
{
  guint n_fields;
  const BenchField *fields = bench_field_get_all (&n_fields);

  g_assert_cmpuint (n_fields, >, 50);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *label = bench_field_get_label (&fields[i]);
      g_autofree char *dup = bench_field_dup_label (fields[i].name);

      g_test_message ("%s: %s", fields[i].name, label);
      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      /* a label for people, never the raw name */
      g_assert_cmpstr (label, !=, fields[i].name);
      g_assert_null (strchr (label, '_'));
      g_assert_cmpstr (dup, ==, label);
      /* each name once */
      g_assert_true (bench_field_lookup (fields[i].name) == &fields[i]);
      /* llama-bench's fields say since when it prints them */
      if (!bench_field_has_role (&fields[i], BENCH_FIELD_ROLE_DERIVED))
        g_assert_nonnull (fields[i].since);
      else
        g_assert_null (fields[i].since);
    }
}

static void
test_lookup (void)
{
  const BenchField *fa = bench_field_lookup ("flash_attn");
  const BenchField *ngl = bench_field_lookup_column ("ngl");

  g_assert_nonnull (fa);
  g_assert_cmpstr (fa->name, ==, "flash_attn");
  g_assert_cmpint (fa->type, ==, BENCH_VALUE_INT);
  g_assert_cmpint (fa->format, ==, BENCH_FIELD_FORMAT_FLASH_ATTN);
  g_assert_cmpstr (fa->since, ==, "2024-04 (b2770)");
  g_assert_true (bench_field_has_role (fa, BENCH_FIELD_ROLE_SETTING | BENCH_FIELD_ROLE_IDENTITY));
  g_assert_false (bench_field_has_role (fa, BENCH_FIELD_ROLE_SWEEP));
  g_assert_cmpstr (bench_field_get_label (fa), ==, "Flash attention");

  g_assert_nonnull (ngl);
  g_assert_cmpstr (ngl->name, ==, "n_gpu_layers");
  g_assert_true (bench_field_lookup_column ("fa") == fa);
  g_assert_cmpstr (bench_field_lookup_column ("model")->name, ==, "model_type");
  g_assert_null (bench_field_lookup_column ("no-such-column"));

  g_assert_null (bench_field_lookup ("no_such_field"));
  g_assert_false (bench_field_name_has_role ("no_such_field", BENCH_FIELD_ROLE_NONE));
  g_assert_cmpstr (bench_field_get_label (bench_field_lookup ("type_k")), ==, "KV cache type (K)");
  g_assert_cmpstr (bench_field_get_label (bench_field_lookup ("n_threads")), ==, "Threads");
  g_assert_cmpstr (bench_field_get_label (bench_field_lookup ("n_batch")), ==, "Batch size");
  g_assert_cmpstr (bench_field_get_label (bench_field_lookup ("gpu_info")), ==, "GPU");
  g_assert_cmpstr (bench_field_get_label (bench_field_lookup ("model_type")), ==, "Model");

  /* gone from newer llama-bench: the registry says until when */
  g_assert_nonnull (bench_field_lookup ("use_mmap")->until);
  g_assert_null (bench_field_lookup ("load_mode")->until);
}

/* @make's text of @name is @expected */
static void
check_text (char       *(*make) (const char *name),
            const char  *name,
            const char  *expected)
{
  g_autofree char *text = make (name);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_unknown_label_readable (void)
{
  check_text (bench_field_dup_label, "some_fork_option", "Some fork option");
  check_text (bench_field_dup_label, "n_swa_layers", "Swa layers");
  check_text (bench_field_dup_label, "n_cpu_moe", "MoE layers on the CPU");
}

static void
test_titles_and_short_names (void)
{
  check_text (bench_field_dup_title, "n_depth", "Context depth (tokens)");
  check_text (bench_field_dup_title, "n_prompt", "Prompt length (tokens)");
  check_text (bench_field_dup_title, "n_threads", "Threads");

  g_assert_cmpstr (bench_field_get_short_name ("flash_attn"), ==, "fa");
  g_assert_cmpstr (bench_field_get_short_name ("n_threads"), ==, "threads");
  g_assert_cmpstr (bench_field_get_short_name ("n_batch"), ==, "b");
  g_assert_cmpstr (bench_field_get_short_name ("mystery"), ==, "mystery");
  g_assert_cmpstr (bench_field_get_column_name ("n_gpu_layers"), ==, "ngl");
  g_assert_cmpstr (bench_field_get_column_name ("n_batch"), ==, "n_batch");
}

static void
check_format (const char *field,
              const char *text,
              const char *expected)
{
  g_autofree char *formatted = bench_field_format_value (field, text);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_format (void)
{
  g_autofree char *size = bench_format_size (4920000000);
  g_autofree char *params = bench_format_params (8030000000);

  check_format ("flash_attn", "1", "on");
  check_format ("flash_attn", "0", "off");
  check_format ("flash_attn", "-1", "auto");
  check_format ("flash_attn", "true", "on");
  check_format ("no_kv_offload", "1", "yes");
  check_format ("no_kv_offload", "0", "no");
  check_format ("n_threads", "8", "8");
  check_format ("type_k", "q8_0", "q8_0");
  check_format ("model_size", "4920000000", size);
  check_format ("model_n_params", "8030000000", params);
  check_format ("flash_attn", NULL, "—");
  check_format ("unknown_field", "x", "x");
  check_format ("model_size", "not a number", "not a number");
}

/* the registry's offsets reach the same members as the getters */
static void
test_result_members (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-threads-fa.twin.json");
  BenchResult *r = g_ptr_array_index (bench_source_get_results (source), 0);
  g_autofree char *model = bench_result_dup_field_text (r, "model_type");
  g_autofree char *prompt = bench_result_dup_field_text (r, "n_prompt");
  g_autofree char *avg = bench_result_dup_field_text (r, "avg_ts");
  g_autofree char *expected_prompt = g_strdup_printf ("%" G_GINT64_FORMAT, bench_result_get_n_prompt (r));
  g_autofree char *fa = bench_result_dup_field_formatted (r, "flash_attn");
  g_autofree char *missing = bench_result_dup_field_formatted (r, "fused_moe");

  g_assert_cmpstr (model, ==, bench_result_get_model_type (r));
  g_assert_cmpstr (prompt, ==, expected_prompt);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (avg, NULL), bench_result_get_avg_ts (r), 1e-9);
  g_assert_true (g_str_equal (fa, "on") || g_str_equal (fa, "off"));
  g_assert_cmpstr (missing, ==, "—");
}

/* what varies among results: the registry's describing fields, in its
 * order, then parameters */
static void
test_varying_uses_registry (void)
{
  g_autoptr (BenchSource) a = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchSource) b = bench_test_load_corpus ("generated/cpu-threads-fa.twin.json");
  g_autoptr (GPtrArray) results = g_ptr_array_new ();
  g_autoptr (GPtrArray) varying = NULL;
  g_autoptr (GPtrArray) describing = bench_field_list_with_role (BENCH_FIELD_ROLE_DESCRIBES);
  guint last_position = 0;
  gboolean params_started = FALSE;

  g_ptr_array_extend (results, bench_source_get_results (a), NULL, NULL);
  g_ptr_array_extend (results, bench_source_get_results (b), NULL, NULL);
  varying = bench_results_find_varying ((BenchResult **) results->pdata, results->len);

  g_assert_true (g_ptr_array_find_with_equal_func (varying, "model_type", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (varying, "n_threads", g_str_equal, NULL));
  for (guint i = 0; i < varying->len; i++)
    {
      const BenchField *field = bench_field_lookup (g_ptr_array_index (varying, i));

      if (field != NULL && field->storage != BENCH_FIELD_STORED_PARAM)
        {
          guint position;

          /* a result field is reported only when the registry says it
           * describes results, and before any parameter */
          g_assert_false (params_started);
          g_assert_true (g_ptr_array_find (describing, field, &position));
          g_assert_cmpuint (position, >=, last_position);
          last_position = position;
        }
      else
        params_started = TRUE;
    }
}

static void
test_roles (void)
{
  g_autoptr (GPtrArray) identity = bench_field_list_with_role (BENCH_FIELD_ROLE_IDENTITY);
  g_autoptr (GPtrArray) sweep = bench_field_list_with_role (BENCH_FIELD_ROLE_SWEEP);
  g_autoptr (GPtrArray) flags = bench_field_list_with_role (BENCH_FIELD_ROLE_BACKEND_FLAG);

  g_assert_true (g_ptr_array_find (identity, bench_field_lookup ("flash_attn"), NULL));
  g_assert_true (g_ptr_array_find (identity, bench_field_lookup ("n_depth"), NULL));
  g_assert_false (g_ptr_array_find (identity, bench_field_lookup ("build_commit"), NULL));
  g_assert_false (g_ptr_array_find (identity, bench_field_lookup ("test_time"), NULL));
  for (guint i = 0; i < sweep->len; i++)
    g_assert_cmpint (((const BenchField *) g_ptr_array_index (sweep, i))->type, ==, BENCH_VALUE_INT);
  /* llama-bench's order, which the backend name derived from them follows */
  g_assert_cmpuint (flags->len, ==, 9);
  g_assert_cmpstr (((const BenchField *) g_ptr_array_index (flags, 0))->name, ==, "cuda");
  g_assert_cmpstr (((const BenchField *) g_ptr_array_index (flags, 8))->name, ==, "blas");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/field/every-field-has-a-label", test_every_field_has_a_label);
  g_test_add_func ("/field/lookup", test_lookup);
  g_test_add_func ("/field/label/unknown-reads-as-words", test_unknown_label_readable);
  g_test_add_func ("/field/titles-and-short-names", test_titles_and_short_names);
  g_test_add_func ("/field/format", test_format);
  g_test_add_func ("/field/result-members", test_result_members);
  g_test_add_func ("/field/varying-uses-registry", test_varying_uses_registry);
  g_test_add_func ("/field/roles", test_roles);

  return g_test_run ();
}
