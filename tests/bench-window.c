/* bench-window.c — the window with many results: how soon it shows, whether
 * it keeps answering while they load, and what it costs.
 *
 *   bench-window BENCH_LOAD [N]
 *
 * Writes a realistic llama-bench JSON file of N results (default 100000)
 * with BENCH_LOAD (the bench-load program), opens the window, measures the
 * time to its first frame, then loads the file as a drop would and
 * measures: the time until the results are in, the time until the views
 * have drawn them, the longest the main loop went without running (a
 * frozen window would show here), and the process's peak memory.
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

#include "bench-application.h"
#include "bench-chart-view.h"
#include "bench-group-page.h"
#include "bench-test-util.h"
#include "bench-window.h"

static gint64 last_tick;
static gint64 longest_gap;
static gint64 frame_time;

static gboolean
on_tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > longest_gap)
    longest_gap = now - last_tick;
  last_tick = now;
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

int
main (int    argc,
      char **argv)
{
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

  if (argc < 2)
    {
      g_printerr ("usage: bench-window BENCH_LOAD [N]\n");
      return 2;
    }

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

  printf ("Window with %u results (%.0f MB of JSON) on %u processors\n",
          n, st.st_size / 1e6, g_get_num_processors ());
  printf ("  first frame            %7.0f ms after the window was created\n",
          (first_frame - start) / 1e3);
  printf ("  results loaded         %7.2f s\n", (loaded - load_start) / 1e6);
  printf ("  chart and views drawn  %7.2f s after the drop\n", (drawn - load_start) / 1e6);
  printf ("  longest main-loop gap  %7.0f ms while loading and drawing\n", longest_gap / 1e3);
  printf ("  peak memory            %7.0f MB (%.0f MB before loading)\n",
          bench_test_peak_kib () / 1024.0, before_load_kib / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
