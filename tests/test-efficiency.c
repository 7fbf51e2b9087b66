/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-efficiency.c — bytes read per generated token, the peak bandwidth
 * table and its matcher, the share of the peak a run used. Expected values
 * are computed by hand in the comments. */
#include <math.h>

#include "bench-efficiency-private.h"
#include "bench-gguf.h"
#include "bench-test-util.h"

/* One llama-bench JSONL record with the fields these tests vary. */
static BenchResult *
make_result_file (const char *filename,
                  const char *model_type,
             gint64      size,
             gint64      n_params,
             gint64      n_prompt,
             gint64      n_gen,
             gint64      depth,
             double      ts,
             const char *gpu_info,
             const char *cpu_info,
             const char *backends,
             const char *extra)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *line = g_strdup_printf (
    "{\"build_commit\": \"abc\", \"build_number\": 1, \"cpu_info\": \"%s\", \"gpu_info\": \"%s\", "
    "\"backends\": \"%s\", \"model_filename\": \"%s\", \"model_type\": \"%s\", "
    "\"model_size\": %" G_GINT64_FORMAT ", \"model_n_params\": %" G_GINT64_FORMAT ", "
    "\"n_batch\": 2048, \"n_ubatch\": 512, \"n_threads\": 8, %s"
    "%s%s"
    "\"n_prompt\": %" G_GINT64_FORMAT ", \"n_gen\": %" G_GINT64_FORMAT ", \"n_depth\": %" G_GINT64_FORMAT ", "
    "\"test_time\": \"2025-10-28T15:42:18Z\", \"avg_ns\": %.0f, \"stddev_ns\": 0, "
    "\"avg_ts\": %.6f, \"stddev_ts\": 0}\n",
    cpu_info, gpu_info, backends, filename, model_type, size, n_params,
    extra && strstr (extra, "type_k") ? "" : "\"type_k\": \"f16\", \"type_v\": \"f16\", ",
    extra ? extra : "", extra ? ", " : "",
    n_prompt, n_gen, depth, 1e9 * (double) MAX (n_gen, n_prompt) / ts, ts);
  g_autoptr (BenchSource) source = bench_test_load_text (line, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
  return g_object_ref (g_ptr_array_index (bench_source_get_results (source), 0));
}

#define make_result(...) make_result_file ("", __VA_ARGS__)

#define RTX3090 "NVIDIA GeForce RTX 3090"
#define STRIX_CPU "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S"

/* llama 7B Q4_0, 3,825,065,984 bytes, dense: tg128 at 100 t/s on an RTX 3090
 * reads 3.825 GB per token → 382.5066 GB/s, 382.5066 / 936 = 40.866 % */
static void
test_dense (void)
{
  g_autoptr (BenchResult) r = make_result ("llama 7B Q4_0", 3825065984, 6738415616, 0, 128, 0, 100,
                                           RTX3090, "Intel", "CUDA", NULL);
  BenchEfficiency e;

  bench_efficiency_compute (r, NULL, &e);
  g_assert_cmpint (e.weights_source, ==, BENCH_WEIGHTS_DENSE);
  g_assert_cmpfloat (e.bytes_per_token, ==, 3825065984.0);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs, 382.5065984, 1e-6);
  g_assert_cmpfloat (e.peak.gbs, ==, 936);
  g_assert_cmpint (e.status, ==, BENCH_SHARE_KNOWN);
  g_assert_cmpfloat_with_epsilon (e.share, 0.40866090, 1e-6);
  g_assert_false (e.kv_omitted);
}

/* The same run at depth 4096 with the KV cache of llama 2 7B in f16:
 * 32 layers × 32 KV heads × (128 + 128) × 2 bytes = 524,288 bytes a token;
 * × 4096 = 2,147,483,648; + weights = 5,972,549,632 bytes → 597.2550 GB/s,
 * 63.809 % of 936. Without the header the KV term is left out and said so. */
static void
test_dense_at_depth (void)
{
  g_autoptr (BenchResult) r = make_result ("llama 7B Q4_0", 3825065984, 6738415616, 0, 128, 4096, 100,
                                           RTX3090, "Intel", "CUDA", NULL);
  BenchModelFacts facts = { 0, 0, NAN, 524288, 32 };
  BenchEfficiency e;
  g_autofree char *why = NULL;

  bench_efficiency_compute (r, &facts, &e);
  g_assert_cmpfloat (e.kv_bytes, ==, 2147483648.0);
  g_assert_cmpfloat (e.bytes_per_token, ==, 5972549632.0);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs, 597.2549632, 1e-6);
  g_assert_cmpfloat_with_epsilon (e.share, 0.63809291, 1e-6);

  bench_efficiency_compute (r, NULL, &e);
  g_assert_true (e.kv_omitted);
  g_assert_cmpfloat (e.bytes_per_token, ==, 3825065984.0);
  why = bench_efficiency_dup_explanation (&e);
  g_assert_nonnull (strstr (why, "KV cache"));
}

/* qwen3moe 30B.A3B Q4_K - Medium (17,709,692,928 bytes) with a header
 * saying 128 experts, 8 used, 90 % of the weights in expert tensors:
 * active = 0.10 + 0.90 × 8/128 = 0.15625 → 2,767,139,520 bytes; at 50 t/s
 * 138.3570 GB/s, 54.046 % of Strix Halo's 256 GB/s (ROCm prints only
 * "AMD Radeon Graphics"; cpu_info names the APU). */
static void
test_moe_from_gguf (void)
{
  g_autoptr (BenchResult) r = make_result ("qwen3moe 30B.A3B Q4_K - Medium", 17709692928, 30532122624,
                                           0, 128, 0, 50, "AMD Radeon Graphics", STRIX_CPU, "ROCm", NULL);
  BenchModelFacts facts = { 128, 8, 0.9, 98304, 48 };
  BenchEfficiency e;

  bench_efficiency_compute (r, &facts, &e);
  g_assert_cmpint (e.weights_source, ==, BENCH_WEIGHTS_MOE_GGUF);
  g_assert_cmpfloat_with_epsilon (e.active_fraction, 0.15625, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.bytes_per_token, 2767139520.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs, 138.356976, 1e-6);
  g_assert_cmpfloat (e.peak.gbs, ==, 256);
  g_assert_cmpfloat_with_epsilon (e.share, 0.5404569375, 1e-9);

  /* roofline at depth 16384: 256e9 / (2,767,139,520 + 16384 × 98,304)
   * = 256e9 / 4,377,752,256 = 58.4775 t/s */
  g_assert_cmpfloat_with_epsilon (bench_efficiency_roofline_ts (&e, 16384), 58.47749828, 1e-6);
  /* at depth 0 it is the weights alone: 256e9 / 2,767,139,520 = 92.5143 */
  g_assert_cmpfloat_with_epsilon (bench_efficiency_roofline_ts (&e, 0), 92.5143088, 1e-6);
}

/* MoE without a header: the active share from the type, as an estimate. */
static void
test_moe_from_model_type (void)
{
  struct {
    const char *type;
    gint64 params;
    BenchWeightsSource source;
    double fraction;
  } cases[] = {
    /* "35B.A3B" with 35.51 B parameters: 3 / 35.51 */
    { "qwen35moe 35B.A3B Q4_K - Medium", 35510000000, BENCH_WEIGHTS_MOE_TYPE, 3e9 / 35.51e9 },
    /* "A3B" alone: the total from model_n_params, 3 / 176.94 */
    { "qwen4exp A3B IQ3_XXS - 3.0625 bpw", 176943899520, BENCH_WEIGHTS_MOE_TYPE, 3e9 / 176943899520.0 },
    /* "199B.A11B" */
    { "Step 3.5 Flash 199B.A11B Q4_K_S imatrix", 196956130432, BENCH_WEIGHTS_MOE_TYPE, 11e9 / 196956130432.0 },
    /* known: Qwen3-30B-A3B has 3.3 B active, the type rounds it to 3 */
    { "qwen3moe 30B.A3B Q4_K - Medium", 30532122624, BENCH_WEIGHTS_MOE_KNOWN, 3.3e9 / 30532122624.0 },
    /* known: GLM-4.5-Air, 12 B active */
    { "glm4moe 106B.A12B Q4_K - Medium", 110468824832, BENCH_WEIGHTS_MOE_KNOWN, 12e9 / 110468824832.0 },
    /* the type says nothing: gpt-oss 20b 3.61 B of 20.91 B, 120b 5.13 B */
    { "gpt-oss 20B MXFP4 MoE", 20914757184, BENCH_WEIGHTS_MOE_KNOWN, 3.61e9 / 20914757184.0 },
    { "gpt-oss ?B F16", 116830000000, BENCH_WEIGHTS_MOE_KNOWN, 5.13e9 / 116830000000.0 },
    /* DeepSeek R1 671 B, 37 B active */
    { "deepseek2 671B IQ4_K_R4 - 4.5 bpw", 672050000000, BENCH_WEIGHTS_MOE_KNOWN, 37e9 / 672050000000.0 },
    /* Llama 4 Scout "17Bx16E": 17 B of 109 B */
    { "llama4 17Bx16E (Scout) Q4_K - Medium", 108640000000, BENCH_WEIGHTS_MOE_KNOWN, 17e9 / 108640000000.0 },
    { "llama4 17Bx16E Q4_K - Medium", 90000000000, BENCH_WEIGHTS_MOE_TYPE, 17e9 / 90e9 },
    /* Mixtral 8x7B: 12.9 B of 46.7 B */
    { "llama 8x7B Q4_0", 46700000000, BENCH_WEIGHTS_MOE_KNOWN, 12.9e9 / 46.7e9 },
    /* an MoE whose share cannot be known */
    { "deepseek4 ?B IQ2_XXS - 2.0625 bpw", 284334567511, BENCH_WEIGHTS_MOE_UNKNOWN, NAN },
    { "llama 16x3B Q4_0", 40000000000, BENCH_WEIGHTS_MOE_UNKNOWN, NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BenchWeightsSource source;
      double fraction;

      g_test_message ("%s", cases[i].type);
      g_assert_true (bench_model_type_active_fraction (cases[i].type, cases[i].params, &source, &fraction));
      g_assert_cmpint (source, ==, cases[i].source);
      if (isnan (cases[i].fraction))
        g_assert_true (isnan (fraction));
      else
        g_assert_cmpfloat_with_epsilon (fraction, cases[i].fraction, 1e-12);
    }

  /* dense types stay dense */
  {
    const char *dense[] = { "llama 7B Q4_0", "qwen3 32B Q8_0", "gemma3 4B Q4_0", "llama ?B F16", "qwen35 9B Q4_K - Medium" };
    for (guint i = 0; i < G_N_ELEMENTS (dense); i++)
      {
        BenchWeightsSource source;
        double fraction;
        g_assert_false (bench_model_type_active_fraction (dense[i], 1000, &source, &fraction));
        g_assert_cmpint (source, ==, BENCH_WEIGHTS_DENSE);
      }
  }
}

/* The whole computation for an MoE type: qwen35moe 35B.A3B, 22,838,488,596
 * bytes × 3 / 35.51 = 1,929,469,608.2 bytes; at 40 t/s 77.1788 GB/s; an
 * unknown MoE gives no bytes, never the dense figure. */
static void
test_moe_type_run (void)
{
  g_autoptr (BenchResult) r = make_result ("qwen35moe 35B.A3B Q4_K - Medium", 22838488596, 35510000000,
                                           0, 128, 0, 40, "Radeon 8060S Graphics", STRIX_CPU, "Vulkan", NULL);
  g_autoptr (BenchResult) unknown = make_result ("deepseek4 ?B IQ2_XXS - 2.0625 bpw", 90855391580, 284334567511,
                                                 0, 128, 0, 10, "Radeon 8060S Graphics", STRIX_CPU, "Vulkan", NULL);
  BenchEfficiency e;

  bench_efficiency_compute (r, NULL, &e);
  g_assert_cmpint (e.weights_source, ==, BENCH_WEIGHTS_MOE_TYPE);
  g_assert_cmpfloat_with_epsilon (e.bytes_per_token, 1929469608.2230358, 1e-3);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs, 77.17878432892144, 1e-9);
  g_assert_cmpfloat_with_epsilon (e.share, 77.17878432892144 / 256, 1e-9);

  bench_efficiency_compute (unknown, NULL, &e);
  g_assert_cmpint (e.weights_source, ==, BENCH_WEIGHTS_MOE_UNKNOWN);
  g_assert_true (isnan (e.bytes_per_token));
  g_assert_true (isnan (e.bandwidth_gbs));
  g_assert_true (isnan (e.share));
}

static void
test_prefill_has_no_roofline (void)
{
  g_autoptr (BenchResult) r = make_result ("llama 7B Q4_0", 3825065984, 6738415616, 512, 0, 0, 3000,
                                           RTX3090, "Intel", "CUDA", NULL);
  BenchEfficiency e;

  bench_efficiency_compute (r, NULL, &e);
  g_assert_cmpint (e.status, ==, BENCH_SHARE_NOT_GENERATION);
  g_assert_true (isnan (e.bandwidth_gbs));
  g_assert_true (isnan (e.share));
}

/* gpu_info / cpu_info as llama-bench prints them across backends and eras */
static void
test_matcher (void)
{
  struct { const char *gpu, *cpu; double gbs, gbs_min; } cases[] = {
    { "NVIDIA GeForce RTX 3090", "Intel(R) Core(TM) i7-8086K CPU @ 4.00GHz", 936, 936 },
    { "NVIDIA GeForce RTX 3090 Ti", "13th Gen Intel(R) Core(TM) i9-13900K", 1008, 1008 },
    { "NVIDIA GeForce RTX 4080", "AMD Ryzen 7 7800X3D 8-Core Processor", 716.8, 716.8 },
    { "NVIDIA GeForce RTX 4080 SUPER", "", 736, 736 },
    { "NVIDIA GeForce RTX 4090", "", 1008, 1008 },
    { "NVIDIA GeForce RTX 5090", "", 1792, 1792 },
    { "AMD Radeon Graphics", "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S", 256, 256 },
    { "AMD Radeon Graphics", "AMD Eng Sample: 100-000001243-50_Y", 256, 256 },
    { "Radeon 8060S Graphics", "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S", 256, 256 },
    { "Radeon 8060S Graphics (RADV GFX1151)", "", 256, 256 },
    { "AMD Radeon 8060S Graphics (RADV STRIX_HALO)", "", 256, 256 },
    { "AMD Radeon RX 7900 XTX", "", 960, 960 },
    { "AMD Radeon RX 7900 XT", "", 800, 800 },
    { "Intel(R) Arc(TM) B580 Graphics", "", 456, 456 },
    { "NVIDIA GB10", "", 273, 273 },
    { "Tesla V100-SXM2-16GB", "", 900, 900 },
    { "NVIDIA A100-SXM4-80GB", "", 2039, 2039 },
    { "NVIDIA H100 80GB HBM3", "", 3350, 3350 },
    { "Apple M1 Max", "Apple M1 Max", 400, 400 },
    { "Apple M1", "Apple M1", 68.25, 68.25 },
    { "Apple M2 Ultra", "", 800, 800 },
    /* variants gpu_info cannot tell apart: a range */
    { "Apple M3 Max", "Apple M3 Max", 400, 300 },
    { "Apple M4 Max", "", 546, 410 },
    /* a CPU run on an Apple chip reads the same memory */
    { "", "Apple M4 Pro", 273, 273 },
    { "Apple M5", "Apple M5", 153, 153 },
  };
  const char *unknown[][2] = {
    { "NVIDIA GeForce RTX 4090 Laptop GPU", "" },
    { "", "AMD EPYC" },
    { "", "Intel(R) Xeon(R) CPU E5-2690 v3 @ 2.60GHz" },
    { "AMD Radeon Graphics", "AMD Ryzen 7 7840U" },
    { "Tesla P40", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BenchPeak peak;
      g_test_message ("%s / %s", cases[i].gpu, cases[i].cpu);
      g_assert_true (bench_peak_lookup (cases[i].gpu, cases[i].cpu, &peak));
      g_assert_cmpfloat (peak.gbs, ==, cases[i].gbs);
      g_assert_cmpfloat (peak.gbs_min, ==, cases[i].gbs_min);
      g_assert_nonnull (peak.source);
      g_assert_cmpstr (peak.source, !=, "");
      g_assert_true (g_str_has_prefix (peak.url, "https://"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      BenchPeak peak;
      g_test_message ("%s / %s", unknown[i][0], unknown[i][1]);
      g_assert_false (bench_peak_lookup (unknown[i][0], unknown[i][1], &peak));
      g_assert_true (isnan (peak.gbs));
    }
}

/* An Apple chip in variants: the share is a range, and the text says so. */
static void
test_peak_range (void)
{
  /* llama 7B Q4_0 at 60 t/s: 229.5 GB/s; of 400 57.4 %, of 300 76.5 % */
  g_autoptr (BenchResult) r = make_result ("llama 7B Q4_0", 3825065984, 6738415616, 0, 128, 0, 60,
                                           "Apple M3 Max", "Apple M3 Max", "Metal,BLAS", NULL);
  BenchEfficiency e;
  g_autofree char *text = NULL;

  bench_efficiency_compute (r, NULL, &e);
  g_assert_cmpint (e.status, ==, BENCH_SHARE_PEAK_RANGE);
  g_assert_cmpfloat_with_epsilon (e.share, 229.50395904 / 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (e.share_max, 229.50395904 / 300, 1e-9);
  text = bench_efficiency_dup_text (&e);
  g_assert_nonnull (strstr (text, "57–77"));
}

/* Experts or layers on the CPU: the GPU's peak, no share. */
static void
test_offloaded (void)
{
  const char *extras[] = {
    "\"n_gpu_layers\": 99, \"n_cpu_moe\": 20",
    "\"n_gpu_layers\": 99, \"tensor_buft_overrides\": \"exps=CPU\"",
    "\"n_gpu_layers\": 20",
  };

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      g_autoptr (BenchResult) r = make_result ("qwen3moe 30B.A3B Q4_K - Medium", 17709692928, 30532122624,
                                               0, 128, 0, 30, RTX3090, "Intel", "CUDA", extras[i]);
      BenchModelFacts facts = { 128, 8, 0.9, 98304, 48 };
      BenchEfficiency e;
      g_autofree char *why = NULL;

      bench_efficiency_compute (r, &facts, &e);
      g_assert_cmpint (e.status, ==, BENCH_SHARE_OFFLOADED);
      g_assert_cmpfloat (e.peak.gbs, ==, 936);
      g_assert_true (isnan (e.share));
      g_assert_false (isnan (e.bandwidth_gbs));
      why = bench_efficiency_dup_explanation (&e);
      g_assert_nonnull (strstr (why, "two memories"));
    }

  /* all 99 layers on the GPU is not an offload */
  {
    g_autoptr (BenchResult) r = make_result ("llama 7B Q4_0", 3825065984, 6738415616, 0, 128, 0, 100,
                                             RTX3090, "Intel", "CUDA",
                                             "\"n_gpu_layers\": 99, \"n_cpu_moe\": 0, \"tensor_buft_overrides\": \"none\"");
    BenchModelFacts facts = { 0, 0, NAN, 524288, 32 };
    BenchEfficiency e;
    bench_efficiency_compute (r, &facts, &e);
    g_assert_cmpint (e.status, ==, BENCH_SHARE_KNOWN);
  }
}

/* The user's peak for a machine wins over the table; a CPU machine gets one. */
static void
test_user_peak (void)
{
  g_autoptr (BenchResult) epyc = make_result ("llama 7B Q4_0", 3825065984, 6738415616, 0, 128, 0, 10,
                                              "", "AMD EPYC 9355", "CPU", NULL);
  g_autoptr (BenchResult) rtx = make_result ("llama 7B Q4_0", 3825065984, 6738415616, 0, 128, 0, 100,
                                             RTX3090, "Intel", "CUDA", NULL);
  BenchEfficiency e;

  bench_efficiency_compute (epyc, NULL, &e);
  g_assert_cmpint (e.status, ==, BENCH_SHARE_NO_PEAK);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs, 38.25065984, 1e-9);

  /* 12 channels of DDR5-6000: 576 GB/s */
  bench_peak_set_user (bench_result_get_hardware_key (epyc), 576);
  bench_efficiency_compute (epyc, NULL, &e);
  g_assert_cmpint (e.status, ==, BENCH_SHARE_KNOWN);
  g_assert_true (e.peak.from_user);
  g_assert_cmpfloat_with_epsilon (e.share, 38.25065984 / 576, 1e-9);

  bench_peak_set_user (bench_result_get_hardware_key (rtx), 900);
  bench_efficiency_compute (rtx, NULL, &e);
  g_assert_cmpfloat (e.peak.gbs, ==, 900);

  bench_peak_set_user (bench_result_get_hardware_key (rtx), NAN);
  bench_efficiency_compute (rtx, NULL, &e);
  g_assert_cmpfloat (e.peak.gbs, ==, 936);
  bench_peak_clear_user ();
  bench_efficiency_compute (epyc, NULL, &e);
  g_assert_cmpint (e.status, ==, BENCH_SHARE_NO_PEAK);
}

static void
register_gguf (const char *name)
{
  g_autofree char *relative = g_build_filename ("gguf", name, NULL);
  g_autofree char *path = bench_test_corpus_path (relative);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchGgufInfo) info = bench_gguf_info_read_file (path, &error);

  g_assert_no_error (error);
  bench_gguf_register (path, info);
}

/* The model file known: its header gives the experts and the KV cache.
 * meta-qwen3moe-30b-a3b-shape.gguf: 128 experts, 8 used; expert FFNs
 * 28,991,029,248 parameters of the result's 30,532,122,624 (the header's
 * dims, so an estimate): s = 0.9495255; active = (1 − s) + s × 8/128 =
 * 0.1098198 → 1,944,875,575.7 bytes of 17,709,692,928. KV in f16: 48 layers
 * × 4 KV heads × (128 + 128) × 2 = 98,304 bytes a token; at depth 16384
 * 1,610,612,736. Total 3,555,488,311.7 bytes; at 50 t/s 177.7744 GB/s,
 * 69.443 % of 256; roofline 256e9 / 3,555,488,311.7 = 72.0014 t/s. */
static void
test_moe_from_gguf_file (void)
{
  g_autoptr (BenchResult) r = NULL;
  BenchEfficiency e;

  bench_gguf_reset ();
  register_gguf ("meta-qwen3moe-30b-a3b-shape.gguf");
  r = make_result_file ("/models/meta-qwen3moe-30b-a3b-shape.gguf", "qwen3moe 30B.A3B Q4_K - Medium",
                        17709692928, 30532122624, 0, 128, 16384, 50,
                        "AMD Radeon Graphics", STRIX_CPU, "ROCm", NULL);
  bench_efficiency_compute (r, NULL, &e);
  g_assert_cmpint (e.weights_source, ==, BENCH_WEIGHTS_MOE_GGUF);
  g_assert_true (e.weights_estimated);
  g_assert_cmpfloat_with_epsilon (e.active_fraction, 0.10981983615, 1e-9);
  g_assert_cmpfloat (e.kv_bytes_per_token, ==, 98304);
  g_assert_cmpfloat (e.kv_bytes, ==, 1610612736.0);
  g_assert_false (e.kv_omitted);
  g_assert_cmpfloat_with_epsilon (e.bytes_per_token, 3555488311.69, 0.01);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs, 177.774415584, 1e-6);
  g_assert_cmpfloat_with_epsilon (e.share, 0.694431310877, 1e-9);
  g_assert_cmpfloat_with_epsilon (bench_efficiency_roofline_ts (&e, 16384), 72.0013617, 1e-6);
  g_assert_cmpfloat_with_epsilon (bench_efficiency_roofline_ts (&e, 0), 131.6279577, 1e-6);
  bench_gguf_reset ();
}

/* meta-llama-gqa-8b-shape.gguf: dense, 32 layers, 8 KV heads of 128:
 * 32 × 8 × 256 × 2 = 131,072 bytes a token in f16 (69,632 in q8_0). A
 * llama 8B Q4_K_M of 4,920,733,696 bytes at depth 4096: 4,920,733,696 +
 * 536,870,912 = 5,457,604,608 bytes; at 80 t/s 436.6084 GB/s, 46.646 % of
 * an RTX 3090's 936 (flagged: under half). In q8_0: 5,205,946,368 bytes.
 * 20 of its 32 layers on the GPU: two memories, no share. */
static void
test_dense_from_gguf_file (void)
{
  g_autoptr (BenchResult) f16 = NULL;
  g_autoptr (BenchResult) q8 = NULL;
  g_autoptr (BenchResult) partial = NULL;
  BenchEfficiency e;
  g_autofree char *why = NULL;

  bench_gguf_reset ();
  register_gguf ("meta-llama-gqa-8b-shape.gguf");
  f16 = make_result_file ("meta-llama-gqa-8b-shape.gguf", "llama 8B Q4_K - Medium", 4920733696, 8030261248,
                          0, 128, 4096, 80, RTX3090, "Intel", "CUDA", "\"n_gpu_layers\": 99");
  bench_efficiency_compute (f16, NULL, &e);
  g_assert_cmpint (e.weights_source, ==, BENCH_WEIGHTS_DENSE);
  g_assert_false (e.weights_estimated);
  g_assert_cmpfloat (e.bytes_per_token, ==, 5457604608.0);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs, 436.60836864, 1e-6);
  g_assert_cmpfloat_with_epsilon (e.share, 0.46646193231, 1e-9);
  why = bench_efficiency_dup_explanation (&e);
  g_assert_nonnull (strstr (why, "Far below"));

  q8 = make_result_file ("meta-llama-gqa-8b-shape.gguf", "llama 8B Q4_K - Medium", 4920733696, 8030261248,
                         0, 128, 4096, 80, RTX3090, "Intel", "CUDA",
                         "\"type_k\": \"q8_0\", \"type_v\": \"q8_0\"");
  bench_efficiency_compute (q8, NULL, &e);
  g_assert_cmpfloat (e.bytes_per_token, ==, 5205946368.0);

  partial = make_result_file ("meta-llama-gqa-8b-shape.gguf", "llama 8B Q4_K - Medium", 4920733696,
                              8030261248, 0, 128, 0, 30, RTX3090, "Intel", "CUDA", "\"n_gpu_layers\": 20");
  bench_efficiency_compute (partial, NULL, &e);
  g_assert_cmpint (e.status, ==, BENCH_SHARE_OFFLOADED);
  bench_gguf_reset ();
}

static void
test_table_errors (void)
{
  const char *bad[] = { "", "{", "[]", "{\"devices\": 3}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr (GError) error = NULL;
      GPtrArray *devices = bench_peak_table_parse (bytes, &error);
      g_assert_null (devices);
      g_assert_nonnull (error);
    }
}

/* No run in the corpus uses more than its machine's peak: a share above
 * 100 % would mean the bytes-per-token model is wrong for that case. */
static void
test_corpus_shares (void)
{
  g_autofree char *root = bench_test_corpus_path ("public");
  g_autoptr (GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;
  guint n_known = 0, n_over = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *relative = g_build_filename ("public", name, NULL);
      g_autofree char *path = bench_test_corpus_path (relative);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (BenchSource) source = NULL;

      if (g_str_has_suffix (name, "SOURCES.md"))
        continue;
      source = bench_source_load_file (file, NULL, NULL, NULL, NULL);
      if (source == NULL)
        continue;
      for (guint i = 0; i < bench_source_get_n_results (source); i++)
        {
          BenchResult *r = g_ptr_array_index (bench_source_get_results (source), i);
          BenchEfficiency e;

          bench_efficiency_compute (r, NULL, &e);
          if (e.status != BENCH_SHARE_KNOWN && e.status != BENCH_SHARE_PEAK_RANGE)
            continue;
          n_known++;
          if (e.share > 1.0)
            {
              n_over++;
              g_printerr ("share above 100 %%: %s line %u %s %s %s: %.1f GB/s of %.0f\n", name,
                          bench_result_get_line (r), bench_result_get_model_type (r),
                          bench_result_get_test_label (r), bench_result_get_hardware_label (r),
                          e.bandwidth_gbs, e.peak.gbs);
            }
        }
    }
  g_test_message ("%u runs with a known share, %u above 100 %%", n_known, n_over);
  g_assert_cmpuint (n_known, >, 100);
  g_assert_cmpuint (n_over, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/efficiency/dense", test_dense);
  g_test_add_func ("/efficiency/dense-at-depth-counts-the-kv-cache", test_dense_at_depth);
  g_test_add_func ("/efficiency/moe-from-gguf-facts", test_moe_from_gguf);
  g_test_add_func ("/efficiency/moe-from-gguf-file", test_moe_from_gguf_file);
  g_test_add_func ("/efficiency/dense-from-gguf-file", test_dense_from_gguf_file);
  g_test_add_func ("/efficiency/moe-share-from-model-type", test_moe_from_model_type);
  g_test_add_func ("/efficiency/moe-run-estimated-from-type", test_moe_type_run);
  g_test_add_func ("/efficiency/prefill-has-no-roofline", test_prefill_has_no_roofline);
  g_test_add_func ("/efficiency/peak/matcher", test_matcher);
  g_test_add_func ("/efficiency/peak/variants-give-a-range", test_peak_range);
  g_test_add_func ("/efficiency/peak/user-entry-wins", test_user_peak);
  g_test_add_func ("/efficiency/peak/malformed-table", test_table_errors);
  g_test_add_func ("/efficiency/offloaded-runs-have-no-share", test_offloaded);
  g_test_add_func ("/efficiency/corpus-shares-never-above-peak", test_corpus_shares);
  return g_test_run ();
}
