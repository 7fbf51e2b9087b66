/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-session.c — the session under the window and the command line:
 * files read in order, failures listed with their position, pastes that
 * never replace each other, a file that grows read again, restore. */
#include <glib/gstdio.h>
#include <string.h>

#include "bench-session.h"
#include "bench-test-util.h"

static BenchSourceEntry *
entry_at (BenchSession *session,
          guint         i)
{
  GListModel *entries = bench_session_get_entries (session);
  g_autoptr (BenchSourceEntry) entry = g_list_model_get_item (entries, i);

  g_assert_nonnull (entry);
  return entry;   /* the list keeps it */
}

static void
count_signal (gpointer  instance,
              gpointer  entry,
              gboolean  reload,
              guint    *count)
{
  (*count)++;
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  guint *ticks;
  GArray *seen;   /* the tick count as each source was added */
  gboolean finished;
} Arrivals;

static void
on_arrived (BenchSession     *session,
            BenchSourceEntry *entry,
            gboolean          reload,
            Arrivals         *arrivals)
{
  g_assert_false (arrivals->finished);
  g_array_append_val (arrivals->seen, *arrivals->ticks);
}

static void
on_finished (BenchSession *session,
             guint         n_loaded,
             guint         n_failed,
             gboolean      reload,
             Arrivals     *arrivals)
{
  arrivals->finished = TRUE;
}

/* A folder of files that each bring 20,000 models: the sources are added
 * a few milliseconds' worth at a time, with the main loop (and so the
 * window's frames) running in between, not all in one callback; the load
 * is over only once the last is in. */
static void
test_folder_added_in_slices (void)
{
  g_autoptr (BenchSession) session = bench_session_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("benchtop-session-XXXXXX", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  guint ticks = 0, tick_id;
  Arrivals arrivals = { &ticks, seen, FALSE };

  for (guint f = 0; f < 2; f++)
    {
      g_autofree char *name = g_strdup_printf ("models-%u.md", f);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GString) text = g_string_new ("| model | test | t/s |\n| --- | --- | --- |\n");

      for (guint i = 0; i < 20000; i++)
        g_string_append_printf (text, "| m%u-%u | pp512 | 1.00 ± 0.01 |\n", f, i);
      g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
    }
  bench_session_set_monitor_files (session, FALSE);
  g_signal_connect (session, "source-added", G_CALLBACK (on_arrived), &arrivals);
  g_signal_connect (session, "load-finished", G_CALLBACK (on_finished), &arrivals);
  tick_id = g_timeout_add (1, count_tick, &ticks);
  bench_session_load_files (session, &folder, 1);
  bench_session_wait (session);
  g_source_remove (tick_id);

  g_assert_true (arrivals.finished);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpuint (g_array_index (seen, guint, 1), >, g_array_index (seen, guint, 0));
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (bench_session_get_dataset (session),
                                                                        BENCH_GROUP_MODEL)), ==, 40000);
  for (guint f = 0; f < 2; f++)
    {
      g_autofree char *name = g_strdup_printf ("models-%u.md", f);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Two good files and a broken one: the good ones in the dataset, all
 * three in the list, the broken one with FILE:LINE:COLUMN. */
static void
test_files_and_failures (void)
{
  g_autoptr (BenchSession) session = bench_session_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("benchtop-session-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken-run.json", NULL);
  g_autofree char *a = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autofree char *b = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autoptr (GFile) fa = g_file_new_for_path (a);
  g_autoptr (GFile) fbad = NULL;
  g_autoptr (GFile) fb = g_file_new_for_path (b);
  g_auto (GStrv) messages = NULL;
  GFile *files[3];
  guint added = 0, failed = 0;

  g_assert_true (g_file_set_contents (bad, "{\"name\": \"not a benchmark\"}\n", -1, NULL));
  fbad = g_file_new_for_path (bad);
  files[0] = fa;
  files[1] = fbad;
  files[2] = fb;
  bench_session_set_monitor_files (session, FALSE);
  g_signal_connect (session, "source-added", G_CALLBACK (count_signal), &added);
  g_signal_connect (session, "source-failed", G_CALLBACK (count_signal), &failed);
  bench_session_load_files (session, files, 3);
  g_assert_true (bench_session_get_loading (session));
  bench_session_wait (session);
  g_assert_false (bench_session_get_loading (session));

  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (failed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_sources (bench_session_get_dataset (session))), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (bench_session_get_entries (session)), ==, 3);

  g_assert_cmpint (bench_source_entry_get_status (entry_at (session, 0)), ==, BENCH_SOURCE_STATUS_LOADED);
  g_assert_cmpstr (bench_source_entry_get_format (entry_at (session, 0)), ==, "json");
  g_assert_cmpuint (bench_source_entry_get_n_results (entry_at (session, 0)), ==, 6);
  g_assert_cmpuint (bench_source_entry_get_n_runs (entry_at (session, 0)), >=, 1);
  g_assert_cmpint (bench_source_entry_get_status (entry_at (session, 2)), ==, BENCH_SOURCE_STATUS_FAILED);
  g_assert_cmpstr (bench_source_entry_get_name (entry_at (session, 2)), ==, "broken-run.json");
  g_assert_true (g_file_equal (bench_source_entry_get_file (entry_at (session, 2)), fbad));
  messages = bench_source_entry_dup_messages (entry_at (session, 2));
  g_assert_nonnull (messages[0]);
  g_assert_nonnull (strstr (messages[0], "broken-run.json:1:1"));

  /* only what loaded is remembered for next time */
  {
    g_auto (GStrv) uris = bench_session_dup_uris (session);
    g_assert_cmpuint (g_strv_length (uris), ==, 2);
  }

  /* opening the broken file again does not list it twice */
  bench_session_load_files (session, &fbad, 1);
  bench_session_wait (session);
  g_assert_cmpuint (g_list_model_get_n_items (bench_session_get_entries (session)), ==, 3);

  /* removing an entry takes its results out */
  bench_session_remove (session, entry_at (session, 0));
  g_assert_cmpuint (g_list_model_get_n_items (bench_session_get_entries (session)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_sources (bench_session_get_dataset (session))), ==, 1);

  bench_session_clear (session);
  g_assert_cmpuint (g_list_model_get_n_items (bench_session_get_entries (session)), ==, 0);
  g_assert_cmpuint (bench_dataset_get_n_results (bench_session_get_dataset (session)), ==, 0);
  bench_test_remove_tree (dir);
}

/* Each paste is a source of its own, named by its heading or numbered. */
static void
test_paste_names (void)
{
  g_autoptr (BenchSession) session = bench_session_new (NULL);
  g_autofree char *path = bench_test_corpus_path ("generated/cpu-three-models.twin.md");
  g_autofree char *table = NULL;
  g_autofree char *titled = NULL;
  GListModel *sources = bench_dataset_get_sources (bench_session_get_dataset (session));

  g_assert_true (g_file_get_contents (path, &table, NULL, NULL));
  g_assert_cmpstr (bench_session_load_text (session, table), ==, "Pasted 1");
  bench_session_wait (session);
  g_assert_cmpstr (bench_session_load_text (session, table), ==, "Pasted 2");
  bench_session_wait (session);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
  /* the same table twice: two sources, the second says it repeats the
   * first, and its results count once */
  g_assert_cmpuint (bench_dataset_get_n_results (bench_session_get_dataset (session)), ==, 6);
  g_assert_null (bench_source_entry_get_duplicate_of (entry_at (session, 0)));
  g_assert_cmpstr (bench_source_entry_get_duplicate_of (entry_at (session, 1)), ==, "Pasted 1");

  /* a heading names the paste; the same heading again gets a number */
  titled = g_strdup_printf ("## EPYC 9354, CPU only\n\n%s", table);
  g_assert_cmpstr (bench_session_load_text (session, titled), ==, "EPYC 9354, CPU only");
  g_assert_cmpstr (bench_session_load_text (session, titled), ==, "EPYC 9354, CPU only (2)");
  bench_session_wait (session);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 4);

  /* prose and log lines are not titles; a short line alone is */
  {
    g_autofree char *prose = g_strdup_printf ("My results on the EPYC box:\n\n%s", table);
    g_autofree char *log = g_strdup_printf ("ggml_cuda_init: found 1 ROCm devices\n\n%s", table);
    g_autofree char *alone = g_strdup_printf ("Strix Halo, ROCm 7.2\n\n%s", table);
    g_autofree char *a = bench_session_name_paste (session, prose);
    g_autofree char *b = bench_session_name_paste (session, log);
    g_autofree char *c = bench_session_name_paste (session, alone);

    g_assert_cmpstr (a, ==, "Pasted 3");
    g_assert_cmpstr (b, ==, "Pasted 3");
    g_assert_cmpstr (c, ==, "Strix Halo, ROCm 7.2");
  }
}

/* A JSONL file llama-bench is still writing: the session reads it again
 * once it stops changing, and its entry stays one entry. */
static void
test_growing_file (void)
{
  g_autoptr (BenchSession) session = bench_session_new (NULL);
  g_autofree char *source_path = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autofree char *text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("benchtop-session-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "running.jsonl", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) half = g_string_new (NULL);
  BenchDataset *dataset = bench_session_get_dataset (session);
  guint reloads = 0;
  gint64 deadline;

  g_assert_true (g_file_get_contents (source_path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (half, "%s\n", lines[i]);
  g_assert_true (g_file_set_contents (path, half->str, -1, NULL));

  bench_session_load_files (session, &file, 1);
  bench_session_wait (session);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 6);
  g_signal_connect (session, "source-added", G_CALLBACK (count_signal), &reloads);

  {
    FILE *out = fopen (path, "a");
    g_assert_nonnull (out);
    for (guint i = 6; lines[i] != NULL; i++)
      if (*lines[i] != '\0')
        fprintf (out, "%s\n", lines[i]);
    fclose (out);
  }
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (bench_dataset_get_n_results (dataset) != 12 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 12);
  g_assert_cmpuint (reloads, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bench_session_get_entries (session)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_sources (dataset)), ==, 1);

  bench_session_clear (session);
  bench_test_remove_tree (dir);
}

/* The files of last time come back, those that are gone quietly not. */
static void
test_restore (void)
{
  g_autoptr (BenchSession) session = bench_session_new (NULL);
  g_autofree char *a = bench_test_corpus_path ("generated/cpu-three-models.json");
  g_autoptr (GFile) fa = g_file_new_for_path (a);
  g_autofree char *uri = g_file_get_uri (fa);
  const char *uris[] = { uri, "file:///nonexistent/benchtop/gone.json", NULL };

  bench_session_set_monitor_files (session, FALSE);
  g_assert_true (bench_session_restore (session, uris));
  bench_session_wait (session);
  g_assert_cmpuint (g_list_model_get_n_items (bench_session_get_entries (session)), ==, 1);
  g_assert_cmpuint (bench_dataset_get_n_results (bench_session_get_dataset (session)), ==, 6);
  /* not over what is already open */
  g_assert_false (bench_session_restore (session, uris));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/files-and-failures", test_files_and_failures);
  g_test_add_func ("/session/paste-names", test_paste_names);
  g_test_add_func ("/session/growing-file-reloads", test_growing_file);
  g_test_add_func ("/session/restore", test_restore);
  g_test_add_func ("/session/folder-added-in-slices", test_folder_added_in_slices);
  return g_test_run ();
}
