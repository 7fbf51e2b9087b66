/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reader-csv.c — the CSV reader against the corpus's CSV files and
 * small texts built here.
 *
 * Expected values were read by hand from the corpus files.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bench-reader.h"
#include "bench-test-util.h"

/* A direct call of the reader, for input the format detection would not
 * hand to it (garbage, no header) or that needs a cancellable. */
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
load_csv (const char *text)
{
  g_autoptr (GError) error = NULL;
  BenchSource *source = bench_test_load_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_cmpint (bench_source_get_format (source), ==, BENCH_FORMAT_CSV);
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
assert_diagnostic (GPtrArray  *diagnostics,
                   const char *needle,
                   guint       line,
                   guint       column)
{
  BenchDiagnostic *diagnostic = find_diagnostic (diagnostics, needle);

  if (diagnostic == NULL)
    {
      for (guint i = 0; i < diagnostics->len; i++)
        g_test_message ("diagnostic: %s",
                        ((BenchDiagnostic *) g_ptr_array_index (diagnostics, i))->message);
      g_error ("no diagnostic with “%s”", needle);
    }
  g_assert_cmpuint (diagnostic->line, ==, line);
  g_assert_cmpuint (diagnostic->column, ==, column);
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

/* A small llama-bench header and rows built on it. */
#define SMALL_HEADER "build_commit,cpu_info,gpu_info,model_filename,n_prompt,n_gen,avg_ts,stddev_ts\n"
#define SMALL_ROW(commit, cpu, prompt, gen, avg) \
  "\"" commit "\",\"" cpu "\",\"\",\"m.gguf\",\"" prompt "\",\"" gen "\",\"" avg "\",\"1.000000\"\n"

/* Corpus ------------------------------------------------------------------ */

static const struct
{
  const char *path;
  guint       records;
} corpus_counts[] = {
  { "public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.csv", 2 },
  { "converted/gpt-oss-20b-hip-old-schema.csv", 10 },
  { "converted/talk-step35-flash.csv", 12 },
  { "generated/cpu-sweep-prompt-depth.twin.csv", 12 },
};

static void
test_corpus_counts (void)
{
  static const char *const dirs[] = { "public", "converted", "generated" };

  for (guint i = 0; i < G_N_ELEMENTS (corpus_counts); i++)
    {
      g_autoptr (BenchSource) source = bench_test_load_corpus (corpus_counts[i].path);
      GPtrArray *results = bench_source_get_results (source);

      g_test_message ("%s", corpus_counts[i].path);
      g_assert_cmpint (bench_source_get_format (source), ==, BENCH_FORMAT_CSV);
      g_assert_cmpuint (results->len, ==, corpus_counts[i].records);
      g_assert_cmpuint (bench_source_get_skipped (source), ==, 0);
      g_assert_cmpuint (bench_source_get_diagnostics (source)->len, ==, 0);
      /* one line per record after the header */
      for (guint j = 0; j < results->len; j++)
        {
          BenchResult *result = g_ptr_array_index (results, j);

          g_assert_cmpint (bench_result_get_format (result), ==, BENCH_FORMAT_CSV);
          g_assert_cmpuint (bench_result_get_line (result), ==, j + 2);
          g_assert_cmpuint (bench_result_get_run_index (result), ==, 0);
        }
    }

  /* every .csv file of the corpus is in the list */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir_path = bench_test_corpus_path (dirs[i]);
      g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *relative = g_build_filename (dirs[i], name, NULL);
          gboolean listed = FALSE;

          if (!g_str_has_suffix (name, ".csv"))
            continue;
          for (guint j = 0; j < G_N_ELEMENTS (corpus_counts); j++)
            listed |= g_str_equal (corpus_counts[j].path, relative);
          g_assert_true (listed);
        }
    }
}

/* The 2023 README example: per-backend booleans, f16_kv, mul_mat_q. */
static void
test_corpus_docs_2023 (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.csv");
  BenchResult *pp = result_at (source, 0);
  BenchResult *tg = result_at (source, 1);

  g_assert_cmpstr (bench_result_get_build_commit (pp), ==, "3469684");
  g_assert_cmpint (bench_result_get_build_number (pp), ==, 1275);
  g_assert_cmpstr (bench_result_get_cpu_info (pp), ==, "13th Gen Intel(R) Core(TM) i9-13900K");
  g_assert_cmpstr (bench_result_get_gpu_info (pp), ==, "NVIDIA GeForce RTX 3090 Ti");
  /* cuda, gpu_blas and blas are "1": the GPU backend names it */
  g_assert_cmpstr (bench_result_get_backends (pp), ==, "CUDA");
  g_assert_cmpstr (bench_result_get_param_text (pp, "cuda"), ==, "1");
  g_assert_cmpstr (bench_result_get_param_text (pp, "opencl"), ==, "0");
  g_assert_cmpstr (bench_result_get_model_filename (pp), ==, "models/7B/ggml-model-q4_0.gguf");
  g_assert_cmpstr (bench_result_get_model_type (pp), ==, "llama 7B mostly Q4_0");
  g_assert_cmpint (bench_result_get_model_size (pp), ==, G_GINT64_CONSTANT (3825065984));
  g_assert_cmpint (bench_result_get_model_n_params (pp), ==, G_GINT64_CONSTANT (6738415616));
  g_assert_cmpstr (bench_result_get_param_text (pp, "n_batch"), ==, "512");
  g_assert_cmpstr (bench_result_get_param_text (pp, "n_threads"), ==, "16");
  g_assert_cmpstr (bench_result_get_param_text (pp, "f16_kv"), ==, "1");
  g_assert_cmpstr (bench_result_get_param_text (pp, "n_gpu_layers"), ==, "99");
  g_assert_cmpstr (bench_result_get_param_text (pp, "mul_mat_q"), ==, "1");
  g_assert_cmpstr (bench_result_get_param_text (pp, "tensor_split"), ==, "0.00");
  g_assert_cmpint (bench_result_get_flash_attn (pp), ==, -2);
  g_assert_cmpstr (bench_result_get_test_time (pp), ==, "2023-09-23T12:09:01Z");
  assert_test (pp, 512, 0, 0, "pp512");
  assert_rate (pp, 2413.341687, 8.305961);
  g_assert_cmpfloat (bench_result_get_avg_ns (pp), ==, 212155977.0);
  g_assert_cmpfloat (bench_result_get_stddev_ns (pp), ==, 732372.0);
  g_assert_false (bench_result_has_samples (pp));

  assert_test (tg, 0, 128, 0, "tg128");
  assert_rate (tg, 132.052051, 0.371342);
  g_assert_cmpstr (bench_result_get_test_time (tg), ==, "2023-09-23T12:09:02Z");
}

/* Old schema from a ROCm build: the cuda flag with a Radeon GPU is ROCm;
 * flash_attn is a boolean "1". */
static void
test_corpus_old_schema (void)
{
  g_autoptr (BenchSource) source = bench_test_load_corpus ("converted/gpt-oss-20b-hip-old-schema.csv");
  static const double avg[] = {
    1472.012844, 49.924186, 1387.579598, 49.269793, 1175.717826,
    48.147182, 713.904142, 44.384720, 277.577995, 34.758679,
  };

  for (guint i = 0; i < G_N_ELEMENTS (avg); i++)
    {
      BenchResult *result = result_at (source, i);

      g_assert_cmpstr (bench_result_get_backends (result), ==, "ROCm");
      g_assert_cmpstr (bench_result_get_gpu_info (result), ==, "Radeon 8060S Graphics");
      g_assert_cmpstr (bench_result_get_model_type (result), ==, "gpt-oss 20B F16");
      g_assert_cmpint (bench_result_get_model_size (result), ==, G_GINT64_CONSTANT (13779630336));
      g_assert_cmpint (bench_result_get_flash_attn (result), ==, 1);
      g_assert_cmpstr (bench_result_get_param_text (result, "n_ubatch"), ==, "512");
      g_assert_cmpstr (bench_result_get_param_text (result, "use_mmap"), ==, "0");
      if (i % 2 == 0)
        assert_test (result, 512, 0, 0, "pp512");
      else
        assert_test (result, 0, 128, 0, "tg128");
      assert_rate (result, avg[i], 0.0);
    }
}

/* New schema: backends string, n_depth, flash_attn as an int. */
static void
test_corpus_new_schema (void)
{
  g_autoptr (BenchSource) talk = bench_test_load_corpus ("converted/talk-step35-flash.csv");
  g_autoptr (BenchSource) sweep = bench_test_load_corpus ("generated/cpu-sweep-prompt-depth.twin.csv");
  BenchResult *result;

  result = result_at (talk, 0);
  g_assert_cmpstr (bench_result_get_backends (result), ==, "ROCm");
  g_assert_cmpstr (bench_result_get_cpu_info (result), ==, "AMD RYZEN AI MAX+ 395 w/ Radeon 8060S");
  g_assert_cmpstr (bench_result_get_model_type (result), ==, "Step 3.5 Flash REAP 128B.A11B Q4_K_M");
  g_assert_cmpint (bench_result_get_model_size (result), ==, G_GINT64_CONSTANT (72811837064));
  g_assert_cmpint (bench_result_get_model_n_params (result), ==, G_GINT64_CONSTANT (120967010722));
  g_assert_cmpint (bench_result_get_flash_attn (result), ==, 1);
  g_assert_cmpstr (bench_result_get_param_text (result, "n_gpu_layers"), ==, "999");
  g_assert_cmpstr (bench_result_get_param_text (result, "devices"), ==, "auto");
  g_assert_cmpstr (bench_result_get_param_text (result, "cpu_mask"), ==, "0x0");
  assert_test (result, 512, 0, 0, "pp512");
  assert_rate (result, 306.036165, 3.997868);

  result = result_at (talk, 9);
  assert_test (result, 0, 128, 65536, "tg128 @ d65536");
  assert_rate (result, 17.840007, 0.139875);
  result = result_at (talk, 10);
  assert_test (result, 512, 0, 131072, "pp512 @ d131072");
  assert_rate (result, 85.216654, 8.215804);

  result = result_at (sweep, 0);
  g_assert_cmpstr (bench_result_get_backends (result), ==, "CPU");
  g_assert_cmpstr (bench_result_get_gpu_info (result), ==, "");
  g_assert_cmpint (bench_result_get_flash_attn (result), ==, -1);
  g_assert_cmpstr (bench_result_get_param_text (result, "n_threads"), ==, "2");
  g_assert_cmpstr (bench_result_get_param_text (result, "load_mode"), ==, "auto");
  assert_test (result, 32, 0, 0, "pp32");
  assert_rate (result, 4759.810524, 112.316133);
  result = result_at (sweep, 11);
  assert_test (result, 0, 32, 256, "tg32 @ d256");
  assert_rate (result, 1313.589337, 191.616293);
}

/* Quoting ------------------------------------------------------------------ */

/* Doubled quotes, commas and line breaks inside quotes, unquoted values,
 * blanks, CRLF, non-ASCII and backslashes. */
static void
test_quoting (void)
{
  g_autoptr (BenchSource) source = load_csv (
    "build_commit,cpu_info,gpu_info,model_filename,model_type,n_prompt,n_gen,avg_ts,stddev_ts\r\n"
    "\"abc\",\"Intel(R) Xeon(R) \"\"Gold\"\", 6338\",\"\","
    "\"C:\\models\\llama 7B\\q4_0.gguf\",\"llama 7B Q4_0\",\"512\",\"0\",\"100.500000\",\"0.5\"\r\n"
    "abc, AMD Ryzen™ 9 7950X , ,/models/ü.gguf,llama 7B Q4_0,0,128,20.25,0\r\n"
    "\"abc\",\"line one\r\nline two\",\"Radeon, \"\"RX\"\" 7900\",\"m.gguf\",\"llama 7B Q4_0\","
    "\"0\",\"32\",\"5\",\"0\"\r\n"
    "\"abc\",\"x\"  ,  \"y\",\"m.gguf\",\"llama 7B Q4_0\",\"16\",\"0\",\"7\",\"0\"\r\n");
  BenchResult *result;

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 4);
  g_assert_cmpuint (bench_source_get_diagnostics (source)->len, ==, 0);

  result = result_at (source, 0);
  g_assert_cmpstr (bench_result_get_cpu_info (result), ==, "Intel(R) Xeon(R) \"Gold\", 6338");
  g_assert_cmpstr (bench_result_get_gpu_info (result), ==, "");
  g_assert_cmpstr (bench_result_get_model_filename (result), ==, "C:\\models\\llama 7B\\q4_0.gguf");
  assert_test (result, 512, 0, 0, "pp512");
  assert_rate (result, 100.5, 0.5);
  g_assert_cmpuint (bench_result_get_line (result), ==, 2);

  /* unquoted: blanks around values are not part of them */
  result = result_at (source, 1);
  g_assert_cmpstr (bench_result_get_cpu_info (result), ==, "AMD Ryzen™ 9 7950X");
  g_assert_cmpstr (bench_result_get_gpu_info (result), ==, "");
  g_assert_cmpstr (bench_result_get_model_filename (result), ==, "/models/ü.gguf");
  assert_test (result, 0, 128, 0, "tg128");
  assert_rate (result, 20.25, 0.0);
  g_assert_cmpuint (bench_result_get_line (result), ==, 3);

  /* a value running over two lines keeps its line break */
  result = result_at (source, 2);
  g_assert_cmpstr (bench_result_get_cpu_info (result), ==, "line one\r\nline two");
  g_assert_cmpstr (bench_result_get_gpu_info (result), ==, "Radeon, \"RX\" 7900");
  assert_test (result, 0, 32, 0, "tg32");
  g_assert_cmpuint (bench_result_get_line (result), ==, 4);

  /* blanks between a quote and the comma */
  result = result_at (source, 3);
  g_assert_cmpstr (bench_result_get_cpu_info (result), ==, "x");
  g_assert_cmpstr (bench_result_get_gpu_info (result), ==, "y");
  g_assert_cmpuint (bench_result_get_line (result), ==, 6);
}

/* A byte order mark, blank lines, and a file without a final line break. */
static void
test_bom_blank_lines_no_final_break (void)
{
  g_autoptr (BenchSource) source = load_csv (
    "\xEF\xBB\xBF" SMALL_HEADER
    "\n"
    SMALL_ROW ("a", "cpu", "512", "0", "10")
    "   \n"
    "\"a\",\"cpu\",\"\",\"m.gguf\",\"0\",\"128\",\"2.5\",\"0.1\"");

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_source_get_diagnostics (source)->len, ==, 0);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 0)), ==, 3);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 1)), ==, 5);
  assert_rate (result_at (source, 1), 2.5, 0.1);
}

/* Logs and concatenated outputs ------------------------------------------- */

/* stdout and stderr in one file: backend lines come before the header. */
static void
test_log_lines_before_header (void)
{
  g_autofree char *path = bench_test_corpus_path ("converted/talk-step35-flash.csv");
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr (BenchSource) source = NULL;
  GPtrArray *diagnostics;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  text = g_strconcat ("ggml_cuda_init: found 1 ROCm devices:\n"
                      "  Device 0: Radeon 8060S Graphics, gfx1151 (0x1151), VMM: no, "
                      "Wave Size: 32\n",
                      contents, NULL);
  source = load_csv (text);
  diagnostics = bench_source_get_diagnostics (source);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 12);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  assert_diagnostic (diagnostics, "skipped 2 lines before the CSV header", 1, 1);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 0)), ==, 4);
  assert_rate (result_at (source, 0), 306.036165, 3.997868);
}

/* Two CSV outputs in one file, old schema then new: two segments, each
 * read with its own header. */
static void
test_concatenated_outputs (void)
{
  g_autofree char *old_path =
    bench_test_corpus_path ("public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.csv");
  g_autofree char *new_path = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.twin.csv");
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr (BenchSource) source = NULL;
  BenchResult *result;

  g_assert_true (g_file_get_contents (old_path, &old_text, NULL, NULL));
  g_assert_true (g_file_get_contents (new_path, &new_text, NULL, NULL));
  text = g_strconcat (old_text, new_text, NULL);
  source = load_csv (text);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 14);
  g_assert_cmpuint (bench_source_get_diagnostics (source)->len, ==, 0);

  result = result_at (source, 1);
  g_assert_cmpstr (bench_result_get_backends (result), ==, "CUDA");
  g_assert_cmpuint (bench_result_get_run_index (result), ==, 0);
  assert_rate (result, 132.052051, 0.371342);

  /* the second header is line 4 */
  result = result_at (source, 2);
  g_assert_cmpstr (bench_result_get_backends (result), ==, "CPU");
  g_assert_cmpuint (bench_result_get_run_index (result), ==, 1);
  g_assert_cmpuint (bench_result_get_line (result), ==, 5);
  g_assert_cmpint (bench_result_get_flash_attn (result), ==, -1);
  assert_rate (result, 4759.810524, 112.316133);
}

/* The same output twice, same build and machine: the second header still
 * starts a new run. */
static void
test_repeated_header_new_run (void)
{
  g_autoptr (BenchSource) source = load_csv (
    SMALL_HEADER
    SMALL_ROW ("a", "cpu", "512", "0", "10")
    SMALL_HEADER
    SMALL_ROW ("a", "cpu", "512", "0", "11"));

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 0)), ==, 0);
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 1)), ==, 1);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 1)), ==, 4);
}

/* Damaged rows ------------------------------------------------------------- */

static void
test_wrong_field_count (void)
{
  g_autoptr (BenchSource) source = load_csv (
    SMALL_HEADER
    SMALL_ROW ("a", "cpu", "512", "0", "10")
    "\"a\",\"cpu\",\"\",\"m.gguf\",\"0\",\"128\",\"2.5\",\"0.1\",\"extra\"\n"
    "\"a\",\"cpu\",\"\",\"m.gguf\",\"0\",\"128\"\n"
    "load_tensors: offloaded 25/25 layers to GPU\n"
    SMALL_ROW ("a", "cpu", "0", "128", "20"));
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 3);
  g_assert_cmpuint (diagnostics->len, ==, 3);
  /* too many: at the first field the header has no name for */
  assert_diagnostic (diagnostics, "row has 9 fields but the header has 8", 3, 45);
  /* too few: at the end of the row */
  assert_diagnostic (diagnostics, "row has 6 fields but the header has 8", 4, 32);
  assert_diagnostic (diagnostics, "row has 1 field but the header has 8", 5, 44);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 1)), ==, 6);
}

/* An interrupted run: the last row is cut inside a quoted value. */
static void
test_truncated_in_quotes (void)
{
  g_autofree char *path = bench_test_corpus_path ("converted/gpt-oss-20b-hip-old-schema.csv");
  g_autofree char *contents = NULL;
  g_autoptr (BenchSource) source = NULL;
  const char *cut;
  GPtrArray *diagnostics;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* the sixth row (line 7), cut after `"AMD Eng` */
  cut = strstr (strstr (contents, "\"2025-10-28T18:04:39Z\""), "\n");
  cut = strstr (cut, "\"AMD Eng") + strlen ("\"AMD Eng");
  source = bench_test_load_text (contents, cut - contents, NULL);
  g_assert_nonnull (source);
  diagnostics = bench_source_get_diagnostics (source);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 5);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  /* at the quote that is never closed: cpu_info is the 11th field */
  assert_diagnostic (diagnostics, "record truncated", 7, 51);
  assert_rate (result_at (source, 4), 1175.717826, 0.0);
}

/* Cut between fields: too few fields. */
static void
test_truncated_between_fields (void)
{
  g_autofree char *path = bench_test_corpus_path ("converted/talk-step35-flash.csv");
  g_autofree char *contents = NULL;
  g_autoptr (BenchSource) source = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* drop the last row's last two fields and line break */
  len -= strlen (",\"14.159513\",\"0.230169\"\n");
  g_assert_true (g_str_has_suffix (contents, ",\"14.159513\",\"0.230169\"\n"));
  source = bench_test_load_text (contents, len, NULL);
  g_assert_nonnull (source);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 11);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  g_assert_nonnull (find_diagnostic (bench_source_get_diagnostics (source),
                                     "row has 37 fields but the header has 39"));
}

/* A cut row and, after it, another run appended to the same file: the cut
 * quote pairs with quotes of the next lines; the rows after it still load. */
static void
test_cut_row_then_appended_run (void)
{
  g_autoptr (BenchSource) source = load_csv (
    SMALL_HEADER
    SMALL_ROW ("a", "cpu", "512", "0", "10")
    "\"a\",\"cpu\",\"\",\"m.gg\n"
    SMALL_HEADER
    SMALL_ROW ("b", "cpu", "512", "0", "12")
    SMALL_ROW ("b", "cpu", "0", "128", "3"));
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 3);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_cmpuint (((BenchDiagnostic *) g_ptr_array_index (diagnostics, 0))->line, ==, 3);
  g_assert_cmpstr (bench_result_get_build_commit (result_at (source, 1)), ==, "b");
  g_assert_cmpuint (bench_result_get_line (result_at (source, 1)), ==, 5);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 2)), ==, 6);
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 2)), ==, 1);
}

/* Rows that are CSV but not llama-bench records. */
static void
test_builder_rejects (void)
{
  g_autoptr (BenchSource) source = load_csv (
    SMALL_HEADER
    SMALL_ROW ("a", "cpu", "x", "y", "10")
    SMALL_ROW ("a", "cpu", "512", "0", "10"));
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  assert_diagnostic (diagnostics, "no n_prompt or n_gen", 2, 1);
}

/* A header with no llama-bench rows at all: an error naming the first
 * problem. */
static void
test_only_bad_rows_is_an_error (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (
    SMALL_HEADER
    SMALL_ROW ("a", "cpu", "x", "y", "10"),
    -1, &error);

  g_assert_null (source);
  g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "pasted:2:1: "));
}

/* Hostile input ------------------------------------------------------------- */

static void
test_invalid_utf8_and_nul (void)
{
  static const char text[] =
    SMALL_HEADER
    "\"a\",\"bad \xC3\x28 cpu\",\"\",\"m.gguf\",\"512\",\"0\",\"10\",\"1\"\n"
    "\"a\",\"nul \0 cpu\",\"\",\"m.gguf\",\"512\",\"0\",\"10\",\"1\"\n"
    SMALL_ROW ("a", "cpu", "0", "128", "20");
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, sizeof text - 1, &error);
  GPtrArray *diagnostics;

  g_assert_no_error (error);
  diagnostics = bench_source_get_diagnostics (source);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 2);
  assert_diagnostic (diagnostics, "field “cpu_info” is not UTF-8 text", 2, 5);
  assert_diagnostic (diagnostics, "a NUL byte in field “cpu_info”", 3, 5);
}

/* Binary garbage, given to the reader directly: an error, no crash. */
static void
test_garbage (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *garbage = g_malloc (64 * 1024);
  g_autofree char *with_header = NULL;

  for (gsize i = 0; i < 64 * 1024; i++)
    garbage[i] = (char) g_rand_int_range (rand, 0, 256);

  {
    DirectRead read;
    g_autoptr (GError) error = NULL;

    direct_read_init (&read, NULL);
    g_assert_false (bench_read_csv (&read.ctx, garbage, 64 * 1024, &error));
    g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "1:1: "));
    g_assert_cmpuint (read.results->len, ==, 0);
    direct_read_clear (&read);
  }

  /* garbage after a header: every "row" is skipped with a warning */
  with_header = g_malloc (strlen (SMALL_HEADER) + 64 * 1024);
  memcpy (with_header, SMALL_HEADER, strlen (SMALL_HEADER));
  memcpy (with_header + strlen (SMALL_HEADER), garbage, 64 * 1024);
  {
    DirectRead read;
    g_autoptr (GError) error = NULL;

    direct_read_init (&read, NULL);
    g_assert_true (bench_read_csv (&read.ctx, with_header, strlen (SMALL_HEADER) + 64 * 1024,
                                   &error));
    g_assert_no_error (error);
    g_assert_cmpuint (read.results->len, ==, 0);
    g_assert_cmpuint (read.ctx.skipped, >, 0);
    g_assert_cmpuint (read.diagnostics->len, >, 0);
    g_assert_cmpuint (read.diagnostics->len, <=, 101);
    direct_read_clear (&read);
  }
}

/* Wide and long: a header-like line of 100,000 fields and a 5 MiB value
 * are refused without keeping them. */
static void
test_wide_and_long (void)
{
  g_autoptr (GString) text = g_string_new (SMALL_HEADER);
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *diagnostics;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "\"1\",");
  g_string_append (text, "\"1\"\n\"a\",\"");
  for (guint i = 0; i < 5 * 1024 * 1024 / 16; i++)
    g_string_append (text, "0123456789abcdef");
  g_string_append (text, "\",\"\",\"m.gguf\",\"512\",\"0\",\"10\",\"1\"\n");
  g_string_append (text, SMALL_ROW ("a", "cpu", "0", "128", "20"));

  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  diagnostics = bench_source_get_diagnostics (source);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 2);
  assert_diagnostic (diagnostics, "row has 100001 fields but the header has 8", 2, 33);
  assert_diagnostic (diagnostics, "row longer than 4 MiB", 3, 1);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 0)), ==, 4);
}

/* Text with commas but no llama-bench header. */
static void
test_no_header (void)
{
  static const char text[] = "name,value\n\"a\",\"1\"\n";
  DirectRead read;
  g_autoptr (GError) error = NULL;

  direct_read_init (&read, NULL);
  g_assert_false (bench_read_csv (&read.ctx, text, sizeof text - 1, &error));
  g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "1:1: "));
  g_assert_nonnull (strstr (error->message, "header"));
  direct_read_clear (&read);
}

/* The data is not NUL-terminated: only @len bytes are read. */
static void
test_not_nul_terminated (void)
{
  static const char text[] = SMALL_HEADER SMALL_ROW ("a", "cpu", "512", "0", "10") "garbage";
  DirectRead read;
  g_autoptr (GError) error = NULL;

  direct_read_init (&read, NULL);
  g_assert_true (bench_read_csv (&read.ctx, text, sizeof text - 1 - strlen ("garbage"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (read.ctx.format, ==, BENCH_FORMAT_CSV);
  g_assert_cmpuint (read.results->len, ==, 1);
  g_assert_cmpuint (read.diagnostics->len, ==, 0);
  direct_read_clear (&read);
}

static void
test_cancelled (void)
{
  g_autofree char *path = bench_test_corpus_path ("converted/talk-step35-flash.csv");
  g_autofree char *contents = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  DirectRead read;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_cancellable_cancel (cancellable);
  direct_read_init (&read, cancellable);
  g_assert_false (bench_read_csv (&read.ctx, contents, len, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  direct_read_clear (&read);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/csv/corpus/counts", test_corpus_counts);
  g_test_add_func ("/reader/csv/corpus/docs-2023-old-booleans", test_corpus_docs_2023);
  g_test_add_func ("/reader/csv/corpus/old-schema-rocm", test_corpus_old_schema);
  g_test_add_func ("/reader/csv/corpus/new-schema", test_corpus_new_schema);
  g_test_add_func ("/reader/csv/quoting", test_quoting);
  g_test_add_func ("/reader/csv/bom-blank-lines-no-final-break", test_bom_blank_lines_no_final_break);
  g_test_add_func ("/reader/csv/log-lines-before-header", test_log_lines_before_header);
  g_test_add_func ("/reader/csv/concatenated-outputs", test_concatenated_outputs);
  g_test_add_func ("/reader/csv/repeated-header-new-run", test_repeated_header_new_run);
  g_test_add_func ("/reader/csv/row/wrong-field-count", test_wrong_field_count);
  g_test_add_func ("/reader/csv/row/truncated-in-quotes", test_truncated_in_quotes);
  g_test_add_func ("/reader/csv/row/truncated-between-fields", test_truncated_between_fields);
  g_test_add_func ("/reader/csv/row/cut-then-appended-run", test_cut_row_then_appended_run);
  g_test_add_func ("/reader/csv/row/builder-rejects", test_builder_rejects);
  g_test_add_func ("/reader/csv/row/only-bad-rows-is-an-error", test_only_bad_rows_is_an_error);
  g_test_add_func ("/reader/csv/hostile/invalid-utf8-and-nul", test_invalid_utf8_and_nul);
  g_test_add_func ("/reader/csv/hostile/garbage", test_garbage);
  g_test_add_func ("/reader/csv/hostile/wide-and-long", test_wide_and_long);
  g_test_add_func ("/reader/csv/no-header", test_no_header);
  g_test_add_func ("/reader/csv/not-nul-terminated", test_not_nul_terminated);
  g_test_add_func ("/reader/csv/cancelled", test_cancelled);

  return g_test_run ();
}
