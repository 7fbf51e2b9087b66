/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-reader-csv.c — llama-bench's `-o csv`.
 *
 * llama-bench prints a header line of field names, then one line per test
 * with every value in double quotes (`"` doubled inside). The reader follows
 * the usual CSV rules and is lenient where people's files differ: unquoted
 * values, blanks around fields, CRLF, values running over several lines.
 *
 * Log lines before the header (stdout and stderr mixed) are skipped with a
 * warning. A second header later in the text starts a new segment: two CSV
 * outputs concatenated are two runs. A row with the wrong number of fields,
 * a quoted field still open at the end (an interrupted run) or a row the
 * record builder rejects is skipped with a warning naming its line.
 *
 * It does not guess separators other than the comma: llama-bench never
 * prints any other.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bench-field.h"
#include "bench-reader.h"

/* Records between checks for cancellation and progress reports. */
#define CHECK_EVERY 4096
/* Rows reported one by one; the rest are counted in one last warning. */
#define MAX_ROW_WARNINGS 100
/* llama-bench prints about 50 fields; more than this are counted, not kept. */
#define MAX_COLUMNS 4096
/* A row is about 1 KiB; the values of a longer record are not kept. */
#define MAX_RECORD_BYTES (4 * 1024 * 1024)

/* One record (a header or a row) as parsed from the text. */
typedef struct
{
  const char *start;          /* where the record starts in the text */
  const char *next;           /* where the next record starts */
  guint       line;           /* 1-based line of the start */
  guint       breaks;         /* line breaks inside quoted values */
  gboolean    ended_by_break; /* a line break (not the end of text) ended it */
  const char *open_quote;     /* a quoted field still open at the end, or NULL */
  const char *last_end;       /* end of the last field, before the line break */
  guint       n_fields;       /* fields seen; only MAX_COLUMNS + 1 are kept */
  gboolean    too_long;       /* values over MAX_RECORD_BYTES were not kept */
  GString    *values;         /* every value, each followed by a NUL */
  GArray     *offsets;        /* gsize: where each value starts in values */
  GPtrArray  *starts;         /* const char *: where each field starts in the text */
} Record;

typedef struct
{
  BenchReadContext *ctx;
  const char       *end;

  Record            record;
  GPtrArray        *header;         /* char *, owned; NULL until found */
  guint             header_line;
  guint             segment;
  guint             row_warnings;
  guint             unreported_rows;
} Reader;

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

static guint
record_n_fields (const Record *record)
{
  return record->n_fields;
}

static const char *
record_value (const Record *record,
              guint         i,
              gsize        *len)
{
  gsize start = g_array_index (record->offsets, gsize, i);
  gsize stop = i + 1 < record->offsets->len
                 ? g_array_index (record->offsets, gsize, i + 1)
                 : record->values->len;

  if (len != NULL)
    *len = stop - start - 1;  /* without the NUL after it */
  return record->values->str + start;
}

/* Line and column (in characters) of @at, a place inside @record. */
static void
record_position (const Record *record,
                 const char   *at,
                 guint        *line,
                 guint        *column)
{
  const char *line_start = record->start;
  guint l = record->line;

  for (const char *p = record->start; p < at; p++)
    if (*p == '\n')
      {
        l++;
        line_start = p + 1;
      }
  *line = l;
  /* invalid UTF-8 counts bytes */
  if (g_utf8_validate_len (line_start, at - line_start, NULL))
    *column = g_utf8_strlen (line_start, at - line_start) + 1;
  else
    *column = (guint) (at - line_start) + 1;
}

static void
append_value (Record     *record,
              const char *from,
              gsize       len)
{
  if (record->too_long || record->n_fields > MAX_COLUMNS + 1)
    return;
  if (record->values->len + len > MAX_RECORD_BYTES)
    {
      record->too_long = TRUE;
      return;
    }
  g_string_append_len (record->values, from, len);
}

static void
append_counting_breaks (Record     *record,
                        const char *from,
                        const char *to)
{
  for (const char *p = memchr (from, '\n', to - from); p != NULL;
       p = memchr (p + 1, '\n', to - p - 1))
    record->breaks++;
  append_value (record, from, to - from);
}

/* Parses one record starting at @p. With @one_line, a line break ends the
 * record even inside quotes (used while looking for the header, where log
 * lines may hold a stray quote). */
static void
parse_record (Record     *record,
              const char *p,
              const char *end,
              guint       line,
              gboolean    one_line)
{
  g_string_truncate (record->values, 0);
  g_array_set_size (record->offsets, 0);
  g_ptr_array_set_size (record->starts, 0);
  record->start = p;
  record->line = line;
  record->breaks = 0;
  record->ended_by_break = FALSE;
  record->open_quote = NULL;
  record->n_fields = 0;
  record->too_long = FALSE;

  for (;;)
    {
      gsize offset = record->values->len;
      const char *q = p;
      const char *value_end;

      if (++record->n_fields <= MAX_COLUMNS + 1)
        {
          g_array_append_val (record->offsets, offset);
          g_ptr_array_add (record->starts, (gpointer) p);
        }

      while (q < end && (*q == ' ' || *q == '\t'))
        q++;

      if (q < end && *q == '"')
        {
          /* quoted: up to the closing quote, "" standing for one quote */
          q++;
          for (;;)
            {
              const char *quote = memchr (q, '"', end - q);
              const char *stop = quote != NULL ? quote : end;

              if (one_line)
                {
                  const char *nl = memchr (q, '\n', stop - q);
                  if (nl != NULL)
                    {
                      record->open_quote = p;
                      append_value (record, q, nl - q);
                      q = nl;
                      break;
                    }
                }
              append_counting_breaks (record, q, stop);
              if (quote == NULL)
                {
                  record->open_quote = p;
                  q = end;
                  break;
                }
              if (quote + 1 < end && quote[1] == '"')
                {
                  append_value (record, "\"", 1);
                  q = quote + 2;
                  continue;
                }
              q = quote + 1;
              break;
            }
          /* anything between the closing quote and the comma is kept, as
           * other CSV readers do */
          p = q;
          while (q < end && *q != ',' && *q != '\n')
            q++;
          value_end = q;
          while (value_end > p && is_blank (value_end[-1]))
            value_end--;
          append_value (record, p, value_end - p);
        }
      else
        {
          const char *value_start = q;

          while (q < end && *q != ',' && *q != '\n')
            q++;
          value_end = q;
          while (value_end > value_start && is_blank (value_end[-1]))
            value_end--;
          append_value (record, value_start, value_end - value_start);
        }
      append_value (record, "", 1);

      p = q;
      record->last_end = value_end;
      if (p < end && *p == ',' && record->open_quote == NULL)
        {
          p++;
          continue;
        }
      if (p < end && *p == '\n')
        {
          p++;
          record->ended_by_break = TRUE;
        }
      break;
    }
  record->next = p;
}

static gboolean
record_is_blank (const Record *record)
{
  gsize len;

  if (record_n_fields (record) != 1 || record->open_quote != NULL || record->too_long)
    return FALSE;
  record_value (record, 0, &len);
  /* an empty quoted value "" is a value, not a blank line */
  return len == 0 && memchr (record->start, '"', record->next - record->start) == NULL;
}

static gboolean
record_is_header (const Record *record)
{
  guint matches = 0;

  if (record->open_quote != NULL || record->too_long ||
      record_n_fields (record) < 2 || record_n_fields (record) > MAX_COLUMNS)
    return FALSE;
  for (guint i = 0; i < record_n_fields (record); i++)
    {
      const BenchField *field = bench_field_lookup (record_value (record, i, NULL));

      /* a header holds at least two of llama-bench's own result fields
       * (build_commit, model_type, n_prompt, avg_ts…): a data row never has
       * these as values */
      if (field != NULL && field->storage != BENCH_FIELD_STORED_PARAM &&
          !bench_field_has_role (field, BENCH_FIELD_ROLE_DERIVED))
        matches++;
    }
  return matches >= 2;
}

static void
take_header (Reader *r)
{
  g_clear_pointer (&r->header, g_ptr_array_unref);
  r->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < record_n_fields (&r->record); i++)
    g_ptr_array_add (r->header, g_strdup (record_value (&r->record, i, NULL)));
  r->header_line = r->record.line;
}

static void
warn_row (Reader     *r,
          const char *at,
          const char *message)
{
  guint line, column;

  r->ctx->skipped++;
  if (r->row_warnings >= MAX_ROW_WARNINGS)
    {
      r->unreported_rows++;
      return;
    }
  r->row_warnings++;
  record_position (&r->record, at, &line, &column);
  bench_read_context_warn (r->ctx, line, column, "%s", message);
}

/* Whether every value is UTF-8 text; warns and returns FALSE if not. */
static gboolean
check_text (Reader *r)
{
  for (guint i = 0; i < record_n_fields (&r->record); i++)
    {
      gsize len;
      const char *value = record_value (&r->record, i, &len);

      if (!g_utf8_validate_len (value, len, NULL))
        {
          g_autofree char *message =
            g_strdup_printf (memchr (value, '\0', len) != NULL
                               /* Translators: %s is a field name such as cpu_info */
                               ? _("a NUL byte in field “%s”, row skipped")
                               : _("field “%s” is not UTF-8 text, row skipped"),
                             (const char *) g_ptr_array_index (r->header, i));
          warn_row (r, g_ptr_array_index (r->record.starts, i), message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
read_row (Reader *r)
{
  Record *record = &r->record;
  guint n_fields = record_n_fields (record);
  guint n_columns = r->header->len;
  g_autoptr (GError) local_error = NULL;
  BenchResult *result;

  if (record->open_quote != NULL)
    {
      warn_row (r, record->open_quote,
                _("record truncated: a quoted field is still open at the end of the text, "
                  "record skipped"));
      return;
    }
  if (n_fields != n_columns)
    {
      g_autofree char *message = NULL;
      const char *at;

      /* a quoted value over several lines is most likely the cause: name
       * the line the row starts on */
      if (record->breaks > 0)
        at = record->start;
      else if (n_fields > n_columns)
        at = g_ptr_array_index (record->starts, n_columns);
      else
        at = record->last_end;
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "row has %u field but the header has %u, row skipped",
                                              "row has %u fields but the header has %u, row skipped",
                                              n_fields),
                                 n_fields, n_columns);
      warn_row (r, at, message);
      return;
    }
  if (record->too_long)
    {
      warn_row (r, record->start,
                _("row longer than 4 MiB: too long for a llama-bench record, row skipped"));
      return;
    }
  if (!check_text (r))
    return;

  for (guint i = 0; i < n_columns; i++)
    {
      const char *name = g_ptr_array_index (r->header, i);

      /* a trailing comma in the header names no field */
      if (*name == '\0')
        continue;
      bench_record_builder_add (r->ctx->builder, name, record_value (record, i, NULL),
                                BENCH_VALUE_UNKNOWN);
    }
  result = bench_record_builder_finish (r->ctx->builder, r->ctx->name, BENCH_FORMAT_CSV,
                                        record->line, r->segment, &local_error);
  if (result == NULL)
    {
      warn_row (r, record->start, local_error->message);
      return;
    }
  g_ptr_array_add (r->ctx->results, result);
}

/* Where to go on after a bad record that ran over several lines: its second
 * line. A stray or cut quote pairs with a quote on a later line and swallows
 * good rows; they are read again from here. */
static gboolean
resync_after_bad_record (Reader      *r,
                         const char **p,
                         guint       *line)
{
  const Record *record = &r->record;
  const char *nl;

  if (record->breaks == 0)
    return FALSE;
  nl = memchr (record->start, '\n', record->next - record->start);
  if (nl == NULL)
    return FALSE;
  *p = nl + 1;
  *line = record->line + 1;
  return TRUE;
}

static void
report_skipped_lines (Reader *r,
                      guint   first_line,
                      guint   n_lines)
{
  if (n_lines == 0)
    return;
  bench_read_context_warn (r->ctx, first_line, 1,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "skipped %u line before the CSV header (not CSV, "
                                        "perhaps log output)",
                                        "skipped %u lines before the CSV header (not CSV, "
                                        "perhaps log output)",
                                        n_lines),
                           n_lines);
}

gboolean
bench_read_csv (BenchReadContext  *ctx,
                const char        *data,
                gsize              len,
                GError           **error)
{
  Reader r = {
    .ctx = ctx,
    .end = data + len,
  };
  const char *p = data;
  guint line = 1;
  guint n_records = 0;
  guint skipped_lines = 0;
  guint first_skipped_line = 0;
  gboolean cancelled = FALSE;

  ctx->format = BENCH_FORMAT_CSV;
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;
  r.record.values = g_string_sized_new (1024);
  r.record.offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 64);
  r.record.starts = g_ptr_array_sized_new (64);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < r.end)
    {
      Record *record = &r.record;

      if (++n_records % CHECK_EVERY == 0)
        {
          if ((cancelled = g_cancellable_set_error_if_cancelled (ctx->cancellable, error)))
            break;
          bench_read_context_progress (ctx, p - data, len);
        }

      /* Before the header, lines are read one by one: log lines are not
       * CSV and may hold unbalanced quotes. */
      parse_record (record, p, r.end, line, r.header == NULL);

      if (record_is_blank (record))
        ;
      else if (record_is_header (record))
        {
          if (r.header != NULL)
            r.segment++;
          take_header (&r);
          report_skipped_lines (&r, first_skipped_line, skipped_lines);
          skipped_lines = 0;
        }
      else if (r.header == NULL)
        {
          if (skipped_lines++ == 0)
            first_skipped_line = line;
        }
      else
        {
          guint skipped_before = ctx->skipped;

          read_row (&r);
          if (ctx->skipped != skipped_before && resync_after_bad_record (&r, &p, &line))
            continue;
        }

      line += record->breaks + (record->ended_by_break ? 1 : 0);
      p = record->next;
    }

  if (!cancelled)
    {
      if (r.header == NULL)
        g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                     "%u:%u: %s", 1, 1,
                     _("no CSV header naming llama-bench fields (n_prompt, n_gen, avg_ts, …)"));
      else
        {
          report_skipped_lines (&r, first_skipped_line, skipped_lines);
          if (r.unreported_rows > 0)
            bench_read_context_warn (ctx, 0, 0,
                                     g_dngettext (GETTEXT_PACKAGE,
                                                  "%u more row skipped",
                                                  "%u more rows skipped",
                                                  r.unreported_rows),
                                     r.unreported_rows);
          bench_read_context_progress (ctx, len, len);
        }
    }

  g_clear_pointer (&r.header, g_ptr_array_unref);
  g_string_free (r.record.values, TRUE);
  g_array_unref (r.record.offsets);
  g_ptr_array_unref (r.record.starts);
  return !cancelled && r.header_line > 0;
}
