/* test-hostile.c — input written to hurt: each test is one defect that
 * fuzzing or a hand-written probe found (issue 12), reproduced at its size. */
#include <glib/gstdio.h>
#include <string.h>

#include "bench-test-util.h"

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

  status = g_test_run ();
  bench_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
