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

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("benchtop-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/hostile/blank/unterminated-bytes-are-empty", test_blank_unterminated);
  g_test_add_func ("/hostile/blank/page-multiple-file-is-empty", test_blank_page_multiple_file);

  status = g_test_run ();
  bench_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
