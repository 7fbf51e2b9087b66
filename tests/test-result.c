/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-result.c — derived values of a result: labels, quantization, bits
 * per weight, bandwidth, statistics recomputed from samples, normalization. */
#include <math.h>
#include <string.h>

#include "bench-efficiency.h"
#include "bench-group.h"
#include "bench-test-util.h"

static BenchResult *
first_result (BenchSource *source)
{
  g_assert_cmpuint (bench_source_get_n_results (source), >, 0);
  return g_ptr_array_index (bench_source_get_results (source), 0);
}

static void
test_labels (void)
{
  struct { gint64 p, g, d; const char *label; } cases[] = {
    { 512, 0, 0, "pp512" },
    { 0, 128, 0, "tg128" },
    { 512, 128, 0, "pp512+tg128" },
    { 512, 0, 4096, "pp512 @ d4096" },
    { 0, 128, 4096, "tg128 @ d4096" },
    { 4096, 128, 0, "pp4096+tg128" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = bench_format_test_label (cases[i].p, cases[i].g, cases[i].d);
      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_quantization (void)
{
  struct { const char *type, *quant; } cases[] = {
    { "llama 7B Q4_0", "Q4_0" },
    { "llama 7B mostly Q4_0", "Q4_0" },
    { "qwen3moe 30B.A3B Q4_K - Medium", "Q4_K - Medium" },
    { "gpt-oss 20B MXFP4 MoE", "MXFP4 MoE" },
    { "Step 3.5 Flash 199B.A11B Q4_K_S imatrix", "Q4_K_S imatrix" },
    { "qwen4exp A3B IQ3_XXS - 3.0625 bpw", "IQ3_XXS - 3.0625 bpw" },
    { "deepseek4 ?B IQ2_XXS - 2.0625 bpw", "IQ2_XXS - 2.0625 bpw" },
    { "llama ?B F16", "F16" },
    { "gemma3 1B Q8_0", "Q8_0" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quant = bench_quantization_from_model_type (cases[i].type);
      g_assert_cmpstr (quant, ==, cases[i].quant);
    }
}

/* cpu-three-models.json, first record: tiny-16m-f16, pp128,
 * samples_ns 20072914 19989457 19894940, avg_ts 6404.641516 ± 28.543294 */
static void
test_statistics_from_samples (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-three-models.json");
  BenchResult *r = first_result (source);
  double ts[3] = { 128e9 / 20072914, 128e9 / 19989457, 128e9 / 19894940 };
  double mean = (ts[0] + ts[1] + ts[2]) / 3;
  double sd = sqrt (((ts[0] - mean) * (ts[0] - mean) + (ts[1] - mean) * (ts[1] - mean) +
                     (ts[2] - mean) * (ts[2] - mean)) / 2);

  g_assert_cmpstr (bench_result_get_test_label (r), ==, "pp128");
  g_assert_true (bench_result_has_samples (r));
  g_assert_cmpuint (bench_result_get_n_samples (r), ==, 3);
  g_assert_cmpfloat_with_epsilon (bench_result_get_avg_ns (r),
                                  (20072914.0 + 19989457.0 + 19894940.0) / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (bench_result_get_avg_ts (r), mean, 1e-9);
  g_assert_cmpfloat_with_epsilon (bench_result_get_stddev_ts (r), sd, 1e-9);
  /* and llama-bench agreed, to its six decimals */
  g_assert_cmpfloat_with_epsilon (bench_result_get_stated_avg_ts (r), 6404.641516, 1e-9);
  g_assert_cmpfloat_with_epsilon (bench_result_get_avg_ts (r), 6404.641516, 1e-5);
  g_assert_cmpfloat_with_epsilon (bench_result_get_stddev_ts (r), 28.543294, 1e-5);
  g_assert_false (bench_result_has_stats_mismatch (r));
}

/* llama-bench's one-pass formula in uint64 overflows: the stated stddev_ns
 * is absurd and stddev_ts wrong; recompute and flag it. */
static void
test_statistics_mismatch (void)
{
  const char *text =
    "{\"model_type\": \"llama 7B Q4_0\", \"n_prompt\": 100, \"n_gen\": 0, "
    "\"avg_ns\": 1000000000, \"stddev_ns\": 18446744073709551615, "
    "\"avg_ts\": 100.0, \"stddev_ts\": 37.5, "
    "\"samples_ns\": [1000000000, 1000000000, 1000000000, 1000000000], "
    "\"samples_ts\": [100, 100, 100, 100]}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  BenchResult *r;

  g_assert_no_error (error);
  r = first_result (source);
  g_assert_true (bench_result_has_stats_mismatch (r));
  g_assert_cmpfloat_with_epsilon (bench_result_get_avg_ts (r), 100.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (bench_result_get_stddev_ts (r), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (bench_result_get_stddev_ns (r), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (bench_result_get_stated_stddev_ts (r), 37.5, 1e-12);
}

/* f16 tiny model: 13124608 bytes, 6557952 parameters; tg32 at 1556.54 t/s */
static void
test_bits_and_bandwidth (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-three-models.json");
  BenchResult *pp = g_ptr_array_index (bench_source_get_results (source), 0);
  BenchResult *tg = g_ptr_array_index (bench_source_get_results (source), 1);
  BenchEfficiency e;

  g_assert_cmpfloat_with_epsilon (bench_result_get_bits_per_weight (pp),
                                  13124608.0 * 8 / 6557952.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (bench_result_get_bits_per_weight (pp), 16.0106, 1e-4);
  bench_efficiency_compute (pp, NULL, &e);
  g_assert_true (isnan (e.bandwidth_gbs));
  g_assert_cmpstr (bench_result_get_test_label (tg), ==, "tg32");
  /* a dense model reads all of it per token */
  bench_efficiency_compute (tg, NULL, &e);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs,
                                  13124608.0 * bench_result_get_avg_ts (tg) / 1e9, 1e-9);
  g_assert_cmpfloat_with_epsilon (e.bandwidth_gbs, 20.43, 0.01);
  /* a CPU machine's peak is the memory installed: unknown until entered */
  g_assert_cmpint (e.status, ==, BENCH_SHARE_NO_PEAK);
  g_assert_cmpstr (bench_result_get_quantization (tg), ==, "F16");
}

static void
test_hardware (void)
{
  g_autoptr (BenchSource) talk =
    bench_test_load_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autoptr (BenchSource) cpu = bench_test_load_corpus ("generated/cpu-three-models.json");
  BenchResult *r = first_result (talk);

  g_assert_cmpstr (bench_result_get_backends (r), ==, "ROCm");
  /* an integrated GPU: the CPU names the box */
  g_assert_cmpstr (bench_result_get_hardware_label (r), ==, "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S");
  g_assert_cmpstr (bench_result_get_hardware_label (first_result (cpu)), ==, "AMD EPYC");
  g_assert_cmpstr (bench_result_get_hardware_key (r), !=,
                   bench_result_get_hardware_key (first_result (cpu)));
}

static GPtrArray *
machines_of (BenchSource *source)
{
  return bench_group_results (bench_source_get_results (source), BENCH_GROUP_HARDWARE);
}

/* A box that ran ROCm and Vulkan is one machine with two backends: ROCm
 * calls a Strix Halo's GPU "AMD Radeon Graphics", Vulkan "Radeon 8060S
 * Graphics (RADV GFX1151)". The file holds two such boxes (an engineering
 * sample and a retail Ryzen AI MAX+ 395), each run on both backends. */
static void
test_machine_not_backend (void)
{
  g_autoptr (BenchSource) sweep =
    bench_test_load_corpus ("public/strix-halo-sweep-Qwen3-30B-A3B-UD-Q4_K_XL.jsonl");
  g_autoptr (BenchSource) rocm =
    bench_test_load_corpus ("public/kyuz0-strixhalo-rocm714-deepseek-v4-flash-curve-gen.jsonl");
  g_autoptr (BenchSource) vulkan =
    bench_test_load_corpus ("public/kyuz0-strixhalo-vulkan-radv-deepseek-v4-flash-curve-prefill.jsonl");
  g_autoptr (GPtrArray) machines = machines_of (sweep);
  g_autoptr (GPtrArray) all = g_ptr_array_new ();

  g_assert_cmpuint (machines->len, ==, 2);
  for (guint i = 0; i < machines->len; i++)
    {
      BenchGroup *machine = g_ptr_array_index (machines, i);
      GPtrArray *results = bench_group_get_results (machine);
      gboolean rocm_seen = FALSE, vulkan_seen = FALSE;

      for (guint j = 0; j < results->len; j++)
        {
          const char *backend = bench_result_get_backends (g_ptr_array_index (results, j));
          rocm_seen |= g_str_equal (backend, "ROCm");
          vulkan_seen |= g_str_equal (backend, "Vulkan");
        }
      g_assert_true (rocm_seen && vulkan_seen);
    }
  g_assert_cmpstr (bench_group_get_label (g_ptr_array_index (machines, 0)), ==,
                   "AMD Eng Sample: 100-000001243-50_Y");

  /* two files, one box: "AMD Radeon 8060S Graphics" (ROCm 7.14) and
   * "AMD Radeon 8060S Graphics (RADV STRIX_HALO)", with the box above */
  g_ptr_array_extend (all, bench_source_get_results (rocm), NULL, NULL);
  g_ptr_array_extend (all, bench_source_get_results (vulkan), NULL, NULL);
  g_ptr_array_extend (all, bench_source_get_results (sweep), NULL, NULL);
  g_ptr_array_unref (machines);
  machines = bench_group_results (all, BENCH_GROUP_HARDWARE);
  g_assert_cmpuint (machines->len, ==, 2);
  g_assert_cmpuint (bench_group_get_n_results (g_ptr_array_index (machines, 0)), ==, 9 + 9 + 208);
}

/* Discrete GPUs: the same card named by two backends is one machine,
 * another card another machine. */
static void
test_machine_gpu_names (void)
{
  static const struct { const char *gpu, *backend; guint machine; } cases[] = {
    { "AMD Radeon RX 7900 XTX", "ROCm", 0 },
    { "Radeon RX 7900 XTX (RADV NAVI31)", "Vulkan", 0 },
    { "AMD Radeon RX 7900 XTX (AMD proprietary driver)", "Vulkan", 0 },
    { "Intel(R) Arc(TM) B580 Graphics", "SYCL", 1 },
    { "Intel(R) Arc(tm) B580 Graphics (BMG G21)", "Vulkan", 1 },
    { "NVIDIA GeForce RTX 4090", "CUDA", 2 },
    { "NVIDIA GeForce RTX 4090", "Vulkan", 2 },
    { "NVIDIA GeForce RTX 4090, AMD Radeon Graphics", "Vulkan", 2 },
    { "NVIDIA GeForce RTX 3090", "CUDA", 3 },
  };
  const char *keys[4] = { NULL };
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (text,
                            "{\"cpu_info\": \"AMD Ryzen 9 7950X 16-Core Processor\", \"gpu_info\": \"%s\", "
                            "\"backends\": \"%s\", \"model_type\": \"llama 8B Q4_0\", "
                            "\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 100.0}\n",
                            cases[i].gpu, cases[i].backend);
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BenchResult *r = g_ptr_array_index (bench_source_get_results (source), i);
      const char *key = bench_result_get_hardware_key (r);

      if (keys[cases[i].machine] == NULL)
        keys[cases[i].machine] = key;
      g_assert_cmpstr (key, ==, keys[cases[i].machine]);
    }
  for (guint a = 0; a < G_N_ELEMENTS (keys); a++)
    for (guint b = a + 1; b < G_N_ELEMENTS (keys); b++)
      g_assert_cmpstr (keys[a], !=, keys[b]);
  g_assert_cmpstr (bench_result_get_hardware_label (g_ptr_array_index (bench_source_get_results (source), 1)), ==,
                   "Radeon RX 7900 XTX");
  g_assert_cmpstr (bench_result_get_hardware_label (g_ptr_array_index (bench_source_get_results (source), 4)), ==,
                   "Arc B580 Graphics");
}

/* Before the backends string: one boolean per backend. */
static void
test_old_backend_booleans (void)
{
  g_autoptr (BenchSource) docs =
    bench_test_load_corpus ("public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.json");
  g_autoptr (BenchSource) hip = bench_test_load_corpus ("converted/gpt-oss-20b-hip-old-schema.json");

  /* cuda, gpu_blas and blas set: llama-bench printed "CUDA" */
  g_assert_cmpstr (bench_result_get_backends (first_result (docs)), ==, "CUDA");
  /* the cuda flag on a Radeon was a ROCm build */
  g_assert_cmpstr (bench_result_get_backends (first_result (hip)), ==, "ROCm");
  g_assert_cmpstr (bench_result_get_param_text (first_result (docs), "cuda"), ==, "1");
  g_assert_cmpint (bench_result_get_n_depth (first_result (docs)), ==, 0);
}

static void
test_flash_attn (void)
{
  g_autoptr (BenchSource) old_bool =
    bench_test_load_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  g_autoptr (BenchSource) auto_int = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchSource) on_int =
    bench_test_load_corpus ("public/kyuz0-strixhalo-rocm714-deepseek-v4-flash-curve-gen.jsonl");
  const BenchParam *param;

  g_assert_cmpint (bench_result_get_flash_attn (first_result (old_bool)), ==, 1);
  g_assert_cmpint (bench_result_get_flash_attn (first_result (auto_int)), ==, -1);
  g_assert_cmpint (bench_result_get_flash_attn (first_result (on_int)), ==, 1);
  param = bench_result_lookup_param (first_result (old_bool), "flash_attn");
  g_assert_nonnull (param);
  g_assert_cmpint (param->type, ==, BENCH_VALUE_INT);
  g_assert_cmpstr (param->text, ==, "1");
}

/* Unknown fields are kept, in file order, with their type. */
static void
test_unknown_fields_kept (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/ik273-deepseek-r1-671b-cpu-xeon-ikfork-fa-on.json");
  BenchResult *r = first_result (source);
  guint n_params;
  const BenchParam *params = bench_result_get_params (r, &n_params);
  int mla = -1, fused = -1;

  for (guint i = 0; i < n_params; i++)
    {
      if (g_str_equal (params[i].key, "mla_attn"))
        mla = i;
      if (g_str_equal (params[i].key, "fused_moe"))
        fused = i;
    }
  g_assert_cmpint (mla, >=, 0);
  g_assert_cmpint (fused, >, mla);
  g_assert_cmpstr (bench_result_get_param_text (r, "test"), ==, "pp512");
  g_assert_cmpstr (bench_result_get_param_text (r, "use_direct_io"), ==, NULL);
}

static void
test_varying (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-threads-fa.twin.json");
  GPtrArray *results = bench_source_get_results (source);
  g_autoptr (GPtrArray) varying =
    bench_results_find_varying ((BenchResult **) results->pdata, results->len);
  g_autoptr (GPtrArray) one = bench_results_find_varying ((BenchResult **) results->pdata, 1);

  g_assert_cmpuint (results->len, ==, 8);
  g_assert_true (g_ptr_array_find_with_equal_func (varying, "n_threads", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (varying, "flash_attn", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (varying, "n_prompt", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (varying, "model_type", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (varying, "n_batch", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (varying, "n_depth", g_str_equal, NULL));
  g_assert_cmpuint (one->len, ==, 0);
}

/* Read-only properties for tables, the same as the getters */
static void
test_properties (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-threads-fa.twin.json");
  BenchResult *r = g_ptr_array_index (bench_source_get_results (source), 0);
  g_autofree char *test_label = NULL, *model = NULL, *hardware = NULL, *source_name = NULL;
  g_autofree char *build = NULL;
  gint64 n_prompt, n_gen, n_depth, size, n_params;
  double avg, sd, bpw;
  guint n_samples;
  int fa;
  gboolean mismatch;
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (r), &n_pspecs);

  g_object_get (r, "test-label", &test_label, "model-type", &model, "hardware-label", &hardware,
                "source", &source_name, "build-commit", &build, "n-prompt", &n_prompt,
                "n-gen", &n_gen, "n-depth", &n_depth, "model-size", &size,
                "model-n-params", &n_params, "avg-ts", &avg, "stddev-ts", &sd,
                "bits-per-weight", &bpw, "n-samples", &n_samples, "flash-attn", &fa,
                "has-stats-mismatch", &mismatch, NULL);
  g_assert_cmpstr (test_label, ==, bench_result_get_test_label (r));
  g_assert_cmpstr (model, ==, bench_result_get_model_type (r));
  g_assert_cmpstr (hardware, ==, bench_result_get_hardware_label (r));
  g_assert_cmpstr (source_name, ==, "cpu-threads-fa.twin.json");
  g_assert_cmpstr (build, ==, bench_result_get_build_commit (r));
  g_assert_cmpint (n_prompt, ==, bench_result_get_n_prompt (r));
  g_assert_cmpint (n_gen, ==, bench_result_get_n_gen (r));
  g_assert_cmpint (n_depth, ==, bench_result_get_n_depth (r));
  g_assert_cmpint (size, ==, bench_result_get_model_size (r));
  g_assert_cmpint (n_params, ==, bench_result_get_model_n_params (r));
  g_assert_cmpfloat (avg, ==, bench_result_get_avg_ts (r));
  g_assert_cmpfloat (sd, ==, bench_result_get_stddev_ts (r));
  g_assert_cmpfloat (bpw, ==, bench_result_get_bits_per_weight (r));
  g_assert_cmpuint (n_samples, ==, 3);
  g_assert_cmpint (fa, ==, bench_result_get_flash_attn (r));
  g_assert_cmpint (mismatch, ==, bench_result_has_stats_mismatch (r));

  /* results are immutable: every property reads, none writes */
  g_assert_cmpuint (n_pspecs, >=, 20);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_assert_true (pspecs[i]->flags & G_PARAM_READABLE);
      g_assert_false (pspecs[i]->flags & G_PARAM_WRITABLE);
    }
}

/* A machine's label looks the user's names up by the file it came from,
 * and keeps nothing of it: the file name is never interned for good (every
 * file the app looked at stayed in the process); a name given is found. */
static void
test_machine_name_lookup_keeps_nothing (void)
{
  g_autofree char *name = g_strdup_printf ("never-interned-%u.md", g_random_int ());
  static const char table[] = "| model | test | t/s |\n| --- | --- | --- |\n"
                              "| llama 7B Q4_0 | pp512 | 1.00 ± 0.01 |\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (table, strlen (table));
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_source_load_bytes (bytes, name, NULL, NULL, NULL, &error);
  BenchResult *r;

  g_assert_no_error (error);
  r = g_ptr_array_index (bench_source_get_results (source), 0);
  g_assert_true (bench_result_is_unnamed_machine (r));
  bench_machine_names_set ("some-other-file.md", "Studio");
  g_assert_nonnull (bench_result_get_hardware_label (r));
  g_assert_cmpuint (g_quark_try_string (bench_result_get_source (r)), ==, 0);

  bench_machine_names_set (bench_result_get_source (r), "Mac Studio");
  g_assert_cmpstr (bench_result_get_hardware_label (r), ==, "Mac Studio");
  bench_machine_names_clear ();
  g_assert_cmpstr (bench_result_get_hardware_label (r), !=, "Mac Studio");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/result/label", test_labels);
  g_test_add_func ("/result/quantization", test_quantization);
  g_test_add_func ("/result/statistics/from-samples", test_statistics_from_samples);
  g_test_add_func ("/result/statistics/mismatch-flagged", test_statistics_mismatch);
  g_test_add_func ("/result/bits-per-weight-and-bandwidth", test_bits_and_bandwidth);
  g_test_add_func ("/result/hardware", test_hardware);
  g_test_add_func ("/result/machine/not-backend", test_machine_not_backend);
  g_test_add_func ("/result/machine/gpu-names", test_machine_gpu_names);
  g_test_add_func ("/result/old-backend-booleans", test_old_backend_booleans);
  g_test_add_func ("/result/flash-attn", test_flash_attn);
  g_test_add_func ("/result/unknown-fields-kept", test_unknown_fields_kept);
  g_test_add_func ("/result/varying", test_varying);
  g_test_add_func ("/result/properties", test_properties);
  g_test_add_func ("/result/machine-name-lookup-keeps-nothing", test_machine_name_lookup_keeps_nothing);

  return g_test_run ();
}
