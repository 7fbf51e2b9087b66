/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-loader.c — reading sources in a worker thread. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bench-dataset.h"
#include "bench-loader.h"
#include "bench-thread.h"

#define MAX_FOLDER_DEPTH 4
#define MAX_FOLDER_FILES 10000
/* a progress bar moved more often only costs frames */
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 5)

typedef struct
{
  GPtrArray             *files;       /* GFile */
  GBytes                *bytes;       /* or a paste */
  char                  *name;
  GMainContext          *context;
  BenchLoadProgressFunc  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_destroy;

  GPtrArray             *sources;     /* BenchSource */
  GPtrArray             *failures;    /* BenchLoadFailure */

  /* progress, written by the worker */
  GMutex                 lock;
  double                 fraction;
  char                  *current;
  gboolean               report_pending;
  gint64                 last_report;
  guint                  n_done;
  guint                  n_total;
} LoadJob;

void
bench_load_failure_free (BenchLoadFailure *failure)
{
  g_clear_object (&failure->file);
  g_free (failure->name);
  g_clear_error (&failure->error);
  g_free (failure);
}

static void
add_failure (LoadJob    *job,
             GFile      *file,
             const char *name,
             GError     *error)
{
  BenchLoadFailure *failure = g_new0 (BenchLoadFailure, 1);

  failure->file = file ? g_object_ref (file) : NULL;
  failure->name = g_strdup (name);
  failure->error = error;
  g_ptr_array_add (job->failures, failure);
}

static void
load_job_free (LoadJob *job)
{
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->name);
  g_clear_pointer (&job->sources, g_ptr_array_unref);
  g_clear_pointer (&job->failures, g_ptr_array_unref);
  g_free (job->current);
  g_mutex_clear (&job->lock);
  g_main_context_unref (job->context);
  if (job->progress_destroy)
    job->progress_destroy (job->progress_data);
  g_free (job);
}

static gboolean
deliver_progress (gpointer user_data)
{
  GTask *task = user_data;
  LoadJob *job = g_task_get_task_data (task);
  g_autofree char *current = NULL;
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  current = g_strdup (job->current);
  job->report_pending = FALSE;
  job->last_report = g_get_monotonic_time ();
  g_mutex_unlock (&job->lock);

  /* a report held back past the end: the load is over, its caller
   * may be gone */
  if (job->progress != NULL && !g_task_had_error (task) && !g_task_get_completed (task))
    job->progress (fraction, current, job->progress_data);
  return G_SOURCE_REMOVE;
}

/* From the worker: keep the latest figure, and wake the main context at
 * most once per pending report and five times a second, so a fast reader
 * neither floods it nor has the window redrawn for every pixel of the bar. */
static void
post_progress (GTask      *task,
               double      fraction,
               const char *current)
{
  LoadJob *job = g_task_get_task_data (task);
  gboolean schedule;
  gint64 wait;

  if (job->progress == NULL)
    return;
  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  if (current != NULL && g_strcmp0 (current, job->current) != 0)
    {
      g_free (job->current);
      job->current = g_strdup (current);
    }
  schedule = !job->report_pending;
  job->report_pending = TRUE;
  wait = job->last_report + PROGRESS_INTERVAL_US - g_get_monotonic_time ();
  g_mutex_unlock (&job->lock);

  if (schedule)
    {
      GSource *source = wait > 0 ? g_timeout_source_new ((guint) (wait / 1000) + 1)
                                 : g_idle_source_new ();
      g_source_set_callback (source, deliver_progress, g_object_ref (task), g_object_unref);
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_attach (source, job->context);
      g_source_unref (source);
    }
}

typedef struct
{
  GTask      *task;
  const char *name;
} FileProgress;

static void
on_file_progress (double   fraction,
                  gpointer user_data)
{
  FileProgress *fp = user_data;
  LoadJob *job = g_task_get_task_data (fp->task);

  post_progress (fp->task, (job->n_done + fraction) / MAX (job->n_total, 1), fp->name);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *pa = g_file_get_path (*(GFile * const *) a);
  g_autofree char *pb = g_file_get_path (*(GFile * const *) b);

  return g_strcmp0 (pa, pb);
}

/* Every regular file below @folder, sorted by name for a stable order. */
static void
collect_folder (GFile        *folder,
                guint         depth,
                GPtrArray    *out,
                GCancellable *cancellable)
{
  g_autoptr (GFileEnumerator) children = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  if (depth > MAX_FOLDER_DEPTH)
    return;
  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                        G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (children == NULL)
    return;
  while (out->len < MAX_FOLDER_FILES &&
         (info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      GFileType type = g_file_info_get_file_type (info);

      if (!g_file_info_get_is_hidden (info) &&
          (type == G_FILE_TYPE_REGULAR || type == G_FILE_TYPE_DIRECTORY))
        g_ptr_array_add (found, g_file_get_child (folder, g_file_info_get_name (info)));
      g_object_unref (info);
    }
  g_ptr_array_sort (found, compare_files);
  for (guint i = 0; i < found->len; i++)
    {
      GFile *child = g_ptr_array_index (found, i);
      if (g_file_query_file_type (child, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        collect_folder (child, depth + 1, out, cancellable);
      else
        g_ptr_array_add (out, g_object_ref (child));
    }
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) from_folder = g_hash_table_new (NULL, NULL);

  if (job->bytes != NULL)
    {
      g_autoptr (GError) error = NULL;
      FileProgress fp = { task, job->name };
      BenchSource *source;

      job->n_total = 1;
      source = bench_source_load_bytes (job->bytes, job->name, cancellable, on_file_progress, &fp,
                                        &error);
      if (source != NULL)
        {
          /* the grouping a dataset would do on the main thread */
          bench_dataset_prepare_source (source);
          g_ptr_array_add (job->sources, source);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      else
        add_failure (job, NULL, job->name, g_steal_pointer (&error));
      g_task_return_boolean (task, TRUE);
      return;
    }

  for (guint i = 0; i < job->files->len; i++)
    {
      GFile *file = g_ptr_array_index (job->files, i);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) ==
          G_FILE_TYPE_DIRECTORY)
        {
          guint before = inputs->len;
          collect_folder (file, 0, inputs, cancellable);
          for (guint k = before; k < inputs->len; k++)
            g_hash_table_add (from_folder, g_ptr_array_index (inputs, k));
        }
      else
        g_ptr_array_add (inputs, g_object_ref (file));
    }

  job->n_total = inputs->len;
  for (guint i = 0; i < inputs->len; i++)
    {
      GFile *file = g_ptr_array_index (inputs, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr (GError) error = NULL;
      FileProgress fp = { task, name };
      BenchSource *source;

      job->n_done = i;
      post_progress (task, (double) i / MAX (inputs->len, 1), name);
      source = bench_source_load_file (file, cancellable, on_file_progress, &fp, &error);
      if (source != NULL)
        {
          /* the grouping a dataset would do on the main thread */
          bench_dataset_prepare_source (source);
          g_ptr_array_add (job->sources, source);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      else if (g_hash_table_contains (from_folder, file) &&
               (g_error_matches (error, BENCH_READER_ERROR, BENCH_READER_ERROR_UNKNOWN_FORMAT) ||
                g_error_matches (error, BENCH_READER_ERROR, BENCH_READER_ERROR_EMPTY)))
        continue;   /* a README or a picture next to the results */
      else
        add_failure (job, file, name, g_steal_pointer (&error));
    }
  post_progress (task, 1.0, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
start (LoadJob             *job,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_mutex_init (&job->lock);
  job->context = g_main_context_ref_thread_default ();
  job->sources = g_ptr_array_new_with_free_func (g_object_unref);
  job->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) bench_load_failure_free);
  g_task_set_source_tag (task, bench_load_finish);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  bench_task_run_in_background_thread (task, "bench-load", load_thread);
}

void
bench_load_files_async (GFile                 **files,
                        guint                   n_files,
                        GCancellable           *cancellable,
                        BenchLoadProgressFunc   progress,
                        gpointer                progress_data,
                        GDestroyNotify          progress_destroy,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->files, g_object_ref (files[i]));
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_destroy = progress_destroy;
  start (job, cancellable, callback, user_data);
}

void
bench_load_bytes_async (GBytes                 *bytes,
                        const char             *name,
                        GCancellable           *cancellable,
                        BenchLoadProgressFunc   progress,
                        gpointer                progress_data,
                        GDestroyNotify          progress_destroy,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->bytes = g_bytes_ref (bytes);
  job->name = g_strdup (name);
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_destroy = progress_destroy;
  start (job, cancellable, callback, user_data);
}

GPtrArray *
bench_load_finish (GAsyncResult  *result,
                   GPtrArray    **failures,
                   GError       **error)
{
  LoadJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  if (failures != NULL)
    *failures = g_steal_pointer (&job->failures);
  return g_steal_pointer (&job->sources);
}
