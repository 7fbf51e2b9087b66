/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reader-markdown.c — the markdown reader against real tables from
 * ../shared/corpus and small pastes built here.
 *
 * Expected values were read by hand from the corpus files (and, for the
 * twin test, from generated/cpu-three-models.json).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bench-reader.h"
#include "bench-test-util.h"

#define GIB (1024.0 * 1024.0 * 1024.0)
#define MIB (1024.0 * 1024.0)

/* A direct call of the reader, for input the format detection would not
 * hand to it (binary garbage) or that needs a cancellable. */
typedef struct
{
  BenchStrPool       *pool;
  BenchRecordBuilder *builder;
  GPtrArray          *results;
  GPtrArray          *diagnostics;
  BenchReadContext    ctx;
} DirectRead;

static void
direct_read_init (DirectRead   *read,
                  GCancellable *cancellable)
{
  read->pool = bench_str_pool_new ();
  read->builder = bench_record_builder_new (read->pool);
  read->results = g_ptr_array_new_with_free_func (g_object_unref);
  read->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_diagnostic_free);
  read->ctx = (BenchReadContext) {
    .name = "direct",
    .builder = read->builder,
    .results = read->results,
    .diagnostics = read->diagnostics,
    .cancellable = cancellable,
  };
}

static void
direct_read_clear (DirectRead *read)
{
  g_ptr_array_unref (read->results);
  g_ptr_array_unref (read->diagnostics);
  bench_record_builder_free (read->builder);
  bench_str_pool_unref (read->pool);
}

static BenchResult *
result_at (BenchSource *source,
           guint        i)
{
  GPtrArray *results = bench_source_get_results (source);

  g_assert_cmpuint (i, <, results->len);
  return g_ptr_array_index (results, i);
}

static BenchSource *
load_paste (const char *text)
{
  g_autoptr (GError) error = NULL;
  BenchSource *source = bench_test_load_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_cmpint (bench_source_get_format (source), ==, BENCH_FORMAT_MARKDOWN);
  return source;
}

/* The diagnostic whose message holds @needle, or NULL. */
static BenchDiagnostic *
find_diagnostic (GPtrArray  *diagnostics,
                 const char *needle)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      BenchDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      if (strstr (diagnostic->message, needle) != NULL)
        return diagnostic;
    }
  return NULL;
}

static void
assert_rate (BenchResult *result,
             double       avg,
             double       stddev)
{
  g_assert_cmpfloat_with_epsilon (bench_result_get_avg_ts (result), avg, 1e-9);
  g_assert_cmpfloat_with_epsilon (bench_result_get_stddev_ts (result), stddev, 1e-9);
}

static void
assert_test (BenchResult *result,
             gint64       n_prompt,
             gint64       n_gen,
             gint64       n_depth,
             const char  *label)
{
  g_assert_cmpint (bench_result_get_n_prompt (result), ==, n_prompt);
  g_assert_cmpint (bench_result_get_n_gen (result), ==, n_gen);
  g_assert_cmpint (bench_result_get_n_depth (result), ==, n_depth);
  g_assert_cmpstr (bench_result_get_test_label (result), ==, label);
}

/* Corpus ------------------------------------------------------------------ */

static const struct
{
  const char *path;
  guint       records;
} corpus_counts[] = {
  { "public/1337hero-dual-rx7900xtx-vulkan-log.md", 12 },
  { "public/ik273-deepseek-lite-cpu-gp-mla-fa-sweep.md", 42 },
  { "public/ik273-deepseek-r1-671b-cpu-threads-sweep.md", 8 },
  { "public/ik399-gtx1650s-cuda-blas-qwen3moe-ot-exps-cpu.md", 4 },
  /* hand-merged, but every row has the header's 11 cells: all four load */
  { "public/ik399-handmerged-framework-comparison-malformed.md", 4 },
  { "public/issue-geerling-ai-bench-20-rx580-on-riscv-p550-vulkan.md", 4 },
  { "public/issue-geerling-ai-bench-23-rx7900xt-on-pi5-vulkan.md", 4 },
  { "public/issue-geerling-ai-bench-48-m1-ultra-metal-blas.md", 4 },
  { "public/issue-geerling-ai-bench-54-radxa-dragon-q8b-arm-cpu.md", 4 },
  { "public/issue-ipex-llm-12991-arc-b580-sycl.md", 6 },
  { "public/issue-llamacpp-10693-xiaomi14-adreno-opencl-two-models.md", 4 },
  { "public/issue-llamacpp-16276-rpc-only-gemma3-4b.md", 2 },
  { "public/issue-llamacpp-18626-cuda-rpc-dev-column-overflow-truncated.md", 4 },
  { "public/issue-llamacpp-18871-snapdragon-8-elite-gen5-adreno-opencl.md", 6 },
  { "public/issue-llamacpp-2059-rx6800xt-opencl-vulkan-rocm-one-table-truncated.md", 11 },
  { "public/issue-llamacpp-22078-arc-b70-sycl-gemma4-31b.md", 4 },
  { "public/issue-llamacpp-25547-m5-blas-mtl-r1-zero-stddev.md", 2 },
  { "public/issue-llamacpp-2626-first-llama-bench-2023-08.md", 2 },
  { "public/issue-llamacpp-4560-jetson-tx2-cuda-ngl-sweep-2023-truncated.md", 7 },
  { "public/issue-llamacpp-4766-rtx4090-cuda-3-models-2024-overflow-truncated.md", 5 },
  { "public/issue-llamacpp-5835-handedited-backend-names-compact.md", 6 },
  { "public/kyuz0-strixhalo-vulkan-radv-qwen36-35b-a3b-longctx.md", 2 },
  { "public/lhl-strixhalo-cluster-vulkan-rpc-gpt-oss-120b.md", 2 },
  { "converted/gpt-oss-20b-hip.md", 10 },
  { "converted/talk-step35-flash.md", 12 },
  { "generated/cpu-three-models.twin.md", 6 },
};

/* Markdown files of the corpus that describe it: tables, but none of them
 * llama-bench's. */
static const char *const corpus_docs[] = {
  "public/SOURCES.md",
  "generated/INDEX.md",
};

static gboolean
is_listed (const char *relative)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus_counts); i++)
    if (g_str_equal (corpus_counts[i].path, relative))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (corpus_docs); i++)
    if (g_str_equal (corpus_docs[i], relative))
      return TRUE;
  return FALSE;
}

static void
test_corpus_counts (void)
{
  static const char *const dirs[] = { "public", "converted", "generated" };

  for (guint i = 0; i < G_N_ELEMENTS (corpus_counts); i++)
    {
      g_autoptr (BenchSource) source = bench_test_load_corpus (corpus_counts[i].path);

      g_test_message ("%s", corpus_counts[i].path);
      g_assert_cmpint (bench_source_get_format (source), ==, BENCH_FORMAT_MARKDOWN);
      g_assert_cmpuint (bench_source_get_n_results (source), ==, corpus_counts[i].records);
      g_assert_cmpuint (bench_source_get_skipped (source), ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (corpus_docs); i++)
    {
      g_autofree char *path = bench_test_corpus_path (corpus_docs[i]);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchSource) source = bench_source_load_file (file, NULL, NULL, NULL, &error);

      g_assert_null (source);
      g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_EMPTY);
    }

  /* every .md file of the corpus is in one of the two lists */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir_path = bench_test_corpus_path (dirs[i]);
      g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *relative = g_build_filename (dirs[i], name, NULL);
          if (g_str_has_suffix (name, ".md") && !is_listed (relative))
            g_error ("%s is not in the list of corpus counts", relative);
        }
    }
}

/* Three tables with identical keys, each with its footer, in a script log
 * whose ggml_vulkan lines hold pipes. */
static void
test_corpus_log_three_tables (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/1337hero-dual-rx7900xtx-vulkan-log.md");
  BenchResult *first = result_at (source, 0);
  BenchResult *last = result_at (source, 11);

  g_assert_cmpstr (bench_result_get_model_type (first), ==, "llama 7B Q4_0");
  /* 3.56 GiB and 6.74 B, as printed */
  g_assert_cmpint (bench_result_get_model_size (first), ==, (gint64) llround (3.56 * GIB));
  g_assert_cmpint (bench_result_get_model_n_params (first), ==, G_GINT64_CONSTANT (6740000000));
  g_assert_cmpstr (bench_result_get_backends (first), ==, "Vulkan");
  g_assert_cmpstr (bench_result_get_param_text (first, "n_gpu_layers"), ==, "100");
  g_assert_cmpstr (bench_result_get_param_text (first, "n_batch"), ==, "256");
  g_assert_cmpint (bench_result_get_flash_attn (first), ==, 0);
  g_assert_cmpstr (bench_result_get_build_commit (first), ==, "34ce48d97");
  g_assert_cmpint (bench_result_get_build_number (first), ==, 7356);
  g_assert_cmpuint (bench_result_get_line (first), ==, 39);
  assert_test (first, 512, 0, 0, "pp512");
  assert_rate (first, 758.22, 1.75);

  g_assert_cmpint (bench_result_get_flash_attn (last), ==, 1);
  assert_test (last, 0, 128, 0, "tg128");
  assert_rate (last, 115.63, 0.01);
  g_assert_cmpuint (bench_result_get_line (last), ==, 67);

  /* each table is a run of its own */
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 0)), ==, 0);
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 3)), ==, 0);
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 4)), ==, 1);
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 8)), ==, 2);
}

/* Fork names (tg64@pp8192), no size and no backend column, CRLF, trailing
 * spaces after the header's last pipe, and a last line without CR. */
static void
test_corpus_ik_fork_depth (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/ik273-deepseek-lite-cpu-gp-mla-fa-sweep.md");
  BenchResult *first = result_at (source, 0);
  BenchResult *seventh = result_at (source, 6);
  BenchResult *last = result_at (source, 41);

  g_assert_cmpstr (bench_result_get_model_type (first), ==, "deepseek2 16B IQ4_NL_R4");
  g_assert_cmpint (bench_result_get_model_size (first), ==, 0);
  g_assert_cmpint (bench_result_get_model_n_params (first), ==, G_GINT64_CONSTANT (15760000000));
  g_assert_cmpstr (bench_result_get_param_text (first, "n_threads"), ==, "32");
  g_assert_cmpstr (bench_result_get_param_text (first, "type_k"), ==, "q8_0");
  g_assert_cmpstr (bench_result_get_param_text (first, "mla_attn"), ==, "1");
  g_assert_cmpstr (bench_result_get_param_text (first, "fused_moe"), ==, "1");
  g_assert_cmpint (bench_result_get_flash_attn (first), ==, 0);
  g_assert_cmpstr (bench_result_get_build_commit (first), ==, "");
  assert_test (first, 0, 64, 128, "tg64 @ d128");
  assert_rate (first, 34.04, 0.03);

  assert_test (seventh, 0, 64, 8192, "tg64 @ d8192");
  assert_rate (seventh, 25.58, 0.01);

  g_assert_cmpstr (bench_result_get_param_text (last, "mla_attn"), ==, "3");
  g_assert_cmpint (bench_result_get_flash_attn (last), ==, 1);
  assert_test (last, 0, 64, 8192, "tg64 @ d8192");
  assert_rate (last, 26.12, 0.03);
}

/* The footer reaches the rows through CRLF and a blank line; `ot` and
 * `threads` columns; an overflowing model name. */
static void
test_corpus_crlf_footer (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/ik399-gtx1650s-cuda-blas-qwen3moe-ot-exps-cpu.md");
  BenchResult *first = result_at (source, 0);
  BenchResult *last = result_at (source, 3);

  g_assert_cmpstr (bench_result_get_model_type (first), ==, "qwen3moe 30B.A3B IQ4_XS - 4.25 bpw");
  g_assert_cmpint (bench_result_get_model_size (first), ==, (gint64) llround (15.32 * GIB));
  g_assert_cmpstr (bench_result_get_backends (first), ==, "CUDA,BLAS");
  g_assert_cmpstr (bench_result_get_param_text (first, "tensor_buft_overrides"), ==, "exps=CPU");
  g_assert_cmpstr (bench_result_get_param_text (first, "n_threads"), ==, "6");
  g_assert_cmpstr (bench_result_get_build_commit (first), ==, "15e03282");
  g_assert_cmpint (bench_result_get_build_number (last), ==, 5318);
  assert_test (first, 512, 0, 0, "pp512");
  assert_rate (first, 14.29, 0.05);
  assert_rate (last, 2.75, 0.36);
}

/* The hand-merged table: an extra `framework` column, `N/A` cells, and
 * mainline rows whose fa value only looks misplaced. Splitting at the pipes
 * puts 0 under fa and N/A under amb and fmoe, which is what the author
 * meant (the same rows appear in the unmerged ik399 table with fa 0). */
static void
test_corpus_hand_merged (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/ik399-handmerged-framework-comparison-malformed.md");
  BenchResult *ik = result_at (source, 0);
  BenchResult *mainline = result_at (source, 2);

  g_assert_cmpstr (bench_result_get_param_text (ik, "framework"), ==, "ik_llama.cpp");
  g_assert_cmpstr (bench_result_get_param_text (ik, "attn_max_batch"), ==, "512");
  g_assert_cmpstr (bench_result_get_param_text (ik, "fused_moe"), ==, "1");
  g_assert_cmpstr (bench_result_get_model_type (ik), ==, "qwen3moe ?B IQ4_XS_R8 - 4.25 bpw");
  assert_rate (ik, 15.82, 1.91);

  g_assert_cmpstr (bench_result_get_param_text (mainline, "framework"), ==, "llama.cpp");
  g_assert_cmpstr (bench_result_get_backends (mainline), ==, "CUDA,BLAS");
  g_assert_cmpstr (bench_result_get_param_text (mainline, "n_gpu_layers"), ==, "99");
  g_assert_cmpint (bench_result_get_flash_attn (mainline), ==, 0);
  /* N/A is no value, not the text "N/A" */
  g_assert_null (bench_result_get_param_text (mainline, "attn_max_batch"));
  g_assert_null (bench_result_get_param_text (mainline, "fused_moe"));
  assert_test (mainline, 512, 0, 0, "pp512");
  assert_rate (mainline, 14.29, 0.05);
}

static void
test_corpus_old_names (void)
{
  g_autoptr (BenchSource) first_pr =
    bench_test_load_corpus ("public/issue-llamacpp-2626-first-llama-bench-2023-08.md");
  g_autoptr (BenchSource) opencl =
    bench_test_load_corpus ("public/issue-llamacpp-2059-rx6800xt-opencl-vulkan-rocm-one-table-truncated.md");
  g_autoptr (BenchSource) overflow =
    bench_test_load_corpus ("public/issue-llamacpp-4766-rtx4090-cuda-3-models-2024-overflow-truncated.md");
  BenchResult *result;

  /* 2023: an n_gpu_layers column, no size, "mostly" */
  result = result_at (first_pr, 0);
  g_assert_cmpstr (bench_result_get_model_type (result), ==, "LLaMA 7B mostly Q4_0");
  g_assert_cmpstr (bench_result_get_param_text (result, "n_gpu_layers"), ==, "99");
  g_assert_cmpstr (bench_result_get_backends (result), ==, "CUDA");
  assert_test (result, 512, 0, 0, "pp512");
  assert_rate (result, 2242.06, 24.26);
  assert_test (result_at (first_pr, 1), 0, 128, 0, "tg128");

  /* "pp 512" with a space */
  result = result_at (opencl, 0);
  g_assert_cmpstr (bench_result_get_backends (result), ==, "OpenCL");
  g_assert_cmpstr (bench_result_get_param_text (result, "n_gpu_layers"), ==, "0");
  assert_test (result, 512, 0, 0, "pp512");
  assert_rate (result, 103.91, 13.10);
  result = result_at (opencl, 10);
  g_assert_cmpstr (bench_result_get_backends (result), ==, "ROCm");
  assert_rate (result, 684.11, 3.10);

  /* a rate wider than its column */
  result = result_at (overflow, 0);
  g_assert_cmpstr (bench_result_get_model_type (result), ==, "llama 7B F16");
  g_assert_cmpint (bench_result_get_model_size (result), ==, (gint64) llround (12.55 * GIB));
  assert_rate (result, 11048.22, 269.74);
  assert_rate (result_at (overflow, 4), 7979.85, 114.18);
}

static void
test_corpus_newer_tests (void)
{
  g_autoptr (BenchSource) combined =
    bench_test_load_corpus ("public/issue-geerling-ai-bench-48-m1-ultra-metal-blas.md");
  g_autoptr (BenchSource) depth =
    bench_test_load_corpus ("public/kyuz0-strixhalo-vulkan-radv-qwen36-35b-a3b-longctx.md");
  g_autoptr (BenchSource) dev =
    bench_test_load_corpus ("public/issue-llamacpp-18626-cuda-rpc-dev-column-overflow-truncated.md");
  g_autoptr (BenchSource) single =
    bench_test_load_corpus ("public/issue-llamacpp-25547-m5-blas-mtl-r1-zero-stddev.md");
  BenchResult *result;

  result = result_at (combined, 3);
  g_assert_cmpint (bench_result_get_model_size (result), ==, (gint64) llround (636.18 * MIB));
  g_assert_cmpint (bench_result_get_model_n_params (result), ==, G_GINT64_CONSTANT (1100000000));
  g_assert_cmpstr (bench_result_get_backends (result), ==, "Metal,BLAS");
  g_assert_cmpstr (bench_result_get_param_text (result, "n_threads"), ==, "16");
  g_assert_cmpint (bench_result_get_test_kind (result), ==, BENCH_TEST_PG);
  assert_test (result, 4096, 128, 0, "pp4096+tg128");
  assert_rate (result, 2211.38, 15.05);
  /* no footer, no build */
  g_assert_cmpstr (bench_result_get_build_commit (result), ==, "");
  g_assert_cmpint (bench_result_get_build_number (result), ==, 0);

  /* a model name one character wider than its column */
  result = result_at (depth, 0);
  g_assert_cmpstr (bench_result_get_model_type (result), ==, "qwen35moe 35B.A3B Q4_K - Medium");
  g_assert_cmpstr (bench_result_get_param_text (result, "use_mmap"), ==, "0");
  g_assert_cmpint (bench_result_get_flash_attn (result), ==, 1);
  g_assert_cmpstr (bench_result_get_build_commit (result), ==, "1a68ec937");
  g_assert_cmpint (bench_result_get_build_number (result), ==, 9193);
  assert_test (result, 2048, 0, 32768, "pp2048 @ d32768");
  assert_rate (result, 715.52, 1.18);
  assert_test (result_at (depth, 1), 0, 32, 32768, "tg32 @ d32768");

  /* `dev` values wider than their column */
  result = result_at (dev, 3);
  g_assert_cmpstr (bench_result_get_param_text (result, "devices"), ==, "RPC0/RPC1/RPC2/RPC3");
  g_assert_cmpstr (bench_result_get_param_text (result, "n_ubatch"), ==, "256");
  g_assert_cmpstr (bench_result_get_backends (result), ==, "CUDA,RPC");
  assert_rate (result, 5007.86, 132.02);

  /* -r 1 */
  result = result_at (single, 1);
  g_assert_cmpstr (bench_result_get_backends (result), ==, "BLAS,MTL");
  assert_test (result, 0, 64, 0, "tg64");
  assert_rate (result, 20.21, 0.0);
}

/* The md twin of generated/cpu-three-models.json: the same 6 tests, values
 * within llama-bench's two decimals. Expected values copied from the JSON. */
static void
test_twin_of_json (void)
{
  static const struct
  {
    const char *model_type;
    gint64      model_size;
    gint64      n_params;
    gint64      n_prompt;
    gint64      n_gen;
    double      avg_ts;
    double      stddev_ts;
  } json[] = {
    { "llama ?B F16",  13124608,  6557952, 128,  0, 6404.641516,  28.543294 },
    { "llama ?B F16",  13124608,  6557952,   0, 32, 1556.542965, 148.02336 },
    { "llama ?B Q8_0",  6980608,  6557952, 128,  0, 5294.942299, 238.561479 },
    { "llama ?B Q8_0",  6980608,  6557952,   0, 32, 1951.720282, 128.626248 },
    { "llama ?B Q4_0", 23416832, 41431552, 128,  0, 1280.453407,  15.136085 },
    { "llama ?B Q4_0", 23416832, 41431552,   0, 32,  480.233715,  20.91673 },
  };
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-three-models.twin.md");

  g_assert_cmpuint (bench_source_get_n_results (source), ==, G_N_ELEMENTS (json));
  for (guint i = 0; i < G_N_ELEMENTS (json); i++)
    {
      BenchResult *result = result_at (source, i);

      g_assert_cmpstr (bench_result_get_model_type (result), ==, json[i].model_type);
      /* "12.52 MiB" and "6.56 M" are within half their last digit */
      g_assert_cmpfloat_with_epsilon ((double) bench_result_get_model_size (result),
                                      (double) json[i].model_size, 0.005 * MIB);
      g_assert_cmpfloat_with_epsilon ((double) bench_result_get_model_n_params (result),
                                      (double) json[i].n_params, 0.005e6);
      g_assert_cmpint (bench_result_get_n_prompt (result), ==, json[i].n_prompt);
      g_assert_cmpint (bench_result_get_n_gen (result), ==, json[i].n_gen);
      g_assert_cmpint (bench_result_get_n_depth (result), ==, 0);
      g_assert_cmpfloat_with_epsilon (bench_result_get_avg_ts (result), json[i].avg_ts, 0.005);
      g_assert_cmpfloat_with_epsilon (bench_result_get_stddev_ts (result), json[i].stddev_ts, 0.005);
      g_assert_cmpstr (bench_result_get_backends (result), ==, "CPU");
      g_assert_cmpstr (bench_result_get_param_text (result, "n_threads"), ==, "2");
      g_assert_cmpstr (bench_result_get_build_commit (result), ==, "unknown");
      g_assert_cmpint (bench_result_get_build_number (result), ==, 0);
    }
  g_assert_cmpstr (bench_result_get_test_label (result_at (source, 0)), ==, "pp128");
  g_assert_cmpstr (bench_result_get_test_label (result_at (source, 1)), ==, "tg32");
}

/* Pastes --------------------------------------------------------------- */

static void
test_paste_prose_around (void)
{
  const char *post =
    "## My results on the 7900 XTX\n"
    "\n"
    "Hardware | Price\n"
    "--- | ---\n"
    "7900 XTX | 900\n"
    "\n"
    "Ran it twice, here is the second run:\n"
    "\n"
    "> ```\n"
    "> | model | size | params | backend | ngl | test | t/s |\n"
    "> | ----- | ---: | -----: | ------- | --: | ---: | --: |\n"
    "> | llama 8B Q4_K - Medium | 4.58 GiB | 8.03 B | ROCm | 99 | pp512 | 3145.82 ± 12.50 |\n"
    "> | llama 8B Q4_K - Medium | 4.58 GiB | 8.03 B | ROCm | 99 | tg128 | 96.40 ± 0.11 |\n"
    ">\n"
    "> build: a1b2c3d4 (4567)\n"
    "> ```\n"
    "\n"
    "| GPU | verdict |\n"
    "|-----|---------|\n"
    "| 7900 XTX | fast |\n"
    "\n"
    "Thanks!\n";
  g_autoptr (BenchSource) source = load_paste (post);
  BenchResult *pp = result_at (source, 0);
  BenchResult *tg = result_at (source, 1);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_source_get_diagnostics (source)->len, ==, 0);
  g_assert_cmpstr (bench_result_get_model_type (pp), ==, "llama 8B Q4_K - Medium");
  g_assert_cmpint (bench_result_get_model_n_params (pp), ==, G_GINT64_CONSTANT (8030000000));
  g_assert_cmpstr (bench_result_get_backends (pp), ==, "ROCm");
  g_assert_cmpuint (bench_result_get_line (pp), ==, 12);
  assert_test (pp, 512, 0, 0, "pp512");
  assert_rate (pp, 3145.82, 12.50);
  assert_test (tg, 0, 128, 0, "tg128");
  g_assert_cmpstr (bench_result_get_build_commit (tg), ==, "a1b2c3d4");
  g_assert_cmpint (bench_result_get_build_number (tg), ==, 4567);
}

static void
test_paste_crlf (void)
{
  g_autoptr (BenchSource) source =
    load_paste ("| model | backend | threads | test | t/s |\r\n"
                "| --- | --- | ---: | ---: | ---: |\r\n"
                "| llama 1B Q8_0 | CPU | 8 | pp512 | 210.50 ± 1.25 |\r\n"
                "| llama 1B Q8_0 | CPU | 8 | tg128 | 30.75 ± 0.05 |\r\n"
                "\r\n"
                "build: deadbeef (42)\r\n");
  BenchResult *tg = result_at (source, 1);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpstr (bench_result_get_backends (tg), ==, "CPU");
  g_assert_cmpstr (bench_result_get_param_text (tg, "n_threads"), ==, "8");
  g_assert_cmpstr (bench_result_get_build_commit (tg), ==, "deadbeef");
  g_assert_cmpint (bench_result_get_build_number (tg), ==, 42);
  assert_rate (tg, 30.75, 0.05);
}

/* A rich-text paste: no outer pipes, `-- | --` separator, a user's own
 * column with a space in its name. */
static void
test_paste_no_outer_pipes (void)
{
  g_autoptr (BenchSource) source =
    load_paste ("model | size | params | backend | My GPU | test | t/s\n"
                "-- | -- | -- | -- | -- | -- | --\n"
                "llama 7B Q4_0 | 3.56 GiB | 6.74 B | Vulkan | RX 580 | pp 512 | 120.10 ± 0.30\n"
                "llama 7B Q4_0 | 3.56 GiB | 6.74 B | Vulkan | RX 580 | tg 128 | 20.20 ± 0.02\n"
                "\n"
                "That was it.\n");
  BenchResult *pp = result_at (source, 0);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpstr (bench_result_get_param_text (pp, "my_gpu"), ==, "RX 580");
  g_assert_cmpstr (bench_result_get_backends (pp), ==, "Vulkan");
  assert_test (pp, 512, 0, 0, "pp512");
  assert_rate (pp, 120.10, 0.30);
  assert_test (result_at (source, 1), 0, 128, 0, "tg128");
}

/* Every way the rate is written, and test names of every era. */
static void
test_paste_rates_and_tests (void)
{
  g_autoptr (BenchSource) source =
    load_paste ("|model|size|test|t/s|\n"
                "|:-|-:|-:|-:|\n"
                "|m|12.52 MiB|pp512|100.50 +- 2.25|\n"
                "|m|1.50 KiB|tg128|10.25±0.75|\n"
                "|m|2048 B|pp512+tg128|55.5|\n"
                "|m|1.00 TiB|pp512 @ d4096|80.00 ± nan|\n"
                "|m|N/A|tg32 @ d1024|9.00 +/- 0.50|\n"
                "|m|-|pp4096+tg128 @ d8192|7.00 ± 0.01|\n");
  BenchResult *result;

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 6);

  result = result_at (source, 0);
  g_assert_cmpint (bench_result_get_model_size (result), ==, (gint64) llround (12.52 * MIB));
  assert_rate (result, 100.50, 2.25);
  result = result_at (source, 1);
  g_assert_cmpint (bench_result_get_model_size (result), ==, 1536);
  assert_test (result, 0, 128, 0, "tg128");
  assert_rate (result, 10.25, 0.75);
  result = result_at (source, 2);
  g_assert_cmpint (bench_result_get_model_size (result), ==, 2048);
  assert_test (result, 512, 128, 0, "pp512+tg128");
  assert_rate (result, 55.5, 0.0);
  result = result_at (source, 3);
  g_assert_cmpint (bench_result_get_model_size (result), ==, G_GINT64_CONSTANT (1099511627776));
  assert_test (result, 512, 0, 4096, "pp512 @ d4096");
  g_assert_cmpfloat_with_epsilon (bench_result_get_avg_ts (result), 80.0, 1e-9);
  g_assert_true (isnan (bench_result_get_stddev_ts (result)));
  result = result_at (source, 4);
  g_assert_cmpint (bench_result_get_model_size (result), ==, 0);
  g_assert_null (bench_result_get_param_text (result, "size"));
  assert_test (result, 0, 32, 1024, "tg32 @ d1024");
  assert_rate (result, 9.0, 0.5);
  assert_test (result_at (source, 5), 4096, 128, 8192, "pp4096+tg128 @ d8192");
}

/* Footers ---------------------------------------------------------------- */

/* A footer gives its build to the tables above it that have none; a table
 * after the last footer has no build. */
static void
test_footer_reach (void)
{
  g_autoptr (BenchSource) source =
    load_paste ("| model | test | t/s |\n"
                "| --- | --- | --- |\n"
                "| a | pp512 | 1.00 ± 0.00 |\n"
                "\n"
                "| model | test | t/s |\n"
                "| --- | --- | --- |\n"
                "| b | pp512 | 2.00 ± 0.00 |\n"
                "\n"
                "build: 1111111 (11)\n"
                "\n"
                "| model | test | t/s |\n"
                "| --- | --- | --- |\n"
                "| c | pp512 | 3.00 ± 0.00 |\n"
                "\n"
                "build: not a footer\n");

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 3);
  g_assert_cmpstr (bench_result_get_build_commit (result_at (source, 0)), ==, "1111111");
  g_assert_cmpint (bench_result_get_build_number (result_at (source, 0)), ==, 11);
  g_assert_cmpstr (bench_result_get_build_commit (result_at (source, 1)), ==, "1111111");
  g_assert_cmpstr (bench_result_get_build_commit (result_at (source, 2)), ==, "");
  /* three tables, three runs */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (bench_result_get_run_index (result_at (source, i)), ==, i);
}

/* llama-bench's stderr between rows does not end the table. */
static void
test_log_lines_between_rows (void)
{
  g_autoptr (BenchSource) source =
    load_paste ("| model | backend | ngl | test | t/s |\n"
                "| --- | --- | --: | --: | --: |\n"
                "| a 1B F16 | Vulkan | 99 | pp512 | 500.00 ± 5.00 |\n"
                "ggml_vulkan: Found 1 Vulkan devices:\n"
                "ggml_vulkan: 0 = Radeon (radv) | uma: 1 | fp16: 1 | warp size: 64\n"
                "\n"
                "| b 1B F16 | Vulkan | 99 | pp512 | 400.00 ± 4.00 |\n"
                "\n"
                "build: abc1234 (100)\n");

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_source_get_diagnostics (source)->len, ==, 0);
  g_assert_cmpstr (bench_result_get_model_type (result_at (source, 1)), ==, "b 1B F16");
  g_assert_cmpuint (bench_result_get_line (result_at (source, 1)), ==, 7);
  g_assert_cmpstr (bench_result_get_build_commit (result_at (source, 1)), ==, "abc1234");
}

/* Bad rows --------------------------------------------------------------- */

static void
test_row_wrong_cell_count (void)
{
  g_autoptr (BenchSource) source =
    load_paste ("| model | ngl | test | t/s |\n"
                "| --- | --- | --- | --- |\n"
                "| a | 99 | pp512 | 1.00 ± 0.00 |\n"
                "| b | 99 | extra | pp512 | 2.00 ± 0.00 |\n"
                "| c | pp512 | 3.00 ± 0.00 |\n"
                "| d | 99 | tg128 | 4.00 ± 0.00 |\n");
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);
  BenchDiagnostic *more = find_diagnostic (diagnostics, "row has 5 cells, the header has 4");
  BenchDiagnostic *fewer = find_diagnostic (diagnostics, "row has 3 cells, the header has 4");

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 2);
  g_assert_nonnull (more);
  g_assert_cmpuint (more->line, ==, 4);
  /* the first cell past the header's count: "2.00 ± 0.00" */
  g_assert_cmpuint (more->column, ==, 28);
  g_assert_nonnull (fewer);
  g_assert_cmpuint (fewer->line, ==, 5);
  g_assert_cmpstr (bench_result_get_model_type (result_at (source, 1)), ==, "d");
}

/* A paste cut in the middle of its last row loads the complete rows. */
static void
test_row_truncated (void)
{
  g_autoptr (BenchSource) source =
    load_paste ("| model | test | t/s |\n"
                "| --- | --- | --- |\n"
                "| a | pp512 | 1.00 ± 0.00 |\n"
                "| a | tg128 | 2.0");
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);
  BenchDiagnostic *diagnostic = g_ptr_array_index (diagnostics, 0);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpuint (diagnostic->line, ==, 4);
  g_assert_cmpuint (diagnostic->column, ==, 18);
  g_assert_nonnull (strstr (diagnostic->message, "ends in the middle"));
}

static void
test_row_bad_values (void)
{
  g_autoptr (BenchSource) source =
    load_paste ("| model | test | t/s |\n"
                "| --- | --- | --- |\n"
                "| a | pp512 | 1.00 ± 0.00 |\n"
                "| a | warmup | 2.00 ± 0.00 |\n"
                "| a | tg128 | N/A |\n"
                "| a | pp512x | 3.00 ± 0.00 |\n"
                "| a | tg128 | 4.00 ± 0.10 |\n");
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);
  BenchDiagnostic *test = find_diagnostic (diagnostics, "“warmup”");
  BenchDiagnostic *rate = find_diagnostic (diagnostics, "“N/A”");

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 3);
  g_assert_cmpuint (diagnostics->len, ==, 3);
  g_assert_nonnull (test);
  g_assert_cmpuint (test->line, ==, 4);
  g_assert_cmpuint (test->column, ==, 7);
  g_assert_nonnull (rate);
  g_assert_cmpuint (rate->line, ==, 5);
  g_assert_cmpuint (rate->column, ==, 15);
  g_assert_nonnull (find_diagnostic (diagnostics, "“pp512x”"));
}

/* Look-alikes ------------------------------------------------------------ */

static void
assert_lookalike_error (const char *text,
                        const char *tool)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  g_autofree char *expected = g_strdup_printf ("this looks like %s output, not llama-bench", tool);

  g_assert_null (source);
  g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_lookalike_sweep_bench (void)
{
  assert_lookalike_error (
    "|    PP |     TG |   N_KV |   T_PP s | S_PP t/s |   T_TG s | S_TG t/s |\n"
    "|-------|--------|--------|----------|----------|----------|----------|\n"
    "|   512 |    128 |      0 |    0.910 |   562.62 |    4.532 |    28.24 |\n"
    "|   512 |    128 |    512 |    0.943 |   543.04 |    4.610 |    27.77 |\n",
    "llama-sweep-bench");
}

static void
test_lookalike_compare (void)
{
  /* an invalid line first: the look-alike still names the error */
  assert_lookalike_error (
    "| bad \xFF line |\n"
    "| Model | Test | t/s master | t/s PR | Speedup |\n"
    "|:------|:-----|-----------:|-------:|--------:|\n"
    "| llama 8B Q4_0 | pp512 | 3000.12 | 3100.50 | 1.03 |\n",
    "compare-llama-bench.py");
}

/* llama-benchy has `test` and `t/s` columns, and is still not llama-bench. */
static void
test_lookalike_benchy (void)
{
  assert_lookalike_error (
    "| model | test | t/s | peak t/s | ttfr (ms) | est_ppt (ms) | e2e_ttft (ms) |\n"
    "|:--|--:|--:|--:|--:|--:|--:|\n"
    "| Qwen2.5-0.5B | pp128 | 6066.73 ± 90.47 | | 253.36 ± 14.02 | 192.57 ± 14.02 | 253.36 ± 1.02 |\n",
    "llama-benchy");
}

/* Hostile input -------------------------------------------------------- */

static const char table_head[] =
  "| model | test | t/s |\n"
  "| --- | --- | --- |\n";

static void
test_hostile_invalid_utf8_and_nul (void)
{
  static const char text[] =
    "| model | test | t/s |\n"
    "| --- | --- | --- |\n"
    "| a | pp512 | 1.00 ± 0.00 |\n"
    "| b\xC3\x28 | pp512 | 2.00 ± 0.00 |\n"
    "| c\0c | pp512 | 3.00 ± 0.00 |\n"
    "| d | tg128 | 4.00 ± 0.00 |\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, sizeof text - 1, &error);
  GPtrArray *diagnostics;
  BenchDiagnostic *diagnostic;

  g_assert_no_error (error);
  diagnostics = bench_source_get_diagnostics (source);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpstr (bench_result_get_model_type (result_at (source, 1)), ==, "d");
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 2);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  diagnostic = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpuint (diagnostic->line, ==, 4);
  g_assert_cmpuint (diagnostic->column, ==, 4);
  diagnostic = g_ptr_array_index (diagnostics, 1);
  g_assert_cmpuint (diagnostic->line, ==, 5);
  g_assert_cmpuint (diagnostic->column, ==, 4);
}

static void
test_hostile_garbage (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  /* bytes that make table syntax likely */
  static const char alphabet[] = "|||---::  \n\nppt512g@d±.\r>\0\xFF\xC3";

  for (guint round = 0; round < 20; round++)
    {
      DirectRead read;
      gboolean ok;

      g_byte_array_set_size (bytes, 0);
      if (round % 2 == 0)
        g_byte_array_append (bytes, (const guint8 *) table_head, sizeof table_head - 1);
      for (guint i = 0; i < 20000; i++)
        {
          guint8 byte = round < 10 ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                                   : (guint8) g_rand_int_range (rand, 0, 256);
          g_byte_array_append (bytes, &byte, 1);
        }

      direct_read_init (&read, NULL);
      ok = bench_read_markdown (&read.ctx, (const char *) bytes->data, bytes->len, NULL);
      g_assert_true (ok);
      g_assert_cmpint (read.ctx.format, ==, BENCH_FORMAT_MARKDOWN);
      for (guint i = 0; i < read.results->len; i++)
        g_assert_true (BENCH_IS_RESULT (g_ptr_array_index (read.results, i)));
      direct_read_clear (&read);
    }

  /* nothing at all */
  {
    DirectRead read;

    direct_read_init (&read, NULL);
    g_assert_true (bench_read_markdown (&read.ctx, "", 0, NULL));
    g_assert_cmpuint (read.results->len, ==, 0);
    direct_read_clear (&read);
  }
}

/* Thousands of columns, and a row too long to be one. */
static void
test_hostile_wide_and_long (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;
  GPtrArray *diagnostics;

  for (guint i = 0; i < 5000; i++)
    g_string_append (text, i == 0 ? "| test " : i == 1 ? "| t/s " : "| x ");
  g_string_append (text, "|\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "|---");
  g_string_append (text, "|\n");

  g_string_append (text, table_head);
  g_string_append (text, "| a | pp512 | 1.00 ± 0.00 |\n");
  g_string_append (text, "| b | pp512 | ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "9.9");
  g_string_append (text, " |\n");
  g_string_append (text, "| c | tg128 | 2.00 ± 0.00 |\n");

  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  diagnostics = bench_source_get_diagnostics (source);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  g_assert_nonnull (find_diagnostic (diagnostics, "5000 columns"));
  g_assert_nonnull (find_diagnostic (diagnostics, "too long"));
}

static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GString) text = g_string_new (table_head);
  g_autoptr (GError) error = NULL;
  DirectRead read;

  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "| a | pp512 | 1.00 ± 0.00 |\n");
  g_cancellable_cancel (cancellable);

  direct_read_init (&read, cancellable);
  g_assert_false (bench_read_markdown (&read.ctx, text->str, text->len, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  direct_read_clear (&read);

  /* and the same text, not cancelled, loads every row */
  direct_read_init (&read, NULL);
  g_assert_true (bench_read_markdown (&read.ctx, text->str, text->len, NULL));
  g_assert_cmpuint (read.results->len, ==, 10000);
  direct_read_clear (&read);
}

/* Rows without a header ---------------------------------------------------- */

/* Real tables whose columns are model | size | params | backend | ngl or
 * threads | test | t/s: with their header and separator lines taken out,
 * the rows alone give the same records. */
static const char * const headerless_files[] = {
  "public/issue-geerling-ai-bench-20-rx580-on-riscv-p550-vulkan.md",
  "public/issue-geerling-ai-bench-23-rx7900xt-on-pi5-vulkan.md",
  "public/issue-geerling-ai-bench-48-m1-ultra-metal-blas.md",
  "public/issue-geerling-ai-bench-54-radxa-dragon-q8b-arm-cpu.md",
  "public/issue-ipex-llm-12991-arc-b580-sycl.md",
  "public/issue-llamacpp-10693-xiaomi14-adreno-opencl-two-models.md",
  "public/issue-llamacpp-16276-rpc-only-gemma3-4b.md",
  "public/issue-llamacpp-18871-snapdragon-8-elite-gen5-adreno-opencl.md",
  "public/issue-llamacpp-2059-rx6800xt-opencl-vulkan-rocm-one-table-truncated.md",
  "public/issue-llamacpp-22078-arc-b70-sycl-gemma4-31b.md",
  "public/issue-llamacpp-25547-m5-blas-mtl-r1-zero-stddev.md",
  "public/issue-llamacpp-4560-jetson-tx2-cuda-ngl-sweep-2023-truncated.md",
  "public/issue-llamacpp-4766-rtx4090-cuda-3-models-2024-overflow-truncated.md",
  "public/issue-llamacpp-5835-handedited-backend-names-compact.md",
  "public/lhl-strixhalo-cluster-vulkan-rpc-gpt-oss-120b.md",
};

/* the text without the lines of table headers and separators */
static char *
strip_headers (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *squeezed = g_strdup (lines[i]);
      gboolean separator = TRUE;

      g_strdelimit (squeezed, " \t\r>", ' ');
      g_strstrip (squeezed);
      for (const char *c = squeezed; *c; c++)
        if (!strchr ("|-: ", *c))
          separator = FALSE;
      if ((separator && strchr (squeezed, '-') != NULL) ||
          (g_str_has_prefix (squeezed, "|") && strstr (squeezed, " model ") != NULL))
        continue;
      g_string_append (out, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
assert_same_record (BenchResult *a,
                    BenchResult *b)
{
  const char * const params[] = { "n_gpu_layers", "n_threads" };

  g_assert_cmpstr (bench_result_get_model_type (a), ==, bench_result_get_model_type (b));
  g_assert_cmpint (bench_result_get_model_size (a), ==, bench_result_get_model_size (b));
  g_assert_cmpint (bench_result_get_model_n_params (a), ==, bench_result_get_model_n_params (b));
  g_assert_cmpstr (bench_result_get_backends (a), ==, bench_result_get_backends (b));
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    g_assert_cmpstr (bench_result_get_param_text (a, params[i]), ==,
                     bench_result_get_param_text (b, params[i]));
  g_assert_cmpstr (bench_result_get_test_label (a), ==, bench_result_get_test_label (b));
  g_assert_cmpfloat (bench_result_get_avg_ts (a), ==, bench_result_get_avg_ts (b));
  g_assert_cmpfloat (bench_result_get_stddev_ts (a), ==, bench_result_get_stddev_ts (b));
  g_assert_cmpstr (bench_result_get_build_commit (a), ==, bench_result_get_build_commit (b));
}

static void
test_headerless_real_rows (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (headerless_files); f++)
    {
      g_autoptr (BenchSource) with_header = bench_test_load_corpus (headerless_files[f]);
      g_autofree char *path = bench_test_corpus_path (headerless_files[f]);
      g_autofree char *text = NULL;
      g_autofree char *rows = NULL;
      g_autoptr (BenchSource) without = NULL;
      GPtrArray *a, *b;

      g_test_message ("%s", headerless_files[f]);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      rows = strip_headers (text);
      g_assert_null (strstr (rows, "| model"));
      without = load_paste (rows);
      a = bench_source_get_results (with_header);
      b = bench_source_get_results (without);
      g_assert_cmpuint (b->len, ==, a->len);
      for (guint i = 0; i < a->len; i++)
        assert_same_record (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
      g_assert_nonnull (find_diagnostic (bench_source_get_diagnostics (without),
                                         "rows without a header"));
    }
}

/* Rows between log lines, told apart by their values: ngl for a GPU
 * backend, threads for CPU and BLAS ones; a change of columns starts
 * another run. Rows from issue-geerling-ai-bench-23 and -54. */
static void
test_headerless_between_log_lines (void)
{
  const char *text =
    "ggml_vulkan: Found 1 Vulkan devices:\n"
    "ggml_vulkan: 0 = AMD Radeon RX 7900 XT (RADV NAVI31) (radv) | uma: 0 | fp16: 1 | warp size: 64\n"
    "| qwen2 14B Q4_K - Medium        |   8.37 GiB |    14.77 B | Vulkan     |  99 |           pp512 |        335.63 ± 0.78 |\n"
    "load_tensors: offloaded 49/49 layers to GPU\n"
    "| qwen2 14B Q4_K - Medium        |   8.37 GiB |    14.77 B | Vulkan     |  99 |           tg128 |          7.16 ± 0.15 |\n"
    "\n"
    "build: 3469684 (1275)\n"
    "$ ./llama-bench -m llama-1b.gguf\n"
    "| llama 1B Q4_K - Medium         | 636.18 MiB |     1.10 B | CPU        |       8 |           pp512 |        194.49 ± 0.74 |\n"
    "| llama 1B Q4_K - Medium         | 636.18 MiB |     1.10 B | CPU        |       8 |           tg128 |         38.81 ± 0.40 |\n";
  g_autoptr (BenchSource) source = load_paste (text);
  GPtrArray *results = bench_source_get_results (source);
  BenchResult *first = result_at (source, 0);
  BenchResult *cpu = result_at (source, 2);

  g_assert_cmpuint (results->len, ==, 4);
  g_assert_cmpstr (bench_result_get_model_type (first), ==, "qwen2 14B Q4_K - Medium");
  g_assert_cmpint (bench_result_get_model_size (first), ==, (gint64) llround (8.37 * GIB));
  g_assert_cmpint (bench_result_get_model_n_params (first), ==, 14770000000);
  g_assert_cmpstr (bench_result_get_backends (first), ==, "Vulkan");
  g_assert_cmpstr (bench_result_get_param_text (first, "n_gpu_layers"), ==, "99");
  g_assert_cmpstr (bench_result_get_build_commit (first), ==, "3469684");
  assert_test (first, 512, 0, 0, "pp512");
  assert_rate (first, 335.63, 0.78);
  assert_test (result_at (source, 1), 0, 128, 0, "tg128");

  g_assert_cmpint (bench_result_get_model_size (cpu), ==, (gint64) llround (636.18 * MIB));
  g_assert_cmpint (bench_result_get_model_n_params (cpu), ==, 1100000000);
  g_assert_cmpstr (bench_result_get_param_text (cpu, "n_threads"), ==, "8");
  g_assert_null (bench_result_get_param_text (cpu, "n_gpu_layers"));
  g_assert_cmpstr (bench_result_get_build_commit (cpu), !=, "3469684");
  assert_rate (result_at (source, 3), 38.81, 0.40);
  /* two runs: the footer closes the first */
  g_assert_cmpuint (bench_result_get_run_index (first), !=, bench_result_get_run_index (cpu));
}

/* Rows whose columns cannot be named from their values load nothing. */
static void
test_headerless_unnamed_columns (void)
{
  const char *texts[] = {
    /* three integer columns between backend and test */
    "| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 99 | 8 | 1 | pp512 | 4003.61 ± 2.53 |\n",
    /* a size without a binary unit */
    "| llama 7B Q4_0 | 3.56 | 6.74 B | CUDA | 99 | pp512 | 4003.61 ± 2.53 |\n",
    /* no rate */
    "| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CUDA | 99 | pp512 | fast |\n",
    /* a CPU backend with two integer columns */
    "| llama 7B Q4_0 | 3.56 GiB | 6.74 B | CPU | 99 | 8 | pp512 | 40.61 ± 2.53 |\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchSource) source = bench_test_load_text (texts[i], -1, &error);

      g_assert_null (source);
      g_assert_nonnull (error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/markdown/corpus/counts", test_corpus_counts);
  g_test_add_func ("/reader/markdown/corpus/log-with-three-tables", test_corpus_log_three_tables);
  g_test_add_func ("/reader/markdown/corpus/ik-fork-depth-names", test_corpus_ik_fork_depth);
  g_test_add_func ("/reader/markdown/corpus/crlf-footer", test_corpus_crlf_footer);
  g_test_add_func ("/reader/markdown/corpus/hand-merged", test_corpus_hand_merged);
  g_test_add_func ("/reader/markdown/corpus/old-names", test_corpus_old_names);
  g_test_add_func ("/reader/markdown/corpus/newer-tests", test_corpus_newer_tests);
  g_test_add_func ("/reader/markdown/twin-of-json", test_twin_of_json);
  g_test_add_func ("/reader/markdown/paste/prose-around", test_paste_prose_around);
  g_test_add_func ("/reader/markdown/paste/crlf", test_paste_crlf);
  g_test_add_func ("/reader/markdown/paste/no-outer-pipes", test_paste_no_outer_pipes);
  g_test_add_func ("/reader/markdown/paste/rates-and-tests", test_paste_rates_and_tests);
  g_test_add_func ("/reader/markdown/footer/reach", test_footer_reach);
  g_test_add_func ("/reader/markdown/log-lines-between-rows", test_log_lines_between_rows);
  g_test_add_func ("/reader/markdown/row/wrong-cell-count", test_row_wrong_cell_count);
  g_test_add_func ("/reader/markdown/row/truncated", test_row_truncated);
  g_test_add_func ("/reader/markdown/row/bad-values", test_row_bad_values);
  g_test_add_func ("/reader/markdown/lookalike/sweep-bench", test_lookalike_sweep_bench);
  g_test_add_func ("/reader/markdown/lookalike/compare-llama-bench", test_lookalike_compare);
  g_test_add_func ("/reader/markdown/lookalike/llama-benchy", test_lookalike_benchy);
  g_test_add_func ("/reader/markdown/hostile/invalid-utf8-and-nul", test_hostile_invalid_utf8_and_nul);
  g_test_add_func ("/reader/markdown/hostile/garbage", test_hostile_garbage);
  g_test_add_func ("/reader/markdown/hostile/wide-and-long", test_hostile_wide_and_long);
  g_test_add_func ("/reader/markdown/cancelled", test_cancelled);
  g_test_add_func ("/reader/markdown/headerless/real-rows-give-the-same-records", test_headerless_real_rows);
  g_test_add_func ("/reader/markdown/headerless/between-log-lines", test_headerless_between_log_lines);
  g_test_add_func ("/reader/markdown/headerless/unnamed-columns-load-nothing", test_headerless_unnamed_columns);

  return g_test_run ();
}
