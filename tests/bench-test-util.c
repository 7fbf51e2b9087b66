/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-test-util.c — helpers shared by the tests. */
#include "bench-test-util.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

char *
bench_test_corpus_path (const char *relative)
{
  const char *dir = g_getenv ("BENCHTOP_CORPUS_DIR");

  /* running a test binary by hand: the corpus beside the checkout */
  if (dir == NULL)
    dir = BENCHTOP_DEFAULT_CORPUS_DIR;
  return g_build_filename (dir, relative, NULL);
}

BenchSource *
bench_test_load_corpus (const char *relative)
{
  g_autofree char *path = bench_test_corpus_path (relative);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  BenchSource *source;

  source = bench_source_load_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  return source;
}

BenchSource *
bench_test_load_text (const char  *text,
                      gssize       len,
                      GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return bench_source_load_bytes (bytes, "pasted", NULL, NULL, NULL, error);
}

void
bench_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          bench_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

long
bench_test_peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  hwm = strstr (status, "VmHWM:");
  return hwm ? atol (hwm + 6) : -1;
}
