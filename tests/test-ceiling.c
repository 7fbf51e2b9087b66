/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ceiling.c — every reproducer of issue 12 through `benchtop --list`
 * under a ceiling: no input takes longer than the larger of 5 s and 2 s
 * per MB, or more than 512 MB of memory at its peak. Under AddressSanitizer
 * only time is bounded, three times as long.
 *
 * The inputs are written at test time by tests/hostile-files.py into a
 * temporary folder (some are megabytes); one test per file. */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-test-util.h"

#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif
#ifndef UNDER_ASAN
# define UNDER_ASAN 0
#endif

#define MAX_PEAK_KIB (512 * 1024)

static char *tmp_dir;

static void
test_ceiling (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  const char *binary = g_getenv ("BENCHTOP_BINARY");
  double mb, ceiling, seconds;
  struct rusage usage;
  GStatBuf st;
  gint64 start;
  pid_t pid, done = 0;
  int status = 0;

  g_assert_nonnull (binary);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  mb = st.st_size / 1e6;
  ceiling = MAX (5.0, 2.0 * mb) * (UNDER_ASAN ? 3 : 1);

  start = g_get_monotonic_time ();
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);
      dup2 (null, STDOUT_FILENO);
      dup2 (null, STDERR_FILENO);
      if (UNDER_ASAN)
        {
          /* the time of the code, not of ASan's full stacks on every
           * allocation (leaks are the other tests' business) */
          const char *options = g_getenv ("ASAN_OPTIONS");
          char *all = g_strconcat (options ? options : "", options ? ":" : "",
                                   "fast_unwind_on_malloc=1:detect_leaks=0", NULL);
          g_setenv ("ASAN_OPTIONS", all, TRUE);
        }
      execl (binary, binary, "--list", path, (char *) NULL);
      _exit (127);
    }
  /* wait, but not for ever: well past the ceiling the run is stopped */
  while (done == 0)
    {
      done = wait4 (pid, &status, WNOHANG, &usage);
      if (done < 0 && errno == EINTR)
        done = 0;
      g_assert_cmpint (done, >=, 0);
      if (done == 0)
        {
          if (g_get_monotonic_time () - start > (gint64) (4 * ceiling * G_USEC_PER_SEC))
            kill (pid, SIGKILL);
          g_usleep (10000);
        }
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("%s: %.1f MB, %.2f s (ceiling %.0f s), peak %ld MB", name, mb, seconds,
                  ceiling, usage.ru_maxrss / 1024);

  /* read or refused, never a crash (exit status 0 or 1) */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), <=, 1);
  g_assert_cmpfloat (seconds, <=, ceiling);
  if (!UNDER_ASAN)
    g_assert_cmpint (usage.ru_maxrss, <=, MAX_PEAK_KIB);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

int
main (int argc, char **argv)
{
  g_autofree char *script = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("benchtop-ceiling-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  script = g_test_build_filename (G_TEST_DIST, "hostile-files.py", NULL);
  {
    const char *script_argv[] = { "python3", script, tmp_dir, NULL };
    g_spawn_sync (NULL, (char **) script_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  dir = g_dir_open (tmp_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/ceiling/%s", (char *) g_ptr_array_index (names, i));
      g_test_add_data_func (test_path, g_ptr_array_index (names, i), test_ceiling);
    }

  status = g_test_run ();
  bench_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
