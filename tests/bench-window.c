/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window.c — the window with many results: how soon it shows, whether
 * it keeps answering while they load, and what it costs.
 *
 *   bench-window BENCH_LOAD [N]
 *   bench-window --folder DIR
 *
 * Writes a realistic llama-bench JSON file of N results (default 100000)
 * with BENCH_LOAD (the bench-load program), opens the window, measures the
 * time to its first frame, then loads the file as a drop would and
 * measures: the time until the results are in, the time until the views
 * have drawn them, the longest the main loop went without running (a
 * frozen window would show here), and the process's peak memory.
 *
 * With --folder, the window loads every file in DIR instead (e.g. the
 * hostile inputs tests/hostile-files.py writes): the same figures, then
 * each file's first problem as the window reports it, FILE:LINE:COLUMN.
 *
 * Figures, never assertions. Needs a display: run it under xvfb-run, as
 * `meson test --benchmark` does.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-application.h"
#include "bench-chart-view.h"
#include "bench-group-page.h"
#include "bench-test-util.h"
#include "bench-window.h"

static gint64 last_tick;
static gint64 longest_gap;
static gint64 frame_time;

/* the long gaps, when they started: where to look with a profiler */
#define LONG_GAP_US 40000
#define MAX_LONG_GAPS 64
static struct { gint64 start, length, cpu; } long_gaps[MAX_LONG_GAPS];
static guint n_long_gaps;
static gint64 last_tick_cpu;

/* the main thread's own processor time: a gap it spent waiting (on the
 * renderer's threads, say) is not work it did */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
on_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (last_tick != 0 && now - last_tick > longest_gap)
    longest_gap = now - last_tick;
  if (last_tick != 0 && now - last_tick > LONG_GAP_US && n_long_gaps < MAX_LONG_GAPS)
    {
      long_gaps[n_long_gaps].start = last_tick;
      long_gaps[n_long_gaps].length = now - last_tick;
      long_gaps[n_long_gaps].cpu = cpu - last_tick_cpu;
      n_long_gaps++;
    }
  last_tick = now;
  last_tick_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  if (frame_time == 0)
    frame_time = g_get_monotonic_time ();
}

static gint64
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id;

  frame_time = 0;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  gtk_widget_queue_draw (widget);
  while (frame_time == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  return frame_time;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* What each file of @dir gives: its records, or the message the window
 * shows for it. */
static void
print_folder_messages (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchSource) source = bench_source_load_file (file, NULL, NULL, NULL, &error);
      g_autofree char *shown = NULL;

      if (source == NULL)
        shown = g_utf8_make_valid (error->message, MIN (strlen (error->message), 160));
      else if (bench_source_get_diagnostics (source)->len > 0)
        {
          g_autofree char *first = bench_diagnostic_format (
            g_ptr_array_index (bench_source_get_diagnostics (source), 0),
            bench_source_get_name (source));
          g_autofree char *cut = g_utf8_make_valid (first, MIN (strlen (first), 140));
          shown = g_strdup_printf ("%s: %u records; %s", (char *) g_ptr_array_index (names, i),
                                   bench_source_get_n_results (source), cut);
        }
      else
        shown = g_strdup_printf ("%s: %u records", (char *) g_ptr_array_index (names, i),
                                 bench_source_get_n_results (source));
      printf ("    %s\n", shown);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *folder = NULL;
  g_autoptr (BenchApplication) app = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *n_text = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  BenchWindow *window;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 100000;
  gint64 start, first_frame, load_start, loaded, drawn;
  long before_load_kib;
  struct stat st;
  int status;

  if (argc < 2 || (strcmp (argv[1], "--folder") == 0 && argc < 3))
    {
      g_printerr ("usage: bench-window BENCH_LOAD [N]\n"
                  "       bench-window --folder DIR\n");
      return 2;
    }

  if (strcmp (argv[1], "--folder") == 0)
    {
      folder = argv[2];
      path = g_strdup (folder);
      st.st_size = 0;
    }
  else
    {
      /* the file, written by bench-load in another process */
      dir = g_dir_make_tmp ("benchtop-window-XXXXXX", NULL);
      path = g_build_filename (dir, "results.json", NULL);
      n_text = g_strdup_printf ("%u", n);
      {
        const char *write_argv[] = { argv[1], "--write-json", n_text, path, NULL };
        g_spawn_sync (NULL, (char **) write_argv, NULL, 0, NULL, NULL, NULL, NULL, &status, &error);
        g_assert_no_error (error);
      }
      g_stat (path, &st);
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* what g_application_run would set: recent files need it */
  g_set_prgname ("benchtop");
  gtk_init ();
  adw_init ();
  app = bench_application_new ();
  g_application_register (G_APPLICATION (app), NULL, NULL);

  start = g_get_monotonic_time ();
  window = bench_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  first_frame = wait_for_frame (GTK_WIDGET (window));
  before_load_kib = bench_test_peak_kib ();

  /* a tick every 5 ms: the gaps between ticks are how long the window
   * could not answer */
  g_timeout_add (5, on_tick, NULL);
  file = g_file_new_for_path (path);
  load_start = g_get_monotonic_time ();
  last_tick = load_start;
  last_tick_cpu = thread_cpu_us ();
  bench_window_load_files (window, &file, 1);
  while (bench_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  loaded = g_get_monotonic_time ();
  /* the visible view's chart is made in a worker: wait for it */
  for (guint kind = 0; kind < 3; kind++)
    {
      BenchGroupPage *page = bench_window_get_page (window, kind);
      GtkWidget *chart;

      if (!gtk_widget_get_mapped (GTK_WIDGET (page)))
        continue;
      chart = bench_group_page_get_chart (page);
      while (bench_chart_view_is_building (BENCH_CHART_VIEW (chart)))
        g_main_context_iteration (NULL, TRUE);
    }
  drawn = wait_for_frame (GTK_WIDGET (window));
  on_tick (NULL);

  if (folder != NULL)
    printf ("Window on the folder %s (%u results) on %u processors\n", folder,
            bench_dataset_get_n_results (bench_window_get_dataset (window)),
            g_get_num_processors ());
  else
    printf ("Window with %u results (%.0f MB of JSON) on %u processors\n",
            n, st.st_size / 1e6, g_get_num_processors ());
  printf ("  first frame            %7.0f ms after the window was created\n",
          (first_frame - start) / 1e3);
  printf ("  results loaded         %7.2f s\n", (loaded - load_start) / 1e6);
  printf ("  chart and views drawn  %7.2f s after the drop\n", (drawn - load_start) / 1e6);
  printf ("  longest main-loop gap  %7.0f ms while loading and drawing\n", longest_gap / 1e3);
  printf ("  peak memory            %7.0f MB (%.0f MB before loading)\n",
          bench_test_peak_kib () / 1024.0, before_load_kib / 1024.0);
  /* CLOCK_MONOTONIC seconds too, as `perf record -k mono` stamps samples */
  printf ("  gaps over %d ms (the main thread's own processor time in each):\n", LONG_GAP_US / 1000);
  for (guint i = 0; i < n_long_gaps; i++)
    printf ("    %5.0f ms (%3.0f ms busy) from %.2f s after the drop (monotonic %.6f s)\n",
            long_gaps[i].length / 1e3, long_gaps[i].cpu / 1e3,
            (long_gaps[i].start - load_start) / 1e6, long_gaps[i].start / 1e6);

  if (folder != NULL)
    {
      printf ("  what each file gives:\n");
      print_folder_messages (folder);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  if (folder == NULL)
    {
      g_unlink (path);
      g_rmdir (dir);
    }
  return 0;
}
