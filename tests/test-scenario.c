/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-scenario.c — predictions for a workload: interpolation on cases
 * computed by hand, candidates, memory, verdicts, the llama-bench command,
 * and a loose bound on the leave-one-out errors over the real sweeps. */
#include <math.h>
#include <string.h>

#include "bench-gguf.h"
#include "bench-scenario.h"
#include "bench-test-util.h"

/* one JSONL record: @per_token_ms the time per token */
static void
add_record (GString    *out,
            const char *cpu,
            int         fa,
            gint64      p,
            gint64      n,
            gint64      d,
            double      per_token_ms)
{
  double ns = per_token_ms * 1e6 * (p + n);

  g_string_append_printf (out,
                          "{\"build_commit\": \"abc1234\", \"build_number\": 7000, "
                          "\"cpu_info\": \"%s\", \"gpu_info\": \"Test GPU\", \"backends\": \"ROCm\", "
                          "\"model_filename\": \"/m/test-Q4_K_M.gguf\", \"model_type\": \"llama 8B Q4_K - Medium\", "
                          "\"model_size\": 4000000000, \"model_n_params\": 8000000000, "
                          "\"n_batch\": 2048, \"n_ubatch\": 512, \"n_threads\": 16, \"type_k\": \"f16\", "
                          "\"type_v\": \"f16\", \"n_gpu_layers\": 99, \"flash_attn\": %d, "
                          "\"n_prompt\": %" G_GINT64_FORMAT ", \"n_gen\": %" G_GINT64_FORMAT ", "
                          "\"n_depth\": %" G_GINT64_FORMAT ", \"avg_ns\": %.0f, \"stddev_ns\": %.0f, "
                          "\"avg_ts\": %.6f, \"stddev_ts\": 0}\n",
                          cpu, fa, p, n, d, ns, ns * 0.01, (p + n) / (ns / 1e9));
}

/* pp512 at 1 ms/token + d/8192 ms; tg128 at 10 ms/token + 10 ms per 8192 of context */
static GPtrArray *
synthetic_results_named (const char *extra,
                         const char *model_filename);

static GPtrArray *
synthetic_results (const char *extra)
{
  return synthetic_results_named (extra, NULL);
}

static GPtrArray *
synthetic_results_named (const char *extra,
                         const char *model_filename)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);

  add_record (text, "Test CPU", 1, 512, 0, 0, 1.0);
  add_record (text, "Test CPU", 1, 512, 0, 8192, 2.0);
  add_record (text, "Test CPU", 1, 128, 0, 0, 2.0);
  /* tg128 @ d covers d … d+128: its mean is the time at d + 64 */
  add_record (text, "Test CPU", 1, 0, 128, 0, 10.0 + 10.0 * 64 / 8192);
  add_record (text, "Test CPU", 1, 0, 128, 8192, 10.0 + 10.0 * (8192 + 64) / 8192);
  if (extra != NULL)
    g_string_append (text, extra);
  if (model_filename != NULL)
    g_string_replace (text, "/m/test-Q4_K_M.gguf", model_filename, 0);
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_ptr_array_extend (results, bench_source_get_results (source),
                      (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  return results;
}

static BenchScenarioCandidate *
only_candidate (GPtrArray *candidates)
{
  g_assert_cmpuint (candidates->len, ==, 1);
  return g_ptr_array_index (candidates, 0);
}

static void
test_generation_linear_in_context (void)
{
  g_autoptr (GPtrArray) results = synthetic_results (NULL);
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  BenchScenarioCandidate *c = only_candidate (candidates);
  gboolean extrapolated = TRUE;
  double sd = 0;
  /* 128 tokens from 4096: the mean time per token at 4160 is 10 + 10 ×
   * 4160 / 8192 ms */
  double ns = bench_scenario_candidate_generation_ns (c, 128, 4096, &sd, &extrapolated);

  g_assert_cmpfloat_with_epsilon (ns / 1e9, 128 * (10.0 + 10.0 * 4160 / 8192) / 1e3, 1e-6);
  g_assert_false (extrapolated);
  g_assert_cmpfloat_with_epsilon (sd, 0.01, 1e-9);

  /* the speed at one context, answer 0 */
  ns = bench_scenario_candidate_generation_ns (c, 0, 8192 + 64, NULL, &extrapolated);
  g_assert_cmpfloat_with_epsilon (ns / 1e6, 20.0 + 10.0 * 64 / 8192, 1e-9);
  g_assert_false (extrapolated);

  /* beyond the last measured context: continued, and said so */
  ns = bench_scenario_candidate_generation_ns (c, 1000, 20000, NULL, &extrapolated);
  g_assert_true (extrapolated);
  g_assert_cmpfloat_with_epsilon (ns / 1e9, 1000 * (10.0 + 10.0 * 20500 / 8192) / 1e3, 1e-6);
}

static void
test_prefill_over_depth_and_size (void)
{
  g_autoptr (GPtrArray) results = synthetic_results (NULL);
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  BenchScenarioCandidate *c = only_candidate (candidates);
  gboolean extrapolated = TRUE;
  double ns;

  /* pp512 halfway in depth: 1.5 ms per token */
  ns = bench_scenario_candidate_prefill_ns (c, 512, 4096, NULL, &extrapolated);
  g_assert_cmpfloat_with_epsilon (ns / 1e6, 512 * 1.5, 1e-6);
  g_assert_false (extrapolated);

  /* 2048 tokens: four chunks of 512 at depths 0, 512, 1024, 1536 */
  ns = bench_scenario_candidate_prefill_ns (c, 2048, 0, NULL, &extrapolated);
  g_assert_cmpfloat_with_epsilon (ns / 1e6, 512 * (1 + 1.0625 + 1.125 + 1.1875), 1e-6);
  g_assert_false (extrapolated);

  /* 256 tokens at depth 0 between pp128 (2 ms) and pp512 (1 ms): a power
   * law, √2 ms per token */
  ns = bench_scenario_candidate_prefill_ns (c, 256, 0, NULL, &extrapolated);
  g_assert_cmpfloat_with_epsilon (ns / 1e6, 256 * sqrt (2), 1e-6);
  g_assert_false (extrapolated);

  /* pp128 was measured at depth 0 only: at 4096 it is a guess */
  ns = bench_scenario_candidate_prefill_ns (c, 256, 4096, NULL, &extrapolated);
  g_assert_true (extrapolated);

  /* prompt 0: no time at all */
  g_assert_cmpfloat (bench_scenario_candidate_prefill_ns (c, 0, 4096, NULL, &extrapolated), ==, 0);
}

static void
test_prediction_meets_and_why (void)
{
  g_autoptr (GPtrArray) results = synthetic_results (NULL);
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  BenchWorkload workload = { .prompt = 512, .answer = 128, .depth = 3584 };
  BenchRequirements requirements;
  g_autoptr (BenchScenarioPrediction) p = NULL;
  g_autoptr (BenchScenarioPrediction) q = NULL;

  bench_requirements_init (&requirements);
  requirements.min_gen_ts = 60;
  requirements.max_ttft_s = 1;
  p = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  /* prefill 512 at 3584: 1 + 3584/8192 ms per token */
  g_assert_cmpfloat_with_epsilon (p->ttft_s, 512 * (1 + 3584.0 / 8192) / 1e3, 1e-9);
  /* the answer from 4096 on */
  g_assert_cmpfloat_with_epsilon (p->answer_s, 128 * (10.0 + 10.0 * 4160 / 8192) / 1e3, 1e-6);
  g_assert_cmpfloat_with_epsilon (p->gen_ts, 128 / p->answer_s, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->total_s, p->ttft_s + p->answer_s, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->total_sd_s, hypot (p->ttft_s, p->answer_s) * 0.01, 1e-6);
  g_assert_false (p->extrapolated);
  g_assert_null (p->command);
  g_assert_cmpint (p->meets, ==, BENCH_SCENARIO_YES);
  g_assert_cmpstr (p->reason, ==, "");

  requirements.min_gen_ts = 80;
  q = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_cmpint (q->meets, ==, BENCH_SCENARIO_NO);
  /* "generation 66.3 t/s at 4096, needs 80" */
  g_assert_nonnull (strstr (q->reason, "t/s at 4k, needs 80"));
}

/* A conversation that must grow to 8k: the minimum holds at its end too,
 * where each token takes 10 + 10 × 8192 / 8192 ms (50 t/s). */
static void
test_minimum_holds_to_the_context (void)
{
  g_autoptr (GPtrArray) results = synthetic_results (NULL);
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  BenchWorkload workload = { .prompt = 512, .answer = 128, .context = 8192 };
  BenchRequirements requirements;
  g_autoptr (BenchScenarioPrediction) p = NULL;

  bench_requirements_init (&requirements);
  requirements.min_gen_ts = 60;
  p = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_cmpfloat_with_epsilon (p->end_gen_ts, 50, 1e-9);
  g_assert_cmpfloat (p->gen_ts, >, 60);
  g_assert_cmpint (p->meets, ==, BENCH_SCENARIO_NO);
  g_assert_nonnull (strstr (p->reason, "generation 50.0 t/s at 8k, needs 60"));
  g_assert_false (p->extrapolated);
}

static void
test_extrapolated_gives_the_command (void)
{
  g_autoptr (GPtrArray) results = synthetic_results (NULL);
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  BenchWorkload workload = { .prompt = 20000, .answer = 1000, .context = 65536 };
  BenchRequirements requirements;
  g_autoptr (BenchScenarioPrediction) p = NULL;

  bench_requirements_init (&requirements);
  p = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_true (p->extrapolated);
  g_assert_cmpstr (p->command, ==,
                   "llama-bench -m /m/test-Q4_K_M.gguf -p 20000 -n 1000 -d 0,32768,65536 -r 3 "
                   "-o jsonl -t 16 -ngl 99 -fa 1");
  g_assert_nonnull (strstr (p->reason, "extrapolated"));
}

static void
test_memory_fits (void)
{
  g_autoptr (GPtrArray) results = synthetic_results (NULL);
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  BenchWorkload workload = { .prompt = 1000, .answer = 100, .context = 65536 };
  BenchRequirements requirements;
  g_autoptr (BenchScenarioPrediction) unknown = NULL;
  g_autoptr (BenchScenarioPrediction) no = NULL;
  g_autoptr (BenchScenarioPrediction) yes = NULL;
  g_autoptr (BenchScenarioPrediction) small = NULL;
  g_autoptr (GHashTable) machines = g_hash_table_new (g_str_hash, g_str_equal);
  double per_machine = 16;
  BenchResult *r = bench_scenario_candidate_get_example (only_candidate (candidates));

  bench_requirements_init (&requirements);
  requirements.memory_gb = 8;
  unknown = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_cmpint (unknown->fits, ==, BENCH_SCENARIO_UNKNOWN);
  g_assert_cmpint (unknown->meets, ==, BENCH_SCENARIO_UNKNOWN);
  g_assert_true (isnan (unknown->memory_gb));

  /* 100,000 bytes per token × 65,536 + 4 GB + 0.5 GiB + 512 × 256 KiB */
  requirements.kv_bytes_per_token = 100000;
  no = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_cmpfloat_with_epsilon (no->memory_gb,
                                  (4e9 + 100000.0 * 65536 + 512.0 * 1024 * 1024 + 512 * 256.0 * 1024) / 1e9,
                                  1e-9);
  g_assert_cmpint (no->fits, ==, BENCH_SCENARIO_NO);
  g_assert_cmpint (no->meets, ==, BENCH_SCENARIO_NO);
  g_assert_nonnull (strstr (no->reason, "budget 8 GB"));

  /* a budget entered for this machine wins */
  g_hash_table_insert (machines, (gpointer) bench_result_get_hardware_key (r), &per_machine);
  requirements.machine_memory_gb = machines;
  yes = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_cmpint (yes->fits, ==, BENCH_SCENARIO_YES);

  /* weights alone over the budget: no, even with the KV cache unknown */
  requirements.machine_memory_gb = NULL;
  requirements.kv_bytes_per_token = 0;
  requirements.memory_gb = 3;
  small = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_cmpint (small->fits, ==, BENCH_SCENARIO_NO);
}

static void
test_candidates_never_pool_machines (void)
{
  g_autoptr (GString) extra = g_string_new (NULL);
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) candidates = NULL;

  add_record (extra, "Other CPU", 1, 512, 0, 0, 0.5);
  add_record (extra, "Test CPU", 0, 512, 0, 0, 3.0);
  results = synthetic_results (extra->str);
  candidates = bench_scenario_candidates_new (results);
  g_assert_cmpuint (candidates->len, ==, 3);
  /* the flash attention setting tells the two on one machine apart */
  g_assert_nonnull (strstr (bench_scenario_candidate_get_label (g_ptr_array_index (candidates, 0)), "fa 1"));
  g_assert_nonnull (strstr (bench_scenario_candidate_get_label (g_ptr_array_index (candidates, 2)), "fa 0"));
}

static void
test_repeats_that_disagree_are_flagged (void)
{
  g_autoptr (GString) extra = g_string_new (NULL);
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) candidates = NULL;
  BenchWorkload workload = { .prompt = 512, .answer = 128 };
  BenchRequirements requirements;
  g_autoptr (BenchScenarioPrediction) p = NULL;
  const char *test;

  /* pp512 again, five times slower, under identical fields */
  add_record (extra, "Test CPU", 1, 512, 0, 0, 5.0);
  results = synthetic_results (extra->str);
  candidates = bench_scenario_candidates_new (results);
  g_assert_cmpfloat_with_epsilon (bench_scenario_candidate_get_repeat_ratio (only_candidate (candidates), &test),
                                  5.0, 1e-9);
  g_assert_cmpstr (test, ==, "pp512");
  bench_requirements_init (&requirements);
  requirements.min_gen_ts = 1;
  p = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_cmpint (p->meets, ==, BENCH_SCENARIO_UNKNOWN);
  g_assert_nonnull (strstr (p->reason, "repeated tests disagree 5.0×"));
}

static void
test_ranking (void)
{
  g_autoptr (GString) extra = g_string_new (NULL);
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) candidates = NULL;
  g_autoptr (GPtrArray) ranked = NULL;
  BenchWorkload workload = { .prompt = 512, .answer = 128 };
  BenchRequirements requirements;

  /* a faster machine, and one too slow to meet 60 t/s */
  add_record (extra, "Fast CPU", 1, 512, 0, 0, 0.5);
  add_record (extra, "Fast CPU", 1, 0, 128, 0, 5.0);
  add_record (extra, "Slow CPU", 1, 512, 0, 0, 0.1);
  add_record (extra, "Slow CPU", 1, 0, 128, 0, 50.0);
  results = synthetic_results (extra->str);
  candidates = bench_scenario_candidates_new (results);
  bench_requirements_init (&requirements);
  requirements.min_gen_ts = 60;
  ranked = bench_scenario_rank (candidates, &workload, &requirements);
  g_assert_cmpuint (ranked->len, ==, 3);
#define CPU(i) bench_result_get_cpu_info (bench_scenario_candidate_get_example ( \
    ((BenchScenarioPrediction *) g_ptr_array_index (ranked, i))->candidate))
  g_assert_cmpstr (CPU (0), ==, "Fast CPU");
  g_assert_cmpstr (CPU (1), ==, "Test CPU");
  g_assert_cmpstr (CPU (2), ==, "Slow CPU");
#undef CPU
  g_assert_cmpint (((BenchScenarioPrediction *) g_ptr_array_index (ranked, 2))->meets, ==,
                   BENCH_SCENARIO_NO);
}

/* Leave-one-out over real sweeps: generation everywhere and prefill over
 * depth stay within a loose bound (the figures are in the report; the
 * prompt-size sweeps below 64 tokens do not, and are not asserted). */
static void
check_corpus (const char *relative,
              const char *kind,
              double      median_bound,
              double      worst_bound)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus (relative);
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (bench_source_get_results (source));
  g_autoptr (GPtrArray) checks = bench_scenario_check (candidates);
  g_autofree char *suffix = g_strdup_printf (" · %s", kind);
  guint n = 0;

  for (guint i = 0; i < checks->len; i++)
    {
      BenchScenarioCheck *c = g_ptr_array_index (checks, i);
      if (!g_str_has_suffix (c->label, suffix) || c->n_points == 0)
        continue;
      g_test_message ("%s: %u points, median %.1f %%, worst %.1f %% (%s)", c->label, c->n_points,
                      c->median_error * 100, c->worst_error * 100, c->worst_test);
      g_assert_cmpfloat (c->median_error, <, median_bound);
      g_assert_cmpfloat (c->worst_error, <, worst_bound);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_corpus_depth_sweeps (void)
{
  check_corpus ("public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json", "pp", 0.05, 0.10);
  check_corpus ("public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json", "tg", 0.05, 0.10);
  check_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json", "pp", 0.05, 0.10);
  check_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json", "tg", 0.05, 0.10);
  check_corpus ("public/kyuz0-strixhalo-rocm714-deepseek-v4-flash-curve-gen.jsonl", "tg", 0.05, 0.10);
  check_corpus ("public/strix-halo-llama32-1b.default-hip.jsonl", "pp", 0.05, 0.10);
}

static void
test_corpus_answer_length_sweeps (void)
{
  check_corpus ("public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl", "tg", 0.05, 0.10);
  check_corpus ("public/strix-halo-sweep-Qwen3-30B-A3B-UD-Q4_K_XL.jsonl", "tg", 0.05, 0.10);
  check_corpus ("public/strix-halo-sweep-GLM-4.5-Air-UD-Q4_K_XL.jsonl", "tg", 0.05, 0.10);
}

static void
test_corpus_repeats_flagged (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("public/strix-halo-sweep-Qwen3-32B-Q8_0.jsonl");
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (bench_source_get_results (source));
  guint n_flagged = 0;

  /* ROCm measured every test four times, two of them 3–5× apart */
  for (guint i = 0; i < candidates->len; i++)
    if (bench_scenario_candidate_get_repeat_ratio (g_ptr_array_index (candidates, i), NULL) > 3)
      n_flagged++;
  g_assert_cmpuint (candidates->len, ==, 4);
  g_assert_cmpuint (n_flagged, ==, 2);
}

/* The KV cache from the model's header: an 8B llama with grouped-query
 * attention, 32 layers × 8 KV heads × (128 + 128) × 2 bytes (f16) =
 * 131,072 bytes per token. */
static void
test_memory_from_gguf (void)
{
  g_autofree char *path = bench_test_corpus_path ("gguf/meta-llama-gqa-8b-shape.gguf");
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = bench_gguf_info_read_file (path, &error);
  g_autoptr (GPtrArray) results = synthetic_results_named (NULL, "/elsewhere/meta-llama-gqa-8b-shape.gguf");
  g_autoptr (GPtrArray) candidates = bench_scenario_candidates_new (results);
  BenchWorkload workload = { .prompt = 1000, .answer = 100, .context = 65536 };
  BenchRequirements requirements;
  g_autoptr (BenchScenarioPrediction) p = NULL;

  g_assert_no_error (error);
  bench_gguf_reset ();
  bench_gguf_register (path, info);
  bench_requirements_init (&requirements);
  requirements.memory_gb = 16;
  p = bench_scenario_predict (only_candidate (candidates), &workload, &requirements);
  g_assert_cmpfloat_with_epsilon (p->memory_gb,
                                  (4e9 + 131072.0 * 65536 + 512.0 * 1024 * 1024 + 512 * 256.0 * 1024) / 1e9,
                                  1e-9);
  g_assert_cmpint (p->fits, ==, BENCH_SCENARIO_YES);
  bench_gguf_reset ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scenario/generation/linear-in-context", test_generation_linear_in_context);
  g_test_add_func ("/scenario/prefill/over-depth-and-size", test_prefill_over_depth_and_size);
  g_test_add_func ("/scenario/prediction/meets-and-why", test_prediction_meets_and_why);
  g_test_add_func ("/scenario/prediction/minimum-holds-to-the-context", test_minimum_holds_to_the_context);
  g_test_add_func ("/scenario/prediction/extrapolated-gives-the-command",
                   test_extrapolated_gives_the_command);
  g_test_add_func ("/scenario/memory/fits", test_memory_fits);
  g_test_add_func ("/scenario/memory/from-gguf", test_memory_from_gguf);
  g_test_add_func ("/scenario/candidates/never-pool-machines", test_candidates_never_pool_machines);
  g_test_add_func ("/scenario/candidates/repeats-that-disagree-are-flagged",
                   test_repeats_that_disagree_are_flagged);
  g_test_add_func ("/scenario/ranking", test_ranking);
  g_test_add_func ("/scenario/corpus/depth-sweeps", test_corpus_depth_sweeps);
  g_test_add_func ("/scenario/corpus/answer-length-sweeps", test_corpus_answer_length_sweeps);
  g_test_add_func ("/scenario/corpus/repeats-flagged", test_corpus_repeats_flagged);
  return g_test_run ();
}
