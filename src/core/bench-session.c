/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-session.c — the queue of things to read, the watch on files that
 * change, and the list of everything the user gave, failures included. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bench-loader.h"
#include "bench-session.h"

/* A file llama-bench is still writing changes many times a second: read
 * it again once it has been quiet this long. */
#define RELOAD_DELAY_MS 400
/* …but a file that never stops changing is still read this often */
#define RELOAD_MAX_DELAY_MS 2000
/* longest paste title kept */
#define MAX_TITLE_CHARS 60

struct _BenchSession
{
  GObject       parent_instance;

  BenchDataset *dataset;
  GListStore   *entries;          /* BenchSourceEntry */
  GCancellable *cancellable;      /* of the load running, or NULL */
  GQueue        pending;          /* LoadRequest, the head one running */
  GHashTable   *monitors;         /* GFile → GFileMonitor */
  GHashTable   *reloads;          /* GFile → Reload, a reload waiting */
  char         *current_name;
  double        progress;
  guint         n_pasted;
  GPtrArray    *arriving;         /* BenchSource read, not yet added */
  GPtrArray    *arriving_failures;/* BenchLoadFailure of the same load */
  guint         n_arrived;        /* of them, added */
  guint         arrival_id;       /* add_next_source, pending */
  guint         adding : 1;       /* the dataset changes because of us */
  guint         monitor_files : 1;
};

typedef struct
{
  GPtrArray *files;     /* GFile, or NULL for text */
  GBytes    *bytes;
  char      *name;
  gboolean   quiet;     /* a reload of a changed file */
} LoadRequest;

enum
{
  PROP_0,
  PROP_DATASET,
  PROP_ENTRIES,
  PROP_LOADING,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_CURRENT_NAME,
  N_PROPS
};

enum
{
  SOURCE_ADDED,
  SOURCE_FAILED,
  LOAD_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BenchSession, bench_session, G_TYPE_OBJECT)

static void start_next_load (BenchSession *self);

static void
load_request_free (LoadRequest *request)
{
  g_clear_pointer (&request->files, g_ptr_array_unref);
  g_clear_pointer (&request->bytes, g_bytes_unref);
  g_free (request->name);
  g_free (request);
}

static void
set_busy_state (BenchSession *self,
                gboolean      was_loading,
                gboolean      was_busy)
{
  if (was_loading != bench_session_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (was_busy != bench_session_is_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* —— entries ——————————————————————————————————————————————— */

static gboolean
same_entry (BenchSourceEntry *a,
            BenchSourceEntry *b)
{
  GFile *fa = bench_source_entry_get_file (a);
  GFile *fb = bench_source_entry_get_file (b);

  if (fa != NULL || fb != NULL)
    return fa != NULL && fb != NULL && g_file_equal (fa, fb);
  return g_strcmp0 (bench_source_entry_get_name (a), bench_source_entry_get_name (b)) == 0;
}

static BenchSourceEntry *
find_entry (BenchSession     *self,
            BenchSourceEntry *like,
            guint            *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BenchSourceEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      if (same_entry (entry, like))
        {
          *position = i;
          return entry;   /* the store holds a reference */
        }
    }
  return NULL;
}

/* Puts @entry in the list, in the place of an earlier entry of the same file,
 * and its source into the dataset (the earlier source out of it). */
static void
put_entry (BenchSession     *self,
           BenchSourceEntry *entry)
{
  BenchSource *source = bench_source_entry_get_source (entry);
  BenchSourceEntry *old;
  guint position;

  self->adding = TRUE;
  /* the dataset first: it tells whether the source repeats another, which
   * the list shows */
  if (source != NULL)
    bench_dataset_add_source (self->dataset, source);
  old = find_entry (self, entry, &position);
  if (old != NULL)
    {
      BenchSource *old_source = bench_source_entry_get_source (old);
      if (old_source != NULL && source == NULL)
        bench_dataset_remove_source (self->dataset, old_source);
      g_list_store_splice (self->entries, position, 1, (gpointer *) &entry, 1);
    }
  else
    g_list_store_append (self->entries, entry);
  self->adding = FALSE;
}

/* —— watching files ——————————————————————————————————————————— */

static void
stop_monitoring (BenchSession *self,
                 GFile        *file)
{
  if (file == NULL)
    return;
  g_hash_table_remove (self->monitors, file);
  g_hash_table_remove (self->reloads, file);
}

static void
queue_request (BenchSession *self,
               LoadRequest  *request)
{
  gboolean was_loading = bench_session_get_loading (self);
  gboolean was_busy = bench_session_is_busy (self);

  g_queue_push_tail (&self->pending, request);
  start_next_load (self);
  set_busy_state (self, was_loading, was_busy);
}

typedef struct
{
  BenchSession *self;          /* not owned: the timeout dies with the session */
  GFile        *file;
  gint64        first_change;  /* of the changes this reload waits out */
  guint         id;            /* its timeout */
} Reload;

static void
reload_free (Reload *reload)
{
  g_object_unref (reload->file);
  g_free (reload);
}

/* out of the table: stop the timeout, which frees the reload */
static void
reload_cancel (Reload *reload)
{
  g_source_remove (reload->id);
}

static gboolean
reload_file (gpointer user_data)
{
  Reload *reload = user_data;
  BenchSession *self = reload->self;
  LoadRequest *request;

  GFile *key = NULL;

  /* the timeout ends here and frees @reload itself */
  if (g_hash_table_steal_extended (self->reloads, reload->file, (gpointer *) &key, NULL))
    g_object_unref (key);
  /* a reload of this file already waits its turn: it will see this change */
  for (GList *l = self->pending.head ? self->pending.head->next : NULL; l != NULL; l = l->next)
    {
      LoadRequest *waiting = l->data;
      if (waiting->quiet && waiting->files->len == 1 &&
          g_file_equal (g_ptr_array_index (waiting->files, 0), reload->file))
        return G_SOURCE_REMOVE;
    }
  request = g_new0 (LoadRequest, 1);
  request->files = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (request->files, g_object_ref (reload->file));
  request->quiet = TRUE;
  queue_request (self, request);
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 BenchSession      *self)
{
  GFile *watched = g_object_get_data (G_OBJECT (monitor), "bench-file");
  Reload *pending;
  Reload *reload;
  gint64 first_change = g_get_monotonic_time ();

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CHANGED &&
      event != G_FILE_MONITOR_EVENT_CREATED)
    return;
  /* debounced: every change restarts the wait, up to a limit */
  pending = g_hash_table_lookup (self->reloads, watched);
  if (pending != NULL)
    {
      first_change = pending->first_change;
      if (g_get_monotonic_time () - first_change > RELOAD_MAX_DELAY_MS * 1000)
        return;
    }
  g_hash_table_remove (self->reloads, watched);
  reload = g_new0 (Reload, 1);
  reload->self = self;
  reload->file = g_object_ref (watched);
  reload->first_change = first_change;
  reload->id = g_timeout_add_full (G_PRIORITY_DEFAULT, RELOAD_DELAY_MS, reload_file, reload,
                                   (GDestroyNotify) reload_free);
  g_hash_table_insert (self->reloads, g_object_ref (watched), reload);
}

static void
monitor_file (BenchSession *self,
              GFile        *file)
{
  g_autoptr (GFileMonitor) monitor = NULL;

  if (!self->monitor_files || file == NULL || g_hash_table_contains (self->monitors, file) ||
      !g_file_is_native (file))
    return;
  monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (monitor == NULL)
    return;
  g_object_set_data_full (G_OBJECT (monitor), "bench-file", g_object_ref (file), g_object_unref);
  g_signal_connect (monitor, "changed", G_CALLBACK (on_file_changed), self);
  g_hash_table_insert (self->monitors, g_object_ref (file), g_steal_pointer (&monitor));
}

static void
remove_source_entries (BenchSession *self)
{
  GListModel *sources = bench_dataset_get_sources (self->dataset);

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i-- > 0;)
    {
      g_autoptr (BenchSourceEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      BenchSource *source = bench_source_entry_get_source (entry);
      guint n = g_list_model_get_n_items (sources);
      gboolean present = FALSE;

      if (source == NULL)
        continue;
      for (guint k = 0; k < n && !present; k++)
        {
          g_autoptr (BenchSource) other = g_list_model_get_item (sources, k);
          present = other == source;
        }
      if (!present)
        {
          stop_monitoring (self, bench_source_entry_get_file (entry));
          g_list_store_remove (self->entries, i);
        }
    }
}

/* Someone removed sources from the dataset directly: follow it. */
static void
on_sources_changed (GListModel   *sources,
                    guint         position,
                    guint         removed,
                    guint         added,
                    BenchSession *self)
{
  if (removed > 0 && !self->adding)
    remove_source_entries (self);
}

/* —— loading ——————————————————————————————————————————————— */

static void
on_load_progress (double      fraction,
                  const char *current,
                  gpointer    user_data)
{
  BenchSession *self = user_data;

  self->progress = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  if (current != NULL && g_strcmp0 (current, self->current_name) != 0)
    {
      g_free (self->current_name);
      self->current_name = g_strdup (current);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_NAME]);
    }
}

/* The load at the head of the queue is over: its failures are listed,
 * the queue moves on. */
static void
finish_load (BenchSession *self)
{
  g_autoptr (GPtrArray) failures = g_steal_pointer (&self->arriving_failures);
  g_autoptr (GPtrArray) sources = g_steal_pointer (&self->arriving);
  gboolean was_loading = bench_session_get_loading (self);
  gboolean was_busy = bench_session_is_busy (self);
  LoadRequest *request = g_queue_pop_head (&self->pending);
  guint n_failed = 0;

  if (failures != NULL)
    {
      for (guint i = 0; i < failures->len; i++)
        {
          BenchLoadFailure *failure = g_ptr_array_index (failures, i);
          g_autoptr (BenchSourceEntry) entry =
            bench_source_entry_new_failed (failure->file, failure->name, failure->error);
          BenchSourceEntry *old;
          guint position;

          old = find_entry (self, entry, &position);
          /* a file caught halfway through a write keeps what it showed */
          if (!(request->quiet && old != NULL && bench_source_entry_get_source (old) != NULL))
            put_entry (self, entry);
          /* watched too: an empty file llama-bench has just started to write */
          monitor_file (self, failure->file);
          g_signal_emit (self, signals[SOURCE_FAILED], 0, entry, request->quiet);
        }
      n_failed = failures->len;
    }

  g_signal_emit (self, signals[LOAD_FINISHED], 0, sources ? sources->len : 0, n_failed,
                 request->quiet);
  load_request_free (request);
  start_next_load (self);
  set_busy_state (self, was_loading, was_busy);
}

/* The sources read are added a few milliseconds' worth per main-loop
 * iteration: a folder whose files each bring many groups would otherwise
 * keep the window from drawing until all of them were in. Frames come
 * between (they run at a higher priority than this idle). */
#define ARRIVAL_SLICE_US 8000

static gboolean
add_next_source (gpointer data)
{
  BenchSession *self = data;
  LoadRequest *request = g_queue_peek_head (&self->pending);
  gint64 until = g_get_monotonic_time () + ARRIVAL_SLICE_US;

  while (self->n_arrived < self->arriving->len)
    {
      BenchSource *source = g_ptr_array_index (self->arriving, self->n_arrived++);
      g_autoptr (BenchSourceEntry) entry = bench_source_entry_new_loaded (source);

      put_entry (self, entry);
      monitor_file (self, bench_source_get_file (source));
      g_signal_emit (self, signals[SOURCE_ADDED], 0, entry, request->quiet);
      if (self->n_arrived < self->arriving->len && g_get_monotonic_time () >= until)
        return G_SOURCE_CONTINUE;
    }
  self->arrival_id = 0;
  finish_load (self);
  return G_SOURCE_REMOVE;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (BenchSession) self = user_data;
  g_autoptr (GPtrArray) failures = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sources = bench_load_finish (result, &failures, &error);

  /* disposed meanwhile: the queue is gone */
  if (self->dataset == NULL)
    return;

  g_clear_object (&self->cancellable);
  self->arriving_failures = g_steal_pointer (&failures);
  if (sources == NULL || sources->len == 0)
    {
      self->arriving = g_steal_pointer (&sources);
      finish_load (self);
      return;
    }
  self->arriving = g_steal_pointer (&sources);
  self->n_arrived = 0;
  /* the first at once: a single file shows as soon as it is read */
  if (add_next_source (self) == G_SOURCE_CONTINUE)
    self->arrival_id = g_idle_add (add_next_source, self);
}

static void
start_next_load (BenchSession *self)
{
  LoadRequest *request;

  if (self->cancellable != NULL || self->arriving != NULL || g_queue_is_empty (&self->pending))
    return;
  request = g_queue_peek_head (&self->pending);
  self->cancellable = g_cancellable_new ();
  self->progress = 0;
  g_clear_pointer (&self->current_name, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_NAME]);

  if (request->bytes != NULL)
    bench_load_bytes_async (request->bytes, request->name, self->cancellable, on_load_progress,
                            self, NULL, on_loaded, g_object_ref (self));
  else
    bench_load_files_async ((GFile **) request->files->pdata, request->files->len,
                            self->cancellable, on_load_progress, self, NULL, on_loaded,
                            g_object_ref (self));
}

/* —— object ——————————————————————————————————————————————— */

static void
bench_session_dispose (GObject *object)
{
  BenchSession *self = BENCH_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->arrival_id, g_source_remove);
  g_clear_pointer (&self->arriving, g_ptr_array_unref);
  g_clear_pointer (&self->arriving_failures, g_ptr_array_unref);
  g_queue_clear_full (&self->pending, (GDestroyNotify) load_request_free);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->reloads, g_hash_table_unref);
  if (self->dataset != NULL)
    g_signal_handlers_disconnect_by_data (bench_dataset_get_sources (self->dataset), self);
  g_clear_object (&self->dataset);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (bench_session_parent_class)->dispose (object);
}

static void
bench_session_finalize (GObject *object)
{
  BenchSession *self = BENCH_SESSION (object);

  g_free (self->current_name);

  G_OBJECT_CLASS (bench_session_parent_class)->finalize (object);
}

static void
bench_session_constructed (GObject *object)
{
  BenchSession *self = BENCH_SESSION (object);

  G_OBJECT_CLASS (bench_session_parent_class)->constructed (object);

  if (self->dataset == NULL)
    self->dataset = bench_dataset_new ();
  g_signal_connect (bench_dataset_get_sources (self->dataset), "items-changed",
                    G_CALLBACK (on_sources_changed), self);
}

static void
bench_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BenchSession *self = BENCH_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_ENTRIES:
      g_value_set_object (value, self->entries);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, bench_session_get_loading (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, bench_session_is_busy (self));
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_CURRENT_NAME:
      g_value_set_string (value, self->current_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BenchSession *self = BENCH_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_session_class_init (BenchSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bench_session_dispose;
  object_class->finalize = bench_session_finalize;
  object_class->constructed = bench_session_constructed;
  object_class->get_property = bench_session_get_property;
  object_class->set_property = bench_session_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, BENCH_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTRIES] = g_param_spec_object ("entries", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, flags);
  properties[PROP_CURRENT_NAME] = g_param_spec_string ("current-name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (entry, reload): a source read; @reload when a watched file changed */
  signals[SOURCE_ADDED] =
    g_signal_new ("source-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, BENCH_TYPE_SOURCE_ENTRY, G_TYPE_BOOLEAN);
  /* (entry, reload): a file that could not be read; the entry's error
   * names FILE:LINE:COLUMN */
  signals[SOURCE_FAILED] =
    g_signal_new ("source-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, BENCH_TYPE_SOURCE_ENTRY, G_TYPE_BOOLEAN);
  /* (n_added, n_failed, reload): one request done, after its source-added
   * and source-failed */
  signals[LOAD_FINISHED] =
    g_signal_new ("load-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_BOOLEAN);
}

static void
bench_session_init (BenchSession *self)
{
  self->entries = g_list_store_new (BENCH_TYPE_SOURCE_ENTRY);
  self->monitors = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                          g_object_unref, g_object_unref);
  self->reloads = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                         g_object_unref, (GDestroyNotify) reload_cancel);
  self->monitor_files = TRUE;
  g_queue_init (&self->pending);
}

BenchSession *
bench_session_new (BenchDataset *dataset)
{
  return g_object_new (BENCH_TYPE_SESSION, "dataset", dataset, NULL);
}

BenchDataset *
bench_session_get_dataset (BenchSession *self)
{
  g_return_val_if_fail (BENCH_IS_SESSION (self), NULL);
  return self->dataset;
}

GListModel *
bench_session_get_entries (BenchSession *self)
{
  g_return_val_if_fail (BENCH_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->entries);
}

void
bench_session_load_files (BenchSession  *self,
                          GFile        **files,
                          guint          n_files)
{
  LoadRequest *request;

  g_return_if_fail (BENCH_IS_SESSION (self));
  if (n_files == 0)
    return;
  request = g_new0 (LoadRequest, 1);
  request->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (request->files, g_object_ref (files[i]));
  queue_request (self, request);
}

void
bench_session_load_bytes (BenchSession *self,
                          GBytes       *bytes,
                          const char   *name)
{
  LoadRequest *request;

  g_return_if_fail (BENCH_IS_SESSION (self));
  g_return_if_fail (bytes != NULL && name != NULL);
  request = g_new0 (LoadRequest, 1);
  request->bytes = g_bytes_ref (bytes);
  request->name = g_strdup (name);
  queue_request (self, request);
}

static gboolean
name_taken (BenchSession *self,
            const char   *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BenchSourceEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      if (bench_source_entry_get_file (entry) == NULL &&
          g_strcmp0 (bench_source_entry_get_name (entry), name) == 0)
        return TRUE;
    }
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      LoadRequest *request = l->data;
      if (g_strcmp0 (request->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A title the paste gives itself: its first markdown heading before the
 * table, or a short first line standing alone (followed by a blank line
 * or underlined), which reads as a title rather than prose or a log. */
static char *
paste_title (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", 64);
  int first = -1;

  for (int i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '|')
        break;
      if (*line == '#')
        {
          char *title = line;
          while (*title == '#')
            title++;
          title = g_strstrip (title);
          /* closing hashes of an ATX heading */
          for (gsize n = strlen (title); n > 0 && (title[n - 1] == '#' || title[n - 1] == ' '); n--)
            title[n - 1] = '\0';
          if (*title != '\0' && g_utf8_strlen (title, -1) <= MAX_TITLE_CHARS)
            return g_strdup (title);
          continue;
        }
      if (*line != '\0' && first < 0)
        first = i;
    }
  if (first >= 0 && lines[first + 1] != NULL)
    {
      const char *line = lines[first];
      const char *next = lines[first + 1];   /* already stripped if reached */
      gsize len = strlen (line);
      gboolean alone = *g_strstrip ((char *) next) == '\0' || g_str_has_prefix (next, "===") ||
                       g_str_has_prefix (next, "---");

      if (alone && g_utf8_strlen (line, -1) <= MAX_TITLE_CHARS && strchr (line, ':') == NULL &&
          strchr (line, '=') == NULL && strchr (line, '|') == NULL &&
          !strchr (".,;!?", line[len - 1]))
        return g_strdup (line);
    }
  return NULL;
}

static char *
name_paste (BenchSession *self,
            const char   *text,
            guint        *number)
{
  g_autofree char *title = text ? paste_title (text) : NULL;
  char *name;

  *number = 0;
  if (title == NULL)
    {
      for (guint n = self->n_pasted + 1;; n++)
        {
          /* Translators: the name of the results pasted the n-th time */
          name = g_strdup_printf (_("Pasted %u"), n);
          if (!name_taken (self, name))
            {
              *number = n;
              return name;
            }
          g_free (name);
        }
    }
  if (!name_taken (self, title))
    return g_steal_pointer (&title);
  for (guint n = 2;; n++)
    {
      /* Translators: a second paste with the same title, e.g. "Strix Halo (2)" */
      name = g_strdup_printf (_("%s (%u)"), title, n);
      if (!name_taken (self, name))
        return name;
      g_free (name);
    }
}

char *
bench_session_name_paste (BenchSession *self,
                          const char   *text)
{
  guint number;

  g_return_val_if_fail (BENCH_IS_SESSION (self), NULL);
  return name_paste (self, text, &number);
}

const char *
bench_session_load_text (BenchSession *self,
                         const char   *text)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  LoadRequest *request;
  guint number;

  g_return_val_if_fail (BENCH_IS_SESSION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  name = name_paste (self, text, &number);
  /* numbers only grow: a new paste is never mistaken for one removed */
  self->n_pasted = MAX (self->n_pasted, number);
  bytes = g_bytes_new (text, strlen (text));
  bench_session_load_bytes (self, bytes, name);
  request = g_queue_peek_tail (&self->pending);
  return request->name;
}

gboolean
bench_session_restore (BenchSession       *self,
                       const char * const *uris)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (BENCH_IS_SESSION (self), FALSE);

  if (uris == NULL || bench_dataset_get_n_results (self->dataset) > 0 ||
      bench_session_is_busy (self))
    return FALSE;
  for (guint i = 0; uris[i] != NULL; i++)
    {
      GFile *file = g_file_new_for_uri (uris[i]);
      if (g_file_query_exists (file, NULL))
        g_ptr_array_add (files, file);
      else
        g_object_unref (file);
    }
  bench_session_load_files (self, (GFile **) files->pdata, files->len);
  return files->len > 0;
}

char **
bench_session_dup_uris (BenchSession *self)
{
  g_autoptr (GStrvBuilder) uris = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (BENCH_IS_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BenchSourceEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      GFile *file = bench_source_entry_get_file (entry);

      if (file != NULL && bench_source_entry_get_source (entry) != NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);
          g_strv_builder_add (uris, uri);
        }
    }
  return g_strv_builder_end (uris);
}

void
bench_session_remove (BenchSession     *self,
                      BenchSourceEntry *entry)
{
  guint position;

  g_return_if_fail (BENCH_IS_SESSION (self));
  g_return_if_fail (BENCH_IS_SOURCE_ENTRY (entry));

  if (!g_list_store_find (self->entries, entry, &position))
    return;
  g_object_ref (entry);
  stop_monitoring (self, bench_source_entry_get_file (entry));
  self->adding = TRUE;
  g_list_store_remove (self->entries, position);
  if (bench_source_entry_get_source (entry) != NULL)
    bench_dataset_remove_source (self->dataset, bench_source_entry_get_source (entry));
  self->adding = FALSE;
  g_object_unref (entry);
}

void
bench_session_clear (BenchSession *self)
{
  g_return_if_fail (BENCH_IS_SESSION (self));

  g_hash_table_remove_all (self->monitors);
  g_hash_table_remove_all (self->reloads);
  self->adding = TRUE;
  g_list_store_remove_all (self->entries);
  bench_dataset_clear (self->dataset);
  self->adding = FALSE;
  self->n_pasted = 0;
}

void
bench_session_cancel (BenchSession *self)
{
  g_return_if_fail (BENCH_IS_SESSION (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
bench_session_get_loading (BenchSession *self)
{
  g_return_val_if_fail (BENCH_IS_SESSION (self), FALSE);

  for (GList *l = self->pending.head; l != NULL; l = l->next)
    if (!((LoadRequest *) l->data)->quiet)
      return TRUE;
  return FALSE;
}

gboolean
bench_session_is_busy (BenchSession *self)
{
  g_return_val_if_fail (BENCH_IS_SESSION (self), FALSE);
  return !g_queue_is_empty (&self->pending);
}

double
bench_session_get_progress (BenchSession *self)
{
  g_return_val_if_fail (BENCH_IS_SESSION (self), 0);
  return self->progress;
}

const char *
bench_session_get_current_name (BenchSession *self)
{
  g_return_val_if_fail (BENCH_IS_SESSION (self), NULL);
  return self->current_name;
}

void
bench_session_set_monitor_files (BenchSession *self,
                                 gboolean      monitor_files)
{
  g_return_if_fail (BENCH_IS_SESSION (self));

  self->monitor_files = !!monitor_files;
  if (!monitor_files)
    {
      g_hash_table_remove_all (self->monitors);
      g_hash_table_remove_all (self->reloads);
    }
}

void
bench_session_wait (BenchSession *self)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  g_return_if_fail (BENCH_IS_SESSION (self));

  while (bench_session_is_busy (self))
    g_main_context_iteration (context, TRUE);
  g_main_context_unref (context);
}
