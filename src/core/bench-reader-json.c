/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-reader-json.c — llama-bench's json and jsonl output.
 *
 * A whole-document parse of a 130 MB file builds a tree of ~1 GB, so this
 * reader never parses the document at once. A fast scanner walks the text
 * once and cuts it into records: the elements of top-level arrays (json) or
 * top-level objects (jsonl, harness wrappers). Log lines between them
 * (backend initialisation, shell prompts) are skipped with a warning.
 * The records are then parsed one at a time by json-glib, on as many threads
 * as the machine has, each keeping only the compact BenchResult.
 *
 * Damage is local: a record that does not parse is a warning with its line
 * and column; an interrupted run (no closing ']', half an object) loads
 * every complete record.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#include "bench-reader.h"

/* Records are flat; harness wrappers add a level or two. Anything deeper is
 * not llama-bench output and is not given to the parser. */
#define MAX_DEPTH 32
/* How many skipped log lines are reported one by one. */
#define MAX_LOG_WARNINGS 5

static void release_pages (const char *data,
                           gsize       upto);

/* BENCHTOP_PARSER_THREADS=N forces N parser threads (at most 64, at most
 * one per record), whatever the file's size and the processor count: the
 * tests load one file on 1, 2 and 8 threads and must read the same thing. */
static guint
forced_parser_threads (guint n_workers,
                       guint n_records)
{
  const char *forced = g_getenv ("BENCHTOP_PARSER_THREADS");
  guint64 n;

  if (forced == NULL || !g_ascii_string_to_unsigned (forced, 10, 1, 64, &n, NULL))
    return n_workers;
  return (guint) CLAMP (n, 1, MAX (n_records, 1));
}

typedef struct
{
  gsize  offset;
  gsize  len;
  guint  line;
  guint  column;
  guint  segment;
  guint  too_deep : 1;
} Span;

typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line;
  gsize       line_start;
  /* the column last asked for, so that the next one on the same line is
   * counted from there: a minified file is one line */
  gsize       column_offset;
  guint       column;

  GArray     *spans;
  guint       segment;
  gboolean    saw_array;
  gboolean    line_mode;      /* jsonl: a record never spans lines */
  gboolean    line_mode_known;
  guint       log_lines;
  BenchReadContext *ctx;
} Scanner;

static guint
scanner_column (Scanner *s,
                gsize    offset)
{
  gsize i = s->column_offset;
  guint column = s->column;

  if (column == 0 || i < s->line_start || i > offset)
    {
      i = s->line_start;
      column = 1;
    }
  for (; i < offset && i < s->len; i++)
    if (((guchar) s->data[i] & 0xC0) != 0x80)
      column++;
  s->column_offset = i;
  s->column = column;
  return column;
}

static void
scanner_newline (Scanner *s,
                 gsize    at)
{
  s->line++;
  s->line_start = at + 1;
}

static void
skip_space (Scanner *s)
{
  while (s->pos < s->len)
    {
      char c = s->data[s->pos];
      if (c == '\n')
        scanner_newline (s, s->pos);
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
      s->pos++;
    }
}

/* A line that is not JSON: warn about the first few, count the rest. */
static void
skip_log_line (Scanner *s)
{
  const char *nl = memchr (s->data + s->pos, '\n', s->len - s->pos);
  gsize end = nl ? (gsize) (nl - s->data) : s->len;

  s->log_lines++;
  if (s->log_lines <= MAX_LOG_WARNINGS)
    {
      gsize shown = MIN (end - s->pos, 60);
      g_autofree char *text = g_utf8_make_valid (s->data + s->pos, shown);
      g_strchomp (text);
      bench_read_context_warn (s->ctx, s->line, scanner_column (s, s->pos),
                               _("skipped a line that is not JSON: “%s”"), text);
    }
  s->pos = end;
}

/* Walks one JSON value that starts at s->pos ('{' or '['), string-aware.
 * Returns FALSE when the text ends (or, in line mode, the line ends) first. */
static gboolean
scan_value (Scanner *s,
            Span    *span)
{
  const char *d = s->data;
  gsize i = s->pos;
  guint depth = 0;
  guint max_depth = 0;

  while (i < s->len)
    {
      char c = d[i];

      switch (c)
        {
        case '"':
          /* to the closing quote, past escapes */
          for (i++; i < s->len; i++)
            {
              char q = d[i];
              if (q == '\\')
                i++;
              else if (q == '"')
                break;
              else if (q == '\n')
                {
                  if (s->line_mode)
                    goto out_of_line;
                  scanner_newline (s, i);
                }
            }
          break;
        case '{':
        case '[':
          depth++;
          if (depth > max_depth)
            max_depth = depth;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            {
              span->len = i + 1 - span->offset;
              span->too_deep = max_depth > MAX_DEPTH;
              s->pos = i + 1;
              return TRUE;
            }
          break;
        case '\n':
          if (s->line_mode)
            goto out_of_line;
          scanner_newline (s, i);
          break;
        default:
          break;
        }
      i++;
    }

  s->pos = s->len;
  return FALSE;

out_of_line:
  s->pos = i;
  return FALSE;
}

static void
warn_truncated (Scanner    *s,
                const Span *span)
{
  gsize rest = s->pos - span->offset;

  s->ctx->skipped++;
  bench_read_context_warn (s->ctx, span->line, span->column,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "incomplete record (the run was interrupted?): "
                                        "%lu byte skipped",
                                        "incomplete record (the run was interrupted?): "
                                        "%lu bytes skipped", rest),
                           (unsigned long) rest);
}

/* Cuts a top-level object (a jsonl record or a wrapper) or an array element. */
static void
scan_record (Scanner *s)
{
  Span span = {
    .offset = s->pos,
    .line = s->line,
    .column = scanner_column (s, s->pos),
    .segment = s->segment,
  };

  if (scan_value (s, &span))
    {
      g_array_append_val (s->spans, span);
      return;
    }
  warn_truncated (s, &span);
}

/* An array at the top level: llama-bench's json, one per run. Log lines can
 * sit between elements when stdout and stderr were mixed. */
static void
scan_array (Scanner *s)
{
  guint open_line = s->line;
  guint open_column = scanner_column (s, s->pos);

  s->saw_array = TRUE;
  s->pos++;   /* '[' */

  while (TRUE)
    {
      skip_space (s);
      if (s->pos >= s->len)
        {
          bench_read_context_warn (s->ctx, open_line, open_column,
                                   _("the list of results has no closing “]” "
                                     "(the run was interrupted?)"));
          return;
        }
      switch (s->data[s->pos])
        {
        case ',':
          s->pos++;
          break;
        case ']':
          s->pos++;
          s->segment++;
          return;
        case '{':
        case '[':
          scan_record (s);
          break;
        default:
          skip_log_line (s);
          break;
        }
      if (g_cancellable_is_cancelled (s->ctx->cancellable))
        return;
    }
}

static gboolean
array_opens_records (Scanner *s)
{
  gsize i = s->pos + 1;

  while (i < s->len && g_ascii_isspace (s->data[i]))
    i++;
  return i >= s->len || s->data[i] == '{' || s->data[i] == ']';
}

/* Decides from the first top-level object whether records are one per line. */
static void
decide_line_mode (Scanner *s)
{
  const char *nl;
  Scanner probe;
  Span span = { .offset = s->pos };

  if (s->line_mode_known)
    return;
  s->line_mode_known = TRUE;
  nl = memchr (s->data + s->pos, '\n', s->len - s->pos);
  probe = *s;
  probe.line_mode = TRUE;
  probe.len = nl ? (gsize) (nl - s->data) : s->len;
  s->line_mode = scan_value (&probe, &span);
}

static void
scan_document (Scanner *s)
{
  gsize last_progress = 0;

  if (s->len >= 3 && memcmp (s->data, "\xEF\xBB\xBF", 3) == 0)
    s->pos = 3;

  while (TRUE)
    {
      skip_space (s);
      if (s->pos >= s->len)
        break;

      if (s->data[s->pos] == '[' && array_opens_records (s))
        scan_array (s);
      else if (s->data[s->pos] == '{')
        {
          decide_line_mode (s);
          scan_record (s);
        }
      else
        skip_log_line (s);

      if (s->pos - last_progress > (8 << 20))
        {
          last_progress = s->pos;
          /* scanning is the first tenth of the work */
          bench_read_context_progress (s->ctx, s->pos / 10, s->len);
          if (s->ctx->release_input)
            release_pages (s->data, s->pos);
          if (g_cancellable_is_cancelled (s->ctx->cancellable))
            return;
        }
    }

  if (s->log_lines > MAX_LOG_WARNINGS)
    bench_read_context_warn (s->ctx, 0, 0,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "skipped %u more line that is not JSON",
                                          "skipped %u more lines that are not JSON",
                                          s->log_lines - MAX_LOG_WARNINGS),
                             s->log_lines - MAX_LOG_WARNINGS);
}

/* —— parsing records —— */

/* the fast path's reading state, one per worker */
typedef struct
{
  const char *p;
  const char *end;
  GString    *key;
  GString    *text;
  GArray     *samples;
} Fast;


typedef struct
{
  BenchReadContext *ctx;         /* shared: read only from workers */
  const char       *data;
  const Span       *spans;
  guint             first;
  guint             last;        /* exclusive */
  BenchFormat       format;
  volatile gint    *done;        /* records parsed, all workers */
  gboolean          report;      /* this worker reports progress */
  guint             total_spans;

  /* the worker's own */
  Fast                fast;
  BenchStrPool       *pool;
  BenchRecordBuilder *builder;
  GPtrArray          *results;
  GPtrArray          *diagnostics;
  guint               skipped;
  guint               null_records;
  gboolean            cancelled;
} Worker;

static void
worker_warn (Worker     *w,
             guint       line,
             guint       column,
             const char *message)
{
  BenchDiagnostic *diagnostic;

  if (w->diagnostics->len >= 1000)
    return;
  diagnostic = g_new0 (BenchDiagnostic, 1);
  diagnostic->level = BENCH_DIAGNOSTIC_WARNING;
  diagnostic->line = line;
  diagnostic->column = column;
  diagnostic->message = g_strdup (message);
  g_ptr_array_add (w->diagnostics, diagnostic);
}

static gboolean
is_record (JsonObject *object)
{
  return json_object_has_member (object, "n_prompt") || json_object_has_member (object, "n_gen");
}

static void
add_samples (BenchRecordBuilder *builder,
             const char         *name,
             JsonArray          *array)
{
  guint n = json_array_get_length (array);
  g_autofree gint64 *ns = NULL;

  if (strcmp (name, "samples_ns") != 0)
    return;   /* samples_ts are recomputed from samples_ns, more precisely */
  ns = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (node))
        return;
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        ns[i] = json_node_get_int (node);
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
        ns[i] = (gint64) CLAMP (json_node_get_double (node), -9e18, 9e18);
      else
        return;
    }
  bench_record_builder_set_samples_ns (builder, ns, n);
}

static void
add_member (BenchRecordBuilder *builder,
            const char         *name,
            JsonNode           *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);
        if (type == G_TYPE_INT64)
          bench_record_builder_add_int (builder, name, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          bench_record_builder_add_double (builder, name, json_node_get_double (node));
        else if (type == G_TYPE_BOOLEAN)
          bench_record_builder_add_bool (builder, name, json_node_get_boolean (node));
        else
          bench_record_builder_add (builder, name, json_node_get_string (node), BENCH_VALUE_STRING);
      }
      break;
    case JSON_NODE_NULL:
      bench_record_builder_add (builder, name, NULL, BENCH_VALUE_NULL);
      break;
    case JSON_NODE_ARRAY:
      if (g_str_has_prefix (name, "samples_"))
        {
          add_samples (builder, name, json_node_get_array (node));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case JSON_NODE_OBJECT:
    default:
      {
        /* nested values of forks and wrappers: kept as their JSON text */
        g_autofree char *text = json_to_string (node, FALSE);
        bench_record_builder_add (builder, name, text, BENCH_VALUE_STRING);
      }
      break;
    }
}

static void
build_record (Worker     *w,
              JsonObject *object,
              const Span *span)
{
  g_autoptr (GError) error = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  BenchResult *result;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    add_member (w->builder, name, node);

  result = bench_record_builder_finish (w->builder, w->ctx->name, w->format, span->line,
                                        span->segment, &error);
  if (result == NULL)
    {
      w->skipped++;
      worker_warn (w, span->line, span->column, error->message);
      return;
    }
  g_ptr_array_add (w->results, result);
}

/* Harness wrappers keep llama-bench's records one or two levels down
 * ({"rows": […]}, {"bench_raw": {…}}); a null there is a failed run. */
static gboolean
find_records (Worker     *w,
              JsonNode   *node,
              const Span *span,
              guint       level)
{
  gboolean found = FALSE;

  if (level > 3)
    return FALSE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (is_record (object))
        {
          build_record (w, object, span);
          return TRUE;
        }
      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          if (JSON_NODE_HOLDS_NULL (member) &&
              (strstr (name, "bench") != NULL || strcmp (name, "rows") == 0 ||
               strcmp (name, "results") == 0))
            {
              w->null_records++;
              found = TRUE;
            }
          else if (JSON_NODE_HOLDS_OBJECT (member) || JSON_NODE_HOLDS_ARRAY (member))
            found |= find_records (w, member, span, level + 1);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_OBJECT (element) || JSON_NODE_HOLDS_ARRAY (element))
            found |= find_records (w, element, span, level + 1);
        }
    }
  return found;
}

/* json-glib says "<data>:LINE:COLUMN: message"; make the position absolute. */
static void
warn_parse_error (Worker       *w,
                  const Span   *span,
                  const GError *error)
{
  const char *msg = error->message;
  guint line = span->line, column = span->column;
  const char *p = strstr (msg, ">:");
  g_autofree char *text = NULL;

  if (p != NULL)
    {
      char *end;
      guint64 l = g_ascii_strtoull (p + 2, &end, 10);
      if (*end == ':')
        {
          guint64 c = g_ascii_strtoull (end + 1, &end, 10);
          if (*end == ':')
            {
              line = span->line + (guint) l - 1;
              column = l <= 1 ? span->column + (guint) c - 1 : (guint) c;
              msg = end + 1;
              while (*msg == ' ')
                msg++;
            }
        }
    }
  w->skipped++;
  text = g_strdup_printf (_("invalid JSON, record skipped: %s"), msg);
  worker_warn (w, line, column, text);
}

static gboolean
validate_span (Worker     *w,
               const Span *span)
{
  const char *start = w->data + span->offset;
  const char *bad = NULL;

  if (span->too_deep)
    {
      w->skipped++;
      worker_warn (w, span->line, span->column,
                   _("nested too deeply to be llama-bench output, record skipped"));
      return FALSE;
    }
  if (!g_utf8_validate_len (start, span->len, &bad))
    {
      guint line, column;
      g_autofree char *text = NULL;

      bench_text_position (start, bad - start, &line, &column);
      w->skipped++;
      text = g_strdup_printf (*bad == '\0' ? _("a NUL byte inside a record, record skipped")
                                           : _("invalid UTF-8 inside a record, record skipped"));
      worker_warn (w, span->line + line - 1, line == 1 ? span->column + column - 1 : column, text);
      return FALSE;
    }
  return TRUE;
}

static void
release_pages (const char *data,
               gsize       upto)
{
#if defined(G_OS_UNIX) && defined(MADV_DONTNEED)
  /* Parsed text is not needed again: let a mapped file's pages go, so the
   * peak memory is the results, not the file. Harmless on heap memory that
   * is not ours to drop: only called on read-only mappings. */
  gsize page = 4096;
  guintptr start = ((guintptr) data + page - 1) & ~(guintptr) (page - 1);
  guintptr end = ((guintptr) data + upto) & ~(guintptr) (page - 1);

  if (end > start)
    madvise ((void *) start, end - start, MADV_DONTNEED);
#endif
}

/* —— the fast path ——
 *
 * llama-bench's own records are flat: an object of strings, numbers,
 * booleans and arrays of numbers. Those are read here straight into the
 * builder, without building a tree; json-glib's tree costs ten times more,
 * which on two cores is most of the time a 100,000-result file takes.
 * Anything else (nesting, wrappers, forks' extras, the slightest syntax
 * error) is declined, and the record goes to json-glib, which also gives
 * the exact position of an error. The grammar accepted is RFC 8259's.
 */

static inline void
fast_space (Fast *f)
{
  while (f->p < f->end && (*f->p == ' ' || *f->p == '\n' || *f->p == '\r' || *f->p == '\t'))
    f->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
fast_hex4 (Fast     *f,
           gunichar *out)
{
  gunichar u = 0;

  if (f->end - f->p < 4)
    return FALSE;
  for (int k = 0; k < 4; k++)
    {
      int h = hex_value (f->p[k]);
      if (h < 0)
        return FALSE;
      u = (u << 4) | h;
    }
  f->p += 4;
  *out = u;
  return TRUE;
}

/* A string after its opening quote, unescaped into @out. */
static gboolean
fast_string (Fast    *f,
             GString *out)
{
  g_string_truncate (out, 0);
  while (f->p < f->end)
    {
      const char *run = f->p;

      while (f->p < f->end && *f->p != '"' && *f->p != '\\' && (guchar) *f->p >= 0x20)
        f->p++;
      g_string_append_len (out, run, f->p - run);
      if (f->p >= f->end || (guchar) *f->p < 0x20)
        return FALSE;
      if (*f->p == '"')
        {
          f->p++;
          return TRUE;
        }
      /* an escape */
      if (++f->p >= f->end)
        return FALSE;
      switch (*f->p++)
        {
        case '"':  g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/':  g_string_append_c (out, '/'); break;
        case 'b':  g_string_append_c (out, '\b'); break;
        case 'f':  g_string_append_c (out, '\f'); break;
        case 'n':  g_string_append_c (out, '\n'); break;
        case 'r':  g_string_append_c (out, '\r'); break;
        case 't':  g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar u, low;
            if (!fast_hex4 (f, &u))
              return FALSE;
            if (u >= 0xD800 && u < 0xDC00)
              {
                if (f->end - f->p < 6 || f->p[0] != '\\' || f->p[1] != 'u')
                  return FALSE;
                f->p += 2;
                if (!fast_hex4 (f, &low) || low < 0xDC00 || low > 0xDFFF)
                  return FALSE;
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              return FALSE;
            if (u == 0)
              return FALSE;   /* a NUL would cut the C string */
            g_string_append_unichar (out, u);
          }
          break;
        default:
          return FALSE;
        }
    }
  return FALSE;
}

typedef enum { NUM_INT, NUM_DOUBLE } NumKind;

static gboolean
fast_number (Fast    *f,
             NumKind *kind,
             gint64  *i,
             double  *d)
{
  const char *start = f->p;
  gboolean integer = TRUE;
  char buf[64];
  gsize len;

  if (f->p < f->end && *f->p == '-')
    f->p++;
  if (f->p >= f->end || !g_ascii_isdigit (*f->p))
    return FALSE;
  if (*f->p == '0')
    f->p++;
  else
    while (f->p < f->end && g_ascii_isdigit (*f->p))
      f->p++;
  if (f->p < f->end && *f->p == '.')
    {
      integer = FALSE;
      f->p++;
      if (f->p >= f->end || !g_ascii_isdigit (*f->p))
        return FALSE;
      while (f->p < f->end && g_ascii_isdigit (*f->p))
        f->p++;
    }
  if (f->p < f->end && (*f->p == 'e' || *f->p == 'E'))
    {
      integer = FALSE;
      f->p++;
      if (f->p < f->end && (*f->p == '+' || *f->p == '-'))
        f->p++;
      if (f->p >= f->end || !g_ascii_isdigit (*f->p))
        return FALSE;
      while (f->p < f->end && g_ascii_isdigit (*f->p))
        f->p++;
    }
  len = f->p - start;
  if (len >= sizeof buf)
    return FALSE;   /* absurdly long: let json-glib judge it */
  memcpy (buf, start, len);
  buf[len] = '\0';

  if (integer && len <= 18)
    {
      /* fits in 64 bits for sure: no strtoll needed */
      gint64 v = 0;
      for (const char *c = buf + (buf[0] == '-'); *c; c++)
        v = v * 10 + (*c - '0');
      *i = buf[0] == '-' ? -v : v;
      *kind = NUM_INT;
      return TRUE;
    }
  *d = g_ascii_strtod (buf, NULL);
  *kind = NUM_DOUBLE;
  return TRUE;
}

static gboolean
fast_literal (Fast       *f,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (f->end - f->p) < n || memcmp (f->p, word, n) != 0)
    return FALSE;
  f->p += n;
  return TRUE;
}

/* An array of numbers; anything else declines. */
static gboolean
fast_samples (Fast               *f,
              BenchRecordBuilder *builder,
              const char         *key)
{
  g_array_set_size (f->samples, 0);
  fast_space (f);
  if (f->p < f->end && *f->p == ']')
    {
      f->p++;
      goto done;
    }
  while (TRUE)
    {
      NumKind kind;
      gint64 i = 0;
      double d = 0;

      fast_space (f);
      if (!fast_number (f, &kind, &i, &d))
        return FALSE;
      if (kind == NUM_DOUBLE)
        i = isfinite (d) ? (gint64) CLAMP (d, -9e18, 9e18) : 0;
      g_array_append_val (f->samples, i);
      fast_space (f);
      if (f->p >= f->end)
        return FALSE;
      if (*f->p == ']')
        {
          f->p++;
          break;
        }
      if (*f->p++ != ',')
        return FALSE;
    }
done:
  if (strcmp (key, "samples_ns") == 0)
    bench_record_builder_set_samples_ns (builder, (const gint64 *) f->samples->data,
                                         f->samples->len);
  return TRUE;
}

static gboolean
fast_member_value (Fast               *f,
                   BenchRecordBuilder *builder,
                   const char         *key)
{
  NumKind kind;
  gint64 i;
  double d;

  if (f->p >= f->end)
    return FALSE;
  switch (*f->p)
    {
    case '"':
      f->p++;
      if (!fast_string (f, f->text))
        return FALSE;
      bench_record_builder_add (builder, key, f->text->str, BENCH_VALUE_STRING);
      return TRUE;
    case 't':
      if (!fast_literal (f, "true"))
        return FALSE;
      bench_record_builder_add_bool (builder, key, TRUE);
      return TRUE;
    case 'f':
      if (!fast_literal (f, "false"))
        return FALSE;
      bench_record_builder_add_bool (builder, key, FALSE);
      return TRUE;
    case 'n':
      if (!fast_literal (f, "null"))
        return FALSE;
      bench_record_builder_add (builder, key, NULL, BENCH_VALUE_NULL);
      return TRUE;
    case '[':
      f->p++;
      return g_str_has_prefix (key, "samples_") && fast_samples (f, builder, key);
    default:
      if (!fast_number (f, &kind, &i, &d))
        return FALSE;
      if (kind == NUM_INT)
        bench_record_builder_add_int (builder, key, i);
      else
        bench_record_builder_add_double (builder, key, d);
      return TRUE;
    }
}

/* Reads a flat record into the builder; FALSE declines (builder reset). */
static gboolean
fast_record (Fast               *f,
             BenchRecordBuilder *builder,
             const char         *text,
             gsize               len)
{
  gboolean has_test = FALSE;

  f->p = text;
  f->end = text + len;

  fast_space (f);
  if (f->p >= f->end || *f->p++ != '{')
    goto decline;
  fast_space (f);
  if (f->p < f->end && *f->p == '}')
    goto decline;   /* {} is not a record */

  while (TRUE)
    {
      fast_space (f);
      if (f->p >= f->end || *f->p++ != '"' || !fast_string (f, f->key))
        goto decline;
      fast_space (f);
      if (f->p >= f->end || *f->p++ != ':')
        goto decline;
      fast_space (f);
      if (!fast_member_value (f, builder, f->key->str))
        goto decline;
      if (strcmp (f->key->str, "n_prompt") == 0 || strcmp (f->key->str, "n_gen") == 0)
        has_test = TRUE;
      fast_space (f);
      if (f->p >= f->end)
        goto decline;
      if (*f->p == '}')
        {
          f->p++;
          break;
        }
      if (*f->p++ != ',')
        goto decline;
    }
  fast_space (f);
  if (f->p != f->end || !has_test)
    goto decline;
  return TRUE;

decline:
  bench_record_builder_reset (builder);
  return FALSE;
}

static gpointer
worker_run (gpointer user_data)
{
  Worker *w = user_data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  gboolean use_fast = g_getenv ("BENCHTOP_JSON_GLIB_ONLY") == NULL;

  w->fast.key = g_string_sized_new (64);
  w->fast.text = g_string_sized_new (256);
  w->fast.samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  gsize released = w->first < w->last ? w->spans[w->first].offset : 0;

  for (guint i = w->first; i < w->last; i++)
    {
      const Span *span = &w->spans[i];
      g_autoptr (GError) error = NULL;

      if ((i & 255) == 0)
        {
          if (g_cancellable_is_cancelled (w->ctx->cancellable))
            {
              w->cancelled = TRUE;
              break;
            }
          if (w->report)
            {
              /* scanning was the first tenth, parsing is the rest */
              double parsed = (double) g_atomic_int_get (w->done) / MAX (1, w->total_spans);
              bench_read_context_progress (w->ctx, (gsize) ((0.1 + 0.9 * parsed) * 1000), 1000);
            }
          if (w->ctx->release_input && span->offset - released > (4 << 20))
            {
              release_pages (w->data + released, span->offset - released);
              released = span->offset;
            }
        }
      g_atomic_int_inc (w->done);

      if (!validate_span (w, span))
        continue;
      if (use_fast && fast_record (&w->fast, w->builder, w->data + span->offset, span->len))
        {
          g_autoptr (GError) build_error = NULL;
          BenchResult *result = bench_record_builder_finish (w->builder, w->ctx->name, w->format,
                                                             span->line, span->segment,
                                                             &build_error);
          if (result != NULL)
            {
              g_ptr_array_add (w->results, result);
              continue;
            }
          /* json-glib below says what is wrong with it */
        }
      if (!json_parser_load_from_data (parser, w->data + span->offset, span->len, &error))
        {
          warn_parse_error (w, span, error);
          continue;
        }
      if (!find_records (w, json_parser_get_root (parser), span, 0))
        {
          w->skipped++;
          worker_warn (w, span->line, span->column,
                       _("not a llama-bench record (no n_prompt or n_gen), skipped"));
        }
    }
  g_string_free (w->fast.key, TRUE);
  g_string_free (w->fast.text, TRUE);
  g_array_unref (w->fast.samples);
  return NULL;
}

/* File order; summaries without a line last. */
static int
compare_diagnostics (gconstpointer a,
                     gconstpointer b)
{
  const BenchDiagnostic *da = *(BenchDiagnostic * const *) a;
  const BenchDiagnostic *db = *(BenchDiagnostic * const *) b;
  guint la = da->line ? da->line : G_MAXUINT;
  guint lb = db->line ? db->line : G_MAXUINT;

  if (la != lb)
    return la < lb ? -1 : 1;
  return da->column < db->column ? -1 : da->column > db->column;
}

gboolean
bench_read_json (BenchReadContext *ctx,
                 const char       *data,
                 gsize             len,
                 GError          **error)
{
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  Scanner scanner = {
    .data = data,
    .len = len,
    .line = 1,
    .spans = spans,
    .ctx = ctx,
  };
  volatile gint done = 0;
  guint n_workers;
  Worker *workers;
  GThread **threads;
  guint null_records = 0;
  gboolean cancelled = FALSE;

  scan_document (&scanner);
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;
  ctx->format = scanner.saw_array ? BENCH_FORMAT_JSON : BENCH_FORMAT_JSONL;

  /* One worker per processor, each with a contiguous share of the records so
   * results keep file order when joined. Small files stay on this thread. */
  n_workers = spans->len >= 2000 ? CLAMP (g_get_num_processors (), 1, 8) : 1;
  n_workers = forced_parser_threads (n_workers, spans->len);
  workers = g_new0 (Worker, n_workers);
  threads = g_new0 (GThread *, n_workers);

  for (guint i = 0; i < n_workers; i++)
    {
      Worker *w = &workers[i];

      w->ctx = ctx;
      w->data = data;
      w->spans = (const Span *) spans->data;
      w->first = (guint) ((guint64) spans->len * i / n_workers);
      w->last = (guint) ((guint64) spans->len * (i + 1) / n_workers);
      w->format = ctx->format;
      w->done = &done;
      w->report = i == 0;
      w->total_spans = spans->len;
      if (i == 0)
        {
          /* the first worker uses the caller's pool and builder */
          w->pool = bench_str_pool_ref (bench_record_builder_get_pool (ctx->builder));
          w->builder = NULL;
        }
      else
        {
          w->pool = bench_str_pool_new ();
          w->builder = bench_record_builder_new (w->pool);
        }
      w->results = i == 0 ? g_ptr_array_ref (ctx->results)
                          : g_ptr_array_new_with_free_func (g_object_unref);
      w->diagnostics = i == 0 ? g_ptr_array_ref (ctx->diagnostics)
                              : g_ptr_array_new_with_free_func ((GDestroyNotify) bench_diagnostic_free);
    }
  /* worker 0's builder is the context's; not owned by the worker */
  workers[0].builder = ctx->builder;

  for (guint i = 1; i < n_workers; i++)
    threads[i] = g_thread_new ("bench-json", worker_run, &workers[i]);
  worker_run (&workers[0]);
  for (guint i = 1; i < n_workers; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < n_workers; i++)
    {
      Worker *w = &workers[i];

      if (i > 0)
        {
          g_ptr_array_extend_and_steal (ctx->results, g_steal_pointer (&w->results));
          for (guint j = 0; j < w->diagnostics->len && ctx->diagnostics->len < 1000; j++)
            g_ptr_array_add (ctx->diagnostics, g_steal_pointer (&w->diagnostics->pdata[j]));
          g_ptr_array_unref (w->diagnostics);
          bench_record_builder_free (w->builder);
        }
      else
        {
          g_ptr_array_unref (w->results);
          g_ptr_array_unref (w->diagnostics);
        }
      ctx->skipped += w->skipped;
      null_records += w->null_records;
      cancelled |= w->cancelled;
      bench_str_pool_unref (w->pool);
    }
  g_free (workers);
  g_free (threads);

  if (cancelled)
    return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error);

  if (null_records > 0)
    {
      ctx->skipped += null_records;
      bench_read_context_warn (ctx, 0, 0,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u entry holds no llama-bench data (a failed run)",
                                            "%u entries hold no llama-bench data (failed runs)",
                                            null_records),
                               null_records);
    }
  g_ptr_array_sort (ctx->diagnostics, compare_diagnostics);
  bench_read_context_progress (ctx, len, len);
  return TRUE;
}
