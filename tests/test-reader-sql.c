/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reader-sql.c — the SQL and SQLite readers against the corpus's SQL
 * files, databases made from them here, and hostile statements.
 *
 * Expected values were read by hand from the corpus files.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "bench-reader.h"
#include "bench-test-util.h"

/* A direct call of the readers, for input the format detection would not
 * hand to them (garbage) or that needs a cancellable. */
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

static char *
corpus_text (const char *relative,
             gsize      *len)
{
  g_autofree char *path = bench_test_corpus_path (relative);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static BenchSource *
load_sql (const char *text)
{
  g_autoptr (GError) error = NULL;
  BenchSource *source = bench_test_load_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_cmpint (bench_source_get_format (source), ==, BENCH_FORMAT_SQL);
  return source;
}

static void
log_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      BenchDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_test_message ("diagnostic %u:%u: %s", diagnostic->line, diagnostic->column,
                      diagnostic->message);
    }
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
      log_diagnostics (diagnostics);
      g_error ("no diagnostic with “%s”", needle);
    }
  g_assert_cmpuint (diagnostic->line, ==, line);
  if (column != 0)
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

/* Lines (1-based) of the lines of @text that begin with INSERT. */
static GArray *
insert_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  guint line = 1;

  for (const char *p = text; *p != '\0'; line++)
    {
      const char *nl = strchr (p, '\n');

      if (g_str_has_prefix (p, "INSERT"))
        g_array_append_val (lines, line);
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return lines;
}

/* Replaces the first @old after @from in @text (a line of a corpus file). */
static char *
replace_once (const char *text,
              const char *from,
              const char *old,
              const char *new)
{
  const char *at = strstr (strstr (text, from), old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* Where @needle starts on its line, as a 1-based column (ASCII text). */
static guint
column_of (const char *text,
           const char *needle)
{
  const char *at = strstr (text, needle);
  const char *line_start = at;

  g_assert_nonnull (at);
  while (line_start > text && line_start[-1] != '\n')
    line_start--;
  return (guint) (at - line_start) + 1;
}

/* A temporary folder, removed with what the test put in it. */
static char *
make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("benchtop-test-sql-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* An SQLite database file made from SQL text, as `sqlite3 FILE < text`. */
static void
make_database (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("making %s: %s", path, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static BenchSource *
load_path (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  BenchSource *source = bench_source_load_file (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (source);
  return source;
}

/* Results that are the same records, compared on everything the formats
 * share: statistics to 1e-6, tests, model, hardware and every parameter. */
static void
assert_same_records (BenchSource *a,
                     BenchSource *b)
{
  GPtrArray *ra = bench_source_get_results (a);
  GPtrArray *rb = bench_source_get_results (b);

  g_assert_cmpuint (ra->len, ==, rb->len);
  for (guint i = 0; i < ra->len; i++)
    {
      BenchResult *x = g_ptr_array_index (ra, i);
      BenchResult *y = g_ptr_array_index (rb, i);
      const BenchParam *px, *py;
      guint nx, ny;

      g_test_message ("record %u", i);
      g_assert_cmpfloat_with_epsilon (bench_result_get_avg_ts (x), bench_result_get_avg_ts (y), 1e-6);
      g_assert_cmpfloat_with_epsilon (bench_result_get_stddev_ts (x),
                                      bench_result_get_stddev_ts (y), 1e-6);
      g_assert_cmpstr (bench_result_get_test_label (x), ==, bench_result_get_test_label (y));
      g_assert_cmpint (bench_result_get_n_prompt (x), ==, bench_result_get_n_prompt (y));
      g_assert_cmpint (bench_result_get_n_gen (x), ==, bench_result_get_n_gen (y));
      g_assert_cmpint (bench_result_get_n_depth (x), ==, bench_result_get_n_depth (y));
      g_assert_cmpstr (bench_result_get_build_commit (x), ==, bench_result_get_build_commit (y));
      g_assert_cmpint (bench_result_get_build_number (x), ==, bench_result_get_build_number (y));
      g_assert_cmpstr (bench_result_get_cpu_info (x), ==, bench_result_get_cpu_info (y));
      g_assert_cmpstr (bench_result_get_gpu_info (x), ==, bench_result_get_gpu_info (y));
      g_assert_cmpstr (bench_result_get_backends (x), ==, bench_result_get_backends (y));
      g_assert_cmpstr (bench_result_get_model_filename (x), ==, bench_result_get_model_filename (y));
      g_assert_cmpstr (bench_result_get_model_type (x), ==, bench_result_get_model_type (y));
      g_assert_cmpint (bench_result_get_model_size (x), ==, bench_result_get_model_size (y));
      g_assert_cmpint (bench_result_get_model_n_params (x), ==, bench_result_get_model_n_params (y));
      g_assert_cmpstr (bench_result_get_test_time (x), ==, bench_result_get_test_time (y));
      g_assert_cmpint (bench_result_get_flash_attn (x), ==, bench_result_get_flash_attn (y));
      g_assert_cmpstr (bench_result_get_hardware_key (x), ==, bench_result_get_hardware_key (y));

      px = bench_result_get_params (x, &nx);
      py = bench_result_get_params (y, &ny);
      g_assert_cmpuint (nx, ==, ny);
      for (guint j = 0; j < nx; j++)
        {
          g_assert_cmpstr (px[j].key, ==, py[j].key);
          g_assert_cmpstr (px[j].text, ==, py[j].text);
          g_assert_cmpint (px[j].type, ==, py[j].type);
        }
    }
}

/* Corpus ------------------------------------------------------------------ */

static const struct
{
  const char *path;
  guint       records;
} corpus_counts[] = {
  { "public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.sql", 2 },
  { "public/docs-llamacpp-readme-2026-llama_bench-table-edited.sql", 2 },
  { "converted/gpt-oss-20b-hip-old-schema.sql", 10 },
  { "converted/talk-step35-flash.sql", 12 },
  { "generated/cpu-threads-fa.sql", 8 },
};

static void
test_corpus_counts (void)
{
  static const char *const dirs[] = { "public", "converted", "generated" };

  for (guint i = 0; i < G_N_ELEMENTS (corpus_counts); i++)
    {
      g_autoptr (BenchSource) source = bench_test_load_corpus (corpus_counts[i].path);
      g_autofree char *text = corpus_text (corpus_counts[i].path, NULL);
      g_autoptr (GArray) lines = insert_lines (text);
      GPtrArray *results = bench_source_get_results (source);

      g_test_message ("%s", corpus_counts[i].path);
      g_assert_cmpint (bench_source_get_format (source), ==, BENCH_FORMAT_SQL);
      g_assert_cmpuint (results->len, ==, corpus_counts[i].records);
      g_assert_cmpuint (bench_source_get_skipped (source), ==, 0);
      g_assert_cmpuint (bench_source_get_diagnostics (source)->len, ==, 0);
      /* each record is at the line of its INSERT */
      g_assert_cmpuint (lines->len, ==, results->len);
      for (guint j = 0; j < results->len; j++)
        {
          BenchResult *result = g_ptr_array_index (results, j);

          g_assert_cmpint (bench_result_get_format (result), ==, BENCH_FORMAT_SQL);
          g_assert_cmpuint (bench_result_get_line (result), ==, g_array_index (lines, guint, j));
          g_assert_cmpuint (bench_result_get_run_index (result), ==, 0);
        }
    }

  /* every .sql file of the corpus is in the list */
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

          if (!g_str_has_suffix (name, ".sql"))
            continue;
          for (guint j = 0; j < G_N_ELEMENTS (corpus_counts); j++)
            listed |= g_str_equal (corpus_counts[j].path, relative);
          g_assert_true (listed);
        }
    }
}

/* The 2023 README example: table `test`, per-backend booleans, every
 * value a quoted string. */
static void
test_corpus_docs_2023 (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.sql");
  BenchResult *pp = result_at (source, 0);
  BenchResult *tg = result_at (source, 1);

  g_assert_cmpstr (bench_result_get_build_commit (pp), ==, "3469684");
  g_assert_cmpint (bench_result_get_build_number (pp), ==, 1275);
  g_assert_cmpstr (bench_result_get_backends (pp), ==, "CUDA");
  g_assert_cmpstr (bench_result_get_param_text (pp, "cuda"), ==, "1");
  g_assert_cmpstr (bench_result_get_param_text (pp, "metal"), ==, "0");
  g_assert_cmpstr (bench_result_get_param_text (pp, "gpu_blas"), ==, "1");
  g_assert_cmpstr (bench_result_get_gpu_info (pp), ==, "NVIDIA GeForce RTX 3090 Ti");
  g_assert_cmpstr (bench_result_get_model_type (pp), ==, "llama 7B mostly Q4_0");
  g_assert_cmpint (bench_result_get_model_size (pp), ==, G_GINT64_CONSTANT (3825065984));
  g_assert_cmpint (bench_result_get_model_n_params (pp), ==, G_GINT64_CONSTANT (6738415616));
  g_assert_cmpstr (bench_result_get_param_text (pp, "f16_kv"), ==, "1");
  /* TEXT column: kept as written */
  g_assert_cmpstr (bench_result_get_param_text (pp, "tensor_split"), ==, "0.00");
  g_assert_cmpint (bench_result_get_flash_attn (pp), ==, -2);
  g_assert_cmpstr (bench_result_get_test_time (pp), ==, "2023-09-23T12:10:30Z");
  assert_test (pp, 512, 0, 0, "pp512");
  assert_rate (pp, 2407.240204, 8.409634);
  g_assert_cmpfloat (bench_result_get_avg_ns (pp), ==, 212693772.0);
  g_assert_cmpuint (bench_result_get_line (pp), ==, 31);

  assert_test (tg, 0, 128, 0, "tg128");
  assert_rate (tg, 130.891159, 0.537692);
  g_assert_cmpfloat (bench_result_get_stddev_ns (tg), ==, 4037361.0);
  g_assert_cmpuint (bench_result_get_line (tg), ==, 32);
}

/* The 2026 README example: table `llama_bench`, flash_attn and
 * n_gpu_layers -1. */
static void
test_corpus_docs_2026 (void)
{
  g_autoptr (BenchSource) source =
    bench_test_load_corpus ("public/docs-llamacpp-readme-2026-llama_bench-table-edited.sql");
  BenchResult *pp = result_at (source, 0);
  BenchResult *tg = result_at (source, 1);

  g_assert_cmpstr (bench_result_get_build_commit (pp), ==, "8cf427ff");
  g_assert_cmpint (bench_result_get_build_number (pp), ==, 5163);
  g_assert_cmpstr (bench_result_get_cpu_info (pp), ==, "AMD Ryzen 7 7800X3D 8-Core Processor");
  g_assert_cmpstr (bench_result_get_gpu_info (pp), ==, "NVIDIA GeForce RTX 4080");
  g_assert_cmpstr (bench_result_get_backends (pp), ==, "CUDA");
  g_assert_cmpstr (bench_result_get_model_type (pp), ==, "qwen2 7B Q4_K - Medium");
  g_assert_cmpint (bench_result_get_model_size (pp), ==, G_GINT64_CONSTANT (4677120000));
  g_assert_cmpint (bench_result_get_model_n_params (pp), ==, G_GINT64_CONSTANT (7615616512));
  g_assert_cmpint (bench_result_get_flash_attn (pp), ==, -1);
  g_assert_cmpstr (bench_result_get_param_text (pp, "n_gpu_layers"), ==, "-1");
  g_assert_cmpstr (bench_result_get_param_text (pp, "devices"), ==, "auto");
  g_assert_cmpstr (bench_result_get_param_text (pp, "cpu_mask"), ==, "0x0");
  g_assert_cmpstr (bench_result_get_param_text (pp, "poll"), ==, "50");
  g_assert_cmpstr (bench_result_get_param_text (pp, "use_direct_io"), ==, "0");
  assert_test (pp, 512, 0, 0, "pp512");
  assert_rate (pp, 7324.546977, 54.032613);
  assert_test (tg, 0, 128, 0, "tg128");
  assert_rate (tg, 120.346696, 0.504647);
}

/* Our own run: -t 1,2 -fa 0,1 -p 64 -n 16, eight records in
 * llama-bench's order (fa outer, threads inner). */
static void
test_corpus_threads_fa (void)
{
  static const struct
  {
    const char *threads;
    int         fa;
    gint64      n_prompt;
    gint64      n_gen;
    double      avg;
    double      stddev;
  } expected[] = {
    { "1", 0, 64, 0, 664.524722, 75.815559 },
    { "1", 0, 0, 16, 219.257585, 4.954008 },
    { "2", 0, 64, 0, 1172.884783, 60.181912 },
    { "2", 0, 0, 16, 325.997746, 11.016568 },
    { "1", 1, 64, 0, 847.350633, 131.115354 },
    { "1", 1, 0, 16, 378.681756, 9.463049 },
    { "2", 1, 64, 0, 1450.012435, 14.663877 },
    { "2", 1, 0, 16, 506.236750, 54.371553 },
  };
  g_autoptr (BenchSource) source = bench_test_load_corpus ("generated/cpu-threads-fa.sql");

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      BenchResult *result = result_at (source, i);

      g_assert_cmpstr (bench_result_get_param_text (result, "n_threads"), ==, expected[i].threads);
      g_assert_cmpint (bench_result_get_flash_attn (result), ==, expected[i].fa);
      g_assert_cmpint (bench_result_get_n_prompt (result), ==, expected[i].n_prompt);
      g_assert_cmpint (bench_result_get_n_gen (result), ==, expected[i].n_gen);
      assert_rate (result, expected[i].avg, expected[i].stddev);
      g_assert_cmpstr (bench_result_get_backends (result), ==, "CPU");
      g_assert_cmpstr (bench_result_get_model_type (result), ==, "llama ?B Q4_0");
      g_assert_cmpint (bench_result_get_model_size (result), ==, 23416832);
      g_assert_cmpuint (bench_result_get_line (result), ==, 44 + i);
    }
}

/* The same run as CSV, SQL and JSON: the same records. */
static void
test_agrees_with_csv (void)
{
  {
    g_autoptr (BenchSource) csv = bench_test_load_corpus ("converted/gpt-oss-20b-hip-old-schema.csv");
    g_autoptr (BenchSource) sql = bench_test_load_corpus ("converted/gpt-oss-20b-hip-old-schema.sql");

    assert_same_records (csv, sql);
    g_assert_cmpstr (bench_result_get_backends (result_at (sql, 0)), ==, "ROCm");
    g_assert_cmpint (bench_result_get_flash_attn (result_at (sql, 0)), ==, 1);
    assert_rate (result_at (sql, 8), 277.577995, 0.0);
  }
  {
    g_autoptr (BenchSource) csv = bench_test_load_corpus ("converted/talk-step35-flash.csv");
    g_autoptr (BenchSource) sql = bench_test_load_corpus ("converted/talk-step35-flash.sql");

    assert_same_records (csv, sql);
    assert_test (result_at (sql, 7), 0, 128, 32768, "tg128 @ d32768");
    assert_rate (result_at (sql, 7), 20.167279, 0.424485);
  }
}

static void
test_agrees_with_json (void)
{
  g_autoptr (BenchSource) json = bench_test_load_corpus ("converted/gpt-oss-20b-hip-old-schema.json");
  g_autoptr (BenchSource) sql = bench_test_load_corpus ("converted/gpt-oss-20b-hip-old-schema.sql");
  g_autoptr (BenchSource) jsonl = bench_test_load_corpus ("converted/talk-step35-flash.jsonl");
  g_autoptr (BenchSource) talk_sql = bench_test_load_corpus ("converted/talk-step35-flash.sql");

  assert_same_records (json, sql);
  assert_same_records (jsonl, talk_sql);
}

/* SQLite databases ---------------------------------------------------------- */

/* A database made from the SQL text loads to the same records; its lines
 * are row numbers. */
static void
test_sqlite_file (void)
{
  static const char *const files[] = {
    "converted/talk-step35-flash.sql",
    "converted/gpt-oss-20b-hip-old-schema.sql",
    "generated/cpu-threads-fa.sql",
  };
  g_autofree char *dir = make_temp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *sql = corpus_text (files[i], NULL);
      g_autofree char *path = g_strdup_printf ("%s/%u.sqlite", dir, i);
      g_autoptr (BenchSource) from_text = bench_test_load_corpus (files[i]);
      g_autoptr (BenchSource) from_db = NULL;
      GPtrArray *results;

      g_test_message ("%s", files[i]);
      make_database (path, sql);
      from_db = load_path (path);
      g_assert_cmpint (bench_source_get_format (from_db), ==, BENCH_FORMAT_SQLITE);
      g_assert_cmpuint (bench_source_get_diagnostics (from_db)->len, ==, 0);
      assert_same_records (from_text, from_db);
      results = bench_source_get_results (from_db);
      for (guint j = 0; j < results->len; j++)
        {
          BenchResult *result = g_ptr_array_index (results, j);

          g_assert_cmpint (bench_result_get_format (result), ==, BENCH_FORMAT_SQLITE);
          g_assert_cmpuint (bench_result_get_line (result), ==, j + 1);
        }
    }

  /* the database compare-llama-bench.py reads, straight from its bytes */
  {
    g_autofree char *path = g_strdup_printf ("%s/0.sqlite", dir);
    g_autofree char *bytes = NULL;
    g_autoptr (GError) error = NULL;
    DirectRead read;
    gsize len;

    g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
    direct_read_init (&read, NULL);
    g_assert_true (bench_read_sqlite (&read.ctx, bytes, len, &error));
    g_assert_no_error (error);
    g_assert_cmpint (read.ctx.format, ==, BENCH_FORMAT_SQLITE);
    g_assert_cmpuint (read.results->len, ==, 12);
    assert_rate (g_ptr_array_index (read.results, 0), 306.036165, 3.997868);
    assert_test (g_ptr_array_index (read.results, 11), 0, 128, 131072, "tg128 @ d131072");
    direct_read_clear (&read);
  }

  bench_test_remove_tree (dir);
}

/* Old and new llama-bench runs piped into one database: two tables, two
 * segments, in the order they were created. */
static void
test_sqlite_two_tables (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "llama-bench.sqlite", NULL);
  g_autofree char *old_sql =
    corpus_text ("public/docs-llamacpp-readme-2023-b1275-rtx3090ti-cuda-old-booleans.sql", NULL);
  g_autofree char *new_sql = corpus_text ("generated/cpu-threads-fa.sql", NULL);
  g_autofree char *both = g_strconcat (old_sql, new_sql, NULL);
  g_autoptr (BenchSource) source = NULL;

  make_database (path, both);
  source = load_path (path);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 10);
  g_assert_cmpstr (bench_result_get_backends (result_at (source, 0)), ==, "CUDA");
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 1)), ==, 0);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 1)), ==, 2);
  g_assert_cmpstr (bench_result_get_backends (result_at (source, 2)), ==, "CPU");
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 2)), ==, 1);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 2)), ==, 1);
  bench_test_remove_tree (dir);
}

/* A database left in WAL mode still reads from its main file. */
static void
test_sqlite_wal_mode (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "wal.sqlite", NULL);
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", NULL);
  g_autofree char *with_wal = g_strconcat ("PRAGMA journal_mode = WAL;\n", sql, NULL);
  g_autoptr (BenchSource) source = NULL;

  make_database (path, with_wal);
  source = load_path (path);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 8);
  assert_rate (result_at (source, 7), 506.236750, 54.371553);
  bench_test_remove_tree (dir);
}

/* Damaged databases: a clear error or fewer records, never a crash. */
static void
test_sqlite_corrupt (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "t.sqlite", NULL);
  g_autofree char *sql = corpus_text ("converted/talk-step35-flash.sql", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gsize len;

  make_database (path, sql);
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >=, 4096);

  /* cut in the first page, header only, too short */
  {
    gsize cuts[] = { 3000, 100, 16 };

    for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
      {
        g_autoptr (GBytes) cut = g_bytes_new (bytes, cuts[i]);
        g_autoptr (GError) error = NULL;
        g_autoptr (BenchSource) source =
          bench_source_load_bytes (cut, "cut.sqlite", NULL, NULL, NULL, &error);

        g_assert_null (source);
        g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
        g_assert_true (g_str_has_prefix (error->message, "cut.sqlite: not a valid SQLite database: "));
      }
  }
  /* cut after the schema: the table cannot be read */
  {
    g_autoptr (GBytes) cut = g_bytes_new (bytes, 4096);
    g_autoptr (GError) error = NULL;
    g_autoptr (BenchSource) source =
      bench_source_load_bytes (cut, "cut.sqlite", NULL, NULL, NULL, &error);

    g_assert_null (source);
    g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "malformed"));
  }
  {
    g_autofree char *garbage = g_malloc (8192);
    g_autoptr (GBytes) garbage_bytes = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (BenchSource) source = NULL;

    for (guint i = 0; i < 8192; i++)
      garbage[i] = (char) g_rand_int_range (rand, 0, 256);
    memcpy (garbage, "SQLite format 3", 16);
    garbage_bytes = g_bytes_new (garbage, 8192);
    source = bench_source_load_bytes (garbage_bytes, "garbage.sqlite", NULL, NULL, NULL, &error);
    g_assert_null (source);
    g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "garbage.sqlite: not a valid SQLite database: "));
  }

  /* bytes changed here and there */
  for (guint round = 0; round < 300; round++)
    {
      g_autofree char *copy = g_memdup2 (bytes, len);
      g_autoptr (GError) error = NULL;
      DirectRead read;
      gboolean ok;

      for (guint k = 0; k < 1 + round % 8; k++)
        {
          gsize at = g_rand_int_range (rand, round % 2 ? 100 : 0, len);
          copy[at] = (char) g_rand_int_range (rand, 0, 256);
        }
      direct_read_init (&read, NULL);
      ok = bench_read_sqlite (&read.ctx, copy, len, &error);
      g_assert_true (ok == (error == NULL));
      if (!ok)
        g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
      g_assert_cmpuint (read.results->len, <=, 12);
      direct_read_clear (&read);
    }

  bench_test_remove_tree (dir);
}

/* Hostile SQL ------------------------------------------------------------- */

/* ATTACH would create a file: denied, nothing created, the rest loads. */
static void
test_hostile_attach (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *attached = g_build_filename (dir, "x.db", NULL);
  g_autofree char *vacuumed = g_build_filename (dir, "v.db", NULL);
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", NULL);
  g_autofree char *text = g_strdup_printf ("ATTACH DATABASE '%s' AS x;\n"
                                           "%s"
                                           "CREATE TABLE x.t (a);\n"
                                           "VACUUM INTO '%s';\n",
                                           attached, sql, vacuumed);
  g_autoptr (BenchSource) source = load_sql (text);
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);

  log_diagnostics (diagnostics);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 8);
  assert_diagnostic (diagnostics, "ATTACH is not allowed", 1, 1);
  assert_diagnostic (diagnostics, "SQLite: unknown database x", 53, 14);
  /* VACUUM INTO attaches its target while it runs */
  g_assert_cmpuint (((BenchDiagnostic *) g_ptr_array_index (diagnostics, 2))->line, ==, 54);
  g_assert_nonnull (strstr (((BenchDiagnostic *) g_ptr_array_index (diagnostics, 2))->message,
                            "ATTACH is not allowed"));
  g_assert_cmpuint (diagnostics->len, ==, 3);
  g_assert_false (g_file_test (attached, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (vacuumed, G_FILE_TEST_EXISTS));
  /* lines moved one down */
  g_assert_cmpuint (bench_result_get_line (result_at (source, 0)), ==, 45);
  bench_test_remove_tree (dir);
}

/* Extensions cannot be loaded, neither by a query nor inside an INSERT. */
static void
test_hostile_load_extension (void)
{
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", NULL);
  g_autofree char *text = g_strconcat (
    "SELECT load_extension('/tmp/benchtop-no-such-extension');\n", sql,
    "INSERT INTO llama_bench (n_prompt, n_gen, avg_ts) VALUES ('1', '0', load_extension('x'));\n",
    NULL);
  g_autoptr (BenchSource) source = load_sql (text);
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);

  log_diagnostics (diagnostics);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 8);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  assert_diagnostic (diagnostics, "SELECT is not allowed", 1, 1);
  assert_diagnostic (diagnostics, "load_extension() is not allowed", 53,
                     column_of (text, "load_extension('x')"));
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
}

/* Everything else that is not llama-bench's: denied, and the records
 * stay as the INSERTs made them. */
static void
test_hostile_other_statements (void)
{
  static const char *const denied[] = {
    "PRAGMA writable_schema = ON;",
    "PRAGMA journal_mode = OFF;",
    "CREATE TRIGGER t AFTER INSERT ON llama_bench BEGIN DELETE FROM llama_bench; END;",
    "CREATE VIEW v AS SELECT * FROM llama_bench;",
    "CREATE TEMP TABLE t (a);",
    "CREATE VIRTUAL TABLE v USING fts5 (a);",
    "CREATE INDEX i ON llama_bench (n_prompt);",
    "DELETE FROM llama_bench;",
    "UPDATE llama_bench SET avg_ts = 0;",
    "DROP TABLE llama_bench;",
    "ALTER TABLE llama_bench RENAME TO other;",
    "INSERT INTO sqlite_master VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x (a)');",
    "INSERT INTO llama_bench (n_prompt, n_gen, avg_ts) SELECT cid, cid, cid "
      "FROM pragma_table_info('llama_bench');",
    "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;",
    "SELECT writefile('/tmp/benchtop-test-writefile', 'x');",
    "INSERT INTO llama_bench (model_filename) VALUES (readfile('/etc/passwd'));",
    "ANALYZE;",
  };
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", NULL);
  g_autoptr (GString) text = g_string_new (sql);
  g_autoptr (BenchSource) source = NULL;
  GPtrArray *diagnostics;

  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    {
      g_string_append (text, denied[i]);
      g_string_append_c (text, '\n');
    }
  source = load_sql (text->str);
  diagnostics = bench_source_get_diagnostics (source);
  log_diagnostics (diagnostics);

  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (denied));
  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    {
      BenchDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      g_assert_cmpuint (diagnostic->line, ==, 52 + i);
      g_assert_true (g_str_has_suffix (diagnostic->message, ", statement skipped"));
    }
  assert_diagnostic (diagnostics, "PRAGMA writable_schema is not allowed", 52, 1);
  assert_diagnostic (diagnostics, "CREATE TRIGGER is not allowed", 54, 1);
  assert_diagnostic (diagnostics, "DELETE is not allowed", 59, 1);
  assert_diagnostic (diagnostics, "DROP is not allowed", 61, 1);
  /* running the text, rows come from VALUES only */
  assert_diagnostic (diagnostics, "SELECT FROM pragma_table_info is not allowed", 64, 1);
  g_assert_false (g_file_test ("/tmp/benchtop-test-writefile", G_FILE_TEST_EXISTS));

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 8);
  assert_rate (result_at (source, 0), 664.524722, 75.815559);
  g_assert_cmpstr (bench_result_get_model_filename (result_at (source, 0)), ==, "tiny-60m-q4_0.gguf");
}

/* llama-bench does not escape quotes: an INSERT in its shape is read the
 * way it was printed; a broken one that is not is skipped with its line,
 * and the other INSERTs load. */
static void
test_unescaped_quote (void)
{
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", NULL);
  g_auto (GStrv) lines = g_strsplit (sql, "\n", -1);
  g_autofree char *text = NULL;
  g_autoptr (BenchSource) source = NULL;
  GPtrArray *diagnostics;
  BenchResult *result;
  char *changed;

  /* the third INSERT (line 46) gets a quote in its path */
  g_assert_true (g_str_has_prefix (lines[45], "INSERT"));
  changed = replace_once (lines[45], "VALUES", "'tiny-60m-q4_0.gguf'",
                          "'/home/bob/Bob's models/tiny-60m-q4_0.gguf'");
  g_free (lines[45]);
  lines[45] = changed;
  /* the fifth (line 48) one in its CPU name, and a quote lost: not in
   * llama-bench's shape any more */
  g_assert_true (g_str_has_prefix (lines[47], "INSERT"));
  changed = replace_once (lines[47], "VALUES", "'AMD EPYC', '', 'CPU'", "'AMD EPYC's', '', 'CPU");
  g_free (lines[47]);
  lines[47] = changed;
  text = g_strjoinv ("\n", lines);

  source = load_sql (text);
  diagnostics = bench_source_get_diagnostics (source);
  log_diagnostics (diagnostics);

  g_assert_cmpuint (diagnostics->len, ==, 2);
  /* both at the `s` after the quote, where SQLite's parse fails */
  assert_diagnostic (diagnostics, "unescaped '", 46, column_of (text, "s models/"));
  assert_diagnostic (diagnostics, "syntax error, statement skipped", 48,
                     column_of (text, "s', '', 'CPU"));
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 7);
  result = result_at (source, 2);
  g_assert_cmpstr (bench_result_get_model_filename (result), ==,
                   "/home/bob/Bob's models/tiny-60m-q4_0.gguf");
  g_assert_cmpuint (bench_result_get_line (result), ==, 46);
  g_assert_cmpstr (bench_result_get_param_text (result, "n_threads"), ==, "2");
  g_assert_cmpint (bench_result_get_flash_attn (result), ==, 0);
  g_assert_cmpint (bench_result_get_model_size (result), ==, 23416832);
  assert_test (result, 64, 0, 0, "pp64");
  assert_rate (result, 1172.884783, 60.181912);
  /* the one after the broken INSERT */
  result = result_at (source, 4);
  g_assert_cmpuint (bench_result_get_line (result), ==, 49);
  assert_rate (result, 378.681756, 9.463049);
}

/* An interrupted run: the last INSERT is cut. */
static void
test_truncated (void)
{
  gsize len;
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;
  GPtrArray *diagnostics;

  source = bench_test_load_text (sql, len - 300, &error);
  g_assert_no_error (error);
  diagnostics = bench_source_get_diagnostics (source);
  log_diagnostics (diagnostics);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 7);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  assert_diagnostic (diagnostics, "incomplete input", 51, 0);
}

/* Binary garbage: an error, or warnings after good statements; no crash. */
static void
test_hostile_garbage (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  gsize sql_len;
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", &sql_len);
  g_autofree char *garbage = g_malloc (64 * 1024);
  g_autofree char *mixed = NULL;

  for (gsize i = 0; i < 64 * 1024; i++)
    garbage[i] = (char) g_rand_int_range (rand, 0, 256);

  {
    DirectRead read;
    g_autoptr (GError) error = NULL;

    direct_read_init (&read, NULL);
    g_assert_false (bench_read_sql (&read.ctx, garbage, 64 * 1024, &error));
    g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
    g_assert_true (g_ascii_isdigit (error->message[0]));
    g_assert_nonnull (strstr (error->message, ":"));
    g_assert_cmpuint (read.results->len, ==, 0);
    direct_read_clear (&read);
  }
  {
    DirectRead read;
    g_autoptr (GError) error = NULL;

    direct_read_init (&read, NULL);
    g_assert_false (bench_read_sqlite (&read.ctx, garbage, 64 * 1024, &error));
    g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "not a valid SQLite database: "));
    direct_read_clear (&read);
  }

  /* good statements, then garbage with "INSERT" lines in it */
  mixed = g_malloc (sql_len + 64 * 1024);
  memcpy (mixed, sql, sql_len);
  memcpy (mixed + sql_len, garbage, 64 * 1024);
  for (guint i = 0; i < 20; i++)
    memcpy (mixed + sql_len + 1000 + i * 3000, "\nINSERT INTO llama_bench ", 25);
  {
    DirectRead read;
    g_autoptr (GError) error = NULL;

    direct_read_init (&read, NULL);
    g_assert_true (bench_read_sql (&read.ctx, mixed, sql_len + 64 * 1024, &error));
    g_assert_no_error (error);
    g_assert_cmpint (read.ctx.format, ==, BENCH_FORMAT_SQL);
    g_assert_cmpuint (read.results->len, ==, 8);
    g_assert_cmpuint (read.diagnostics->len, >, 0);
    direct_read_clear (&read);
  }
}

/* A NUL byte inside a value: that row is refused, the others load. */
static void
test_hostile_nul_byte (void)
{
  gsize len;
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", &len);
  char *at = strstr (sql, "'AMD EPYC'");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (BenchSource) source = NULL;
  GPtrArray *diagnostics;

  at[4] = '\0';  /* 'AMD\0EPYC' in the first INSERT */
  bytes = g_bytes_new (sql, len);
  source = bench_source_load_bytes (bytes, "nul.sql", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  diagnostics = bench_source_get_diagnostics (source);
  log_diagnostics (diagnostics);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 7);
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
  assert_diagnostic (diagnostics,
                     "column “cpu_info” of table “llama_bench” is not UTF-8 text", 44, 0);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 0)), ==, 45);
}

/* A statement over the length limit (512 KiB of string) is refused, and
 * one whose string never ends; the statements after them still run. */
static void
test_hostile_huge_statement (void)
{
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", NULL);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (BenchSource) source = NULL;
  const char *first_insert = strstr (sql, "INSERT");
  GPtrArray *diagnostics;

  g_string_append_len (text, sql, first_insert - sql);
  g_string_append (text, "INSERT INTO llama_bench (cpu_info) VALUES ('");
  for (guint i = 0; i < 512 * 1024 / 16; i++)
    g_string_append (text, "0123456789abcdef");
  g_string_append (text, "');\n");
  /* and one whose string never ends */
  g_string_append (text, "INSERT INTO llama_bench (cpu_info) VALUES ('never closed);\n");
  g_string_append (text, first_insert);

  source = load_sql (text->str);
  diagnostics = bench_source_get_diagnostics (source);
  log_diagnostics (diagnostics);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 8);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  assert_diagnostic (diagnostics, "statement skipped", 44, 0);
  g_assert_cmpuint (((BenchDiagnostic *) g_ptr_array_index (diagnostics, 1))->line, ==, 45);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 0)), ==, 46);
}

/* A statement that would run for long is stopped. */
static void
test_hostile_slow_statement (void)
{
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", NULL);
  g_autofree char *text = g_strconcat (
    sql,
    "WITH a (x) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10)) "
    "INSERT INTO llama_bench (n_prompt, n_gen, avg_ts) SELECT 1, 1, 1 "
    "FROM a, a b, a c, a d, a e, a f, a g, a h, a i LIMIT 1 OFFSET 1000000000000;\n",
    NULL);
  g_autoptr (BenchSource) source = load_sql (text);
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);

  log_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  assert_diagnostic (diagnostics, "takes too long", 52, 1);
  /* the statement's rows were rolled back */
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 8);
}

/* Other shapes --------------------------------------------------------------- */

/* What `sqlite3 llama-bench.sqlite .dump` prints. */
static void
test_dump (void)
{
  g_autoptr (BenchSource) source = load_sql (
    "PRAGMA foreign_keys=OFF;\n"
    "BEGIN TRANSACTION;\n"
    "CREATE TABLE llama_bench (build_commit TEXT, cpu_info TEXT, n_prompt INTEGER, n_gen INTEGER, "
    "avg_ts REAL, stddev_ts REAL);\n"
    "INSERT INTO llama_bench VALUES('abc','Bob''s CPU',512,0,1234.5,3.25);\n"
    "-- a comment\n"
    "INSERT INTO \"llama_bench\" VALUES('abc','Bob''s CPU',0,128,\n"
    "  45.125, 0.5);\n"
    "/* another */ INSERT INTO llama_bench VALUES('abc','Bob''s CPU',0,128,NULL,NULL);\n"
    "COMMIT;\n");
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);
  BenchResult *result;

  log_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  /* the last row has no statistic at all */
  assert_diagnostic (diagnostics, "no avg_ts", 8, 0);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  result = result_at (source, 0);
  g_assert_cmpstr (bench_result_get_cpu_info (result), ==, "Bob's CPU");
  assert_test (result, 512, 0, 0, "pp512");
  assert_rate (result, 1234.5, 3.25);
  g_assert_cmpuint (bench_result_get_line (result), ==, 4);
  result = result_at (source, 1);
  assert_rate (result, 45.125, 0.5);
  g_assert_cmpuint (bench_result_get_line (result), ==, 6);
}

/* Old `test` and new `llama_bench` output in one text: two segments. */
static void
test_two_tables (void)
{
  g_autofree char *old_sql = corpus_text ("converted/gpt-oss-20b-hip-old-schema.sql", NULL);
  g_autofree char *new_sql = corpus_text ("converted/talk-step35-flash.sql", NULL);
  g_autofree char *text = g_strconcat (old_sql, new_sql, NULL);
  g_autoptr (BenchSource) source = load_sql (text);
  g_autoptr (GArray) lines = insert_lines (text);

  g_assert_cmpuint (bench_source_get_diagnostics (source)->len, ==, 0);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 22);
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 9)), ==, 0);
  g_assert_cmpuint (bench_result_get_run_index (result_at (source, 10)), ==, 1);
  g_assert_cmpuint (bench_result_get_line (result_at (source, 10)), ==,
                    g_array_index (lines, guint, 10));
  assert_rate (result_at (source, 10), 306.036165, 3.997868);
}

/* NULL values reach the builder as NULL; unknown columns are kept. */
static void
test_null_values (void)
{
  g_autoptr (BenchSource) source = load_sql (
    "CREATE TABLE llama_bench (gpu_info TEXT, mla_attn INTEGER, n_prompt INTEGER, n_gen INTEGER, "
    "avg_ts REAL);\n"
    "INSERT INTO llama_bench (gpu_info, mla_attn, n_prompt, n_gen, avg_ts) "
    "VALUES (NULL, NULL, '512', '0', '10.5');\n"
    "INSERT INTO llama_bench (gpu_info, mla_attn, n_prompt, n_gen, avg_ts) "
    "VALUES ('GPU', '3', '512', '0', '11');\n");
  const BenchParam *param;

  g_assert_cmpuint (bench_source_get_n_results (source), ==, 2);
  g_assert_cmpstr (bench_result_get_gpu_info (result_at (source, 0)), ==, "");
  param = bench_result_lookup_param (result_at (source, 0), "mla_attn");
  g_assert_nonnull (param);
  g_assert_cmpint (param->type, ==, BENCH_VALUE_NULL);
  g_assert_cmpstr (bench_result_get_gpu_info (result_at (source, 1)), ==, "GPU");
  g_assert_cmpstr (bench_result_get_param_text (result_at (source, 1), "mla_attn"), ==, "3");
  g_assert_cmpfloat (bench_result_get_avg_ts (result_at (source, 1)), ==, 11.0);
  g_assert_true (isnan (bench_result_get_stddev_ts (result_at (source, 1))));
}

/* Tables that are not llama-bench's give no records and say so. */
static void
test_no_llama_bench_table (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (
    "CREATE TABLE people (name TEXT, n_prompt INTEGER);\n"
    "INSERT INTO people VALUES ('x', 1);\n",
    -1, &error);

  g_assert_null (source);
  g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no table with llama-bench columns"));
}

/* Nothing SQLite can run: an error naming where. */
static void
test_nothing_runs (void)
{
  {
    static const char text[] = "-- only a comment\n/* and another */\n";
    DirectRead read;
    g_autoptr (GError) error = NULL;

    direct_read_init (&read, NULL);
    g_assert_false (bench_read_sql (&read.ctx, text, sizeof text - 1, &error));
    g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_EMPTY);
    g_assert_cmpstr (error->message, ==, "1:1: no SQL statements");
    direct_read_clear (&read);
  }
  {
    static const char text[] = "\n  INSERT INTO missing VALUES (1);\nCREATE TABLE (;\n";
    g_autoptr (GError) error = NULL;
    g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);

    g_assert_null (source);
    g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "pasted:2:3: SQLite: no such table: missing");
  }
}

/* The data is not NUL-terminated: only @len bytes are read. */
static void
test_not_nul_terminated (void)
{
  gsize len;
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", &len);
  g_autofree char *longer = g_strconcat (sql, "INSERT INTO llama_bench (n_prompt, n_gen, avg_ts) "
                                         "VALUES ('1', '1', '1');", NULL);
  DirectRead read;
  g_autoptr (GError) error = NULL;

  direct_read_init (&read, NULL);
  g_assert_true (bench_read_sql (&read.ctx, longer, len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (read.results->len, ==, 8);
  g_assert_cmpuint (read.diagnostics->len, ==, 0);
  direct_read_clear (&read);
}

static void
test_cancelled (void)
{
  gsize len;
  g_autofree char *sql = corpus_text ("generated/cpu-threads-fa.sql", &len);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  DirectRead read;

  g_cancellable_cancel (cancellable);
  {
    g_autoptr (GError) error = NULL;

    direct_read_init (&read, cancellable);
    g_assert_false (bench_read_sql (&read.ctx, sql, len, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    direct_read_clear (&read);
  }
  {
    g_autoptr (GError) error = NULL;

    direct_read_init (&read, cancellable);
    g_assert_false (bench_read_sqlite (&read.ctx, sql, len, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    direct_read_clear (&read);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/sql/corpus/counts", test_corpus_counts);
  g_test_add_func ("/reader/sql/corpus/docs-2023-test-table", test_corpus_docs_2023);
  g_test_add_func ("/reader/sql/corpus/docs-2026-llama_bench-table", test_corpus_docs_2026);
  g_test_add_func ("/reader/sql/corpus/threads-fa", test_corpus_threads_fa);
  g_test_add_func ("/reader/sql/agrees-with-csv", test_agrees_with_csv);
  g_test_add_func ("/reader/sql/agrees-with-json", test_agrees_with_json);
  g_test_add_func ("/reader/sqlite/file", test_sqlite_file);
  g_test_add_func ("/reader/sqlite/two-tables", test_sqlite_two_tables);
  g_test_add_func ("/reader/sqlite/wal-mode", test_sqlite_wal_mode);
  g_test_add_func ("/reader/sqlite/corrupt", test_sqlite_corrupt);
  g_test_add_func ("/reader/sql/hostile/attach", test_hostile_attach);
  g_test_add_func ("/reader/sql/hostile/load-extension", test_hostile_load_extension);
  g_test_add_func ("/reader/sql/hostile/other-statements", test_hostile_other_statements);
  g_test_add_func ("/reader/sql/hostile/garbage", test_hostile_garbage);
  g_test_add_func ("/reader/sql/hostile/nul-byte", test_hostile_nul_byte);
  g_test_add_func ("/reader/sql/hostile/huge-statement", test_hostile_huge_statement);
  g_test_add_func ("/reader/sql/hostile/slow-statement", test_hostile_slow_statement);
  g_test_add_func ("/reader/sql/unescaped-quote", test_unescaped_quote);
  g_test_add_func ("/reader/sql/truncated", test_truncated);
  g_test_add_func ("/reader/sql/dump", test_dump);
  g_test_add_func ("/reader/sql/two-tables", test_two_tables);
  g_test_add_func ("/reader/sql/null-values", test_null_values);
  g_test_add_func ("/reader/sql/no-llama-bench-table", test_no_llama_bench_table);
  g_test_add_func ("/reader/sql/nothing-runs", test_nothing_runs);
  g_test_add_func ("/reader/sql/not-nul-terminated", test_not_nul_terminated);
  g_test_add_func ("/reader/sql/cancelled", test_cancelled);

  return g_test_run ();
}
