/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-dataset.c — the dataset list model, its groups, and the async loader. */
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bench-dataset.h"
#include "bench-group-private.h"
#include "bench-loader.h"
#include "bench-thread.h"
#include "bench-test-util.h"

static void
test_groups (void)
{
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autoptr (BenchSource) three = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchSource) talk = bench_test_load_corpus ("public/talk-strix-halo-rocm72-step35-imatrix.json");
  GListModel *runs, *models, *hardware;
  g_autoptr (BenchGroup) epyc = NULL;
  g_autoptr (BenchGroup) step = NULL;

  bench_dataset_add_source (dataset, three);
  bench_dataset_add_source (dataset, talk);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dataset)), ==, 18);
  runs = bench_dataset_get_groups (dataset, BENCH_GROUP_RUN);
  models = bench_dataset_get_groups (dataset, BENCH_GROUP_MODEL);
  hardware = bench_dataset_get_groups (dataset, BENCH_GROUP_HARDWARE);
  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (hardware), ==, 2);

  epyc = g_list_model_get_item (hardware, 0);
  g_assert_cmpstr (bench_group_get_label (epyc), ==, "AMD EPYC");
  g_assert_cmpuint (bench_group_get_n_models (epyc), ==, 3);
  g_assert_cmpuint (bench_group_get_n_results (epyc), ==, 6);
  /* best prefill is the f16 model's pp128: 6404.64 t/s */
  g_assert_cmpfloat_with_epsilon (bench_group_get_best_pp (epyc), 6404.64, 0.01);

  step = g_list_model_get_item (models, 3);
  g_assert_cmpstr (bench_group_get_label (step), ==, "Step 3.5 Flash 199B.A11B Q4_K_S imatrix");
  g_assert_cmpuint (bench_group_get_n_machines (step), ==, 1);
  g_assert_cmpfloat_with_epsilon (bench_group_get_best_tg (step), 25.42, 0.01);
  g_assert_cmpstr (bench_group_get_date (step), ==, "2026-03-01T22:54:27Z");
  /* 111,493,808,640 bytes × 11 B active ÷ 196.96 B = 6.227 GB a token, an
   * estimate from the type; × 25.42 t/s = 158.3 GB/s, 61.8 % of 256 GB/s */
  g_assert_cmpint (bench_group_get_efficiency (step)->weights_source, ==, BENCH_WEIGHTS_MOE_TYPE);
  g_assert_cmpfloat_with_epsilon (bench_group_get_efficiency (step)->bandwidth_gbs,
                                  111493808640.0 * 11e9 / 196956130432.0 * 25.42 / 1e9, 0.1);
  g_assert_cmpfloat_with_epsilon (bench_group_get_efficiency (step)->share, 0.618, 0.001);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

/* Loading the same file again replaces it. */
static void
test_replace_and_remove (void)
{
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autoptr (BenchSource) first = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchSource) again = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchSource) other = bench_test_load_corpus ("generated/cpu-threads-fa.twin.json");
  guint changes = 0;

  g_signal_connect (dataset, "items-changed", G_CALLBACK (on_items_changed), &changes);
  bench_dataset_add_source (dataset, first);
  bench_dataset_add_source (dataset, other);
  bench_dataset_add_source (dataset, again);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_sources (dataset)), ==, 2);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 14);
  g_assert_true (bench_dataset_find_source (dataset, bench_source_get_file (first)) == again);

  bench_dataset_remove_source (dataset, again);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (dataset, BENCH_GROUP_MODEL)), ==, 1);
  bench_dataset_clear (dataset);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (dataset, BENCH_GROUP_RUN)), ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *sources;
  GPtrArray *failures;
  GError    *error;
  guint      progress_calls;
  double     last_fraction;
  GThread   *main_thread;
  gboolean   finished;
  gint64     last_call;
  gint64     shortest_interval;
} LoadState;

static void
on_progress (double      fraction,
             const char *current,
             gpointer    user_data)
{
  LoadState *state = user_data;

  /* progress arrives on the caller's thread, never backwards */
  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpfloat (fraction, >=, state->last_fraction - 1e-9);
  /* never after the load is over: its caller may be gone */
  g_assert_false (state->finished);
  if (state->last_call != 0)
    state->shortest_interval = MIN (state->shortest_interval == 0 ? G_MAXINT64 : state->shortest_interval,
                                    g_get_monotonic_time () - state->last_call);
  state->last_call = g_get_monotonic_time ();
  state->last_fraction = fraction;
  state->progress_calls++;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadState *state = user_data;

  state->sources = bench_load_finish (result, &state->failures, &state->error);
  state->finished = TRUE;
  g_main_loop_quit (state->loop);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
record_nice (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_int (task, bench_thread_get_nice ());
}

static void
on_nice_recorded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  int *nice = user_data;

  *nice = (int) g_task_propagate_int (G_TASK (result), NULL);
}

/* Loading and chart building yield to the window: they run on a thread of
 * their own at a lower priority, and the caller's stays as it was. */
static void
test_background_priority (void)
{
  int before = bench_thread_get_nice ();
  int nice = G_MININT;
  g_autoptr (GTask) task = g_task_new (NULL, NULL, on_nice_recorded, &nice);

  bench_task_run_in_background_thread (task, "bench-test", record_nice);
  while (nice == G_MININT)
    g_main_context_iteration (NULL, TRUE);
#ifdef __linux__
  g_assert_cmpint (nice, >=, 10);
#endif
  g_assert_cmpint (nice, >=, before);
  g_assert_cmpint (bench_thread_get_nice (), ==, before);
}

/* Many files: the progress reports come a few times a second, not for
 * every record (each one redraws the window), and none is delivered after
 * the load has ended. */
static void
test_loader_progress_paced (void)
{
  g_autofree char *path = bench_test_corpus_path ("public/strix-halo-sweep-Qwen3-30B-A3B-UD-Q4_K_XL.jsonl");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GFile *files[40];
  LoadState state = { .main_thread = g_thread_self () };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    files[i] = file;
  state.loop = g_main_loop_new (NULL, FALSE);
  bench_load_files_async (files, G_N_ELEMENTS (files), NULL, on_progress, &state, NULL,
                          on_loaded, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.sources->len, ==, G_N_ELEMENTS (files));
  g_assert_cmpuint (state.progress_calls, >, 0);
  /* five a second at most; a slow machine only spaces them more */
  if (state.progress_calls > 1)
    g_assert_cmpint (state.shortest_interval, >=, G_USEC_PER_SEC / 5 - 2000);

  /* a report held back when the load ended stays undelivered */
  g_timeout_add (400, quit_loop, state.loop);
  g_main_loop_run (state.loop);

  g_ptr_array_unref (state.sources);
  g_ptr_array_unref (state.failures);
  g_main_loop_unref (state.loop);
}

static void
test_loader_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("benchtop-test-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "run.jsonl", NULL);
  g_autofree char *readme = g_build_filename (dir, "README.txt", NULL);
  g_autofree char *src = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autofree char *broken_path = bench_test_corpus_path ("public/strix-halo-quick-test.jsonl");
  g_autofree char *contents = NULL;
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/benchtop.json");
  g_autoptr (GFile) quick = g_file_new_for_path (broken_path);
  GFile *files[] = { folder, missing, quick };
  LoadState state = { .main_thread = g_thread_self () };

  g_assert_true (g_file_get_contents (src, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (good, contents, -1, NULL));
  g_assert_true (g_file_set_contents (readme, "These are my results.\n", -1, NULL));

  state.loop = g_main_loop_new (NULL, FALSE);
  bench_load_files_async (files, G_N_ELEMENTS (files), NULL, on_progress, &state, NULL,
                          on_loaded, &state);
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  /* the folder's results and the explicit file; the README passed over */
  g_assert_cmpuint (state.sources->len, ==, 2);
  g_assert_cmpuint (bench_source_get_n_results (g_ptr_array_index (state.sources, 0)), ==, 12);
  g_assert_cmpuint (bench_source_get_n_results (g_ptr_array_index (state.sources, 1)), ==, 6);
  /* the missing file named explicitly is a failure with its name */
  g_assert_cmpuint (state.failures->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (state.failures, 0))->message,
                            "benchtop.json"));
  g_assert_cmpuint (state.progress_calls, >, 0);

  g_ptr_array_unref (state.sources);
  g_ptr_array_unref (state.failures);
  g_main_loop_unref (state.loop);
  g_unlink (good);
  g_unlink (readme);
  g_rmdir (dir);
}

static void
test_loader_cancel (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = bench_test_corpus_path ("public/strix-halo-sweep-Qwen3-30B-A3B-UD-Q4_K_XL.jsonl");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GFile *files[] = { file, file, file, file };
  LoadState state = { .main_thread = g_thread_self () };

  state.loop = g_main_loop_new (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  bench_load_files_async (files, G_N_ELEMENTS (files), cancellable, NULL, NULL, NULL,
                          on_loaded, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.sources);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

/* Cancelled while a large file is being read: the reader stops. */
static void
test_cancel_large_file (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GString) text = g_string_new ("[\n");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) source = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%s{\"n_prompt\": %u, \"n_gen\": 0, \"avg_ts\": 1.0}\n",
                            i ? "," : "", i + 1);
  g_string_append (text, "]\n");
  bytes = g_bytes_new (text->str, text->len);
  g_cancellable_cancel (cancellable);
  source = bench_source_load_bytes (bytes, "big", cancellable, NULL, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_loader_paste (void)
{
  const char *text = "{\"model_type\": \"m\", \"n_prompt\": 512, \"n_gen\": 0, \"avg_ts\": 10}\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, strlen (text));
  LoadState state = { .main_thread = g_thread_self () };

  state.loop = g_main_loop_new (NULL, FALSE);
  bench_load_bytes_async (bytes, "Pasted results", NULL, NULL, NULL, NULL, on_loaded, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.sources->len, ==, 1);
  g_assert_cmpstr (bench_source_get_name (g_ptr_array_index (state.sources, 0)), ==,
                   "Pasted results");
  g_ptr_array_unref (state.sources);
  g_ptr_array_unref (state.failures);
  g_main_loop_unref (state.loop);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GHashTable *notified)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (notified, pspec->name));
  g_hash_table_insert (notified, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

/* A group's figures are properties; replacing its results recomputes them
 * and notifies exactly those that changed, once each. */
static void
test_group_properties (void)
{
  g_autoptr (BenchSource) three = bench_test_load_corpus ("generated/cpu-three-models.json");
  GPtrArray *results = bench_source_get_results (three);
  g_autoptr (GPtrArray) groups = bench_group_results (results, BENCH_GROUP_HARDWARE);
  BenchGroup *epyc = g_ptr_array_index (groups, 0);
  g_autoptr (GHashTable) notified = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) first_model = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (BenchResult) first = NULL;
  g_autofree char *label = NULL, *models = NULL, *date = NULL;
  double best_pp, best_tg;
  guint n_results, n_models, n_machines;

  g_object_get (epyc, "label", &label, "n-results", &n_results, "best-pp", &best_pp,
                "best-tg", &best_tg, "n-models", &n_models, "n-machines", &n_machines,
                "models-text", &models, "date", &date, "first", &first, NULL);
  g_assert_cmpstr (label, ==, bench_group_get_label (epyc));
  g_assert_nonnull (strstr (label, "AMD EPYC"));
  g_assert_cmpuint (n_results, ==, 6);
  g_assert_cmpuint (n_models, ==, 3);
  g_assert_cmpuint (n_machines, ==, 1);
  g_assert_cmpfloat_with_epsilon (best_pp, 6404.64, 0.01);
  g_assert_cmpfloat (best_tg, ==, bench_group_get_best_tg (epyc));
  g_assert_cmpstr (models, ==, bench_group_get_models_text (epyc));
  g_assert_cmpstr (date, ==, bench_group_get_date (epyc));
  g_assert_true (first == g_ptr_array_index (results, 0));

  /* only the first model's results: fewer models and results, other bests;
   * the machine, the first result and the label stay */
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (bench_result_get_model_type (g_ptr_array_index (results, i)),
                     bench_result_get_model_type (first)))
      g_ptr_array_add (first_model, g_object_ref (g_ptr_array_index (results, i)));
  g_assert_cmpuint (first_model->len, <, results->len);
  g_signal_connect (epyc, "notify", G_CALLBACK (count_notify), notified);
  bench_group_set_results (epyc, first_model);

  g_assert_cmpuint (bench_group_get_n_results (epyc), ==, first_model->len);
  g_assert_cmpuint (bench_group_get_n_models (epyc), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (notified, "n-results")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (notified, "n-models")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (notified, "models-text")), ==, 1);
  g_assert_false (g_hash_table_contains (notified, "n-machines"));
  g_assert_false (g_hash_table_contains (notified, "first"));
  g_assert_false (g_hash_table_contains (notified, "label"));
  if (bench_group_get_best_pp (epyc) != best_pp)
    g_assert_true (g_hash_table_contains (notified, "best-pp"));
  else
    g_assert_false (g_hash_table_contains (notified, "best-pp"));

  /* the same results again: nothing changes, nothing notifies */
  g_hash_table_remove_all (notified);
  bench_group_set_results (epyc, first_model);
  g_assert_cmpuint (g_hash_table_size (notified), ==, 0);
  g_signal_handlers_disconnect_by_data (epyc, notified);
}

typedef struct
{
  guint position, removed, added;
} Change;

static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               GArray     *changes)
{
  Change change = { position, removed, added };
  g_array_append_val (changes, change);
}

static void
count_signal (GObject *object,
              guint   *count)
{
  (*count)++;
}

static BenchSource *
load_lines (const char *path,
            char      **lines,
            guint       n)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  BenchSource *source;

  for (guint i = 0; i < n && lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_string_append_printf (text, "%s\n", lines[i]);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  source = bench_source_load_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return source;
}

/* A file that grows and is loaded again keeps every group object: a group
 * that gains results is the same object with new contents, and the models
 * report only what changed (the file's stretch of results; each group
 * touched, in place). */
static void
test_reload_keeps_groups (void)
{
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autoptr (BenchSource) before = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchSource) after = bench_test_load_corpus ("generated/cpu-threads-fa.sql");
  g_autoptr (BenchSource) half = NULL;
  g_autoptr (BenchSource) whole = NULL;
  g_autofree char *corpus = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
  g_autofree char *text = NULL;
  g_autofree char *dir = g_dir_make_tmp ("benchtop-reload-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "running.jsonl", NULL);
  g_auto (GStrv) lines = NULL;
  g_autoptr (GArray) result_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GArray *group_changes[3];
  GPtrArray *kept[3];
  guint run_changed = 0, other_run_changed = 0;

  g_assert_true (g_file_get_contents (corpus, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  half = load_lines (path, lines, 6);

  bench_dataset_add_source (dataset, before);
  bench_dataset_add_source (dataset, half);
  bench_dataset_add_source (dataset, after);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 6 + 6 + 8);

  g_signal_connect (dataset, "items-changed", G_CALLBACK (record_change), result_changes);
  for (guint k = 0; k < 3; k++)
    {
      GListModel *groups = bench_dataset_get_groups (dataset, k);

      group_changes[k] = g_array_new (FALSE, FALSE, sizeof (Change));
      kept[k] = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        g_ptr_array_add (kept[k], g_list_model_get_item (groups, i));
      g_signal_connect (groups, "items-changed", G_CALLBACK (record_change), group_changes[k]);
    }

  g_signal_connect (g_ptr_array_index (kept[BENCH_GROUP_RUN], 1), "changed",
                    G_CALLBACK (count_signal), &run_changed);
  g_signal_connect (g_ptr_array_index (kept[BENCH_GROUP_RUN], 0), "changed",
                    G_CALLBACK (count_signal), &other_run_changed);

  /* llama-bench wrote the other six records; the file is read again */
  whole = load_lines (path, lines, G_MAXUINT);
  bench_dataset_add_source (dataset, whole);
  /* the run's row hears of it; the other runs' do not */
  g_assert_cmpuint (run_changed, ==, 1);
  g_assert_cmpuint (other_run_changed, ==, 0);
  g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 6 + 12 + 8);

  /* the results list: the file's stretch only */
  g_assert_cmpuint (result_changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (result_changes, Change, 0).position, ==, 6);
  g_assert_cmpuint (g_array_index (result_changes, Change, 0).removed, ==, 6);
  g_assert_cmpuint (g_array_index (result_changes, Change, 0).added, ==, 12);

  for (guint k = 0; k < 3; k++)
    {
      GListModel *groups = bench_dataset_get_groups (dataset, k);

      /* the same objects, in the same places */
      g_assert_cmpuint (g_list_model_get_n_items (groups), ==, kept[k]->len);
      for (guint i = 0; i < kept[k]->len; i++)
        {
          g_autoptr (BenchGroup) group = g_list_model_get_item (groups, i);
          g_assert_true (group == g_ptr_array_index (kept[k], i));
        }
      /* each change is one group that holds the file's results, in place */
      g_assert_cmpuint (group_changes[k]->len, >=, 1);
      for (guint c = 0; c < group_changes[k]->len; c++)
        {
          Change *change = &g_array_index (group_changes[k], Change, c);
          g_autoptr (BenchGroup) group = g_list_model_get_item (groups, change->position);

          g_assert_cmpuint (change->removed, ==, 1);
          g_assert_cmpuint (change->added, ==, 1);
          g_assert_true (g_ptr_array_find (bench_group_get_results (group),
                                           g_ptr_array_index (bench_source_get_results (whole), 0),
                                           NULL));
        }
    }

  /* the run is the second group, now with twelve results */
  g_assert_cmpuint (group_changes[BENCH_GROUP_RUN]->len, ==, 1);
  g_assert_cmpuint (g_array_index (group_changes[BENCH_GROUP_RUN], Change, 0).position, ==, 1);
  g_assert_cmpuint (bench_group_get_n_results (g_ptr_array_index (kept[BENCH_GROUP_RUN], 1)), ==, 12);
  /* one machine ran all three files: 26 results now */
  g_assert_cmpuint (kept[BENCH_GROUP_HARDWARE]->len, ==, 1);
  g_assert_cmpuint (bench_group_get_n_results (g_ptr_array_index (kept[BENCH_GROUP_HARDWARE], 0)), ==, 26);

  /* removing the file takes out its stretch and its run, nothing else */
  g_array_set_size (result_changes, 0);
  for (guint k = 0; k < 3; k++)
    g_array_set_size (group_changes[k], 0);
  bench_dataset_remove_source (dataset, whole);
  g_assert_cmpuint (result_changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (result_changes, Change, 0).position, ==, 6);
  g_assert_cmpuint (g_array_index (result_changes, Change, 0).removed, ==, 12);
  g_assert_cmpuint (g_array_index (result_changes, Change, 0).added, ==, 0);
  g_assert_cmpuint (group_changes[BENCH_GROUP_RUN]->len, ==, 1);
  g_assert_cmpuint (g_array_index (group_changes[BENCH_GROUP_RUN], Change, 0).position, ==, 1);
  g_assert_cmpuint (g_array_index (group_changes[BENCH_GROUP_RUN], Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (group_changes[BENCH_GROUP_RUN], Change, 0).added, ==, 0);
  g_assert_cmpuint (bench_group_get_n_results (g_ptr_array_index (kept[BENCH_GROUP_HARDWARE], 0)), ==, 14);

  g_signal_handlers_disconnect_by_data (g_ptr_array_index (kept[BENCH_GROUP_RUN], 1), &run_changed);
  g_signal_handlers_disconnect_by_data (g_ptr_array_index (kept[BENCH_GROUP_RUN], 0), &other_run_changed);
  for (guint k = 0; k < 3; k++)
    {
      g_signal_handlers_disconnect_by_data (bench_dataset_get_groups (dataset, k), group_changes[k]);
      g_array_unref (group_changes[k]);
      g_ptr_array_unref (kept[k]);
    }
  g_signal_handlers_disconnect_by_data (dataset, result_changes);
  bench_test_remove_tree (dir);
}


/* The same run loaded twice (printed in two formats, or the same file at
 * two paths) is one run: the later source is marked as the earlier one's
 * duplicate and its results stay out of the views. */
static void
test_duplicates (void)
{
  static const char *twins[][2] = {
    { "generated/cpu-three-models.json", "generated/cpu-three-models.twin.md" },
    { "generated/cpu-sweep-prompt-depth.jsonl", "generated/cpu-sweep-prompt-depth.twin.csv" },
    { "generated/cpu-threads-fa.sql", "generated/cpu-threads-fa.twin.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    {
      g_autoptr (BenchDataset) dataset = bench_dataset_new ();
      g_autoptr (BenchSource) first = bench_test_load_corpus (twins[i][0]);
      g_autoptr (BenchSource) twin = bench_test_load_corpus (twins[i][1]);

      bench_dataset_add_source (dataset, first);
      bench_dataset_add_source (dataset, twin);
      g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_sources (dataset)), ==, 2);
      g_assert_true (bench_source_get_duplicate_of (twin) == first);
      g_assert_null (bench_source_get_duplicate_of (first));
      g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (dataset, BENCH_GROUP_RUN)), ==, 1);
      g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (dataset, BENCH_GROUP_HARDWARE)), ==, 1);
      g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, bench_source_get_n_results (first));

      /* without the first, its twin shows */
      bench_dataset_remove_source (dataset, first);
      g_assert_null (bench_source_get_duplicate_of (twin));
      g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, bench_source_get_n_results (twin));
    }

  /* the same file at another path */
  {
    g_autoptr (BenchDataset) dataset = bench_dataset_new ();
    g_autofree char *path = bench_test_corpus_path ("generated/cpu-sweep-prompt-depth.jsonl");
    g_autofree char *text = NULL;
    g_autofree char *dir = g_dir_make_tmp ("benchtop-dup-XXXXXX", NULL);
    g_autofree char *copy_path = g_build_filename (dir, "copy.jsonl", NULL);
    g_autofree char *other_path = g_build_filename (dir, "faster.jsonl", NULL);
    g_autoptr (GFile) copy_file = g_file_new_for_path (copy_path);
    g_autoptr (GFile) other_file = g_file_new_for_path (other_path);
    g_autoptr (BenchSource) original = bench_test_load_corpus ("generated/cpu-sweep-prompt-depth.jsonl");
    g_autoptr (BenchSource) copy = NULL;
    g_autoptr (BenchSource) other = NULL;
    g_autoptr (GString) faster = NULL;
    char *avg;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_true (g_file_set_contents (copy_path, text, -1, NULL));
    /* one mean 0.1 t/s apart: another run */
    faster = g_string_new (text);
    avg = strstr (faster->str, "\"avg_ts\": ");
    g_assert_nonnull (avg);
    avg = strchr (avg, '.');
    g_assert_nonnull (avg);
    avg[1] = avg[1] == '9' ? '0' : avg[1] + 1;
    g_assert_true (g_file_set_contents (other_path, faster->str, faster->len, NULL));
    copy = bench_source_load_file (copy_file, NULL, NULL, NULL, NULL);
    other = bench_source_load_file (other_file, NULL, NULL, NULL, NULL);

    bench_dataset_add_source (dataset, original);
    bench_dataset_add_source (dataset, copy);
    bench_dataset_add_source (dataset, other);
    g_assert_true (bench_source_get_duplicate_of (copy) == original);
    g_assert_null (bench_source_get_duplicate_of (other));
    g_assert_cmpuint (bench_dataset_get_n_results (dataset), ==, 12 + 12);
    bench_test_remove_tree (dir);
  }
}

/* The bundled examples: three runs of one CPU, and the markdown twin of
 * one of them. One machine, three runs, three models, in whatever order
 * the files come (the json is kept over its markdown twin). */
static void
test_examples (void)
{
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  g_autoptr (GDir) examples = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (examples);
  while ((name = g_dir_read_name (examples)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, ==, 4);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchSource) source = bench_source_load_file (file, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      bench_dataset_add_source (dataset, source);
    }
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (dataset, BENCH_GROUP_HARDWARE)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (dataset, BENCH_GROUP_RUN)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (dataset, BENCH_GROUP_MODEL)), ==, 3);
}

/* The markdown twin loaded first still gives way to the json. */
static void
test_richer_twin_kept (void)
{
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autoptr (BenchSource) md = bench_test_load_corpus ("generated/cpu-three-models.twin.md");
  g_autoptr (BenchSource) json = bench_test_load_corpus ("generated/cpu-three-models.json");
  g_autoptr (BenchGroup) machine = NULL;

  bench_dataset_add_source (dataset, md);
  bench_dataset_add_source (dataset, json);
  g_assert_true (bench_source_get_duplicate_of (md) == json);
  g_assert_null (bench_source_get_duplicate_of (json));
  machine = g_list_model_get_item (bench_dataset_get_groups (dataset, BENCH_GROUP_HARDWARE), 0);
  g_assert_cmpstr (bench_group_get_label (machine), ==, "AMD EPYC");
}


/* A pasted source: @n_numbered prefill records of models "@first 0",
 * "@first 1"…, then a generation record for each of @models (","-separated). */
static BenchSource *
source_of_models (const char *name,
                  const char *first,
                  guint       n_numbered,
                  const char *models)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_auto (GStrv) names = g_strsplit (models, ",", -1);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  BenchSource *source;

  for (guint i = 0; i < n_numbered; i++)
    g_string_append_printf (text, "{\"model_type\": \"%s %u\", \"n_prompt\": 512, \"n_gen\": 0, "
                            "\"avg_ts\": %u}\n", first, i, i + 1);
  for (guint i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      g_string_append_printf (text, "{\"model_type\": \"%s\", \"n_prompt\": 0, \"n_gen\": 128, "
                              "\"avg_ts\": %u}\n", names[i], i + 1);
  bytes = g_bytes_new (text->str, text->len);
  source = bench_source_load_bytes (bytes, name, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return source;
}

/* A group given new results (a reload) keeps a label for people: as long
 * as a line, however long the model's name; and a generation run on a
 * machine without a known peak that beats the last says its new GB/s
 * (the Efficiency column sorts by it) though its share stays unknown. */
static void
test_group_label_and_bandwidth_follow (void)
{
  g_autofree char *xs = g_strnfill (100000, 'x');
  g_autofree char *record = g_strdup_printf ("{\"model_type\": \"%s\", \"model_size\": 4000000000, "
                                             "\"model_n_params\": 8000000000, \"cpu_info\": \"Unheard-of CPU\", "
                                             "\"n_prompt\": 0, \"n_gen\": 128, \"avg_ts\": %%s}\n", xs);
  g_autofree char *slow_text = g_strdup_printf (record, "10.0");
  g_autofree char *fast_text = g_strdup_printf (record, "20.0");
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchSource) slow = bench_test_load_text (slow_text, -1, &error);
  g_autoptr (BenchSource) fast = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GHashTable) notified = g_hash_table_new (g_str_hash, g_str_equal);
  BenchGroup *group;
  double gbs;

  g_assert_no_error (error);
  fast = bench_test_load_text (fast_text, -1, &error);
  g_assert_no_error (error);
  groups = bench_group_results (bench_source_get_results (slow), BENCH_GROUP_MODEL);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpuint (g_utf8_strlen (bench_group_get_label (group), -1), <=, 1000);
  g_object_get (group, "bandwidth-gbs", &gbs, NULL);
  g_assert_true (isfinite (gbs));

  g_signal_connect (group, "notify", G_CALLBACK (count_notify), notified);
  bench_group_set_results (group, bench_source_get_results (fast));
  g_assert_cmpuint (g_utf8_strlen (bench_group_get_label (group), -1), <=, 1000);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (notified, "bandwidth-gbs")), ==, 1);
}

/* A model named by 100,000 characters: its group's key is short (the
 * dataset hashes keys on the main thread each time a file adds to a
 * group), names that differ only at their end still part, and the same
 * name from two files still meets in one group. */
static void
test_long_names_short_keys (void)
{
  g_autofree char *xs = g_strnfill (100000, 'x');
  g_autofree char *long_a = g_strdup_printf ("%s-a", xs);
  g_autofree char *long_b = g_strdup_printf ("%s-b", xs);
  g_autofree char *models = g_strdup_printf ("%s,%s,%s", long_a, long_b, long_a);
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autoptr (BenchSource) one = source_of_models ("one", "m", 0, models);
  g_autoptr (BenchSource) two = source_of_models ("two", "m", 0, long_b);
  g_autoptr (GPtrArray) parts = bench_group_partition (bench_source_get_results (one), BENCH_GROUP_MODEL);
  GListModel *groups;

  g_assert_cmpuint (parts->len, ==, 2);
  g_assert_cmpuint (((BenchGroupPart *) g_ptr_array_index (parts, 0))->results->len, ==, 2);
  for (guint i = 0; i < parts->len; i++)
    g_assert_cmpuint (strlen (((BenchGroupPart *) g_ptr_array_index (parts, i))->key), <=, 256);

  bench_dataset_add_source (dataset, one);
  bench_dataset_add_source (dataset, two);
  groups = bench_dataset_get_groups (dataset, BENCH_GROUP_MODEL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (BenchGroup) group = g_list_model_get_item (groups, i);

      g_assert_cmpuint (strlen (bench_group_get_key (group)), <=, 256);
      g_assert_cmpuint (bench_group_get_n_results (group), ==, 2);
    }
}

static BenchGroup *
find_group (GListModel *groups,
            const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr (BenchGroup) group = g_list_model_get_item (groups, i);
      if (g_strcmp0 (bench_group_get_label (group), label) == 0)
        return group;
    }
  return NULL;
}

/* Adding a source costs what its own results touch, not what the dataset
 * holds: next to a source of 5,000 models, adding a source of two results
 * prepared as the loader does (its groups of its own made ahead: its run,
 * its two models, its machine, since a machine without a name is one for
 * each source) recomputes the one model it shares with the dataset, and so
 * does taking it out again. */
static void
test_update_costs_what_it_touches (void)
{
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autoptr (BenchSource) big = source_of_models ("big", "model", 5000, "");
  g_autoptr (BenchSource) small = source_of_models ("small", "", 0, "model 0,new");
  GListModel *models = bench_dataset_get_groups (dataset, BENCH_GROUP_MODEL);
  BenchGroup *shared;
  guint before;

  bench_dataset_add_source (dataset, big);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 5000);
  shared = find_group (models, "model 0");
  g_assert_nonnull (shared);

  before = bench_group_get_n_recomputes ();
  bench_dataset_prepare_source (small);
  g_assert_cmpuint (bench_group_get_n_recomputes () - before, ==, 4);
  before = bench_group_get_n_recomputes ();
  bench_dataset_add_source (dataset, small);
  g_assert_cmpuint (bench_group_get_n_recomputes () - before, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 5001);
  g_assert_true (find_group (models, "model 0") == shared);
  g_assert_cmpuint (bench_group_get_n_results (shared), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (bench_dataset_get_groups (dataset, BENCH_GROUP_HARDWARE)), ==, 2);

  before = bench_group_get_n_recomputes ();
  bench_dataset_remove_source (dataset, small);
  g_assert_cmpuint (bench_group_get_n_recomputes () - before, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 5000);
  g_assert_true (find_group (models, "model 0") == shared);
  g_assert_cmpuint (bench_group_get_n_results (shared), ==, 1);
}

/* What the dataset's groups hold after any changes is what grouping all
 * its results at once gives: the same keys in the same order, the same
 * results in each. */
static void
assert_groups_as_if_regrouped (BenchDataset *dataset)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (dataset)); i++)
    g_ptr_array_add (all, g_list_model_get_item (G_LIST_MODEL (dataset), i));
  for (BenchGroupKind kind = BENCH_GROUP_RUN; kind <= BENCH_GROUP_HARDWARE; kind++)
    {
      GListModel *groups = bench_dataset_get_groups (dataset, kind);
      g_autoptr (GPtrArray) expected = bench_group_results (all, kind);

      g_assert_cmpuint (g_list_model_get_n_items (groups), ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        {
          g_autoptr (BenchGroup) group = g_list_model_get_item (groups, i);
          BenchGroup *want = g_ptr_array_index (expected, i);
          GPtrArray *have = bench_group_get_results (group);

          g_assert_cmpstr (bench_group_get_key (group), ==, bench_group_get_key (want));
          g_assert_cmpstr (bench_group_get_label (group), ==, bench_group_get_label (want));
          g_assert_cmpuint (have->len, ==, bench_group_get_n_results (want));
          for (guint j = 0; j < have->len; j++)
            g_assert_true (g_ptr_array_index (have, j) ==
                           g_ptr_array_index (bench_group_get_results (want), j));
          g_assert_true (bench_group_get_best_tg (group) == bench_group_get_best_tg (want) ||
                         (isnan (bench_group_get_best_tg (group)) && isnan (bench_group_get_best_tg (want))));
          g_assert_cmpstr (bench_group_get_models_text (group), ==, bench_group_get_models_text (want));
          g_assert_cmpuint (bench_group_get_n_models (group), ==, bench_group_get_n_models (want));
          g_assert_cmpuint (bench_group_get_n_machines (group), ==, bench_group_get_n_machines (want));
          g_assert_cmpstr (bench_group_get_date (group), ==, bench_group_get_date (want));
          g_assert_true (bench_group_get_efficiency_result (group) ==
                         bench_group_get_efficiency_result (want));
        }
    }
}

/* Sources added, replaced in the middle, duplicated, removed: the groups
 * are always those of all results grouped afresh, in order of first
 * appearance, and a group that stays is the same object. */
static void
test_updates_match_regrouping (void)
{
  g_autoptr (BenchDataset) dataset = bench_dataset_new ();
  g_autoptr (BenchSource) a = source_of_models ("a", "a", 3, "x,y");
  g_autoptr (BenchSource) b = source_of_models ("b", "b", 2, "y,z,x");
  g_autoptr (BenchSource) c = source_of_models ("c", "", 0, "w,z");
  g_autoptr (BenchSource) b2 = source_of_models ("b", "", 0, "v,y");
  g_autoptr (BenchSource) c_twin = source_of_models ("c twin", "", 0, "w,z");
  GListModel *models = bench_dataset_get_groups (dataset, BENCH_GROUP_MODEL);
  BenchGroup *y;

  bench_dataset_add_source (dataset, a);
  assert_groups_as_if_regrouped (dataset);
  bench_dataset_add_source (dataset, b);
  assert_groups_as_if_regrouped (dataset);
  bench_dataset_add_source (dataset, c);
  assert_groups_as_if_regrouped (dataset);
  y = find_group (models, "y");
  g_assert_cmpuint (bench_group_get_n_results (y), ==, 2);

  /* b read again: z now first appears in c, v comes before w */
  bench_dataset_add_source (dataset, b2);
  assert_groups_as_if_regrouped (dataset);
  g_assert_true (find_group (models, "y") == y);
  g_assert_null (find_group (models, "b 0"));
  g_assert_nonnull (find_group (models, "v"));

  /* a duplicate is counted once, whichever goes */
  bench_dataset_add_source (dataset, c_twin);
  g_assert_true (bench_source_get_duplicate_of (c_twin) == c);
  assert_groups_as_if_regrouped (dataset);
  bench_dataset_remove_source (dataset, c);
  g_assert_null (bench_source_get_duplicate_of (c_twin));
  assert_groups_as_if_regrouped (dataset);

  bench_dataset_remove_source (dataset, a);
  assert_groups_as_if_regrouped (dataset);
  g_assert_true (find_group (models, "y") == y);
  bench_dataset_clear (dataset);
  assert_groups_as_if_regrouped (dataset);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/groups", test_groups);
  g_test_add_func ("/dataset/replace-and-remove", test_replace_and_remove);
  g_test_add_func ("/group/properties-notify-what-changed", test_group_properties);
  g_test_add_func ("/dataset/reload-keeps-groups", test_reload_keeps_groups);
  g_test_add_func ("/dataset/duplicates-counted-once", test_duplicates);
  g_test_add_func ("/dataset/long-names-short-keys", test_long_names_short_keys);
  g_test_add_func ("/group/label-and-bandwidth-follow", test_group_label_and_bandwidth_follow);
  g_test_add_func ("/dataset/examples-one-machine", test_examples);
  g_test_add_func ("/dataset/richer-twin-kept", test_richer_twin_kept);
  g_test_add_func ("/dataset/update-costs-what-it-touches", test_update_costs_what_it_touches);
  g_test_add_func ("/dataset/updates-match-regrouping", test_updates_match_regrouping);
  g_test_add_func ("/loader/folder-and-failures", test_loader_folder);
  g_test_add_func ("/loader/cancel", test_loader_cancel);
  g_test_add_func ("/loader/progress-paced", test_loader_progress_paced);
  g_test_add_func ("/loader/background-priority", test_background_priority);
  g_test_add_func ("/loader/cancel-large-file", test_cancel_large_file);
  g_test_add_func ("/loader/paste", test_loader_paste);

  return g_test_run ();
}
