/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-cli.c — `benchtop --list [--json] FILE…`: load files with the core
 * and print them, as an aligned table or as normalized JSON Lines; `--summary`
 * says what each file held and what went wrong where.
 *
 * Files load through a BenchSession, as in the window, so what the command
 * line prints is what the window shows. Uses core only (no GTK), so it
 * works over ssh and in scripts.
 */
#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bench-cli.h"
#include "bench-cli-json.h"
#include "bench-cli-scenario.h"
#include "bench-chart-export.h"
#include "bench-compare.h"
#include "bench-efficiency.h"
#include "bench-field.h"
#include "bench-gguf.h"
#include "bench-result.h"
#include "bench-session.h"
#include "bench-source.h"
#include "bench-units.h"

static const char * const headless_options[] = {
  "--list", "--summary", "--json", "--version", "--compare", "--baseline", "--csv", "--export",
  "--scenario",
  "--model-info",
};

typedef struct
{
  char     *path;
  char     *view;
  char     *size;
  double    scale;
  char     *style;
  char     *title;
  char     *subtitle;
  char     *caption;
  gboolean  log_scale;
  gboolean  values;
} ExportOptions;

static void
export_options_clear (ExportOptions *options)
{
  g_clear_pointer (&options->path, g_free);
  g_clear_pointer (&options->view, g_free);
  g_clear_pointer (&options->size, g_free);
  g_clear_pointer (&options->style, g_free);
  g_clear_pointer (&options->title, g_free);
  g_clear_pointer (&options->subtitle, g_free);
  g_clear_pointer (&options->caption, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

gboolean
bench_cli_is_headless (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      /* the help of the command line, not GApplication's */
      if (strcmp (argv[i], "-h") == 0 || strcmp (argv[i], "--help") == 0 ||
          strcmp (argv[i], "-?") == 0)
        return TRUE;
      for (guint j = 0; j < G_N_ELEMENTS (headless_options); j++)
        if (g_str_has_prefix (argv[i], headless_options[j]))
          return TRUE;
    }
  return FALSE;
}

/* —— loading —— */

typedef struct
{
  GPtrArray *entries;      /* BenchSourceEntry, in the order read */
  gboolean   quiet;        /* --summary prints messages itself */
  int        status;
} Loaded;

static void
print_diagnostics (BenchSourceEntry *entry)
{
  g_auto (GStrv) messages = bench_source_entry_dup_messages (entry);

  for (guint i = 0; messages[i] != NULL; i++)
    /* Translators: prefix of a warning printed on the terminal */
    g_printerr ("%s %s\n", _("warning:"), messages[i]);
}

static void
on_source_added (BenchSession     *session,
                 BenchSourceEntry *entry,
                 gboolean          reload,
                 Loaded           *loaded)
{
  g_ptr_array_add (loaded->entries, g_object_ref (entry));
  if (!loaded->quiet)
    print_diagnostics (entry);
}

static void
on_source_failed (BenchSession     *session,
                  BenchSourceEntry *entry,
                  gboolean          reload,
                  Loaded           *loaded)
{
  g_ptr_array_add (loaded->entries, g_object_ref (entry));
  loaded->status = 1;
  if (!loaded->quiet)
    /* Translators: prefix of an error printed on the terminal */
    g_printerr ("%s %s\n", _("error:"), bench_source_entry_get_error (entry)->message);
}

/* Reads every argument through a session, in order; "-" is standard input. */
static gboolean
load_arguments (char   **args,
                Loaded  *loaded)
{
  g_autoptr (BenchSession) session = bench_session_new (NULL);

  bench_session_set_monitor_files (session, FALSE);
  g_signal_connect (session, "source-added", G_CALLBACK (on_source_added), loaded);
  g_signal_connect (session, "source-failed", G_CALLBACK (on_source_failed), loaded);
  for (guint i = 0; args[i] != NULL; i++)
    {
      if (strcmp (args[i], "-") == 0)
        {
          g_autoptr (GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
          g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
          g_autoptr (GBytes) bytes = NULL;
          g_autoptr (GError) error = NULL;

          if (g_output_stream_splice (mem, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL,
                                      &error) < 0)
            {
              g_printerr ("%s %s\n", _("error:"), error->message);
              loaded->status = 1;
              continue;
            }
          bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
          /* Translators: the name shown for results read from standard input */
          bench_session_load_bytes (session, bytes, _("standard input"));
        }
      else
        {
          g_autoptr (GFile) file = g_file_new_for_commandline_arg (args[i]);
          bench_session_load_files (session, &file, 1);
        }
    }
  bench_session_wait (session);
  return loaded->status == 0;
}

/* —— the summary —— */

static void
print_summary_text (BenchSourceEntry *entry)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_auto (GStrv) messages = bench_source_entry_dup_messages (entry);
  guint runs = bench_source_entry_get_n_runs (entry);
  guint results = bench_source_entry_get_n_results (entry);
  guint skipped = bench_source_entry_get_n_skipped (entry);

  g_string_append_printf (out, "%s: ", bench_source_entry_get_name (entry));
  if (bench_source_entry_get_status (entry) == BENCH_SOURCE_STATUS_FAILED)
    {
      /* Translators: --summary, a file that could not be read */
      g_string_append_printf (out, "%s\n", _("could not be read"));
      for (guint i = 0; messages[i] != NULL; i++)
        g_string_append_printf (out, "  %s %s\n", _("error:"), messages[i]);
    }
  else
    {
      g_string_append (out, bench_source_entry_get_format (entry));
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", runs), runs);
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", results),
                              results);
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u record skipped",
                                                "%u records skipped", skipped), skipped);
      g_string_append_c (out, '\n');
      for (guint i = 0; messages[i] != NULL; i++)
        g_string_append_printf (out, "  %s %s\n", _("warning:"), messages[i]);
    }
  fwrite (out->str, 1, out->len, stdout);
}

/* One compact object per line: source, format, runs, results, skipped,
 * warnings, and for a file that could not be read, error. */
static void
print_summary_json (BenchSourceEntry *entry)
{
  g_autoptr (GString) out = g_string_new ("{\"source\":");
  gboolean failed = bench_source_entry_get_status (entry) == BENCH_SOURCE_STATUS_FAILED;
  g_auto (GStrv) messages = bench_source_entry_dup_messages (entry);

  bench_cli_append_json_string (out, bench_source_entry_get_name (entry));
  g_string_append (out, ",\"format\":");
  if (failed)
    g_string_append (out, "null");
  else
    bench_cli_append_json_string (out, bench_source_entry_get_format (entry));
  g_string_append_printf (out, ",\"runs\":%u,\"results\":%u,\"skipped\":%u,\"warnings\":[",
                          bench_source_entry_get_n_runs (entry),
                          bench_source_entry_get_n_results (entry),
                          bench_source_entry_get_n_skipped (entry));
  /* a failed file's one message is its error */
  for (guint i = 0; !failed && messages[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      bench_cli_append_json_string (out, messages[i]);
    }
  g_string_append_c (out, ']');
  if (failed)
    {
      g_string_append (out, ",\"error\":");
      bench_cli_append_json_string (out, messages[0]);
    }
  g_string_append (out, "}\n");
  fwrite (out->str, 1, out->len, stdout);
}

/* —— JSON Lines —— */

void
bench_cli_append_json_string (GString    *out,
                              const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_double (GString *out,
                    double   value,
                    int      decimals)
{
  if (!isfinite (value))
    g_string_append (out, "null");
  else
    {
      char buf[64];
      g_ascii_formatd (buf, sizeof buf, decimals == 6 ? "%.6f" : "%.0f", value);
      g_string_append (out, buf);
    }
}

void
bench_cli_append_json_key (GString    *out,
                           const char *key)
{
  if (out->len > 1)
    g_string_append (out, ", ");
  bench_cli_append_json_string (out, key);
  g_string_append (out, ": ");
}

void
bench_cli_append_json_param (GString          *out,
                             const BenchParam *param)
{
  bench_cli_append_json_key (out, param->key);
  switch (param->type)
    {
    case BENCH_VALUE_INT:
    case BENCH_VALUE_DOUBLE:
      if (strcmp (param->text, "nan") == 0)
        g_string_append (out, "null");
      else
        g_string_append (out, param->text);
      break;
    case BENCH_VALUE_BOOL:
      g_string_append (out, strcmp (param->text, "1") == 0 ? "true" : "false");
      break;
    case BENCH_VALUE_NULL:
      g_string_append (out, "null");
      break;
    case BENCH_VALUE_STRING:
    case BENCH_VALUE_UNKNOWN:
    default:
      bench_cli_append_json_string (out, param->text);
      break;
    }
}

/* members --json adds after llama-bench's own */
static const char * const own_keys[] = { "source", "format", "test", "kind", "bytes_per_token",
                                         "bytes_per_token_estimated", "bandwidth_gbs", "peak_gbs",
                                         "peak_gbs_min", "bandwidth_share", NULL };

/* The decode roofline figures, each only where it is known (absent, never
 * 0, where not): bytes read per token, the bandwidth that makes, the
 * machine's peak and the share of it. */
static void
append_efficiency (GString     *out,
                   BenchResult *r)
{
  BenchEfficiency e;

  bench_efficiency_compute (r, NULL, &e);
  if (isfinite (e.bytes_per_token))
    {
      bench_cli_append_json_key (out, "bytes_per_token");
      append_json_double (out, round (e.bytes_per_token), 0);
      if (e.weights_estimated || e.kv_omitted)
        {
          bench_cli_append_json_key (out, "bytes_per_token_estimated");
          g_string_append (out, "true");
        }
    }
  if (isfinite (e.bandwidth_gbs))
    {
      bench_cli_append_json_key (out, "bandwidth_gbs");
      append_json_double (out, e.bandwidth_gbs, 6);
    }
  if (e.status != BENCH_SHARE_NOT_GENERATION && isfinite (e.peak.gbs))
    {
      bench_cli_append_json_key (out, "peak_gbs");
      append_json_double (out, e.peak.gbs, 6);
      if (e.peak.gbs_min < e.peak.gbs)
        {
          bench_cli_append_json_key (out, "peak_gbs_min");
          append_json_double (out, e.peak.gbs_min, 6);
        }
    }
  if (e.status == BENCH_SHARE_KNOWN)
    {
      bench_cli_append_json_key (out, "bandwidth_share");
      append_json_double (out, e.share, 6);
    }
}

/* the string and integer members llama-bench prints (not those Benchtop
 * derives), before the settings or, @test, the test's own after them */
static void
append_core_fields (GString     *out,
                    BenchResult *r,
                    gboolean     test)
{
  static const BenchFieldRole head_roles[] = {
    BENCH_FIELD_ROLE_BUILD, BENCH_FIELD_ROLE_HARDWARE, BENCH_FIELD_ROLE_MODEL,
  };
  g_autoptr (GPtrArray) fields = NULL;

  if (test)
    fields = bench_field_list_with_role (BENCH_FIELD_ROLE_TEST);
  else
    {
      fields = g_ptr_array_new ();
      for (guint k = 0; k < G_N_ELEMENTS (head_roles); k++)
        {
          g_autoptr (GPtrArray) with_role = bench_field_list_with_role (head_roles[k]);
          for (guint i = 0; i < with_role->len; i++)
            if (!g_ptr_array_find (fields, g_ptr_array_index (with_role, i), NULL))
              g_ptr_array_add (fields, g_ptr_array_index (with_role, i));
        }
    }
  for (guint i = 0; i < fields->len; i++)
    {
      const BenchField *field = g_ptr_array_index (fields, i);
      g_autofree char *text = NULL;

      if (bench_field_has_role (field, BENCH_FIELD_ROLE_DERIVED) ||
          (field->storage != BENCH_FIELD_STORED_STRING && field->storage != BENCH_FIELD_STORED_INT))
        continue;
      text = bench_result_dup_field_text (r, field->name);
      bench_cli_append_json_key (out, field->name);
      if (field->storage == BENCH_FIELD_STORED_INT)
        g_string_append (out, text);
      else
        bench_cli_append_json_string (out, text != NULL ? text : "");
    }
}

static void
print_json_line (BenchResult *r,
                 GString     *out)
{
  guint n_params, n_samples;
  const BenchParam *params = bench_result_get_params (r, &n_params);
  const gint64 *ns = bench_result_get_samples_ns (r, &n_samples);
  const double *ts = bench_result_get_samples_ts (r, NULL);

  g_string_truncate (out, 0);
  g_string_append_c (out, '{');

#define STR(name) bench_cli_append_json_key (out, #name); bench_cli_append_json_string (out, bench_result_get_##name (r))
#define INT(name) bench_cli_append_json_key (out, #name); \
  g_string_append_printf (out, "%" G_GINT64_FORMAT, bench_result_get_##name (r))

  /* llama-bench's order: the build, machine and model, the settings, the
   * test; the registry says which members a result has */
  append_core_fields (out, r, FALSE);
  for (guint i = 0; i < n_params; i++)
    {
      /* a fork's own "test" member would collide with ours (it is the label) */
      if (g_strv_contains (own_keys, params[i].key))
        continue;
      bench_cli_append_json_param (out, &params[i]);
    }
  append_core_fields (out, r, TRUE);
  STR (test_time);
  bench_cli_append_json_key (out, "avg_ns");
  append_json_double (out, bench_result_get_avg_ns (r), 0);
  bench_cli_append_json_key (out, "stddev_ns");
  append_json_double (out, bench_result_get_stddev_ns (r), 0);
  bench_cli_append_json_key (out, "avg_ts");
  append_json_double (out, bench_result_get_avg_ts (r), 6);
  bench_cli_append_json_key (out, "stddev_ts");
  append_json_double (out, bench_result_get_stddev_ts (r), 6);
  if (ns != NULL)
    {
      bench_cli_append_json_key (out, "samples_ns");
      g_string_append_c (out, '[');
      for (guint i = 0; i < n_samples; i++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? ", " : "", ns[i]);
      g_string_append_c (out, ']');
      bench_cli_append_json_key (out, "samples_ts");
      g_string_append_c (out, '[');
      for (guint i = 0; i < n_samples; i++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_string_append_printf (out, "%s%s", i ? ", " : "",
                                  g_ascii_formatd (buf, sizeof buf, "%.6g", ts[i]));
        }
      g_string_append_c (out, ']');
    }
  if (bench_result_has_stats_mismatch (r))
    {
      /* what the file said, where it disagrees with its own samples */
      bench_cli_append_json_key (out, "stated_avg_ts");
      append_json_double (out, bench_result_get_stated_avg_ts (r), 6);
      bench_cli_append_json_key (out, "stated_stddev_ts");
      append_json_double (out, bench_result_get_stated_stddev_ts (r), 6);
      bench_cli_append_json_key (out, "stated_stddev_ns");
      append_json_double (out, bench_result_get_stated_stddev_ns (r), 0);
    }
  STR (source);
  bench_cli_append_json_key (out, "format");
  bench_cli_append_json_string (out, bench_format_to_string (bench_result_get_format (r)));
  bench_cli_append_json_key (out, "test");
  bench_cli_append_json_string (out, bench_result_get_test_label (r));
  bench_cli_append_json_key (out, "kind");
  bench_cli_append_json_string (out, bench_test_kind_to_string (bench_result_get_test_kind (r)));
  append_efficiency (out, r);
#undef STR
#undef INT

  g_string_append (out, "}\n");
  fwrite (out->str, 1, out->len, stdout);
}

/* —— the aligned table —— */

typedef struct
{
  const char *title;
  const char *field;     /* NULL for computed columns */
  gboolean    right;
  guint       width;
} Column;

static char *
cell_text (BenchResult *r,
           const char  *title,
           const char  *field)
{
  if (field != NULL)
    {
      char *text = bench_result_dup_field_text (r, field);
      return text ? text : g_strdup ("");
    }
  if (strcmp (title, "size") == 0)
    return bench_format_size (bench_result_get_model_size (r));
  if (strcmp (title, "params") == 0)
    return bench_format_params (bench_result_get_model_n_params (r));
  if (strcmp (title, "t/s") == 0)
    return bench_format_rate (bench_result_get_avg_ts (r), bench_result_get_stddev_ts (r));
  return g_strdup ("");
}

static void
print_table (GPtrArray *results,
             gboolean   several_sources)
{
  g_autoptr (GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_autoptr (GPtrArray) varying = NULL;
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  Column c;
  guint n_columns;
  g_autoptr (GString) line = g_string_new (NULL);

#define ADD(t, f, r) (c = (Column) { t, f, r, 0 }, g_array_append_val (columns, c))
  if (several_sources)
    ADD ("source", "source", FALSE);
  ADD ("model", "model_type", FALSE);
  ADD ("size", NULL, TRUE);
  ADD ("params", NULL, TRUE);
  ADD ("backend", "backends", FALSE);
  varying = bench_results_find_varying ((BenchResult **) results->pdata, results->len);
  for (guint i = 0; i < varying->len; i++)
    {
      const char *field = g_ptr_array_index (varying, i);
      /* the model, the test and what Benchtop derives have their columns */
      if (g_strv_contains (own_keys, field) || strcmp (field, "backends") == 0 ||
          bench_field_name_has_role (field, BENCH_FIELD_ROLE_MODEL) ||
          bench_field_name_has_role (field, BENCH_FIELD_ROLE_TEST) ||
          bench_field_name_has_role (field, BENCH_FIELD_ROLE_DERIVED))
        continue;
      ADD (bench_field_get_column_name (field), field, FALSE);
    }
  ADD ("test", "test_label", TRUE);
  ADD ("t/s", NULL, TRUE);
#undef ADD
  n_columns = columns->len;

  for (guint i = 0; i < n_columns; i++)
    {
      Column *col = &g_array_index (columns, Column, i);
      col->width = g_utf8_strlen (col->title, -1);
    }
  for (guint r = 0; r < results->len; r++)
    for (guint i = 0; i < n_columns; i++)
      {
        Column *col = &g_array_index (columns, Column, i);
        char *text = cell_text (g_ptr_array_index (results, r), col->title, col->field);
        col->width = MAX (col->width, (guint) g_utf8_strlen (text, -1));
        g_ptr_array_add (cells, text);
      }

  for (int row = -2; row < (int) results->len; row++)
    {
      g_string_truncate (line, 0);
      g_string_append (line, "|");
      for (guint i = 0; i < n_columns; i++)
        {
          Column *col = &g_array_index (columns, Column, i);
          const char *text;
          guint pad;

          if (row == -1)
            {
              g_string_append_c (line, ' ');
              for (guint k = 0; k < col->width; k++)
                g_string_append_c (line, k + 1 == col->width && col->right ? ':' : '-');
              g_string_append (line, " |");
              continue;
            }
          text = row == -2 ? col->title : g_ptr_array_index (cells, row * n_columns + i);
          pad = col->width - g_utf8_strlen (text, -1);
          g_string_append_c (line, ' ');
          if (col->right)
            for (guint k = 0; k < pad; k++)
              g_string_append_c (line, ' ');
          g_string_append (line, text);
          if (!col->right)
            for (guint k = 0; k < pad; k++)
              g_string_append_c (line, ' ');
          g_string_append (line, " |");
        }
      g_string_append_c (line, '\n');
      fwrite (line->str, 1, line->len, stdout);
    }
}

/* A side is named by its build when the sides differ by build (the
 * common case: master against a branch), else by its file. */
static char *
side_name (BenchSource *source,
           gboolean     by_build)
{
  GPtrArray *results = bench_source_get_results (source);
  BenchResult *first = g_ptr_array_index (results, 0);
  g_autofree char *base = NULL;
  char *dot;

  if (by_build)
    return g_strdup (bench_result_get_build_commit (first));
  base = g_strdup (bench_source_get_name (source));
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static const char *
single_build (BenchSource *source)
{
  GPtrArray *results = bench_source_get_results (source);
  const char *build = bench_result_get_build_commit (g_ptr_array_index (results, 0));

  for (guint i = 1; i < results->len; i++)
    if (g_strcmp0 (build, bench_result_get_build_commit (g_ptr_array_index (results, i))) != 0)
      return NULL;
  return *build ? build : NULL;
}

static int export_spec (BenchChartSpec  *spec,
                        ExportOptions   *options,
                        int              width,
                        int              height,
                        BenchChartStyle  style);

static int
run_compare (GPtrArray       *sources,
             gboolean         csv,
             ExportOptions   *export,
             int              width,
             int              height,
             BenchChartStyle  style)
{
  g_autofree GPtrArray **sides = g_new0 (GPtrArray *, sources->len);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (BenchComparison) comparison = NULL;
  g_autofree char *text = NULL;
  gboolean by_build = TRUE;
  g_autoptr (GHashTable) builds = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sources->len; i++)
    {
      const char *build = single_build (g_ptr_array_index (sources, i));
      if (build == NULL || !g_hash_table_add (builds, (gpointer) build))
        by_build = FALSE;
    }
  for (guint i = 0; i < sources->len; i++)
    {
      sides[i] = bench_source_get_results (g_ptr_array_index (sources, i));
      g_ptr_array_add (names, side_name (g_ptr_array_index (sources, i), by_build));
    }
  comparison = bench_comparison_new (sides, (const char **) names->pdata, sources->len);
  text = csv ? bench_comparison_to_csv (comparison) : bench_comparison_to_markdown (comparison);
  fputs (text, stdout);
  fflush (stdout);
  if (export->path != NULL)
    {
      g_autoptr (BenchChartSpec) spec = bench_chart_spec_new_for_comparison (comparison);

      if (bench_chart_spec_get_n_panels (spec) == 0)
        {
          g_printerr ("benchtop: %s\n", _("no test is on both sides: there is no speedup to chart"));
          return 1;
        }
      return export_spec (spec, export, width, height, style);
    }
  return 0;
}

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  gint64 w, h;

  if (text == NULL)
    return FALSE;
  w = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || w < 16 || h < 16 || w > 20000 || h > 20000)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static int
run_export (GPtrArray       *results,
            ExportOptions   *options,
            int              width,
            int              height,
            BenchChartStyle  style)
{
  g_autoptr (BenchChartSpec) spec = NULL;
  BenchGroupKind view = BENCH_GROUP_MODEL;

  if (options->view != NULL)
    {
      if (g_str_equal (options->view, "runs"))
        view = BENCH_GROUP_RUN;
      else if (g_str_equal (options->view, "models"))
        view = BENCH_GROUP_MODEL;
      else if (g_str_equal (options->view, "hardware"))
        view = BENCH_GROUP_HARDWARE;
      else
        {
          g_printerr ("benchtop: %s\n", _("--view takes runs, models or hardware"));
          return 2;
        }
    }
  /* The files named are what the user chose, as a selection is in the
   * window: a sweep chart when they sweep a setting (three builds over
   * context depth). Several files that sweep nothing draw as the window
   * does with nothing selected: the best of each model, machine or run,
   * not every setting of every file as a series. */
  spec = options->view ? bench_chart_spec_new_for_view (results, view) : bench_chart_spec_new (results);
  if (!bench_chart_spec_has_sweep (spec) &&
      bench_results_count_distinct ((BenchResult **) results->pdata, results->len, "source") > 1)
    {
      g_clear_pointer (&spec, bench_chart_spec_unref);
      spec = bench_chart_spec_new_overview (results, view);
    }
  return export_spec (spec, options, width, height, style);
}

static int
export_spec (BenchChartSpec  *spec,
             ExportOptions   *options,
             int              width,
             int              height,
             BenchChartStyle  style)
{
  g_autoptr (GError) error = NULL;

  if (options->title != NULL)
    bench_chart_spec_set_title (spec, options->title);
  if (options->subtitle != NULL)
    bench_chart_spec_set_subtitle (spec, options->subtitle);
  if (options->caption != NULL)
    bench_chart_spec_set_caption (spec, options->caption);
  bench_chart_spec_set_log_scale (spec, options->log_scale);
  bench_chart_spec_set_value_labels (spec, options->values);

  if (!bench_chart_export_file (spec, options->path, width, height, options->scale, style, &error))
    {
      g_printerr ("%s %s\n", _("error:"), error->message);
      return 1;
    }
  return 0;
}

/* —— scenario —— */

static gboolean register_gguf_files (char **paths);
static gboolean load_files (char      **files,
                            GPtrArray  *results,
                            GPtrArray  *sources,
                            int        *status);

static int
run_scenario (const char      *text,
              gboolean         check,
              gboolean         json,
              char           **files,
              char           **gguf_files,
              ExportOptions   *export,
              int              width,
              int              height,
              BenchChartStyle  style)
{
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (BenchChartSpec) spec = NULL;
  BenchWorkload workload;
  BenchRequirements requirements;
  int status = 0;

  if (text != NULL && check)
    {
      g_printerr ("benchtop: %s\n", _("--scenario and --scenario-check cannot be used together"));
      return 2;
    }
  if (text != NULL && !bench_cli_scenario_parse (text, &workload, &requirements, &error))
    {
      g_printerr ("benchtop: %s\n", error->message);
      return 2;
    }
  if (export->path != NULL && (check || bench_chart_export_format_for_path (export->path) == NULL))
    {
      g_printerr ("benchtop: %s\n", check ? _("--export goes with --scenario, not --scenario-check")
                                           : _("--export: the file name must end in .png, .svg or .pdf"));
      return 2;
    }
  if (check && json)
    {
      g_printerr ("benchtop: %s\n", _("--json goes with --scenario, not --scenario-check"));
      return 2;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("benchtop: %s\n", _("no files given (use “-” for standard input)"));
      return 2;
    }
  if (!register_gguf_files (gguf_files))
    return 1;
  load_files (files, results, sources, &status);
  if (check)
    return bench_cli_scenario_check (results) || status;
  bench_cli_scenario_run (results, &workload, &requirements, json, export->path ? &spec : NULL);
  if (spec != NULL)
    {
      int export_status = export_spec (spec, export, width, height, style);
      status = export_status ? export_status : status;
    }
  return status;
}

/* The sources of the entries that loaded, and all their results */
static void
gather_sources (GPtrArray *entries,
                GPtrArray *results,
                GPtrArray *sources)
{
  for (guint i = 0; i < entries->len; i++)
    {
      BenchSource *source = bench_source_entry_get_source (g_ptr_array_index (entries, i));

      if (source == NULL)
        continue;
      g_ptr_array_extend (results, bench_source_get_results (source),
                          (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
      g_ptr_array_add (sources, g_object_ref (source));
    }
}

/* Loads every argument through a session (load_arguments) into @results
 * and @sources, warnings and errors on standard error. */
static gboolean
load_files (char      **files,
            GPtrArray  *results,
            GPtrArray  *sources,
            int        *status)
{
  g_autoptr (GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  Loaded loaded = { read, FALSE, 0 };

  load_arguments (files, &loaded);
  gather_sources (read, results, sources);
  if (loaded.status != 0)
    *status = loaded.status;
  return *status == 0;
}

/* —— model files: --gguf and --model-info —— */

/* Registers every --gguf=FILE for the commands that look model files up;
 * FALSE (with the message printed) when one is not a readable GGUF. */
static gboolean
register_gguf_files (char **paths)
{
  gboolean ok = TRUE;

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchGgufInfo) info = bench_gguf_info_read_file (paths[i], &error);

      if (info == NULL)
        {
          g_printerr ("%s %s\n", _("error:"), error->message);
          ok = FALSE;
          continue;
        }
      bench_gguf_register (paths[i], info);
    }
  return ok;
}

static void
append_json_int (GString    *out,
                 const char *key,
                 gint64      value)
{
  bench_cli_append_json_key (out, key);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

static void
append_json_heads (GString       *out,
                   const char    *key,
                   BenchGgufInfo *info,
                   gboolean       per_layer,
                   gint64       (*get) (BenchGgufInfo *, guint))
{
  gint64 layers = bench_gguf_info_get_block_count (info);

  if (!per_layer)
    {
      append_json_int (out, key, get (info, 0));
      return;
    }
  bench_cli_append_json_key (out, key);
  g_string_append_c (out, '[');
  for (gint64 i = 0; i < layers; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? ", " : "", get (info, (guint) i));
  g_string_append_c (out, ']');
}

static const char * const model_info_cache_types[] = { "f16", "q8_0", "q4_0" };

static void
append_json_kv_bytes (GString       *out,
                      const char    *key,
                      BenchGgufInfo *info,
                      gboolean       swa)
{
  bench_cli_append_json_key (out, key);
  if (!bench_gguf_info_is_kv_known (info))
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '{');
  for (guint i = 0; i < G_N_ELEMENTS (model_info_cache_types); i++)
    {
      const char *type = model_info_cache_types[i];
      guint64 bytes = swa ? bench_gguf_info_get_swa_kv_bytes_per_token (info, type, type)
                          : bench_gguf_info_get_kv_bytes_per_token (info, type, type);

      g_string_append_printf (out, "%s\"%s\": %" G_GUINT64_FORMAT, i ? ", " : "", type, bytes);
    }
  g_string_append_c (out, '}');
}

static void
print_model_info_json (const char    *path,
                       BenchGgufInfo *info)
{
  g_autoptr (GString) out = g_string_new ("{");

  bench_cli_append_json_key (out, "file");
  bench_cli_append_json_string (out, path);
  bench_cli_append_json_key (out, "architecture");
  bench_cli_append_json_string (out, bench_gguf_info_get_architecture (info));
  append_json_int (out, "block_count", bench_gguf_info_get_block_count (info));
  append_json_int (out, "context_length", bench_gguf_info_get_context_length (info));
  append_json_int (out, "embedding_length", bench_gguf_info_get_embedding_length (info));
  append_json_heads (out, "head_count", info, bench_gguf_info_is_head_count_per_layer (info),
                     bench_gguf_info_get_layer_head_count);
  append_json_heads (out, "head_count_kv", info, bench_gguf_info_is_head_count_kv_per_layer (info),
                     bench_gguf_info_get_layer_head_count_kv);
  append_json_int (out, "key_length", bench_gguf_info_get_key_length (info));
  append_json_int (out, "value_length", bench_gguf_info_get_value_length (info));
  append_json_int (out, "expert_count", bench_gguf_info_get_expert_count (info));
  append_json_int (out, "expert_used_count", bench_gguf_info_get_expert_used_count (info));
  append_json_int (out, "sliding_window", bench_gguf_info_get_sliding_window (info));
  append_json_int (out, "file_type", bench_gguf_info_get_file_type (info));
  append_json_kv_bytes (out, "kv_bytes_per_token", info, FALSE);
  if (bench_gguf_info_get_sliding_layer_count (info) > 0)
    {
      append_json_kv_bytes (out, "swa_kv_bytes_per_token", info, TRUE);
      append_json_int (out, "sliding_layers", bench_gguf_info_get_sliding_layer_count (info));
      if (bench_gguf_info_is_sliding_pattern_assumed (info))
        {
          bench_cli_append_json_key (out, "sliding_pattern_assumed");
          g_string_append (out, "true");
        }
    }
  if (bench_gguf_info_is_kv_approximate (info))
    {
      bench_cli_append_json_key (out, "kv_approximate");
      g_string_append (out, "true");
    }
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
}

/* "131072 bytes (128.0 KiB)" */
static char *
format_kv_bytes (guint64 bytes)
{
  g_autofree char *size = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, bytes);

  if (bytes < 1024)
    /* Translators: KV cache bytes per token, e.g. "512 bytes" */
    return g_strdup_printf (_("%s bytes"), number);
  /* Translators: KV cache bytes per token, e.g. "131072 bytes (128.0 KiB)" */
  return g_strdup_printf (_("%s bytes (%s)"), number, size);
}

static char *
format_heads (BenchGgufInfo *info,
              gboolean       per_layer,
              gint64       (*get) (BenchGgufInfo *, guint))
{
  GString *out = g_string_new (NULL);
  gint64 layers = bench_gguf_info_get_block_count (info);

  if (!per_layer)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, get (info, 0));
  else
    for (gint64 i = 0; i < layers; i++)
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? " " : "", get (info, (guint) i));
  return g_string_free (out, FALSE);
}

static void
print_fact (const char *label,
            const char *value)
{
  /* the labels are translated: pad by characters, not bytes */
  glong width = g_utf8_strlen (label, -1);

  g_print ("  %s%*s %s\n", label, (int) MAX (0, 24 - width), "", value);
}

static void
print_kv_line (const char    *label,
               BenchGgufInfo *info,
               gboolean       swa)
{
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (model_info_cache_types); i++)
    {
      const char *type = model_info_cache_types[i];
      guint64 bytes = swa ? bench_gguf_info_get_swa_kv_bytes_per_token (info, type, type)
                          : bench_gguf_info_get_kv_bytes_per_token (info, type, type);
      g_autofree char *text = format_kv_bytes (bytes);

      g_string_append_printf (line, "%s%s %s", i ? ", " : "", type, text);
    }
  print_fact (label, line->str);
}

static void
print_model_info_text (const char    *path,
                       BenchGgufInfo *info)
{
  g_autofree char *heads = format_heads (info, bench_gguf_info_is_head_count_per_layer (info),
                                         bench_gguf_info_get_layer_head_count);
  g_autofree char *kv_heads = format_heads (info, bench_gguf_info_is_head_count_kv_per_layer (info),
                                            bench_gguf_info_get_layer_head_count_kv);
  const char *arch = bench_gguf_info_get_architecture (info);
  const char *file_type = bench_gguf_file_type_to_string (bench_gguf_info_get_file_type (info));
  g_autofree char *text = NULL;

  g_print ("%s\n", path);
  print_fact (_("architecture"), *arch ? arch : "—");
  if (bench_gguf_info_get_model_name (info) != NULL)
    print_fact (_("name"), bench_gguf_info_get_model_name (info));
  text = g_strdup_printf ("%" G_GINT64_FORMAT, bench_gguf_info_get_block_count (info));
  print_fact (_("layers"), text);
  g_free (text);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, bench_gguf_info_get_context_length (info));
  print_fact (_("trained context"), text);
  g_free (text);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, bench_gguf_info_get_embedding_length (info));
  print_fact (_("embedding length"), text);
  print_fact (_("attention heads"), heads);
  print_fact (_("KV heads"), kv_heads);
  g_free (text);
  text = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                          bench_gguf_info_get_key_length (info),
                          bench_gguf_info_get_value_length (info));
  print_fact (_("key / value length"), text);
  g_free (text);
  if (bench_gguf_info_get_expert_count (info) > 0)
    {
      g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                bench_gguf_info_get_expert_count (info));
      g_autofree char *used = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               bench_gguf_info_get_expert_used_count (info));
      /* Translators: "128 experts, 8 used per token" */
      text = g_strdup_printf (_("%s, %s used per token"), total, used);
    }
  else
    text = g_strdup (_("none (dense)"));
  print_fact (_("experts"), text);
  g_free (text);
  if (bench_gguf_info_get_expert_count (info) > 0 && !isnan (bench_gguf_info_get_expert_share (info)))
    {
      g_autofree char *percent = g_strdup_printf ("%.1f %%", 100 * bench_gguf_info_get_expert_share (info));

      text = bench_gguf_info_is_expert_share_estimated (info)
        /* Translators: "96.9 % (estimated from the header)" */
        ? g_strdup_printf (_("%s (estimated from the header)"), percent)
        : g_strdup (percent);
      print_fact (_("weights in experts"), text);
      g_free (text);
    }
  if (bench_gguf_info_get_sliding_window (info) > 0)
    {
      g_autofree char *window = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 bench_gguf_info_get_sliding_window (info));
      g_autofree char *layers = g_strdup_printf ("%u", bench_gguf_info_get_sliding_layer_count (info));
      g_autofree char *all = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              bench_gguf_info_get_block_count (info));
      /* Translators: "1024 tokens on 29 of 34 layers" */
      text = g_strdup_printf (_("%s tokens on %s of %s layers"), window, layers, all);
      if (bench_gguf_info_is_sliding_pattern_assumed (info))
        {
          char *longer = g_strdup_printf ("%s %s", text,
                                          _("(which layers: the architecture’s known pattern, "
                                            "assumed)"));
          g_free (text);
          text = longer;
        }
    }
  else
    text = g_strdup (_("none"));
  print_fact (_("sliding window"), text);
  g_free (text);
  if (file_type != NULL)
    text = g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", file_type, bench_gguf_info_get_file_type (info));
  else if (bench_gguf_info_get_file_type (info) >= 0)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, bench_gguf_info_get_file_type (info));
  else
    text = g_strdup ("—");
  print_fact (_("file type"), text);

  if (!bench_gguf_info_is_kv_known (info))
    print_fact (_("KV cache per token"), _("unknown (the header lacks layers, heads or lengths)"));
  else if (!bench_gguf_info_has_kv_cache (info))
    print_fact (_("KV cache per token"), _("none"));
  else
    {
      print_kv_line (_("KV cache per token"), info, FALSE);
      if (bench_gguf_info_get_sliding_layer_count (info) > 0)
        print_kv_line (_("sliding-window KV"), info, TRUE);
    }
  if (bench_gguf_info_is_kv_approximate (info))
    print_fact ("", _("approximate: this architecture’s cache differs from the simple formula "
                      "(compressed, recurrent or hybrid layers)"));
}

/* --model-info FILE…: what the headers say; 1 when a file is not a
 * readable GGUF (the others are still printed) */
static int
run_model_info (char     **paths,
                gboolean   json)
{
  int status = 0;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BenchGgufInfo) info = bench_gguf_info_read_file (paths[i], &error);

      if (info == NULL)
        {
          g_printerr ("%s %s\n", _("error:"), error->message);
          status = 1;
          continue;
        }
      if (json)
        print_model_info_json (paths[i], info);
      else
        {
          if (i > 0)
            g_print ("\n");
          print_model_info_text (paths[i], info);
        }
    }
  fflush (stdout);
  return status;
}

/* The --export options: each read and checked, and none given without
 * --export. 0, or 2 with the message printed. */
static int
check_export_options (ExportOptions   *export,
                      gboolean         list,
                      gboolean         compare,
                      int             *width,
                      int             *height,
                      BenchChartStyle *style)
{
  if (export->path != NULL)
    {
      if (list)
        {
          g_printerr ("benchtop: %s\n", _("--export cannot be used with --list"));
          return 2;
        }
      if (compare && export->view != NULL)
        {
          g_printerr ("benchtop: %s\n", _("--view does not go with --compare: "
                                            "the comparison chart shows speedups"));
          return 2;
        }
      if (bench_chart_export_format_for_path (export->path) == NULL)
        {
          g_printerr ("benchtop: %s\n", _("--export: the file name must end in .png, .svg or .pdf"));
          return 2;
        }
      if (export->size != NULL && !parse_size (export->size, width, height))
        {
          g_printerr ("benchtop: %s\n", _("--size takes WIDTHxHEIGHT, e.g. 1920x1080"));
          return 2;
        }
      if (export->style != NULL && !bench_chart_style_from_string (export->style, style))
        {
          g_printerr ("benchtop: %s\n", _("--style takes light, dark, transparent or transparent-dark"));
          return 2;
        }
      if (export->scale < 0.25 || export->scale > 8)
        {
          g_printerr ("benchtop: %s\n", _("--scale takes a number from 0.25 to 8"));
          return 2;
        }
    }
  else if (export->view || export->size || export->style || export->title || export->subtitle ||
           export->caption || export->log_scale || export->values || export->scale != 1.0)
    {
      g_printerr ("benchtop: %s\n", _("--view, --size, --scale, --style, --title, --subtitle, "
                                        "--caption, --log-scale and --values go with --export"));
      return 2;
    }
  return 0;
}

int
bench_cli_run (int    argc,
               char **argv)
{
  gboolean list = FALSE, summary = FALSE, json = FALSE, version = FALSE, compare = FALSE;
  gboolean csv = FALSE;
  gboolean model_info = FALSE;
  g_auto (GStrv) gguf_files = NULL;
  Loaded loaded = { NULL, FALSE, 0 };
  g_autofree char *baseline = NULL;
  g_autofree char *scenario = NULL;
  gboolean scenario_check = FALSE;
  g_auto (ExportOptions) export = { .scale = 1.0 };
  int width = 1920, height = 1080;
  BenchChartStyle style = BENCH_CHART_STYLE_LIGHT;
  g_auto (GStrv) files = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  int status = 0;
  const GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list,
      N_("Print the results of the files as a table"), NULL },
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary,
      N_("Say what each file holds (format, runs, results, records skipped) and every "
         "warning with FILE:LINE:COLUMN, without the results"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("With --list: print one JSON object per result per line; with --summary: one per file"),
      NULL },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare,
      N_("Compare the candidate files against --baseline and print a markdown table"), NULL },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline,
      N_("With --compare: the results the others are compared against"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("With --compare: print CSV instead"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export.path,
      N_("Draw the chart of the files (with --compare: of the speedups) into OUT "
         "(.png, .svg or .pdf)"), N_("OUT") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &export.view,
      N_("With --export: chart by runs, models or hardware"), N_("VIEW") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &export.size,
      N_("With --export: the picture's size (default 1920x1080)"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &export.scale,
      N_("With --export: pixels per unit for PNG (default 1)"), N_("N") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &export.style,
      N_("With --export: light, dark, transparent (dark text, for light slides) or transparent-dark (light text, for dark slides)"), N_("STYLE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &export.title, N_("With --export: the title"), N_("TEXT") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &export.subtitle,
      N_("With --export: the subtitle"), N_("TEXT") },
    { "caption", 0, 0, G_OPTION_ARG_STRING, &export.caption,
      N_("With --export: a line under the chart saying what it shows"), N_("TEXT") },
    { "log-scale", 0, 0, G_OPTION_ARG_NONE, &export.log_scale,
      N_("With --export: a logarithmic tokens/s axis"), NULL },
    { "values", 0, 0, G_OPTION_ARG_NONE, &export.values,
      N_("With --export: write the value over each bar"), NULL },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario,
      N_("Predict a workload for every model, machine and settings in the files and rank "
         "them (markdown; with --json one object per line; with --export the chart). "
         "WORKLOAD is prompt=N,answer=N and optionally depth=N, context=N, min-tg=T/S, "
         "max-ttft=S, memory=GB, gpu-memory=GB, comma-separated"),
      /* Translators: the argument of --scenario in --help */
      N_("WORKLOAD") },
    { "scenario-check", 0, 0, G_OPTION_ARG_NONE, &scenario_check,
      N_("Predict every measured test from the others and print the errors per sweep"), NULL },
    { "model-info", 0, 0, G_OPTION_ARG_NONE, &model_info,
      N_("Print what the GGUF model files say: layers, heads, experts, sliding window and "
         "the KV cache per token"), NULL },
    { "gguf", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gguf_files,
      N_("A GGUF model file of the results (repeatable): its header gives the KV cache size"),
      N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Open llama-bench results (json, jsonl, csv, md, sql) in the "
                                  "Benchtop window, or, with the options below, list, compare "
                                  "or chart them without a display. “-” reads standard input."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  benchtop --list results.json\n"
                                      "  benchtop --summary --json results/\n"
                                      "  benchtop --compare --baseline=old.json new.json\n"
                                      "  benchtop --compare --baseline=old.json new.json --export=speedup.svg\n"
                                      "  benchtop --export=chart.png --view=models --size=1920x1080 results.jsonl\n"
                                      "  benchtop --model-info --json model.gguf\n"
                                      "  benchtop --scenario=prompt=20000,answer=1000,context=65536,min-tg=15,memory=96 results/\n"
                                      "\n"
                                      "Exit status: 0 when every file was read (warnings "
                                      "included), 1 when a file could not be read or a chart "
                                      "not written, 2 on a usage error.\n"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("benchtop: %s\n", error->message);
      return 2;
    }

  if (version)
    {
      g_print ("benchtop %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (summary && (list || compare || export.path != NULL || model_info))
    {
      g_printerr ("benchtop: %s\n", _("--summary cannot be used with --list, --compare or --export"));
      return 2;
    }
  if (scenario != NULL || scenario_check)
    {
      status = check_export_options (&export, list, compare, &width, &height, &style);
      return status != 0 ? status : run_scenario (scenario, scenario_check, json, files, gguf_files,
                                                   &export, width, height, style);
    }
  if (model_info && (list || compare || export.path != NULL))
    {
      g_printerr ("benchtop: %s\n", _("--model-info cannot be used with --list, --compare "
                                        "or --export"));
      return 2;
    }
  if (json && !list && !summary && !model_info)
    {
      g_printerr ("benchtop: %s\n", _("--json goes with --list, --summary or --model-info"));
      return 2;
    }
  if (!register_gguf_files (gguf_files))
    return 1;
  if (model_info)
    {
      if (files == NULL || files[0] == NULL)
        {
          g_printerr ("benchtop: %s\n", _("--model-info needs at least one GGUF file"));
          return 2;
        }
      return run_model_info (files, json);
    }
  status = check_export_options (&export, list, compare, &width, &height, &style);
  if (status != 0)
    return status;
  if (compare && baseline == NULL)
    {
      g_printerr ("benchtop: %s\n", _("--compare needs --baseline=FILE"));
      return 2;
    }
  if ((baseline != NULL || csv) && !compare)
    {
      g_printerr ("benchtop: %s\n", _("--baseline and --csv go with --compare"));
      return 2;
    }
  if (compare && list)
    {
      g_printerr ("benchtop: %s\n", _("--compare and --list cannot be used together"));
      return 2;
    }
  if (compare)
    {
      /* the baseline goes first, as side 0 */
      guint n = files ? g_strv_length (files) : 0;
      char **all = g_new0 (char *, n + 2);
      all[0] = g_strdup (baseline);
      for (guint i = 0; i < n; i++)
        all[i + 1] = g_strdup (files[i]);
      g_strfreev (files);
      files = all;
      if (n == 0)
        {
          g_printerr ("benchtop: %s\n", _("--compare needs at least one candidate file"));
          return 2;
        }
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("benchtop: %s\n", _("no files given (use “-” for standard input)"));
      return 2;
    }

  loaded.entries = read;
  loaded.quiet = summary;
  load_arguments (files, &loaded);
  status = loaded.status;
  if (summary)
    {
      for (guint i = 0; i < read->len; i++)
        {
          if (json)
            print_summary_json (g_ptr_array_index (read, i));
          else
            print_summary_text (g_ptr_array_index (read, i));
        }
      fflush (stdout);
      return status;
    }
  gather_sources (read, results, sources);

  if (compare)
    {
      if (status != 0)
        return status;
      status = run_compare (sources, csv, &export, width, height, style);
    }
  else if (export.path != NULL)
    {
      if (results->len == 0)
        status = status ? status : 1;
      else
        {
          int export_status = run_export (results, &export, width, height, style);
          status = export_status ? export_status : status;
        }
    }
  if (compare || export.path != NULL)
    return status;
  if (json)
    {
      g_autoptr (GString) out = g_string_sized_new (2048);
      for (guint i = 0; i < results->len; i++)
        print_json_line (g_ptr_array_index (results, i), out);
    }
  else if (results->len > 0)
    print_table (results, sources->len > 1);

  fflush (stdout);
  return status;
}
