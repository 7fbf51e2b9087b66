/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-corpus.c — the whole corpus: every file loads with the record count
 * verified by hand, and the same run printed in several formats gives the
 * same results (markdown within its two-decimal rounding). */
#include <math.h>
#include <string.h>

#include "bench-test-util.h"

/* Counts from corpus/SOURCES.md, public/SOURCES.md and generated/INDEX.md,
 * checked against the files. */
static const struct { const char *path; guint records; } counts[] = {
  { "converted/gpt-oss-20b-hip-old-schema.csv", 10 },
  { "converted/gpt-oss-20b-hip-old-schema.json", 10 },
  { "converted/gpt-oss-20b-hip-old-schema.sql", 10 },
  { "converted/gpt-oss-20b-hip.json", 10 },
  { "converted/gpt-oss-20b-hip.md", 10 },
  { "converted/talk-step35-flash.csv", 12 },
  { "converted/talk-step35-flash.jsonl", 12 },
  { "converted/talk-step35-flash.md", 12 },
  { "converted/talk-step35-flash.sql", 12 },
  { "generated/cpu-sweep-prompt-depth.jsonl", 12 },
  { "generated/cpu-sweep-prompt-depth.twin.csv", 12 },
  { "generated/cpu-threads-fa.sql", 8 },
  { "generated/cpu-threads-fa.twin.json", 8 },
  { "generated/cpu-three-models.json", 6 },
  { "generated/cpu-three-models.twin.md", 6 },
  { "public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.csv", 2 },
  { "public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.json", 2 },
  { "public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.sql", 2 },
  { "public/docs-llamacpp-readme-2026-llama_bench-table-edited.sql", 2 },
  { "public/talk-strix-halo-rocm72-step35-flash-reap128-q4km.json", 12 },
  { "public/talk-strix-halo-rocm72-step35-imatrix.json", 12 },
  { "public/orion-radeon8060s-rocm712-gpt-oss-20b-depth-sweep.json", 84 },
  { "public/1337hero-dual-rx7900xtx-vulkan-log.md", 12 },
  { "public/ik273-deepseek-r1-671b-cpu-threads-sweep.md", 8 },
  { "public/ik273-deepseek-lite-cpu-gp-mla-fa-sweep.md", 42 },
  { "public/ik399-gtx1650s-cuda-blas-qwen3moe-ot-exps-cpu.md", 4 },
  { "public/issue-geerling-ai-bench-48-m1-ultra-metal-blas.md", 4 },
  { "public/issue-geerling-ai-bench-54-radxa-dragon-q8b-arm-cpu.md", 4 },
  { "public/issue-geerling-ai-bench-23-rx7900xt-on-pi5-vulkan.md", 4 },
  { "public/issue-geerling-ai-bench-20-rx580-on-riscv-p550-vulkan.md", 4 },
  { "public/issue-ipex-llm-12991-arc-b580-sycl.md", 6 },
  { "public/issue-llamacpp-22078-arc-b70-sycl-gemma4-31b.md", 4 },
  { "public/issue-llamacpp-16276-rpc-only-gemma3-4b.md", 2 },
  { "public/issue-llamacpp-18626-cuda-rpc-dev-column-overflow-truncated.md", 4 },
  { "public/issue-llamacpp-5835-handedited-backend-names-compact.md", 6 },
  { "public/issue-llamacpp-2059-rx6800xt-opencl-vulkan-rocm-one-table-truncated.md", 11 },
  { "public/issue-llamacpp-25547-m5-blas-mtl-r1-zero-stddev.md", 2 },
  { "public/issue-llamacpp-2626-first-llama-bench-2023-08.md", 2 },
  { "public/issue-llamacpp-10693-xiaomi14-adreno-opencl-two-models.md", 4 },
  { "public/issue-llamacpp-18871-snapdragon-8-elite-gen5-adreno-opencl.md", 6 },
  { "public/issue-llamacpp-4766-rtx4090-cuda-3-models-2024-overflow-truncated.md", 5 },
  { "public/issue-llamacpp-4560-jetson-tx2-cuda-ngl-sweep-2023-truncated.md", 7 },
  { "public/kyuz0-strixhalo-vulkan-radv-qwen36-35b-a3b-longctx.md", 2 },
  { "public/lhl-strixhalo-cluster-vulkan-rpc-gpt-oss-120b.md", 2 },
};

static void
test_counts (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr (BenchSource) source = NULL;

      g_test_message ("%s", counts[i].path);
      source = bench_test_load_corpus (counts[i].path);
      g_assert_cmpuint (bench_source_get_n_results (source), ==, counts[i].records);
    }
}

/* Every file in the corpus loads (some record), none crashes. */
static void
test_every_file_loads (void)
{
  static const char *dirs[] = { "public", "converted", "generated" };

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = bench_test_corpus_path (dirs[d]);
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *rel = g_build_filename (dirs[d], name, NULL);
          g_autofree char *full = bench_test_corpus_path (rel);
          g_autoptr (GFile) file = g_file_new_for_path (full);
          g_autoptr (GError) error = NULL;
          g_autoptr (BenchSource) source = NULL;

          if (g_str_has_suffix (name, "SOURCES.md") || g_str_has_suffix (name, "INDEX.md"))
            continue;
          source = bench_source_load_file (file, NULL, NULL, NULL, &error);
          g_test_message ("%s: %s", rel, error ? error->message : "ok");
          /* the one malformed-on-purpose file may fail, but clearly */
          if (strstr (name, "malformed") != NULL && source == NULL)
            {
              g_assert_true (g_str_has_prefix (error->message, name));
              continue;
            }
          g_assert_no_error (error);
          g_assert_cmpuint (bench_source_get_n_results (source), >, 0);
        }
    }
}

/* Results in file order, compared on what both formats hold. */
static void
assert_same_results (const char *a_path,
                     const char *b_path,
                     gboolean    rounded)
{
  g_autoptr (BenchSource) a = bench_test_load_corpus (a_path);
  g_autoptr (BenchSource) b = bench_test_load_corpus (b_path);
  GPtrArray *ra = bench_source_get_results (a);
  GPtrArray *rb = bench_source_get_results (b);
  /* markdown prints two decimals; everything else six */
  double tol = rounded ? 0.005 + 1e-9 : 1e-6;

  g_test_message ("%s ~ %s", a_path, b_path);
  g_assert_cmpuint (ra->len, ==, rb->len);
  for (guint i = 0; i < ra->len; i++)
    {
      BenchResult *x = g_ptr_array_index (ra, i);
      BenchResult *y = g_ptr_array_index (rb, i);
      double ax = bench_result_get_avg_ts (x), ay = bench_result_get_avg_ts (y);
      double sx = bench_result_get_stddev_ts (x), sy = bench_result_get_stddev_ts (y);

      g_assert_cmpstr (bench_result_get_test_label (x), ==, bench_result_get_test_label (y));
      g_assert_cmpstr (bench_result_get_model_type (x), ==, bench_result_get_model_type (y));
      g_assert_cmpstr (bench_result_get_backends (x), ==, bench_result_get_backends (y));
      g_assert_cmpstr (bench_result_get_quantization (x), ==, bench_result_get_quantization (y));
      if (rounded)
        {
          g_assert_cmpfloat_with_epsilon (ax, ay, tol);
          g_assert_cmpfloat_with_epsilon (sx, sy, tol);
          /* size and parameters as markdown rounds them */
          g_assert_cmpfloat_with_epsilon ((double) bench_result_get_model_size (x),
                                          (double) bench_result_get_model_size (y),
                                          0.006 * 1024 * 1024 * 1024);
        }
      else
        {
          g_assert_cmpfloat_with_epsilon (ax, ay, tol * MAX (1, ax));
          g_assert_cmpfloat_with_epsilon (sx, sy, tol * MAX (1, ax));
          g_assert_cmpint (bench_result_get_model_size (x), ==, bench_result_get_model_size (y));
          g_assert_cmpint (bench_result_get_model_n_params (x), ==, bench_result_get_model_n_params (y));
          g_assert_cmpstr (bench_result_get_cpu_info (x), ==, bench_result_get_cpu_info (y));
          g_assert_cmpstr (bench_result_get_gpu_info (x), ==, bench_result_get_gpu_info (y));
          g_assert_cmpstr (bench_result_get_test_time (x), ==, bench_result_get_test_time (y));
          g_assert_cmpstr (bench_result_get_param_text (x, "n_threads"), ==,
                           bench_result_get_param_text (y, "n_threads"));
          g_assert_cmpint (bench_result_get_flash_attn (x), ==, bench_result_get_flash_attn (y));
        }
      g_assert_cmpstr (bench_result_get_build_commit (x), ==, bench_result_get_build_commit (y));
    }
}

static void
test_twins (void)
{
  assert_same_results ("generated/cpu-three-models.json", "generated/cpu-three-models.twin.md", TRUE);
  assert_same_results ("generated/cpu-sweep-prompt-depth.jsonl",
                       "generated/cpu-sweep-prompt-depth.twin.csv", FALSE);
  assert_same_results ("generated/cpu-threads-fa.twin.json", "generated/cpu-threads-fa.sql", FALSE);
}

static void
test_converted (void)
{
  assert_same_results ("public/strix-halo-gpt-oss-20b.default-hip.jsonl",
                       "converted/gpt-oss-20b-hip.json", FALSE);
  assert_same_results ("converted/gpt-oss-20b-hip.json", "converted/gpt-oss-20b-hip.md", TRUE);
  assert_same_results ("converted/gpt-oss-20b-hip-old-schema.json",
                       "converted/gpt-oss-20b-hip-old-schema.csv", FALSE);
  assert_same_results ("converted/gpt-oss-20b-hip-old-schema.json",
                       "converted/gpt-oss-20b-hip-old-schema.sql", FALSE);
  assert_same_results ("public/talk-strix-halo-rocm72-step35-flash-reap128-q4km.json",
                       "converted/talk-step35-flash.jsonl", FALSE);
  assert_same_results ("converted/talk-step35-flash.jsonl", "converted/talk-step35-flash.csv", FALSE);
  assert_same_results ("converted/talk-step35-flash.jsonl", "converted/talk-step35-flash.sql", FALSE);
  assert_same_results ("converted/talk-step35-flash.jsonl", "converted/talk-step35-flash.md", TRUE);
  /* the 2023 README's json, csv and sql examples are three different runs
   * (test_time 12:09:57, 12:09:01, 12:10:30): not compared */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus/counts", test_counts);
  g_test_add_func ("/corpus/every-file-loads", test_every_file_loads);
  g_test_add_func ("/corpus/twins-agree", test_twins);
  g_test_add_func ("/corpus/converted-agree", test_converted);

  return g_test_run ();
}
