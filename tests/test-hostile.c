/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hostile.c — input written to hurt: each test is one defect that
 * fuzzing or a hand-written probe found (issue 12), reproduced at its size. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "bench-dataset.h"
#include "bench-group.h"
#include "bench-test-util.h"
#include "bench-units.h"

static char *tmp_dir;

static char *
write_temp (const char *name,
            const char *data,
            gsize       len)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static BenchSource *
load_path (const char  *path,
           GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return bench_source_load_file (file, NULL, NULL, NULL, error);
}

/* Blank input is "empty", whatever lies in memory right after it: the
 * bytes of a paste or of standard input are not NUL-terminated. */
static void
test_blank_unterminated (void)
{
  static const gsize sizes[] = { 1, 16, 4096 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *buf = g_malloc (sizes[i] + 17);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (BenchSource) source = NULL;
      g_autoptr (GError) error = NULL;

      /* more blanks after the input, not part of it, then a NUL */
      memset (buf, '\n', sizes[i] + 16);
      buf[sizes[i] + 16] = '\0';
      bytes = g_bytes_new_static (buf, sizes[i]);
      source = bench_source_load_bytes (bytes, "pasted", NULL, NULL, NULL, &error);
      g_assert_null (source);
      g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_EMPTY);
      g_assert_cmpstr (error->message, ==, "pasted: the file is empty");
    }
}

/* A mapped file the size of whole pages has no NUL after it. */
static void
test_blank_page_multiple_file (void)
{
  g_autofree char *data = g_malloc (8192);
  g_autofree char *path = NULL;
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (GError) error = NULL;

  memset (data, '\n', 8192);
  path = write_temp ("newlines.json", data, 8192);
  source = load_path (path, &error);
  g_assert_null (source);
  g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_EMPTY);
  g_assert_true (g_str_has_suffix (error->message, "newlines.json: the file is empty"));
}

/* The names of the settings that vary belong to the results: none is
 * interned for the life of the process (each new name a file brought
 * stayed in memory for good). */
static void
test_varying_interns_nothing (void)
{
  const char *text =
    "{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 10.0, \"hostile_only_a_7f3e\": 1}\n"
    "{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 11.0, \"hostile_only_b_7f3e\": 2}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  g_autoptr (GPtrArray) varying = NULL;
  GPtrArray *results;

  g_assert_no_error (error);
  results = bench_source_get_results (source);
  g_assert_cmpuint (results->len, ==, 2);
  varying = bench_results_find_varying ((BenchResult **) results->pdata, results->len);
  g_assert_true (g_ptr_array_find_with_equal_func (varying, "hostile_only_a_7f3e", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (varying, "hostile_only_b_7f3e", g_str_equal, NULL));
  g_assert_cmpuint (g_quark_try_string ("hostile_only_a_7f3e"), ==, 0);
  g_assert_cmpuint (g_quark_try_string ("hostile_only_b_7f3e"), ==, 0);
}

#define SQL_TABLE "CREATE TABLE llama_bench (model_type TEXT, n_prompt INTEGER, n_gen INTEGER, " \
                  "avg_ts REAL);\n"
#define SQL_ROW(ts) "INSERT INTO llama_bench (model_type, n_prompt, n_gen, avg_ts) " \
                    "VALUES ('m', 512, 0, " #ts ");"

static gboolean
has_diagnostic (BenchSource *source,
                const char  *text,
                guint        line)
{
  GPtrArray *diagnostics = bench_source_get_diagnostics (source);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      BenchDiagnostic *d = g_ptr_array_index (diagnostics, i);
      if (strstr (d->message, text) != NULL && (line == 0 || d->line == line))
        return TRUE;
    }
  return FALSE;
}

/* A refused statement is skipped whole: the INSERTs after it on the same
 * line load (they used to vanish without a warning or a count). */
static void
test_sql_refused_keeps_its_line (void)
{
  const char *text =
    SQL_TABLE
    SQL_ROW (1.0) "\n"
    "CREATE TRIGGER t AFTER INSERT ON llama_bench BEGIN SELECT 1; END; " SQL_ROW (2.0) "\n"
    "CREATE VIRTUAL TABLE v USING fts5 (a); " SQL_ROW (3.0) " " SQL_ROW (4.0) "\n"
    "INSERT INTO llama_bench VALUES (1,,2); " SQL_ROW (5.0) "\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 5);
  g_assert_true (has_diagnostic (source, "CREATE TRIGGER is not allowed", 3));
  g_assert_true (has_diagnostic (source, "CREATE VIRTUAL TABLE is not allowed", 4));
  g_assert_true (has_diagnostic (source, "statement skipped", 5));
  /* the broken INSERT is counted as a record not loaded */
  g_assert_cmpuint (bench_source_get_skipped (source), ==, 1);
}

/* Statements that each stay within their own budget, but add up: the file
 * as a whole has a time budget, and is reported as too expensive. */
static void
test_sql_slow_statements_add_up (void)
{
  g_autoptr (GString) text = g_string_new (SQL_TABLE SQL_ROW (1.0) "\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (text,
      "WITH a (x) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10)) "
      "INSERT INTO llama_bench (n_prompt, n_gen, avg_ts) SELECT 1, 1, 1 "
      "FROM a, a b, a c, a d, a e, a f, a g, a h, a i LIMIT 1 OFFSET 1000000000000;\n");
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_null (source);
  g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too much time or memory"));
}

/* One statement that sorts a thousand rows of 800 KB: the memory
 * SQLite holds for one file is bounded. */
static void
test_sql_memory_bomb (void)
{
  g_autoptr (GString) text = g_string_new (SQL_TABLE SQL_ROW (1.0) "\n");
  g_autofree char *small = g_strnfill (8000, 'a');
  g_autofree char *fifty = g_strnfill (50, 'a');
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;

  g_string_append (text, "WITH a (x) AS (VALUES ");
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (text, "%s(replace('%s', 'a', '%s'))", i ? ", " : "", small, fifty);
  g_string_append (text, ") INSERT INTO llama_bench (model_type, n_prompt, n_gen, avg_ts) "
                         "SELECT a.x, 1, 1, 1 FROM a, a b, a c ORDER BY 1 || b.x;\n");
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_null (source);
  g_assert_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_TOO_LARGE);
}

/* A database whose table computes a column for every row read: refused
 * after a look at its columns, the other table read. */
static void
test_sqlite_generated_column (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "generated.sqlite", NULL);
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE test (n_prompt INTEGER, n_gen INTEGER, avg_ts REAL, model_type TEXT "
    "  AS (replace(replace(printf('%.*c', 1000000, 'x'), 'x', 'yy'), 'y', 'zz')));"
    "WITH RECURSIVE c (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200) "
    "  INSERT INTO test (n_prompt, n_gen, avg_ts) SELECT 512, 0, i FROM c;"
    "CREATE TABLE llama_bench (model_type TEXT, n_prompt INTEGER, n_gen INTEGER, avg_ts REAL);"
    "INSERT INTO llama_bench VALUES ('m', 512, 0, 1.0);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  source = load_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
  g_assert_true (has_diagnostic (source, "computes columns", 0));
}

/* Minified JSON is one line: each record's column is counted on from the
 * last one (it was counted from the line's start, quadratic in the line),
 * and still right after characters of several bytes. */
static void
test_json_columns_on_one_line (void)
{
  const char *text =
    "[{\"model_type\": \"caf\xC3\xA9\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.5},"
    "{\"n_gen\": 0},{\"model_type\": \"\xE2\x80\x94\"},{\"n_prompt\": 1}]";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  GPtrArray *diagnostics;
  guint columns[3];

  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
  diagnostics = bench_source_get_diagnostics (source);
  g_assert_cmpuint (diagnostics->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      BenchDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_assert_cmpuint (d->line, ==, 1);
      columns[i] = d->column;
    }
  /* characters, not bytes: "café" and "—" count one each */
  g_assert_cmpuint (columns[0], ==, 69);
  g_assert_cmpuint (columns[1], ==, 82);
  g_assert_cmpuint (columns[2], ==, 102);
}

/* A record with many keys: each is a parameter, the last value of a
 * repeated key wins, however many came before. */
static void
test_record_many_keys (void)
{
  g_autoptr (GString) text = g_string_new ("{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.5");
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;
  BenchResult *result;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, ", \"k%u\": %u", i, i);
  /* repeated keys, early and late */
  g_string_append (text, ", \"k3\": \"again\", \"k19999\": \"last\", \"k100\": 7}\n");
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
  result = g_ptr_array_index (bench_source_get_results (source), 0);
  g_assert_cmpstr (bench_result_get_param_text (result, "k3"), ==, "again");
  g_assert_cmpstr (bench_result_get_param_text (result, "k19999"), ==, "last");
  g_assert_cmpstr (bench_result_get_param_text (result, "k100"), ==, "7");
  g_assert_cmpstr (bench_result_get_param_text (result, "k12345"), ==, "12345");
}

/* PowerShell's `llama-bench -o json > out.json` writes UTF-16 with a byte
 * order mark: read like the UTF-8 it holds, little- and big-endian. */
static void
test_utf16_with_bom (void)
{
  static const char *const encodings[] = { "UTF-16LE", "UTF-16BE" };
  static const char *const boms[] = { "\xFF\xFE", "\xFE\xFF" };
  static const char *const corpus[] = { "converted/talk-step35-flash.jsonl",
                                        "converted/talk-step35-flash.csv" };

  for (guint c = 0; c < G_N_ELEMENTS (corpus); c++)
    for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
      {
        g_autofree char *original = bench_test_corpus_path (corpus[c]);
        g_autoptr (BenchSource) expected = bench_test_load_corpus (corpus[c]);
        g_autofree char *text = NULL;
        g_autofree char *wide = NULL;
        g_autofree char *name = g_strdup_printf ("utf16-%u-%u.txt", c, e);
        g_autofree char *path = NULL;
        g_autoptr (GString) bytes = g_string_new (boms[e]);
        g_autoptr (BenchSource) source = NULL;
        g_autoptr (GError) error = NULL;
        gsize len = 0, wide_len = 0;

        g_file_get_contents (original, &text, &len, &error);
        g_assert_no_error (error);
        wide = g_convert (text, len, encodings[e], "UTF-8", NULL, &wide_len, &error);
        g_assert_no_error (error);
        g_string_append_len (bytes, wide, wide_len);
        path = write_temp (name, bytes->str, bytes->len);
        source = load_path (path, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (bench_source_get_n_results (source), ==,
                          bench_source_get_n_results (expected));
        g_assert_cmpint (bench_source_get_format (source), ==, bench_source_get_format (expected));
      }
}

/* Broken UTF-16 (an unpaired surrogate, an odd byte at the end) is read
 * as far as it goes. */
static void
test_utf16_broken (void)
{
  /* {"n_prompt": 512, "n_gen": 0, "avg_ts": 1.5, "model_type": "<D800>"}\n + odd byte */
  const char *record = "{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.5, \"model_type\": \"";
  g_autoptr (GString) bytes = g_string_new_len ("\xFF\xFE", 2);
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) data = NULL;

  for (const char *p = record; *p; p++)
    g_string_append_len (bytes, (char[]) { *p, 0 }, 2);
  g_string_append_len (bytes, "\x00\xD8", 2);
  g_string_append_len (bytes, "\"\0}\0\n\0\x41", 7);
  data = g_bytes_new (bytes->str, bytes->len);
  source = bench_source_load_bytes (data, "pasted", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bench_source_get_n_results (source), ==, 1);
}

/* Labels are for people: however long the input, what is laid out on the
 * main thread is as long as a line (a 5 MB model name froze the window
 * for 40 s). */
static void
test_giant_labels_shortened (void)
{
  g_autoptr (GString) text = g_string_new ("{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.5, \"model_type\": \"");
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autofree char *display = NULL;
  BenchResult *result;
  GListModel *groups;

  for (guint i = 0; i < 1000000; i++)
    g_string_append (text, "\xC3\xA9");   /* é: cut between characters only */
  g_string_append (text, "\", \"cpu_info\": \"");
  for (guint i = 0; i < 100000; i++)
    g_string_append (text, "CPU ");
  g_string_append (text, "\"}\n");
  source = bench_test_load_text (text->str, text->len, &error);
  g_assert_no_error (error);
  result = g_ptr_array_index (bench_source_get_results (source), 0);
  /* the data keeps it whole */
  g_assert_cmpuint (g_utf8_strlen (bench_result_get_model_type (result), -1), ==, 1000000);

  display = bench_result_dup_field_display (result, "model_type");
  g_assert_true (g_utf8_validate (display, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (display, -1), ==, BENCH_DISPLAY_MAX_CHARS);
  g_assert_true (g_str_has_suffix (display, "…"));
  g_assert_cmpuint (g_utf8_strlen (bench_result_get_hardware_label (result), -1), <=,
                    2 * BENCH_DISPLAY_MAX_CHARS);

  bench_dataset_add_source (dataset, source);
  for (int kind = 0; kind < 3; kind++)
    {
      groups = bench_dataset_get_groups (dataset, kind);
      g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
      {
        g_autoptr (BenchGroup) group = g_list_model_get_item (groups, 0);
        g_assert_cmpuint (g_utf8_strlen (bench_group_get_label (group), -1), <=,
                          BENCH_DISPLAY_MAX_CHARS);
        g_assert_cmpuint (strlen (bench_group_get_models_text (group)), <=,
                          4 * BENCH_DISPLAY_MAX_CHARS);
      }
    }
}

static void
test_ellipsize_for_display (void)
{
  g_autofree char *same = bench_text_ellipsize_for_display ("short", 10);
  g_autofree char *cut = bench_text_ellipsize_for_display ("abcdefghijkl", 5);
  g_autofree char *exact = bench_text_ellipsize_for_display ("abcde", 5);
  g_autofree char *invalid = bench_text_ellipsize_for_display ("a\xFF" "b", 10);

  g_assert_cmpstr (same, ==, "short");
  g_assert_cmpstr (cut, ==, "abcd…");
  g_assert_cmpstr (exact, ==, "abcde");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_null (bench_text_ellipsize_for_display (NULL, 10));
}

/* Varying settings among records of several layouts: a key varies when a
 * value differs, or when some records lack it (checked once per run of
 * records with one layout). */
static void
test_varying_layouts (void)
{
  const char *text =
    "{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.0, \"x_a\": 1, \"x_b\": 2, \"x_same\": 5}\n"
    "{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.0, \"x_a\": 3, \"x_same\": 5}\n"
    "{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.0, \"x_a\": 3, \"x_same\": 5}\n"
    "{\"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 1.0, \"x_a\": 1, \"x_b\": 2, \"x_same\": 5, \"x_c\": 0}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = bench_test_load_text (text, -1, &error);
  g_autoptr (GPtrArray) varying = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  GPtrArray *results;

  g_assert_no_error (error);
  results = bench_source_get_results (source);
  varying = bench_results_find_varying ((BenchResult **) results->pdata, results->len);
  for (guint i = 0; i < varying->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (varying, i), "x_"))
      g_string_append_printf (names, "%s ", (char *) g_ptr_array_index (varying, i));
  g_assert_cmpstr (names->str, ==, "x_a x_b x_c ");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("benchtop-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/hostile/blank/unterminated-bytes-are-empty", test_blank_unterminated);
  g_test_add_func ("/hostile/blank/page-multiple-file-is-empty", test_blank_page_multiple_file);

  g_test_add_func ("/hostile/varying/interns-no-parameter-name", test_varying_interns_nothing);
  g_test_add_func ("/hostile/varying/several-layouts", test_varying_layouts);

  g_test_add_func ("/hostile/sql/refused-statement-keeps-its-line", test_sql_refused_keeps_its_line);
  g_test_add_func ("/hostile/sql/slow-statements-add-up", test_sql_slow_statements_add_up);
  g_test_add_func ("/hostile/sql/memory-bomb", test_sql_memory_bomb);
  g_test_add_func ("/hostile/sqlite/generated-column", test_sqlite_generated_column);

  g_test_add_func ("/hostile/json/columns-on-one-line", test_json_columns_on_one_line);
  g_test_add_func ("/hostile/json/record-with-many-keys", test_record_many_keys);

  g_test_add_func ("/hostile/utf16/with-byte-order-mark", test_utf16_with_bom);
  g_test_add_func ("/hostile/utf16/broken", test_utf16_broken);

  g_test_add_func ("/hostile/labels/giant-strings-shortened", test_giant_labels_shortened);
  g_test_add_func ("/hostile/labels/ellipsize-for-display", test_ellipsize_for_display);

  status = g_test_run ();
  bench_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
