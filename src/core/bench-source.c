/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-source.c — reading one source: detect its format, run the reader,
 * number its runs, and turn "nothing readable" into one clear error.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "bench-result-private.h"
#include "bench-source.h"
#include "bench-units.h"

struct _BenchSource
{
  GObject      parent_instance;

  char        *name;
  GFile       *file;
  BenchFormat  format;
  GPtrArray   *results;
  GPtrArray   *diagnostics;
  guint        skipped;
  BenchSource *duplicate_of;
};

G_DEFINE_FINAL_TYPE (BenchSource, bench_source, G_TYPE_OBJECT)

enum { PROP_0, PROP_DUPLICATE_OF, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
bench_source_finalize (GObject *object)
{
  BenchSource *self = BENCH_SOURCE (object);

  g_free (self->name);
  g_clear_object (&self->file);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_object (&self->duplicate_of);

  G_OBJECT_CLASS (bench_source_parent_class)->finalize (object);
}

static void
bench_source_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BenchSource *self = BENCH_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DUPLICATE_OF:
      g_value_set_object (value, self->duplicate_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_source_class_init (BenchSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bench_source_finalize;
  object_class->get_property = bench_source_get_property;

  /**
   * BenchSource:duplicate-of:
   *
   * The source loaded earlier that holds the same run (the same file
   * twice, or the same run printed in two formats), or %NULL. Set by the
   * dataset, which counts the run once.
   */
  properties[PROP_DUPLICATE_OF] =
    g_param_spec_object ("duplicate-of", NULL, NULL, BENCH_TYPE_SOURCE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bench_source_init (BenchSource *self)
{
}

/* Two results of one run: the same build on the same machine. Compared by
 * value: the JSON reader interns strings in one pool per parser thread, so
 * equal texts need not be one pointer. */
static gboolean
same_text (const char *a,
           const char *b)
{
  return a == b || g_strcmp0 (a, b) == 0;
}

static gboolean
same_run (BenchResult *a,
          BenchResult *b)
{
  return a->build_number == b->build_number &&
         same_text (a->build_commit, b->build_commit) &&
         same_text (a->hardware_key, b->hardware_key);
}

/* Readers number the tables or arrays they find ("segments"); a run is a
 * stretch of one segment with one build and one machine. */
static void
number_runs (GPtrArray *results)
{
  BenchResult *prev = NULL;
  guint prev_segment = G_MAXUINT;
  guint run = 0;

  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *result = g_ptr_array_index (results, i);

      if (prev != NULL && (result->run_index != prev_segment || !same_run (result, prev)))
        run++;
      prev_segment = result->run_index;
      prev = result;
      result->run_index = run;
    }
}

/* TRUE when @data holds only blanks; @data need not be NUL-terminated (a
 * mapped file, standard input, a paste copied at its exact size). */
static gboolean
is_blank (const char *data,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n')
      return FALSE;
  return TRUE;
}

/* UTF-16 with a byte order mark (what PowerShell's `>` writes) to UTF-8;
 * NULL when @data has no such mark. Unpaired surrogates become U+FFFD, so
 * the readers report them as text they cannot read, at their position. */
static char *
decode_utf16 (const char *data,
              gsize       len,
              gsize      *out_len)
{
  const guchar *p = (const guchar *) data;
  gboolean big_endian;
  GString *out;

  if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    big_endian = FALSE;
  else if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    big_endian = TRUE;
  else
    return NULL;

  out = g_string_sized_new (len / 2 + 16);
  for (gsize i = 2; i + 1 < len; i += 2)
    {
      gunichar u = big_endian ? (p[i] << 8 | p[i + 1]) : (p[i + 1] << 8 | p[i]);

      if (u >= 0xD800 && u < 0xDC00 && i + 3 < len)
        {
          gunichar low = big_endian ? (p[i + 2] << 8 | p[i + 3]) : (p[i + 3] << 8 | p[i + 2]);
          if (low >= 0xDC00 && low < 0xE000)
            {
              u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              i += 2;
            }
          else
            u = 0xFFFD;
        }
      else if (u >= 0xD800 && u < 0xE000)
        u = 0xFFFD;
      g_string_append_unichar (out, u);
    }
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static BenchSource *
load_data (const char         *data,
           gsize               len,
           gboolean            mapped,
           const char         *name,
           GFile              *file,
           GCancellable       *cancellable,
           BenchProgressFunc   progress,
           gpointer            progress_data,
           GError            **error)
{
  g_autoptr (BenchStrPool) pool = bench_str_pool_new ();
  g_autoptr (BenchRecordBuilder) builder = bench_record_builder_new (pool);
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) diagnostics =
    g_ptr_array_new_with_free_func ((GDestroyNotify) bench_diagnostic_free);
  g_autoptr (GError) local_error = NULL;
  BenchReadContext ctx = {
    .name = name,
    .builder = builder,
    .results = results,
    .diagnostics = diagnostics,
    .cancellable = cancellable,
    .progress = progress,
    .progress_data = progress_data,
    .release_input = mapped,
  };
  BenchFormat format;
  gboolean ok;
  BenchSource *self;
  g_autofree char *decoded = NULL;
  gsize decoded_len = 0;

  /* the readers read UTF-8; a UTF-16 file is read as its UTF-8 copy */
  decoded = decode_utf16 (data, len, &decoded_len);
  if (decoded != NULL)
    {
      data = decoded;
      len = decoded_len;
      ctx.release_input = FALSE;
    }

  format = bench_detect_format (data, len);
  ctx.format = format;

  switch (format)
    {
    case BENCH_FORMAT_JSON:
    case BENCH_FORMAT_JSONL:
      ok = bench_read_json (&ctx, data, len, &local_error);
      break;
    case BENCH_FORMAT_CSV:
      ok = bench_read_csv (&ctx, data, len, &local_error);
      break;
    case BENCH_FORMAT_MARKDOWN:
      ok = bench_read_markdown (&ctx, data, len, &local_error);
      break;
    case BENCH_FORMAT_SQL:
      ok = bench_read_sql (&ctx, data, len, &local_error);
      break;
    case BENCH_FORMAT_SQLITE:
      ok = bench_read_sqlite (&ctx, data, len, &local_error);
      break;
    case BENCH_FORMAT_UNKNOWN:
    default:
      if (is_blank (data, len))
        g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_EMPTY,
                     _("%s: the file is empty"), name);
      else
        g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_UNKNOWN_FORMAT,
                     _("%s:1:1: not llama-bench output (expected JSON, JSON Lines, CSV, "
                       "a markdown table, SQL or an SQLite database)"), name);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!ok)
    {
      /* readers say "LINE:COLUMN: what" or just "what"; the file name goes first */
      if (g_ascii_isdigit (local_error->message[0]))
        g_prefix_error (&local_error, "%s:", name);
      else
        g_prefix_error (&local_error, "%s: ", name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (results->len == 0)
    {
      if (diagnostics->len > 0)
        {
          g_autofree char *first = bench_diagnostic_format (g_ptr_array_index (diagnostics, 0), name);
          g_set_error_literal (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID, first);
        }
      else
        g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_EMPTY,
                     _("%s: no llama-bench results found"), name);
      return NULL;
    }

  number_runs (results);

  self = g_object_new (BENCH_TYPE_SOURCE, NULL);
  self->name = g_strdup (name);
  self->file = file ? g_object_ref (file) : NULL;
  self->format = ctx.format;
  self->results = g_steal_pointer (&results);
  self->diagnostics = g_steal_pointer (&diagnostics);
  self->skipped = ctx.skipped;
  return self;
}

BenchSource *
bench_source_load_bytes (GBytes             *bytes,
                         const char         *name,
                         GCancellable       *cancellable,
                         BenchProgressFunc   progress,
                         gpointer            progress_data,
                         GError            **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return load_data (data ? data : "", len, FALSE, name, NULL, cancellable, progress, progress_data, error);
}

BenchSource *
bench_source_load_file (GFile              *file,
                        GCancellable       *cancellable,
                        BenchProgressFunc   progress,
                        gpointer            progress_data,
                        GError            **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (path != NULL)
    {
      g_autoptr (GMappedFile) mapped = NULL;
      GStatBuf st;

      if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("%s: is a folder, not a file"), path);
          return NULL;
        }
      if (g_stat (path, &st) == 0 && (gint64) st.st_size > BENCH_SOURCE_MAX_SIZE)
        {
          g_autofree char *size = g_format_size ((guint64) st.st_size);
          g_autofree char *limit = g_format_size (BENCH_SOURCE_MAX_SIZE);

          /* Translators: the sizes are like "5.1 GB" */
          g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_TOO_LARGE,
                       _("%s: the file is too large (%s; the limit is %s)"),
                       path, size, limit);
          return NULL;
        }
      /* Mapped read-only: the input is never written. */
      mapped = g_mapped_file_new (path, FALSE, &local_error);
      if (mapped == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
          return NULL;
        }
      if (g_mapped_file_get_length (mapped) == 0)
        return load_data ("", 0, FALSE, name, file, cancellable, progress, progress_data, error);
      return load_data (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                        TRUE, name, file, cancellable, progress,
                        progress_data, error);
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, error))
        return NULL;
      return load_data (contents, len, FALSE, name, file, cancellable, progress, progress_data, error);
    }
}

const char *
bench_source_get_name (BenchSource *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), NULL);
  return self->name;
}

GFile *
bench_source_get_file (BenchSource *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), NULL);
  return self->file;
}

BenchFormat
bench_source_get_format (BenchSource *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), BENCH_FORMAT_UNKNOWN);
  return self->format;
}

GPtrArray *
bench_source_get_results (BenchSource *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), NULL);
  return self->results;
}

guint
bench_source_get_n_results (BenchSource *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), 0);
  return self->results->len;
}

GPtrArray *
bench_source_get_diagnostics (BenchSource *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), NULL);
  return self->diagnostics;
}

guint
bench_source_get_skipped (BenchSource *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), 0);
  return self->skipped;
}

BenchSource *
bench_source_get_duplicate_of (BenchSource *self)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), NULL);
  return self->duplicate_of;
}

void
bench_source_set_duplicate_of (BenchSource *self,
                               BenchSource *original)
{
  g_return_if_fail (BENCH_IS_SOURCE (self));
  g_return_if_fail (original == NULL || BENCH_IS_SOURCE (original));
  g_return_if_fail (original != self);

  if (g_set_object (&self->duplicate_of, original))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATE_OF]);
}

/* Two results of one run, each as its format printed it: the same model,
 * test, build and settings, and the same figures within the two decimals
 * markdown prints. Fields only one format carries (markdown has no
 * machine strings and shows only settings that differ from the defaults)
 * do not count. */
static gboolean
same_field (const char *a,
            const char *b)
{
  return a == NULL || b == NULL || *a == '\0' || *b == '\0' || strcmp (a, b) == 0;
}

/* The figure a format printed: the file's own mean (or deviation) when it
 * states one, else the one recomputed from its samples. Markdown prints
 * two decimals, and samples printed with two decimals move a recomputed
 * mean by as much again. */
static gboolean
same_figure (double a,
             double a_stated,
             double b,
             double b_stated)
{
  double x = isfinite (a_stated) ? a_stated : a;
  double y = isfinite (b_stated) ? b_stated : b;

  if (!isfinite (x) || !isfinite (y))
    return !isfinite (x) && !isfinite (y);
  return fabs (x - y) <= 0.0101 + 1e-9 * fabs (x);
}

static gboolean
same_result (BenchResult *a,
             BenchResult *b)
{
  const BenchParam *params;
  guint n_params;

  if (a->n_prompt != b->n_prompt || a->n_gen != b->n_gen || a->n_depth != b->n_depth ||
      strcmp (a->model_type, b->model_type) != 0 ||
      !same_field (a->backends, b->backends) || !same_field (a->build_commit, b->build_commit) ||
      !same_field (a->cpu_info, b->cpu_info) || !same_field (a->gpu_info, b->gpu_info) ||
      (a->flash_attn != -2 && b->flash_attn != -2 && a->flash_attn != b->flash_attn) ||
      (*a->build_commit != '\0' && *b->build_commit != '\0' && a->build_number != b->build_number))
    return FALSE;
  if (a->model_size > 0 && b->model_size > 0)
    {
      g_autofree char *sa = bench_format_size (a->model_size);
      g_autofree char *sb = bench_format_size (b->model_size);
      if (strcmp (sa, sb) != 0)
        return FALSE;
    }
  if (a->model_n_params > 0 && b->model_n_params > 0)
    {
      g_autofree char *pa = bench_format_params (a->model_n_params);
      g_autofree char *pb = bench_format_params (b->model_n_params);
      if (strcmp (pa, pb) != 0)
        return FALSE;
    }
  params = bench_result_get_params (b, &n_params);
  for (guint i = 0; i < n_params; i++)
    {
      const BenchParam *other = bench_result_lookup_param (a, params[i].key);
      if (other != NULL && params[i].type != BENCH_VALUE_NULL && other->type != BENCH_VALUE_NULL &&
          strcmp (other->text, params[i].text) != 0)
        return FALSE;
    }
  return same_figure (a->avg_ts, a->stated_avg_ts, b->avg_ts, b->stated_avg_ts) &&
         same_figure (a->stddev_ts, a->stated_stddev_ts, b->stddev_ts, b->stated_stddev_ts);
}

gboolean
bench_source_same_run (BenchSource *self,
                       BenchSource *other)
{
  g_return_val_if_fail (BENCH_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (BENCH_IS_SOURCE (other), FALSE);

  if (self->results->len != other->results->len || self->results->len == 0)
    return FALSE;
  for (guint i = 0; i < self->results->len; i++)
    if (!same_result (g_ptr_array_index (self->results, i), g_ptr_array_index (other->results, i)))
      return FALSE;
  return TRUE;
}
