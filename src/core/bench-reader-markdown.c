/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-reader-markdown.c — llama-bench's default output, the markdown
 * table, wherever it sits.
 *
 * The text may be a clean `-o md` file, a whole script log, or a post pasted
 * from a discussion: prose, headings, code fences, `> ` quotes, CRLF, and
 * other tables around the llama-bench ones. The reader walks the lines once.
 * A table is a line with pipes followed by a separator line (`|---|--:|`,
 * `-- | --`); it is llama-bench's when its header has a `test` and a `t/s`
 * column. Cells are cut at the pipes, never by position: model names, `dev`
 * values and wide rates push real rows out of line.
 *
 * Rows are checked when they are read (cell count, test, rate) but become
 * records only once it is known whether a `build: <commit> (<number>)`
 * footer follows the table, so that the footer's build reaches every row
 * above it. Each table is a segment of its own: several tables in one file
 * are several runs.
 *
 * Rows pasted without their header (only `| model | size | params |
 * backend | ngl | test | t/s |`-shaped lines between log lines) are read
 * too: the columns are inferred from the values, and a warning says so.
 *
 * Look-alike tools (llama-sweep-bench, compare-llama-bench.py, llama-benchy)
 * print similar tables. They give no records; when a text holds nothing
 * else, one warning names the tool so the user learns why nothing loaded.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bench-field.h"
#include "bench-reader.h"

/* llama-bench prints about 30 columns at most; a table wider than this is
 * not llama-bench's and is not read. */
#define MAX_COLUMNS 256
/* A real row is a few hundred bytes; longer lines are not looked into. */
#define MAX_LINE_LEN (64 * 1024)
/* Lines between checks for cancellation and progress reports. */
#define CHECK_EVERY 4096
/* Unreadable lines reported one by one; the rest are counted. */
#define MAX_BAD_LINE_WARNINGS 5
/* Characters of a cell quoted in a warning. */
#define MAX_QUOTED_CHARS 40
/* Counts in test names: llama-bench keeps them in an int. */
#define MAX_COUNT_DIGITS 9

/* A piece of the text; not NUL-terminated. */
typedef struct
{
  const char *str;
  gsize       len;
} Span;

typedef struct
{
  const char *raw;     /* where the line starts in the text */
  const char *text;    /* after indentation and `>` quote markers */
  const char *end;     /* before trailing blanks and the line break */
  const char *next;    /* where the next line starts */
  guint       number;  /* 1-based */
} Line;

typedef enum
{
  COLUMN_IGNORED,  /* a column without a name */
  COLUMN_FIELD,    /* text handed to the builder under a field name */
  COLUMN_SIZE,     /* "4.92 GiB" → model_size in bytes */
  COLUMN_PARAMS,   /* "8.03 B" → model_n_params */
  COLUMN_TEST,     /* "pp512 @ d4096" → n_prompt, n_gen, n_depth */
  COLUMN_RATE,     /* "1234.56 ± 7.89" → avg_ts, stddev_ts */
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  char       *field;
} Column;

typedef struct
{
  Column   *columns;
  guint     n_columns;
  guint     test_column;
  guint     rate_column;
  guint     segment;
  gboolean  outer_pipes;  /* the header starts with '|', and so do its rows */
  gboolean  inferred;     /* no header: the columns were read from a row's values */
} Table;

/* A checked row waiting for the footer that may follow its table. */
typedef struct
{
  const char  *text;
  const char  *end;
  guint        line;
  const Table *table;
} PendingRow;

typedef struct
{
  gint64 n_prompt;
  gint64 n_gen;
  gint64 n_depth;
} TestSize;

typedef enum
{
  LOOKALIKE_NONE,
  LOOKALIKE_SWEEP_BENCH,
  LOOKALIKE_COMPARE,
  LOOKALIKE_BENCHY,
} Lookalike;

typedef struct
{
  BenchReadContext *ctx;
  const char       *data;
  gsize             len;

  GPtrArray        *tables;          /* Table, owned; index = segment */
  Table            *open;            /* the table rows go to, or NULL */
  GArray           *pending;         /* PendingRow */
  gboolean          skip_separator;  /* the line after a header */

  Lookalike         lookalike;       /* the first look-alike table seen */
  guint             lookalike_line;
  guint             bad_lines;
} Reader;


static void
table_free (Table *table)
{
  for (guint i = 0; i < table->n_columns; i++)
    g_free (table->columns[i].field);
  g_free (table->columns);
  g_free (table);
}

/* Text helpers ---------------------------------------------------------- */

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

/* Spaces, tabs and no-break spaces, which rich-text pastes bring along. */
static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end)
    {
      if (is_blank (*p))
        p++;
      else if (end - p >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
        p += 2;
      else
        break;
    }
  return p;
}

static const char *
skip_spaces_back (const char *start,
                  const char *end)
{
  while (end > start)
    {
      if (is_blank (end[-1]))
        end--;
      else if (end - start >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
        end -= 2;
      else
        break;
    }
  return end;
}

static Span
trim (const char *p,
      const char *end)
{
  p = skip_spaces (p, end);
  end = skip_spaces_back (p, end);
  return (Span) { p, end - p };
}

static gboolean
span_equal (Span        span,
            const char *word)
{
  gsize n = strlen (word);

  return span.len == n && g_ascii_strncasecmp (span.str, word, n) == 0;
}

static gboolean
span_has_prefix (Span        span,
                 const char *prefix)
{
  gsize n = strlen (prefix);

  return span.len >= n && g_ascii_strncasecmp (span.str, prefix, n) == 0;
}

/* "N/A" and dashes are how people write "no value" in a hand-made table. */
static gboolean
is_no_value (Span cell)
{
  return cell.len == 0 || span_equal (cell, "n/a") || span_equal (cell, "-") ||
         span_equal (cell, "\xE2\x80\x94");
}

/* A cell for a warning message: at most MAX_QUOTED_CHARS characters. The
 * line it comes from was checked to be UTF-8. */
static char *
quote_cell (Span cell)
{
  const char *end = cell.str + cell.len;
  const char *p = cell.str;
  guint chars = 0;

  while (p < end && chars < MAX_QUOTED_CHARS)
    {
      p = g_utf8_next_char (p);
      chars++;
    }
  if (p < end)
    {
      g_autofree char *head = g_strndup (cell.str, p - cell.str);
      return g_strconcat (head, "…", NULL);
    }
  return g_strndup (cell.str, cell.len);
}

/* Lines ----------------------------------------------------------------- */

static void
line_init (Line       *line,
           const char *p,
           const char *end_of_text,
           guint       number)
{
  const char *nl = memchr (p, '\n', end_of_text - p);
  const char *end = nl ? nl : end_of_text;
  const char *text = p;

  while (end > p && is_blank (end[-1]))
    end--;
  /* indentation, and quote markers of archives and replies (`> > |`) */
  while (text < end && (is_blank (*text) || *text == '>'))
    text++;

  line->raw = p;
  line->text = text;
  line->end = end;
  line->next = nl ? nl + 1 : end_of_text;
  line->number = number;
}

static gboolean
line_has_pipe (const Line *line)
{
  return memchr (line->text, '|', line->end - line->text) != NULL;
}

/* Column (1-based, in characters) of @p in the line, quote markers and
 * indentation included, as an editor shows it. */
static guint
line_column (const Line *line,
             const char *p)
{
  return g_utf8_strlen (line->raw, p - line->raw) + 1;
}

/* `|---|:--:|`, `-- | --`: dashes, colons, pipes and spaces only, with at
 * least one dash and one pipe. */
static gboolean
line_is_separator (const Line *line)
{
  gboolean dash = FALSE;
  gboolean pipe = FALSE;

  for (const char *c = line->text; c < line->end; c++)
    {
      if (*c == '-')
        dash = TRUE;
      else if (*c == '|')
        pipe = TRUE;
      else if (*c != ':' && !is_blank (*c))
        return FALSE;
    }
  return dash && pipe;
}

static gboolean
next_line_is_separator (Reader     *r,
                        const Line *line)
{
  const char *end_of_text = r->data + r->len;
  Line next;

  if (line->next >= end_of_text)
    return FALSE;
  line_init (&next, line->next, end_of_text, line->number + 1);
  return line_is_separator (&next);
}

/* Only spaces and line breaks after @p: the text ends here. */
static gboolean
text_ends_at (Reader     *r,
              const char *p)
{
  for (const char *end = r->data + r->len; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Cells of a table line: the text between pipes, trimmed; the outer pipes
 * are optional. Returns the number of cells and fills at most @max. */
static guint
split_cells (const char *text,
             const char *end,
             Span       *cells,
             guint       max)
{
  const char *p = text;
  guint n = 0;

  if (p < end && *p == '|')
    p++;
  if (end > p && end[-1] == '|')
    end--;

  for (;;)
    {
      const char *bar = memchr (p, '|', end - p);
      const char *cell_end = bar ? bar : end;

      if (n < max)
        cells[n] = trim (p, cell_end);
      n++;
      if (bar == NULL)
        return n;
      p = bar + 1;
    }
}

/* Values ---------------------------------------------------------------- */

/* "512" → 512. */
static const char *
parse_count (const char *p,
             const char *end,
             gint64     *count)
{
  gint64 value = 0;
  guint digits = 0;

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      if (++digits > MAX_COUNT_DIGITS)
        return NULL;
      value = value * 10 + (*p - '0');
    }
  if (digits == 0)
    return NULL;
  *count = value;
  return p;
}

/* "pp512", and "tg 128" as 2023 versions printed it. */
static const char *
parse_test_part (const char *p,
                 const char *end,
                 char       *kind,
                 gint64     *count)
{
  if (end - p < 2)
    return NULL;
  if (g_ascii_strncasecmp (p, "pp", 2) == 0)
    *kind = 'p';
  else if (g_ascii_strncasecmp (p, "tg", 2) == 0)
    *kind = 't';
  else
    return NULL;
  return parse_count (skip_spaces (p + 2, end), end, count);
}

static void
test_size_set (TestSize *test,
               char      kind,
               gint64    count)
{
  if (kind == 'p')
    test->n_prompt = count;
  else
    test->n_gen = count;
}

/* A test name: `pp512`, `tg128`, `pp512+tg128`, each optionally followed by
 * a depth, ` @ d4096`, or by ik_llama.cpp's `@pp8192` (generation after a
 * prompt of 8192 tokens, which is a depth too). */
static gboolean
parse_test (Span      cell,
            TestSize *test)
{
  const char *p = cell.str;
  const char *end = cell.str + cell.len;
  char kind, second_kind;
  gint64 count;

  memset (test, 0, sizeof *test);

  if ((p = parse_test_part (p, end, &kind, &count)) == NULL)
    return FALSE;
  test_size_set (test, kind, count);

  p = skip_spaces (p, end);
  if (p < end && *p == '+')
    {
      p = parse_test_part (skip_spaces (p + 1, end), end, &second_kind, &count);
      if (p == NULL || second_kind == kind)
        return FALSE;
      test_size_set (test, second_kind, count);
      p = skip_spaces (p, end);
    }

  if (p < end && *p == '@')
    {
      p = skip_spaces (p + 1, end);
      if (p < end && (*p == 'd' || *p == 'D'))
        p = parse_count (skip_spaces (p + 1, end), end, &test->n_depth);
      else if ((p = parse_test_part (p, end, &kind, &count)) != NULL && kind == 'p')
        test->n_depth = count;
      else
        return FALSE;
      if (p == NULL)
        return FALSE;
      p = skip_spaces (p, end);
    }

  return p == end && (test->n_prompt > 0 || test->n_gen > 0);
}

/* "1234.56", ".5", "12." — llama-bench prints "%.2f". */
static const char *
scan_number (const char *p,
             const char *end)
{
  gboolean digits = FALSE;

  for (; p < end && g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++)
      digits = TRUE;
  return digits ? p : NULL;
}

/* A standard deviation may also be "nan" or "-nan": llama-bench's one-pass
 * formula produces it on long runs. */
static const char *
scan_stddev (const char *p,
             const char *end)
{
  if (end - p >= 3 && g_ascii_strncasecmp (p, "nan", 3) == 0)
    return p + 3;
  if (end - p >= 4 && g_ascii_strncasecmp (p, "-nan", 4) == 0)
    return p + 4;
  return scan_number (p, end);
}

/* "1234.56 ± 7.89", "1234.56±7.89", "1234.56 +- 7.89", or a bare
 * "1234.56" (stddev 0). */
static gboolean
parse_rate (Span  cell,
            Span *avg,
            Span *stddev)
{
  static const char *const plus_minus[] = { "\xC2\xB1", "+/-", "+-" };
  const char *p = cell.str;
  const char *end = cell.str + cell.len;
  const char *number_end;
  gboolean found = FALSE;

  if ((number_end = scan_number (p, end)) == NULL)
    return FALSE;
  *avg = (Span) { p, number_end - p };

  p = skip_spaces (number_end, end);
  if (p == end)
    {
      *stddev = (Span) { "0", 1 };
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (plus_minus) && !found; i++)
    {
      gsize n = strlen (plus_minus[i]);
      if ((gsize) (end - p) >= n && memcmp (p, plus_minus[i], n) == 0)
        {
          p += n;
          found = TRUE;
        }
    }
  if (!found)
    return FALSE;

  p = skip_spaces (p, end);
  if ((number_end = scan_stddev (p, end)) == NULL)
    return FALSE;
  *stddev = (Span) { p, number_end - p };
  return skip_spaces (number_end, end) == end;
}

/* "4.92 GiB" → 4.92 and "GiB". */
static gboolean
parse_quantity (Span    cell,
                double *value,
                Span   *unit)
{
  const char *end = cell.str + cell.len;
  const char *number_end = scan_number (cell.str, end);
  char buf[64];

  if (number_end == NULL || (gsize) (number_end - cell.str) >= sizeof buf)
    return FALSE;
  memcpy (buf, cell.str, number_end - cell.str);
  buf[number_end - cell.str] = '\0';
  *value = g_ascii_strtod (buf, NULL);
  *unit = trim (number_end, end);
  return isfinite (*value);
}

typedef struct
{
  const char *name;
  double      factor;
} Unit;

static gboolean
parse_with_units (Span        cell,
                  const Unit *units,
                  guint       n_units,
                  gint64     *out)
{
  double value;
  Span unit;

  if (!parse_quantity (cell, &value, &unit))
    return FALSE;
  for (guint i = 0; i < n_units; i++)
    if (span_equal (unit, units[i].name))
      {
        double scaled = value * units[i].factor;
        if (scaled >= 9e18)
          return FALSE;
        *out = (gint64) llround (scaled);
        return TRUE;
      }
  return FALSE;
}

/* `size`: "%.2f MiB" below 1 GiB, else "%.2f GiB"; binary units. */
static gboolean
parse_size (Span    cell,
            gint64 *bytes)
{
  static const Unit units[] = {
    { "B", 1.0 },
    { "KiB", 1024.0 },
    { "MiB", 1024.0 * 1024.0 },
    { "GiB", 1024.0 * 1024.0 * 1024.0 },
    { "TiB", 1024.0 * 1024.0 * 1024.0 * 1024.0 },
  };

  return parse_with_units (cell, units, G_N_ELEMENTS (units), bytes);
}

/* `params`: "%.2f M" below 1e9, else "%.2f B"; decimal units. */
static gboolean
parse_params (Span    cell,
              gint64 *n_params)
{
  static const Unit units[] = {
    { "", 1.0 },
    { "K", 1e3 },
    { "M", 1e6 },
    { "B", 1e9 },
    { "T", 1e12 },
  };

  return parse_with_units (cell, units, G_N_ELEMENTS (units), n_params);
}

/* `build: 3469684 (1275)` */
static gboolean
parse_build_footer (const Line *line,
                    Span       *commit,
                    Span       *number)
{
  const char *p = line->text;
  const char *end = line->end;
  const char *start;

  if (end - p < 6 || strncmp (p, "build:", 6) != 0)
    return FALSE;
  p = skip_spaces (p + 6, end);
  for (start = p; p < end && g_ascii_isalnum (*p); p++)
    ;
  if (p == start)
    return FALSE;
  *commit = (Span) { start, p - start };

  p = skip_spaces (p, end);
  if (p == end || *p != '(')
    return FALSE;
  for (start = ++p; p < end && g_ascii_isdigit (*p); p++)
    ;
  if (p == start || p == end || *p != ')')
    return FALSE;
  *number = (Span) { start, p - start };
  return skip_spaces (p + 1, end) == end;
}

/* Tables ---------------------------------------------------------------- */

/* Tables of other tools that look like llama-bench's. llama-benchy even has
 * `test` and `t/s` columns, so it is told apart by its latency columns. */
static Lookalike
identify_lookalike (const Span *cells,
                    guint       n_cells,
                    gboolean    has_test_and_rate)
{
  for (guint i = 0; i < n_cells; i++)
    if (span_has_prefix (cells[i], "peak t/s") || span_has_prefix (cells[i], "ttfr") ||
        span_has_prefix (cells[i], "est_ppt") || span_has_prefix (cells[i], "e2e_ttft"))
      return LOOKALIKE_BENCHY;

  /* a llama-bench table with a column of the user's own ("speedup") is
   * still a llama-bench table */
  if (has_test_and_rate)
    return LOOKALIKE_NONE;

  for (guint i = 0; i < n_cells; i++)
    {
      if (span_equal (cells[i], "n_kv") || span_has_prefix (cells[i], "s_pp") ||
          span_has_prefix (cells[i], "s_tg"))
        return LOOKALIKE_SWEEP_BENCH;
      if (span_equal (cells[i], "speedup") || span_has_prefix (cells[i], "t/s "))
        return LOOKALIKE_COMPARE;
    }
  return LOOKALIKE_NONE;
}

/* A header name as a field: llama-bench's short names are expanded; any
 * other column (a user's own "GPU" column) keeps its name, lowercased,
 * with spaces as '_'. */
static char *
field_for_header (Span cell)
{
  g_autofree char *name = g_utf8_strdown (cell.str, cell.len);

  const BenchField *field;

  g_strdelimit (name, " \t", '_');
  /* the registry knows llama-bench's column of each field ("ngl",
   * "fa", "model"); "test" and "t/s" are read apart */
  field = bench_field_lookup_column (name);
  if (field != NULL && !bench_field_has_role (field, BENCH_FIELD_ROLE_DERIVED) &&
      !bench_field_has_role (field, BENCH_FIELD_ROLE_STATISTIC))
    return g_strdup (field->name);
  return g_steal_pointer (&name);
}

static Column
column_for_header (Span cell)
{
  if (cell.len == 0)
    return (Column) { COLUMN_IGNORED, NULL };
  if (span_equal (cell, "size"))
    return (Column) { COLUMN_SIZE, NULL };
  if (span_equal (cell, "params"))
    return (Column) { COLUMN_PARAMS, NULL };
  return (Column) { COLUMN_FIELD, field_for_header (cell) };
}

static guint
find_column (const Span *cells,
             guint       n_cells,
             const char *name)
{
  for (guint i = 0; i < n_cells; i++)
    if (span_equal (cells[i], name))
      return i;
  return G_MAXUINT;
}

static void
note_lookalike (Reader     *r,
                Lookalike   lookalike,
                const Line *line)
{
  if (r->lookalike != LOOKALIKE_NONE)
    return;
  r->lookalike = lookalike;
  r->lookalike_line = line->number;
}

/* A header line (its separator follows): opens a table when it is
 * llama-bench's, and closes the table before it in any case. */
static void
read_header (Reader     *r,
             const Line *line)
{
  Span cells[MAX_COLUMNS];
  guint n = split_cells (line->text, line->end, cells, MAX_COLUMNS);
  guint test_column, rate_column;
  Lookalike lookalike;
  Table *table;

  r->open = NULL;
  if (n > MAX_COLUMNS)
    {
      bench_read_context_warn (r->ctx, line->number, 1,
                               _("skipped a table of %u columns: llama-bench tables have "
                                 "at most %u"), n, MAX_COLUMNS);
      return;
    }

  test_column = find_column (cells, n, "test");
  rate_column = find_column (cells, n, "t/s");
  lookalike = identify_lookalike (cells, n, test_column != G_MAXUINT && rate_column != G_MAXUINT);
  if (lookalike != LOOKALIKE_NONE)
    {
      note_lookalike (r, lookalike, line);
      return;
    }
  if (test_column == G_MAXUINT || rate_column == G_MAXUINT)
    return;

  table = g_new0 (Table, 1);
  table->columns = g_new0 (Column, n);
  table->n_columns = n;
  for (guint i = 0; i < n; i++)
    {
      if (i == test_column)
        table->columns[i] = (Column) { COLUMN_TEST, NULL };
      else if (i == rate_column)
        table->columns[i] = (Column) { COLUMN_RATE, NULL };
      else
        table->columns[i] = column_for_header (cells[i]);
    }
  table->test_column = test_column;
  table->rate_column = rate_column;
  table->segment = r->tables->len;
  table->outer_pipes = *line->text == '|';
  g_ptr_array_add (r->tables, table);
  r->open = table;
}

/* Rows ------------------------------------------------------------------ */

static void
skip_row (Reader *r)
{
  r->ctx->skipped++;
}

/* Checks a row of the open table and keeps it until its build is known. */
static void
read_row (Reader     *r,
          const Line *line)
{
  const Table *table = r->open;
  Span cells[MAX_COLUMNS + 1];
  guint n;
  TestSize test;
  Span avg, stddev;
  PendingRow row = { line->text, line->end, line->number, table };

  /* a paste cut short: the last row lacks its closing pipe */
  if (table->outer_pipes && line->end[-1] != '|' && text_ends_at (r, line->next))
    {
      bench_read_context_warn (r->ctx, line->number, line_column (line, line->end),
                               _("the text ends in the middle of this row"));
      skip_row (r);
      return;
    }

  n = split_cells (line->text, line->end, cells, G_N_ELEMENTS (cells));
  if (n != table->n_columns)
    {
      const char *at = n > table->n_columns ? cells[table->n_columns].str : line->end;
      bench_read_context_warn (r->ctx, line->number, line_column (line, at),
                               g_dngettext (GETTEXT_PACKAGE,
                                            "row has %u cell, the header has %u",
                                            "row has %u cells, the header has %u", n),
                               n, table->n_columns);
      skip_row (r);
      return;
    }

  if (!parse_test (cells[table->test_column], &test))
    {
      g_autofree char *quoted = quote_cell (cells[table->test_column]);
      bench_read_context_warn (r->ctx, line->number,
                               line_column (line, cells[table->test_column].str),
                               _("cannot read the test “%s”: expected a name such as pp512, "
                                 "tg128 or pp512 @ d4096"), quoted);
      skip_row (r);
      return;
    }

  if (!parse_rate (cells[table->rate_column], &avg, &stddev))
    {
      g_autofree char *quoted = quote_cell (cells[table->rate_column]);
      bench_read_context_warn (r->ctx, line->number,
                               line_column (line, cells[table->rate_column].str),
                               _("cannot read the rate “%s”: expected tokens per second "
                                 "such as 1234.56 ± 7.89"), quoted);
      skip_row (r);
      return;
    }

  g_array_append_val (r->pending, row);
}

static void
add_span (BenchRecordBuilder *builder,
          const char         *field,
          Span                span)
{
  bench_record_builder_add_len (builder, field, span.str, span.len, BENCH_VALUE_UNKNOWN);
}

static void
add_count (BenchRecordBuilder *builder,
           const char         *field,
           gint64              value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  bench_record_builder_add (builder, field, buf, BENCH_VALUE_UNKNOWN);
}

static void
add_cell (BenchRecordBuilder *builder,
          const Column       *column,
          Span                cell)
{
  TestSize test;
  Span avg, stddev;
  gint64 value;

  switch (column->kind)
    {
    case COLUMN_TEST:
      if (parse_test (cell, &test))
        {
          add_count (builder, "n_prompt", test.n_prompt);
          add_count (builder, "n_gen", test.n_gen);
          add_count (builder, "n_depth", test.n_depth);
        }
      break;
    case COLUMN_RATE:
      if (parse_rate (cell, &avg, &stddev))
        {
          add_span (builder, "avg_ts", avg);
          add_span (builder, "stddev_ts", stddev);
        }
      break;
    /* a size or count written some other way is kept as the text it is */
    case COLUMN_SIZE:
      if (parse_size (cell, &value))
        add_count (builder, "model_size", value);
      else if (!is_no_value (cell))
        add_span (builder, "size", cell);
      break;
    case COLUMN_PARAMS:
      if (parse_params (cell, &value))
        add_count (builder, "model_n_params", value);
      else if (!is_no_value (cell))
        add_span (builder, "params", cell);
      break;
    case COLUMN_FIELD:
      if (!is_no_value (cell))
        add_span (builder, column->field, cell);
      break;
    case COLUMN_IGNORED:
    default:
      break;
    }
}

static void
add_record (Reader           *r,
            const PendingRow *row,
            const Span       *commit,
            const Span       *number)
{
  BenchRecordBuilder *builder = r->ctx->builder;
  const Table *table = row->table;
  Span cells[MAX_COLUMNS + 1];
  g_autoptr (GError) error = NULL;
  BenchResult *result;

  split_cells (row->text, row->end, cells, G_N_ELEMENTS (cells));
  for (guint i = 0; i < table->n_columns; i++)
    add_cell (builder, &table->columns[i], cells[i]);
  if (commit != NULL)
    {
      add_span (builder, "build_commit", *commit);
      add_span (builder, "build_number", *number);
    }

  result = bench_record_builder_finish (builder, r->ctx->name, BENCH_FORMAT_MARKDOWN, row->line,
                                        table->segment, &error);
  if (result == NULL)
    {
      bench_read_context_warn (r->ctx, row->line, 0, "%s", error->message);
      skip_row (r);
      return;
    }
  g_ptr_array_add (r->ctx->results, result);
}

/* Turns the waiting rows into records, with the build of the footer that
 * follows them (NULL when there is none). */
static void
flush_pending (Reader     *r,
               const Span *commit,
               const Span *number)
{
  for (guint i = 0; i < r->pending->len; i++)
    add_record (r, &g_array_index (r->pending, PendingRow, i), commit, number);
  g_array_set_size (r->pending, 0);
}

/* Rows without a header ------------------------------------------------ */

static gboolean
span_has_suffix (Span        span,
                 const char *suffix)
{
  gsize n = strlen (suffix);
  return span.len >= n && memcmp (span.str + span.len - n, suffix, n) == 0;
}

static gboolean
span_contains (Span        span,
               const char *needle)
{
  return g_strstr_len (span.str, (gssize) span.len, needle) != NULL;
}

/* "99", "-1" */
static gboolean
cell_is_integer (Span cell)
{
  const char *p = cell.str;
  const char *end = cell.str + cell.len;
  gint64 value;

  if (p < end && *p == '-')
    p++;
  return (p = parse_count (p, end, &value)) != NULL && p == end;
}

/* llama-bench prints `threads` instead of `ngl` for CPU and BLAS backends */
static gboolean
backend_is_cpu (Span cell)
{
  return span_contains (cell, "CPU") || span_contains (cell, "BLAS");
}

static gboolean
same_layout (const Table *a,
             const Table *b)
{
  if (a->n_columns != b->n_columns)
    return FALSE;
  for (guint i = 0; i < a->n_columns; i++)
    if (a->columns[i].kind != b->columns[i].kind ||
        g_strcmp0 (a->columns[i].field, b->columns[i].field) != 0)
      return FALSE;
  return TRUE;
}

/* A row pasted without its header: `| model | size | params | backend |
 * [ngl | threads] | test | t/s |`, told apart by the values — a size in
 * GiB or MiB, a count in B or M, a test name and a `mean ± sd` rate. At
 * most two integer columns between backend and test: ngl (not for CPU and
 * BLAS backends, which print threads) and threads. Anything wider cannot
 * be named from its values. Returns a table not yet added, or NULL. */
static Table *
infer_table (const Line *line)
{
  Span cells[MAX_COLUMNS + 1];
  Span unit, avg, stddev;
  double quantity;
  gint64 value;
  TestSize test;
  Table *table;
  guint n, middle, i = 0;
  gboolean cpu;

  if (line->end - line->text < 2 || *line->text != '|' || line->end[-1] != '|')
    return NULL;
  n = split_cells (line->text, line->end, cells, G_N_ELEMENTS (cells));
  if (n < 6 || n > 8)
    return NULL;
  middle = n - 6;
  if (cells[0].len == 0 || cells[3].len == 0)
    return NULL;
  if (!parse_quantity (cells[1], &quantity, &unit) || !span_has_suffix (unit, "iB") ||
      !parse_size (cells[1], &value))
    return NULL;
  if (!parse_quantity (cells[2], &quantity, &unit) || unit.len == 0 ||
      !parse_params (cells[2], &value))
    return NULL;
  for (guint m = 0; m < middle; m++)
    if (!cell_is_integer (cells[4 + m]))
      return NULL;
  if (!parse_test (cells[n - 2], &test) ||
      !parse_rate (cells[n - 1], &avg, &stddev) || !span_contains (cells[n - 1], "\xC2\xB1"))
    return NULL;
  cpu = backend_is_cpu (cells[3]);
  if (cpu && middle > 1)
    return NULL;

  table = g_new0 (Table, 1);
  table->columns = g_new0 (Column, n);
  table->n_columns = n;
  table->columns[i++] = (Column) { COLUMN_FIELD, g_strdup ("model_type") };
  table->columns[i++] = (Column) { COLUMN_SIZE, NULL };
  table->columns[i++] = (Column) { COLUMN_PARAMS, NULL };
  table->columns[i++] = (Column) { COLUMN_FIELD, g_strdup ("backends") };
  if (middle >= 1)
    table->columns[i++] = (Column) { COLUMN_FIELD, g_strdup (cpu ? "n_threads" : "n_gpu_layers") };
  if (middle == 2)
    table->columns[i++] = (Column) { COLUMN_FIELD, g_strdup ("n_threads") };
  table->test_column = i;
  table->columns[i++] = (Column) { COLUMN_TEST, NULL };
  table->rate_column = i;
  table->columns[i++] = (Column) { COLUMN_RATE, NULL };
  table->outer_pipes = TRUE;
  table->inferred = TRUE;
  return table;
}

/* Opens a table for a row without a header, or keeps the one open when the
 * row has the same columns. FALSE when the line is no such row. */
static gboolean
open_inferred_table (Reader     *r,
                     const Line *line)
{
  Table *table = infer_table (line);
  g_autoptr (GString) names = NULL;

  if (table == NULL)
    return FALSE;
  if (r->open != NULL && r->open->inferred && same_layout (r->open, table))
    {
      table_free (table);
      return TRUE;
    }

  table->segment = r->tables->len;
  g_ptr_array_add (r->tables, table);
  r->open = table;

  names = g_string_new (NULL);
  for (guint i = 0; i < table->n_columns; i++)
    {
      static const char * const kind_names[] = {
        [COLUMN_SIZE] = "size", [COLUMN_PARAMS] = "params", [COLUMN_TEST] = "test",
        [COLUMN_RATE] = "t/s",
      };
      const Column *column = &table->columns[i];

      g_string_append (names, i ? ", " : "");
      g_string_append (names, column->kind == COLUMN_FIELD ? column->field : kind_names[column->kind]);
    }
  bench_read_context_warn (r->ctx, line->number, 1,
                           /* Translators: %s lists the columns, e.g. "model_type, size, params, backends, n_gpu_layers, test, t/s" */
                           _("rows without a header: their columns were taken to be %s"),
                           names->str);
  return TRUE;
}

/* The walk ---------------------------------------------------------------- */

static gboolean
line_is_row_of (const Table *table,
                const Line  *line)
{
  if (table->outer_pipes)
    return line->text < line->end && *line->text == '|';
  return line_has_pipe (line);
}

/* Lines with a pipe may be table lines: they must be UTF-8 and of a sane
 * length. Lines without one are only ever compared with ASCII words, so
 * whatever bytes they hold are harmless. */
static gboolean
line_is_readable (Reader     *r,
                  const Line *line)
{
  gsize len = line->end - line->raw;
  const char *invalid = NULL;
  guint column = 1;

  if (memchr (line->raw, '|', len) == NULL)
    return TRUE;
  if (len <= MAX_LINE_LEN && g_utf8_validate_len (line->raw, len, &invalid))
    return TRUE;

  if (r->open != NULL && line_is_row_of (r->open, line))
    skip_row (r);
  if (++r->bad_lines > MAX_BAD_LINE_WARNINGS)
    return FALSE;
  if (len > MAX_LINE_LEN)
    bench_read_context_warn (r->ctx, line->number, 1,
                             _("skipped a line longer than %u KiB: too long for a table row"),
                             MAX_LINE_LEN / 1024);
  else
    {
      column = g_utf8_strlen (line->raw, invalid - line->raw) + 1;
      bench_read_context_warn (r->ctx, line->number, column,
                               _("skipped a line that is not UTF-8 text"));
    }
  return FALSE;
}

/* Whether a line ends the open table. Tables with outer pipes stay open
 * across log lines and blank lines (llama-bench's stderr often lands
 * between rows) until a heading or a code fence; the others end at the
 * first line without a pipe. */
static gboolean
line_ends_table (const Table *table,
                 const Line  *line)
{
  gsize len = line->end - line->text;

  if (!table->outer_pipes)
    return TRUE;
  return (len >= 1 && line->text[0] == '#') ||
         (len >= 3 && (strncmp (line->text, "```", 3) == 0 ||
                       strncmp (line->text, "~~~", 3) == 0));
}

static void
read_line (Reader     *r,
           const Line *line)
{
  Span commit, number;

  if (r->skip_separator)
    {
      r->skip_separator = FALSE;
      return;
    }
  if (!line_is_readable (r, line))
    return;

  if (parse_build_footer (line, &commit, &number))
    {
      flush_pending (r, &commit, &number);
      r->open = NULL;
      return;
    }

  if (line_has_pipe (line) && next_line_is_separator (r, line))
    {
      read_header (r, line);
      r->skip_separator = TRUE;
      return;
    }

  if ((r->open == NULL || r->open->inferred) && open_inferred_table (r, line))
    {
      read_row (r, line);
      return;
    }
  if (r->open == NULL || line_is_separator (line))
    return;
  if (line_is_row_of (r->open, line))
    read_row (r, line);
  else if (line_ends_table (r->open, line))
    r->open = NULL;
}

static void
report_bad_lines (Reader *r)
{
  guint more = r->bad_lines > MAX_BAD_LINE_WARNINGS ? r->bad_lines - MAX_BAD_LINE_WARNINGS : 0;

  if (more > 0)
    bench_read_context_warn (r->ctx, 0, 0,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "skipped %u more line: not UTF-8 text, or too long",
                                          "skipped %u more lines: not UTF-8 text, or too long",
                                          more),
                             more);
}

/* Nothing but look-alike tables: say what the text looks like. The caller
 * makes the first warning the error when nothing loads, so it goes first. */
static void
report_lookalike (Reader *r)
{
  static const char *const tools[] = {
    [LOOKALIKE_SWEEP_BENCH] = "llama-sweep-bench",
    [LOOKALIKE_COMPARE] = "compare-llama-bench.py",
    [LOOKALIKE_BENCHY] = "llama-benchy",
  };
  GPtrArray *diagnostics = r->ctx->diagnostics;
  guint before = diagnostics->len;

  if (r->tables->len > 0 || r->lookalike == LOOKALIKE_NONE)
    return;

  /* Translators: %s is the name of another tool, e.g. compare-llama-bench.py */
  bench_read_context_warn (r->ctx, r->lookalike_line, 1,
                           _("this looks like %s output, not llama-bench"), tools[r->lookalike]);
  if (diagnostics->len == before + 1 && before > 0)
    g_ptr_array_insert (diagnostics, 0, g_ptr_array_steal_index (diagnostics, before));
}

gboolean
bench_read_markdown (BenchReadContext  *ctx,
                     const char        *data,
                     gsize              len,
                     GError           **error)
{
  Reader r = {
    .ctx = ctx,
    .data = data,
    .len = len,
    .tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free),
    .pending = g_array_new (FALSE, FALSE, sizeof (PendingRow)),
  };
  const char *end = data + len;
  const char *p = data;
  guint number = 0;
  gboolean cancelled = FALSE;

  ctx->format = BENCH_FORMAT_MARKDOWN;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      Line line;

      if (++number % CHECK_EVERY == 0)
        {
          if ((cancelled = g_cancellable_set_error_if_cancelled (ctx->cancellable, error)))
            break;
          bench_read_context_progress (ctx, p - data, len);
        }
      line_init (&line, p, end, number);
      read_line (&r, &line);
      p = line.next;
    }

  if (!cancelled)
    {
      /* rows of the last tables, with no footer after them */
      flush_pending (&r, NULL, NULL);
      report_bad_lines (&r);
      report_lookalike (&r);
      bench_read_context_progress (ctx, len, len);
    }

  g_ptr_array_unref (r.tables);
  g_array_unref (r.pending);
  return !cancelled;
}
