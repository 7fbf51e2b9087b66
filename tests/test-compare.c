/* test-compare.c — matching across sides, speedups with uncertainty,
 * verdicts, tables; on hand-computed cases and corpus files. */
#include <math.h>
#include <string.h>

#include "bench-compare.h"
#include "bench-test-util.h"

/* 100 ± 2 against 110 ± 3: S = 1.1,
 * σ = 1.1 × √((2/100)² + (3/110)²) = 1.1 × √(0.0004 + 0.00074380) = 0.037202 */
static void
test_propagation (void)
{
  double s, sd;

  bench_speedup (100, 2, 110, 3, &s, &sd);
  g_assert_cmpfloat_with_epsilon (s, 1.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (sd, 0.0372021, 1e-6);
  g_assert_cmpint (bench_speedup_verdict (s, sd), ==, BENCH_VERDICT_FASTER);

  /* 100 ± 2 against 102 ± 2: S = 1.02, σ = 1.02 × √(0.0004 + 0.00038447) = 0.0285685,
   * 1.02 − 2σ < 1: within noise */
  bench_speedup (100, 2, 102, 2, &s, &sd);
  g_assert_cmpfloat_with_epsilon (sd, 0.0285685, 1e-6);
  g_assert_cmpint (bench_speedup_verdict (s, sd), ==, BENCH_VERDICT_WITHIN_NOISE);

  /* 100 ± 1 against 90 ± 1: S = 0.9, σ = 0.9 × √(0.0001 + 0.00012346) = 0.013454 */
  bench_speedup (100, 1, 90, 1, &s, &sd);
  g_assert_cmpfloat_with_epsilon (sd, 0.0134536, 1e-6);
  g_assert_cmpint (bench_speedup_verdict (s, sd), ==, BENCH_VERDICT_SLOWER);

  /* a single repetition: no deviation, so no telling noise from change */
  bench_speedup (100, 0, 100.5, 0, &s, &sd);
  g_assert_cmpfloat (sd, ==, 0);
  g_assert_cmpint (bench_speedup_verdict (s, sd), ==, BENCH_VERDICT_NOISE_UNKNOWN);

  bench_speedup (0, 0, 10, 1, &s, &sd);
  g_assert_true (isnan (s));
  g_assert_cmpint (bench_speedup_verdict (s, sd), ==, BENCH_VERDICT_MISSING);
}

/* Three builds of the same tests: every row matches, and the speedups agree
 * to two decimals with compare-llama-bench.py's cand/base of the stated
 * avg_ts. */
static void
test_builds (void)
{
  g_autoptr (BenchSource) base = bench_test_load_corpus ("public/strix-halo-gpt-oss-20b.default-hip.jsonl");
  g_autoptr (BenchSource) cand = bench_test_load_corpus ("public/strix-halo-gpt-oss-20b.lhl-tune-tile.jsonl");
  GPtrArray *sides[] = { bench_source_get_results (base), bench_source_get_results (cand) };
  const char *names[] = { "hip", "tile" };
  g_autoptr (BenchComparison) c = bench_comparison_new (sides, names, 2);
  g_autofree char *md = NULL;

  g_assert_cmpuint (bench_comparison_get_n_rows (c), ==, 10);
  g_assert_cmpuint (bench_comparison_get_n_unmatched (c), ==, 0);
  for (guint i = 0; i < 10; i++)
    {
      BenchCompareRow *row = bench_comparison_get_row (c, i);
      BenchResult *b = g_ptr_array_index (sides[0], i);
      BenchResult *k = g_ptr_array_index (sides[1], i);
      double reference = bench_result_get_stated_avg_ts (k) / bench_result_get_stated_avg_ts (b);

      g_assert_cmpstr (bench_result_get_test_label (row->example), ==, bench_result_get_test_label (b));
      g_assert_cmpfloat (round (row->cells[1].speedup * 100), ==, round (reference * 100));
    }
  /* pp512 @ d65536: 426.81 / 277.58 = 1.54 */
  g_assert_cmpfloat_with_epsilon (bench_comparison_get_row (c, 8)->cells[1].speedup, 1.5376, 1e-3);

  md = bench_comparison_to_markdown (c);
  g_assert_nonnull (strstr (md, "| t/s hip "));
  g_assert_nonnull (strstr (md, "| Speedup "));
  g_assert_nonnull (strstr (md, "pp512 @ d65536 |  277.58 ± 0.00 |"));
  g_assert_nonnull (strstr (md, "1.54 ± 0.00"));
}

static GPtrArray *
filter_param (GPtrArray  *results,
              const char *key,
              const char *value)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (bench_result_get_param_text (g_ptr_array_index (results, i), key), value) == 0)
      g_ptr_array_add (out, g_ptr_array_index (results, i));
  return out;
}

/* flash attention off (@off) against on (@on), from one file */
static BenchComparison *
compare_flash_attn (BenchSource  *source,
                    GPtrArray   **off,
                    GPtrArray   **on)
{
  const char *names[] = { "fa 0", "fa 1" };
  GPtrArray *sides[2];

  *off = filter_param (bench_source_get_results (source), "flash_attn", "0");
  *on = filter_param (bench_source_get_results (source), "flash_attn", "1");
  sides[0] = *off;
  sides[1] = *on;
  return bench_comparison_new (sides, names, 2);
}

/* flash attention off against on, from one file: flash_attn tells the sides
 * apart; threads and tests line the rows up. */
static void
test_setting_sides (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-threads-fa.twin.json");
  g_autoptr (GPtrArray) off = NULL;
  g_autoptr (GPtrArray) on = NULL;
  g_autoptr (BenchComparison) c = compare_flash_attn (source, &off, &on);
  GPtrArray *side_fields = bench_comparison_get_side_fields (c);
  GPtrArray *shown = bench_comparison_get_shown_fields (c);

  g_assert_cmpuint (off->len, ==, 4);
  g_assert_cmpuint (on->len, ==, 4);
  g_assert_cmpuint (side_fields->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (side_fields, 0), ==, "flash_attn");
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, "n_threads");
  g_assert_cmpuint (bench_comparison_get_n_rows (c), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      BenchCompareRow *row = bench_comparison_get_row (c, i);
      BenchResult *a = g_ptr_array_index (off, i), *b = g_ptr_array_index (on, i);
      g_assert_cmpstr (bench_result_get_param_text (a, "n_threads"), ==,
                       bench_result_get_param_text (b, "n_threads"));
      g_assert_cmpfloat_with_epsilon (row->cells[1].speedup,
                                      bench_result_get_avg_ts (b) / bench_result_get_avg_ts (a), 1e-12);
    }
}

/* A row as an object: read-only properties that say what the row does */
static void
test_item_properties (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-threads-fa.twin.json");
  g_autoptr (GPtrArray) off = NULL;
  g_autoptr (GPtrArray) on = NULL;
  BenchComparison *c = compare_flash_attn (source, &off, &on);
  BenchCompareRow *row = bench_comparison_get_row (c, 0);
  g_autofree char *expected_label = bench_comparison_dup_row_label (c, row);
  g_autoptr (BenchCompareItem) item = bench_compare_item_new (c, 0);
  g_autofree char *label = NULL, *model = NULL, *test = NULL;
  double base, cand, speedup, speedup_sd;
  guint verdict, n_sides;
  GParamSpec *pspec;

  /* the item keeps what it shows after its comparison is gone */
  bench_comparison_free (c);
  g_object_get (item, "label", &label, "model-type", &model, "test-label", &test,
                "n-sides", &n_sides, "baseline-avg-ts", &base, "candidate-avg-ts", &cand,
                "speedup", &speedup, "speedup-sd", &speedup_sd, "verdict", &verdict, NULL);
  g_assert_cmpstr (label, ==, expected_label);
  g_assert_nonnull (strstr (label, "Threads "));
  g_assert_cmpstr (model, ==, bench_result_get_model_type (g_ptr_array_index (off, 0)));
  g_assert_cmpstr (test, ==, bench_result_get_test_label (g_ptr_array_index (off, 0)));
  g_assert_cmpuint (n_sides, ==, 2);
  g_assert_cmpfloat_with_epsilon (base, bench_result_get_avg_ts (g_ptr_array_index (off, 0)), 1e-9);
  g_assert_cmpfloat_with_epsilon (cand, bench_result_get_avg_ts (g_ptr_array_index (on, 0)), 1e-9);
  g_assert_cmpfloat_with_epsilon (speedup, cand / base, 1e-12);
  g_assert_true (isfinite (speedup_sd));
  g_assert_cmpuint (verdict, ==, bench_compare_item_get_cell (item, 1)->verdict);
  g_assert_cmpfloat (bench_compare_item_get_cell (item, 0)->avg_ts, ==, base);

  /* rows never change: nothing to set */
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), "speedup");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);
}

/* A test only one side ran is listed, never dropped. */
static void
test_unmatched (void)
{
  g_autoptr (BenchSource) base = bench_test_load_corpus ("public/strix-halo-gpt-oss-20b.default-hip.jsonl");
  g_autoptr (BenchSource) cand = bench_test_load_corpus ("public/strix-halo-llama32-1b.lhl-tune-decode.jsonl");
  g_autoptr (BenchSource) other = bench_test_load_corpus ("public/strix-halo-llama32-1b.default-hip.jsonl");
  GPtrArray *sides[] = { bench_source_get_results (other), bench_source_get_results (cand) };
  const char *names[] = { "default", "decode" };
  g_autoptr (BenchComparison) c = bench_comparison_new (sides, names, 2);
  g_autofree char *md = bench_comparison_to_markdown (c);
  g_autofree char *csv = bench_comparison_to_csv (c);

  /* the decode tune ran tg128 only: nine of ten tests have no partner */
  g_assert_cmpuint (bench_comparison_get_n_rows (c), ==, 10);
  g_assert_cmpuint (bench_comparison_get_n_unmatched (c), ==, 9);
  g_assert_nonnull (strstr (md, "9 tests have no partner"));
  g_assert_nonnull (strstr (md, "pp512 @ d4096: missing in decode"));
  {
    g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 12);
  }
  g_assert_nonnull (strstr (csv, "missing"));
  (void) base;
}


/* Sides are named by the settings that tell them apart, as the field
 * registry names them; settings they share stay out of the names. */
static void
test_sides_named_by_settings (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-threads-fa.twin.json");
  g_autoptr (GPtrArray) off = filter_param (bench_source_get_results (source), "flash_attn", "0");
  g_autoptr (GPtrArray) on = filter_param (bench_source_get_results (source), "flash_attn", "1");
  g_autoptr (GPtrArray) one = filter_param (bench_source_get_results (source), "n_threads", "1");
  GPtrArray *by_fa[] = { off, on };
  GPtrArray *same[] = { off, off };
  GPtrArray *mixed[] = { one, on };
  g_auto (GStrv) names = bench_compare_name_sides (by_fa, 2);

  g_assert_nonnull (names);
  g_assert_cmpstr (names[0], ==, "Flash attention: off");
  g_assert_cmpstr (names[1], ==, "Flash attention: on");
  /* nothing tells them apart: no names, the caller falls back to files */
  g_assert_null (bench_compare_name_sides (same, 2));
  /* flash_attn varies within one side: it names neither */
  {
    g_auto (GStrv) none = bench_compare_name_sides (mixed, 2);
    g_assert_null (none);
  }
}

/* Never two alike, never a bracket cut open. */
static void
test_names_distinct_and_whole (void)
{
  char *brackets[] = { g_strdup ("gfx1151 [ROCm, fa 1]"), g_strdup ("gfx1151 [Vulkan, fa 1]") };
  char *files[] = { g_strdup ("x.default-hip.jsonl"), g_strdup ("x.tile.jsonl") };
  char *twins[] = { g_strdup ("tile"), g_strdup ("tile"), g_strdup ("tile (2)") };

  /* the shared " fa 1]" would leave "[ROCm," and "[Vulkan,": the end stays */
  bench_compare_shorten_names (brackets, 2);
  g_assert_cmpstr (brackets[0], ==, "[ROCm, fa 1]");
  g_assert_cmpstr (brackets[1], ==, "[Vulkan, fa 1]");
  bench_compare_shorten_names (files, 2);
  g_assert_cmpstr (files[0], ==, "default-hip");
  g_assert_cmpstr (files[1], ==, "tile");

  bench_compare_make_distinct (twins, 3);
  g_assert_cmpstr (twins[0], ==, "tile");
  g_assert_cmpstr (twins[1], ==, "tile (3)");
  g_assert_cmpstr (twins[2], ==, "tile (2)");
  {
    g_autofree char *backend = bench_compare_name_setting ("backends", "ROCm");
    g_autofree char *threads = bench_compare_name_setting ("n_threads", "8");
    g_assert_cmpstr (backend, ==, "ROCm");
    g_assert_cmpstr (threads, ==, "Threads: 8");
  }

  for (guint i = 0; i < 2; i++)
    {
      g_free (brackets[i]);
      g_free (files[i]);
    }
  for (guint i = 0; i < 3; i++)
    g_free (twins[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/propagation-and-verdict", test_propagation);
  g_test_add_func ("/compare/builds-agree-with-compare-llama-bench", test_builds);
  g_test_add_func ("/compare/setting-sides", test_setting_sides);
  g_test_add_func ("/compare/unmatched-listed", test_unmatched);
  g_test_add_func ("/compare/sides-named-by-settings", test_sides_named_by_settings);
  g_test_add_func ("/compare/names-distinct-and-whole", test_names_distinct_and_whole);
  g_test_add_func ("/compare/item/properties", test_item_properties);

  return g_test_run ();
}
