/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-source-entry.c — a file the session read, or failed to read. */
#include "config.h"

#include "bench-source-entry.h"

struct _BenchSourceEntry
{
  GObject      parent_instance;

  char        *name;
  GFile       *file;
  BenchSource *source;
  GError      *error;
  guint        n_runs;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_FILE,
  PROP_SOURCE,
  PROP_STATUS,
  PROP_N_RUNS,
  PROP_N_RESULTS,
  PROP_N_SKIPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BenchSourceEntry, bench_source_entry, G_TYPE_OBJECT)

static void
bench_source_entry_finalize (GObject *object)
{
  BenchSourceEntry *self = BENCH_SOURCE_ENTRY (object);

  g_free (self->name);
  g_clear_object (&self->file);
  g_clear_object (&self->source);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (bench_source_entry_parent_class)->finalize (object);
}

static void
bench_source_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BenchSourceEntry *self = BENCH_SOURCE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, bench_source_entry_get_status (self));
      break;
    case PROP_N_RUNS:
      g_value_set_uint (value, self->n_runs);
      break;
    case PROP_N_RESULTS:
      g_value_set_uint (value, bench_source_entry_get_n_results (self));
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, bench_source_entry_get_n_skipped (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_source_entry_class_init (BenchSourceEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bench_source_entry_finalize;
  object_class->get_property = bench_source_entry_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_SOURCE] = g_param_spec_object ("source", NULL, NULL, BENCH_TYPE_SOURCE, flags);
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, BENCH_SOURCE_STATUS_FAILED,
                                               0, flags);
  properties[PROP_N_RUNS] = g_param_spec_uint ("n-runs", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_RESULTS] = g_param_spec_uint ("n-results", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bench_source_entry_init (BenchSourceEntry *self)
{
}

guint
bench_source_count_runs (BenchSource *source)
{
  GPtrArray *results = bench_source_get_results (source);
  g_autoptr (GHashTable) runs = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < results->len; i++)
    g_hash_table_add (runs, GUINT_TO_POINTER (bench_result_get_run_index (g_ptr_array_index (results, i)) + 1));
  return g_hash_table_size (runs);
}

BenchSourceEntry *
bench_source_entry_new_loaded (BenchSource *source)
{
  BenchSourceEntry *self;

  g_return_val_if_fail (BENCH_IS_SOURCE (source), NULL);

  self = g_object_new (BENCH_TYPE_SOURCE_ENTRY, NULL);
  self->source = g_object_ref (source);
  self->name = g_strdup (bench_source_get_name (source));
  if (bench_source_get_file (source) != NULL)
    self->file = g_object_ref (bench_source_get_file (source));
  self->n_runs = bench_source_count_runs (source);
  return self;
}

BenchSourceEntry *
bench_source_entry_new_failed (GFile        *file,
                               const char   *name,
                               const GError *error)
{
  BenchSourceEntry *self;

  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (BENCH_TYPE_SOURCE_ENTRY, NULL);
  self->file = file ? g_object_ref (file) : NULL;
  if (name != NULL)
    self->name = g_strdup (name);
  else if (file != NULL)
    self->name = g_file_get_basename (file);
  else
    self->name = g_strdup ("");
  self->error = g_error_copy (error);
  return self;
}

const char *
bench_source_entry_get_name (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), NULL);
  return self->name;
}

GFile *
bench_source_entry_get_file (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), NULL);
  return self->file;
}

BenchSource *
bench_source_entry_get_source (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), NULL);
  return self->source;
}

const GError *
bench_source_entry_get_error (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), NULL);
  return self->error;
}

BenchSourceStatus
bench_source_entry_get_status (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), BENCH_SOURCE_STATUS_FAILED);
  if (self->source == NULL)
    return BENCH_SOURCE_STATUS_FAILED;
  return bench_source_get_skipped (self->source) > 0 ? BENCH_SOURCE_STATUS_PARTIAL
                                                     : BENCH_SOURCE_STATUS_LOADED;
}

const char *
bench_source_entry_get_format (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), NULL);
  return self->source ? bench_format_to_string (bench_source_get_format (self->source)) : NULL;
}

guint
bench_source_entry_get_n_runs (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), 0);
  return self->n_runs;
}

guint
bench_source_entry_get_n_results (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), 0);
  return self->source ? bench_source_get_n_results (self->source) : 0;
}

guint
bench_source_entry_get_n_skipped (BenchSourceEntry *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), 0);
  return self->source ? bench_source_get_skipped (self->source) : 0;
}

char **
bench_source_entry_dup_messages (BenchSourceEntry *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), NULL);

  if (self->error != NULL)
    g_strv_builder_add (builder, self->error->message);
  if (self->source != NULL)
    {
      GPtrArray *diagnostics = bench_source_get_diagnostics (self->source);

      for (guint i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *line = bench_diagnostic_format (g_ptr_array_index (diagnostics, i),
                                                           bench_source_get_name (self->source));
          g_strv_builder_add (builder, line);
        }
    }
  return g_strv_builder_end (builder);
}

const char *
bench_source_entry_get_duplicate_of (BenchSourceEntry *self)
{
  BenchSource *original;

  g_return_val_if_fail (BENCH_IS_SOURCE_ENTRY (self), NULL);

  /* the dataset decides when the source is added, before the session
   * lists its entry */
  original = self->source ? bench_source_get_duplicate_of (self->source) : NULL;
  return original ? bench_source_get_name (original) : NULL;
}
