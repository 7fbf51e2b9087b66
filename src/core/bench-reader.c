/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-reader.c — what the format readers share: errors, diagnostics,
 * positions, and detecting the format from content.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bench-reader.h"

G_DEFINE_QUARK (bench-reader-error-quark, bench_reader_error)

void
bench_diagnostic_free (BenchDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;
  g_free (diagnostic->message);
  g_free (diagnostic);
}

char *
bench_diagnostic_format (const BenchDiagnostic *diagnostic,
                         const char            *source)
{
  if (diagnostic->line > 0 && diagnostic->column > 0)
    return g_strdup_printf ("%s:%u:%u: %s", source, diagnostic->line, diagnostic->column,
                            diagnostic->message);
  if (diagnostic->line > 0)
    return g_strdup_printf ("%s:%u: %s", source, diagnostic->line, diagnostic->message);
  return g_strdup_printf ("%s: %s", source, diagnostic->message);
}

void
bench_read_context_warn (BenchReadContext *ctx,
                         guint             line,
                         guint             column,
                         const char       *format,
                         ...)
{
  BenchDiagnostic *diagnostic;
  va_list args;

  /* A hostile file could produce millions of warnings: keep the first ones
   * and count the rest. */
  if (ctx->diagnostics->len >= 1000)
    return;

  diagnostic = g_new0 (BenchDiagnostic, 1);
  diagnostic->level = BENCH_DIAGNOSTIC_WARNING;
  diagnostic->line = line;
  diagnostic->column = column;
  va_start (args, format);
  diagnostic->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ctx->diagnostics, diagnostic);
}

void
bench_read_context_progress (BenchReadContext *ctx,
                             gsize             done,
                             gsize             total)
{
  if (ctx->progress != NULL && total > 0)
    ctx->progress ((double) done / (double) total, ctx->progress_data);
}

void
bench_text_position (const char *data,
                     gsize       offset,
                     guint      *line,
                     guint      *column)
{
  guint l = 1;
  gsize line_start = 0;
  const char *p = data;
  const char *end = data + offset;
  guint col = 1;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      if (nl == NULL)
        break;
      l++;
      p = nl + 1;
      line_start = p - data;
    }
  /* columns count characters, not bytes */
  for (const char *c = data + line_start; c < end; c++)
    if (((guchar) *c & 0xC0) != 0x80)
      col++;
  if (line)
    *line = l;
  if (column)
    *column = col;
}

static gboolean
has_prefix_len (const char *data,
                gsize       len,
                const char *prefix)
{
  gsize n = strlen (prefix);
  return len >= n && memcmp (data, prefix, n) == 0;
}

static gboolean
starts_with_ci (const char *p,
                const char *end,
                const char *word)
{
  gsize n = strlen (word);
  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, word, n) == 0;
}

/* Looks at the first lines that are not log noise. JSON wins over markdown
 * when both could match, because a JSON record never contains a table row. */
BenchFormat
bench_detect_format (const char *data,
                     gsize       len)
{
  const char *p = data;
  const char *end = data + len;
  guint lines_seen = 0;
  gboolean saw_pipe_row = FALSE;

  if (has_prefix_len (data, len, "SQLite format 3"))
    return BENCH_FORMAT_SQLITE;
  /* a UTF-8 byte order mark */
  if (has_prefix_len (data, len, "\xEF\xBB\xBF"))
    p += 3;

  while (p < end && lines_seen < 2000)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *line_end = eol ? eol : end;
      const char *q = p;

      while (q < line_end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
      lines_seen++;

      if (q < line_end)
        {
          char c = *q;
          if (c == '{')
            return BENCH_FORMAT_JSONL;
          if (c == '[')
            {
              const char *r = q + 1;
              while (r < end && g_ascii_isspace (*r))
                r++;
              if (r >= end || *r == '{' || *r == ']')
                return BENCH_FORMAT_JSON;
            }
          if (starts_with_ci (q, line_end, "CREATE TABLE") ||
              starts_with_ci (q, line_end, "INSERT INTO") ||
              starts_with_ci (q, line_end, "BEGIN TRANSACTION") ||
              starts_with_ci (q, line_end, "PRAGMA "))
            return BENCH_FORMAT_SQL;
          if (memchr (q, '|', line_end - q) != NULL)
            saw_pipe_row = TRUE;
          else if (!saw_pipe_row && memchr (q, ',', line_end - q) != NULL)
            {
              /* a CSV header names llama-bench's fields */
              g_autofree char *line = g_strndup (q, line_end - q);
              if (strstr (line, "n_prompt") != NULL || strstr (line, "avg_ts") != NULL ||
                  strstr (line, "model_type") != NULL)
                return BENCH_FORMAT_CSV;
            }
        }
      if (eol == NULL)
        break;
      p = eol + 1;
    }

  if (saw_pipe_row)
    return BENCH_FORMAT_MARKDOWN;
  return BENCH_FORMAT_UNKNOWN;
}
