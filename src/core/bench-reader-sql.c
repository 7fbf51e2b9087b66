/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-reader-sql.c — llama-bench's `-o sql`, and the SQLite database
 * people pipe it into (what compare-llama-bench.py reads).
 *
 * SQL text is executed by SQLite itself, one statement at a time, in a
 * private in-memory database, so whatever SQLite accepts loads the way the
 * sqlite3 shell would load it. That database is fenced in: an authorizer
 * lets through only what llama-bench prints (CREATE TABLE, INSERT,
 * transactions) and denies ATTACH, most PRAGMAs, triggers, views, virtual
 * tables and every function not known to be harmless; extensions cannot be
 * loaded, the schema is untrusted, lengths and the database size are
 * bounded, and a progress handler stops statements that run too long or
 * were cancelled. Nothing touches the disk.
 *
 * A statement SQLite rejects is a warning with its line and column, and
 * reading goes on with the next statement. llama-bench does not escape
 * quotes in values: an INSERT in exactly its shape, broken by a `'` in a
 * value, is split the way llama-bench joined it and inserted with bound
 * values, with a warning.
 *
 * A database file is deserialized read-only into memory, never opened as a
 * file. Then, for both, every table with llama-bench columns (`test` in old
 * versions, `llama_bench` in new ones) is read in rowid order; each table
 * is a segment.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "bench-reader.h"

/* Longest statement: a llama-bench INSERT is about 1 KiB. */
#define MAX_STATEMENT_BYTES (256 * 1024)
/* Longest value or row SQLite will build: a llama-bench row with a
 * thousand samples is about 40 KiB. */
#define MAX_VALUE_BYTES (1024 * 1024)
/* Statements read from one text; a 4 GiB file holds fewer INSERTs. */
#define MAX_STATEMENTS 5000000
/* Failed statements before the text is given up on. */
#define MAX_FAILED_STATEMENTS 1000
/* Statements or rows reported one by one; the rest are counted. */
#define MAX_WARNINGS 100
/* Virtual machine instructions between progress handler calls, and the
 * most one statement or one row may take. One instruction may build a
 * value of up to MAX_VALUE_BYTES, so checks come often. */
#define OPS_PER_CHECK 100
#define MAX_OPS (10 * 1000 * 1000)
/* Time for the whole file, all statements and rows together: a base and
 * more per MiB of input (llama-bench's own SQL runs at well over 10 MiB/s). */
#define TIME_BASE_US (2 * G_USEC_PER_SEC)
#define TIME_PER_MIB_US (G_USEC_PER_SEC / 2)
/* Memory SQLite may hold for one file (its own connection, counted in the
 * thread that reads it): a base and three times the input. */
#define MEMORY_BASE_BYTES (G_GINT64_CONSTANT (64) * 1024 * 1024)
/* Statements or rows between cancellation checks and progress reports. */
#define CHECK_EVERY 256

typedef enum
{
  ACCESS_LOAD,  /* running the text: create tables and insert rows */
  ACCESS_READ,  /* reading the tables back */
  ACCESS_SCHEMA, /* the reader looks at a table's columns */
} Access;

/* What the authorizer and the progress handler share with the reader. */
typedef struct
{
  Access        access;
  GCancellable *cancellable;
  guint64       ops;
  gboolean      over_budget;
  gint64        deadline;         /* monotonic time the whole file must end by */
  gint64        memory;           /* bytes SQLite holds for this file */
  gint64        memory_limit;
  gboolean      too_expensive;    /* the deadline or the memory bound was hit */
  gboolean      writes_rows;      /* the statement prepared inserts into a table */
  char          insert_table[256];
  char          denied[128];      /* what was refused, for the warning */
} Guard;

typedef struct
{
  BenchReadContext *ctx;
  sqlite3          *db;
  Guard             guard;
  BenchFormat       format;

  /* SQL text only: the NUL-terminated copy being run, the line of each
   * inserted row (lowercased table name → rowid → line) and a cursor that
   * turns offsets into lines. */
  char             *text;
  const char       *text_end;
  GHashTable       *row_lines;
  const char       *cursor;
  guint             cursor_line;
  const char       *cursor_line_start;

  guint             warnings;
  guint             unreported;
} Loader;

/* Functions a value may be computed with: pure, bounded by the length
 * limit, touching nothing outside the statement. llama-bench calls none;
 * `sqlite3 .dump` writes newlines as replace(…, '\n', char(10)). Nothing
 * that makes a long value from a short one (printf's '%.*c', format,
 * zeroblob, randomblob, hex). */
static const char *const allowed_functions[] = {
  "abs", "char", "coalesce", "date", "datetime", "ifnull", "iif",
  "instr", "julianday", "length", "lower", "ltrim", "max", "min", "nullif",
  "quote", "replace", "round", "rtrim", "strftime", "substr", "substring", "time",
  "trim", "typeof", "unicode", "upper",
};

/* Words a statement can begin with, to find the next one after an error. */
static const char *const statement_keywords[] = {
  "ALTER", "ANALYZE", "ATTACH", "BEGIN", "COMMIT", "CREATE", "DELETE", "DETACH",
  "DROP", "END", "EXPLAIN", "INSERT", "PRAGMA", "REINDEX", "RELEASE", "REPLACE",
  "ROLLBACK", "SAVEPOINT", "SELECT", "UPDATE", "VACUUM", "VALUES", "WITH",
};

/* Fencing the database -------------------------------------------------- */

static gboolean
is_schema_table (const char *name)
{
  return name != NULL &&
         (g_ascii_strcasecmp (name, "sqlite_master") == 0 ||
          g_ascii_strcasecmp (name, "sqlite_schema") == 0);
}

static gboolean
function_allowed (const char *name)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (allowed_functions); i++)
    if (g_ascii_strcasecmp (name, allowed_functions[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
action_name (int action)
{
  switch (action)
    {
    case SQLITE_ATTACH: return "ATTACH";
    case SQLITE_DETACH: return "DETACH";
    case SQLITE_SELECT: return "SELECT";
    case SQLITE_DELETE: return "DELETE";
    case SQLITE_UPDATE: return "UPDATE";
    case SQLITE_ALTER_TABLE: return "ALTER TABLE";
    case SQLITE_ANALYZE: return "ANALYZE";
    case SQLITE_REINDEX: return "REINDEX";
    case SQLITE_RECURSIVE: return "WITH RECURSIVE";
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TEMP_INDEX: return "CREATE INDEX";
    case SQLITE_CREATE_TEMP_TABLE: return "CREATE TEMP TABLE";
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_TEMP_TRIGGER: return "CREATE TRIGGER";
    case SQLITE_CREATE_VIEW:
    case SQLITE_CREATE_TEMP_VIEW: return "CREATE VIEW";
    case SQLITE_CREATE_VTABLE: return "CREATE VIRTUAL TABLE";
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_DROP_TEMP_TRIGGER:
    case SQLITE_DROP_TEMP_VIEW:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_VTABLE: return "DROP";
    default: return NULL;
    }
}

static int
authorize (void       *user_data,
           int         action,
           const char *arg1,
           const char *arg2,
           const char *db_name,
           const char *trigger)
{
  Guard *guard = user_data;
  gboolean load = guard->access == ACCESS_LOAD;
  gboolean in_main = db_name != NULL && strcmp (db_name, "main") == 0;
  const char *name;

  switch (action)
    {
    case SQLITE_CREATE_TABLE:
      if (load && in_main)
        return SQLITE_OK;
      break;

    case SQLITE_INSERT:
      /* CREATE TABLE inserts into the schema table; DEFENSIVE keeps
       * statements from writing it directly. */
      if (load && in_main &&
          (is_schema_table (arg1) || arg1 == NULL || g_ascii_strncasecmp (arg1, "sqlite_", 7) != 0))
        {
          if (!is_schema_table (arg1))
            {
              guard->writes_rows = TRUE;
              g_strlcpy (guard->insert_table, arg1 ? arg1 : "", sizeof guard->insert_table);
            }
          return SQLITE_OK;
        }
      break;

    case SQLITE_UPDATE:
      if (load && in_main && is_schema_table (arg1))
        return SQLITE_OK;
      break;

    case SQLITE_SELECT:
      /* in the text, only as part of an INSERT (several VALUES rows) */
      if (!load || guard->writes_rows)
        return SQLITE_OK;
      break;

    case SQLITE_READ:
      /* Running the text, rows come from VALUES only: llama-bench never
       * reads a table back, and INSERT … SELECT over joins of a table
       * with itself is a bomb. */
      if (load && in_main && !is_schema_table (arg1))
        {
          g_snprintf (guard->denied, sizeof guard->denied, "SELECT FROM %s",
                      arg1 ? arg1 : "?");
          return SQLITE_DENY;
        }
      /* a table of a join none of whose columns is used comes without a
       * database name */
      if (in_main || (db_name == NULL && arg2 != NULL && *arg2 == '\0'))
        return SQLITE_OK;
      break;

    case SQLITE_FUNCTION:
      if (function_allowed (arg2))
        return SQLITE_OK;
      g_snprintf (guard->denied, sizeof guard->denied, "%s()", arg2 ? arg2 : "?");
      return SQLITE_DENY;

    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      if (load)
        return SQLITE_OK;
      break;

    case SQLITE_PRAGMA:
      /* what `sqlite3 .dump` puts first */
      if (load && arg1 != NULL && g_ascii_strcasecmp (arg1, "foreign_keys") == 0)
        return SQLITE_OK;
      /* the reader's own look at a table's columns */
      if (guard->access == ACCESS_SCHEMA && arg1 != NULL &&
          g_ascii_strcasecmp (arg1, "table_xinfo") == 0)
        return SQLITE_OK;
      g_snprintf (guard->denied, sizeof guard->denied, "PRAGMA %s", arg1 ? arg1 : "");
      return SQLITE_DENY;

    default:
      break;
    }

  name = action_name (action);
  /* DROP starts by deleting the object from the schema */
  if (action == SQLITE_DELETE && is_schema_table (arg1))
    name = "DROP";
  if (name != NULL)
    g_strlcpy (guard->denied, name, sizeof guard->denied);
  else if (action == SQLITE_INSERT || action == SQLITE_READ)
    g_snprintf (guard->denied, sizeof guard->denied, "%s %s.%s",
                action == SQLITE_INSERT ? "INSERT INTO" : "SELECT FROM",
                db_name ? db_name : "?", arg1 ? arg1 : "?");
  else
    g_snprintf (guard->denied, sizeof guard->denied, "SQLite action %d", action);
  return SQLITE_DENY;
}

static int
on_progress (void *user_data)
{
  Guard *guard = user_data;

  guard->ops += OPS_PER_CHECK;
  if (guard->ops > MAX_OPS)
    {
      guard->over_budget = TRUE;
      return 1;
    }
  if (g_get_monotonic_time () > guard->deadline || guard->memory > guard->memory_limit)
    {
      guard->too_expensive = TRUE;
      return 1;
    }
  return g_cancellable_is_cancelled (guard->cancellable) ? 1 : 0;
}

/* Memory: SQLite's allocator, wrapped to count what each reading thread's
 * connection holds. sqlite3_hard_heap_limit64() would bound the whole
 * process, and the window reads several files at once; each file is read
 * by one thread, with one connection, so the count is per thread. */

static sqlite3_mem_methods default_mem;
static _Thread_local Guard *thread_guard;

static void *
counted_malloc (int n)
{
  Guard *guard = thread_guard;
  void *p;

  if (guard != NULL && guard->memory + n > guard->memory_limit)
    {
      guard->too_expensive = TRUE;
      return NULL;
    }
  p = default_mem.xMalloc (n);
  if (p != NULL && guard != NULL)
    guard->memory += default_mem.xSize (p);
  return p;
}

static void
counted_free (void *p)
{
  Guard *guard = thread_guard;

  if (p != NULL && guard != NULL)
    guard->memory -= default_mem.xSize (p);
  default_mem.xFree (p);
}

static void *
counted_realloc (void *p,
                 int   n)
{
  Guard *guard = thread_guard;
  int old = p != NULL ? default_mem.xSize (p) : 0;
  void *q;

  if (guard != NULL && n > old && guard->memory + (n - old) > guard->memory_limit)
    {
      guard->too_expensive = TRUE;
      return NULL;
    }
  q = default_mem.xRealloc (p, n);
  if (q != NULL && guard != NULL)
    guard->memory += default_mem.xSize (q) - old;
  return q;
}

static gsize counting_installed;

/* Before SQLite's first use in the process; FALSE when something else in
 * the process started SQLite first (then only time is bounded). */
static gboolean
install_counting_allocator (void)
{
  if (g_once_init_enter (&counting_installed))
    {
      static sqlite3_mem_methods counted;
      gboolean ok = FALSE;

      if (sqlite3_config (SQLITE_CONFIG_GETMALLOC, &default_mem) == SQLITE_OK)
        {
          counted = default_mem;
          counted.xMalloc = counted_malloc;
          counted.xFree = counted_free;
          counted.xRealloc = counted_realloc;
          ok = sqlite3_config (SQLITE_CONFIG_MALLOC, &counted) == SQLITE_OK;
        }
      g_once_init_leave (&counting_installed, ok ? 2 : 1);
    }
  return counting_installed == 2;
}

/* The budget of one file: from now, for @len bytes of input. */
static void
guard_start (Guard *guard,
             gsize  len)
{
  guard->deadline = g_get_monotonic_time () + TIME_BASE_US +
                    (gint64) ((double) len / (1024 * 1024) * TIME_PER_MIB_US);
  guard->memory = 0;
  guard->memory_limit = MEMORY_BASE_BYTES + 3 * (gint64) len;
  guard->too_expensive = FALSE;
  install_counting_allocator ();
  thread_guard = guard;
}

static void
guard_stop (Guard *guard)
{
  if (thread_guard == guard)
    thread_guard = NULL;
}

static void
set_too_expensive (GError **error,
                   guint    line,
                   guint    column)
{
  /* Translators: an SQL file that would take minutes or gigabytes */
  const char *what = _("reading this SQL takes too much time or memory (llama-bench output "
                       "never does): gave up");

  if (line > 0)
    g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_TOO_LARGE, "%u:%u: %s",
                 line, MAX (column, 1), what);
  else
    g_set_error_literal (error, BENCH_READER_ERROR, BENCH_READER_ERROR_TOO_LARGE, what);
}

static void
guard_reset (Guard *guard)
{
  guard->ops = 0;
  guard->over_budget = FALSE;
  guard->writes_rows = FALSE;
  guard->insert_table[0] = '\0';
  guard->denied[0] = '\0';
}

/* Limits, settings and the authorizer: called once the main database is
 * in place (deserializing runs an internal ATTACH the authorizer would
 * refuse). @max_pages bounds the database's size; 0 leaves it. */
static gboolean
fence_database (sqlite3  *db,
                Guard    *guard,
                gint64    max_pages,
                GError  **error)
{
  static const struct { int limit; int value; } limits[] = {
    { SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES },
    { SQLITE_LIMIT_SQL_LENGTH, MAX_STATEMENT_BYTES },
    { SQLITE_LIMIT_COLUMN, 1000 },
    { SQLITE_LIMIT_EXPR_DEPTH, 100 },
    { SQLITE_LIMIT_COMPOUND_SELECT, 50 },
    { SQLITE_LIMIT_VDBE_OP, 1000000 },
    { SQLITE_LIMIT_FUNCTION_ARG, 16 },
    { SQLITE_LIMIT_ATTACHED, 0 },
    { SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000 },
    { SQLITE_LIMIT_VARIABLE_NUMBER, 1000 },
    { SQLITE_LIMIT_TRIGGER_DEPTH, 1 },
    { SQLITE_LIMIT_WORKER_THREADS, 0 },
  };
  g_autofree char *pragmas = NULL;
  int rc;

  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FKEY, 0, NULL);

  /* temporary tables and sorts stay in memory too */
  if (max_pages > 0)
    pragmas = g_strdup_printf ("PRAGMA temp_store = MEMORY; PRAGMA max_page_count = %"
                               G_GINT64_FORMAT ";", max_pages);
  else
    pragmas = g_strdup ("PRAGMA temp_store = MEMORY;");
  rc = sqlite3_exec (db, pragmas, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                   _("could not set up SQLite: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    sqlite3_limit (db, limits[i].limit, limits[i].value);

  sqlite3_set_authorizer (db, authorize, guard);
  sqlite3_progress_handler (db, OPS_PER_CHECK, on_progress, guard);
  return TRUE;
}

static sqlite3 *
open_private_database (GError **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY |
                        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                   _("could not open an SQLite database in memory: %s"),
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* Positions ------------------------------------------------------------- */

/* Line and column (in characters) of @at, counting from the cursor, which
 * moves there when @advance. */
static void
loader_position (Loader     *l,
                 const char *at,
                 gboolean    advance,
                 guint      *line,
                 guint      *column)
{
  const char *p = l->cursor;
  const char *line_start = l->cursor_line_start;
  guint n = l->cursor_line;
  const char *nl;

  if (at < p)
    at = p;
  while ((nl = memchr (p, '\n', at - p)) != NULL)
    {
      n++;
      p = nl + 1;
      line_start = p;
    }
  *line = n;
  if (g_utf8_validate_len (line_start, at - line_start, NULL))
    *column = g_utf8_strlen (line_start, at - line_start) + 1;
  else
    *column = (guint) (at - line_start) + 1;

  if (advance)
    {
      l->cursor = at;
      l->cursor_line = n;
      l->cursor_line_start = line_start;
    }
}

static void
loader_warn (Loader     *l,
             guint       line,
             guint       column,
             const char *message)
{
  if (l->warnings >= MAX_WARNINGS)
    {
      l->unreported++;
      return;
    }
  l->warnings++;
  bench_read_context_warn (l->ctx, line, column, "%s", message);
}

/* Running the text ------------------------------------------------------ */

static const char *
skip_space_and_comments (const char *p,
                         const char *end)
{
  while (p < end)
    {
      if (g_ascii_isspace (*p))
        p++;
      else if (end - p >= 2 && p[0] == '-' && p[1] == '-')
        {
          const char *nl = memchr (p, '\n', end - p);
          p = nl != NULL ? nl + 1 : end;
        }
      else if (end - p >= 2 && p[0] == '/' && p[1] == '*')
        {
          const char *close = g_strstr_len (p + 2, end - p - 2, "*/");
          p = close != NULL ? close + 2 : end;
        }
      else
        break;
    }
  return p;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

static gboolean consume_word (const char **p,
                              const char  *end,
                              const char  *word);
static gboolean starts_with_word (const char *p,
                                  const char *end,
                                  const char *word);

static gboolean
line_starts_statement (const char *p,
                       const char *end)
{
  const char *word;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  word = p;
  while (p < end && g_ascii_isalpha (*p))
    p++;
  if (p == word || (p < end && is_word_char (*p)))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (statement_keywords); i++)
    if ((gsize) (p - word) == strlen (statement_keywords[i]) &&
        g_ascii_strncasecmp (word, statement_keywords[i], p - word) == 0)
      return TRUE;
  return FALSE;
}

/* After a statement SQLite could not parse: the next line, after the
 * error, that begins a statement. llama-bench prints one per line. */
static const char *
next_statement_line (const char *from,
                     const char *end)
{
  const char *nl = memchr (from, '\n', end - from);

  while (nl != NULL)
    {
      const char *p = nl + 1;

      if (line_starts_statement (p, end))
        return p;
      nl = memchr (p, '\n', end - p);
    }
  return end;
}

/* Where the statement at @start ends: after the `;` that closes it,
 * outside quotes and comments (and, for CREATE TRIGGER, after its END;),
 * or NULL when the text ends first. Lets a refused statement be skipped
 * whole, keeping the statements after it on the same line. */
static const char *
statement_end (const char *start,
               const char *end)
{
  const char *p = start;
  gboolean trigger = FALSE;
  gboolean after_end = FALSE;   /* the last word was END (triggers) */

  {
    const char *q = start;
    if (consume_word (&q, end, "CREATE"))
      {
        const char *r = q;
        if (consume_word (&r, end, "TEMP") || consume_word (&r, end, "TEMPORARY"))
          q = r;
        trigger = starts_with_word (q, end, "TRIGGER");
      }
  }

  while (p < end)
    {
      char c = *p;

      if (c == '\'' || c == '"' || c == '`' || c == '[')
        {
          char close = c == '[' ? ']' : c;
          const char *q = memchr (p + 1, close, end - p - 1);

          /* a doubled quote is a quote inside: the scan goes on after it */
          if (q == NULL)
            return NULL;
          p = q + 1;
          after_end = FALSE;
        }
      else if (c == '-' && end - p >= 2 && p[1] == '-')
        {
          const char *nl = memchr (p, '\n', end - p);
          if (nl == NULL)
            return NULL;
          p = nl + 1;
        }
      else if (c == '/' && end - p >= 2 && p[1] == '*')
        {
          const char *close = g_strstr_len (p + 2, end - p - 2, "*/");
          if (close == NULL)
            return NULL;
          p = close + 2;
        }
      else if (c == ';')
        {
          if (!trigger || after_end)
            return p + 1;
          p++;
        }
      else if (is_word_char (c))
        {
          const char *w = p;
          while (p < end && is_word_char (*p))
            p++;
          after_end = p - w == 3 && g_ascii_strncasecmp (w, "END", 3) == 0;
        }
      else
        {
          if (!g_ascii_isspace (c))
            after_end = FALSE;
          p++;
        }
    }
  return NULL;
}

/* Whether [start, tail) is a whole statement ending in `;`: SQLite parsed
 * all of it and refused it for what it does or names. */
static gboolean
is_complete_statement (char       *start,
                       const char *tail)
{
  char *stop = (char *) tail;
  char saved;
  gboolean complete;

  if (tail == NULL || tail <= start || tail[-1] != ';')
    return FALSE;
  saved = *stop;
  *stop = '\0';
  complete = sqlite3_complete (start) != 0;
  *stop = saved;
  return complete;
}

static void
remember_row_lines (Loader *l,
                    guint   line)
{
  g_autofree char *table = NULL;
  GHashTable *rows;
  sqlite3_int64 rowid;
  sqlite3_int64 changes;

  if (!l->guard.writes_rows || l->guard.insert_table[0] == '\0')
    return;
  changes = sqlite3_changes (l->db);
  if (changes <= 0)
    return;
  table = g_ascii_strdown (l->guard.insert_table, -1);
  rows = g_hash_table_lookup (l->row_lines, table);
  if (rows == NULL)
    {
      rows = g_hash_table_new (g_direct_hash, g_direct_equal);
      g_hash_table_insert (l->row_lines, g_steal_pointer (&table), rows);
    }
  /* several VALUES rows: consecutive rowids ending at the last one */
  rowid = sqlite3_last_insert_rowid (l->db);
  for (sqlite3_int64 k = 0; k < MIN (changes, 100000); k++)
    g_hash_table_insert (rows, GSIZE_TO_POINTER ((gsize) (rowid - k)), GUINT_TO_POINTER (line));
}

static gboolean
is_identifier (const char *p,
               const char *end)
{
  if (p >= end)
    return FALSE;
  for (; p < end; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

static gboolean
consume_word (const char **p,
              const char  *end,
              const char  *word)
{
  const char *q = skip_blanks (*p, end);
  gsize n = strlen (word);

  if ((gsize) (end - q) < n || g_ascii_strncasecmp (q, word, n) != 0 ||
      (q + n < end && is_word_char (q[n])))
    return FALSE;
  *p = q + n;
  return TRUE;
}

static gboolean
starts_with_word (const char *p,
                  const char *end,
                  const char *word)
{
  return consume_word (&p, end, word);
}

/* An INSERT as llama-bench prints it, one line:
 *   INSERT INTO table (a, b, …) VALUES ('v1', 'v2', …);
 * with values not escaped. Splits it at llama-bench's own separators and
 * inserts the values bound, not as SQL. TRUE when the row went in. */
static gboolean
insert_unescaped (Loader     *l,
                  const char *start,
                  guint       line)
{
  const char *end = memchr (start, '\n', l->text_end - start);
  const char *p = start;
  const char *table, *table_end, *values, *values_end;
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) sql = g_string_new ("INSERT INTO \"");
  gboolean has_quote = FALSE;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (end == NULL)
    end = l->text_end;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  if (!consume_word (&p, end, "INSERT") || !consume_word (&p, end, "INTO"))
    return FALSE;
  table = skip_blanks (p, end);
  for (table_end = table; table_end < end && (g_ascii_isalnum (*table_end) || *table_end == '_');
       table_end++)
    ;
  if (!is_identifier (table, table_end))
    return FALSE;
  p = skip_blanks (table_end, end);
  if (p >= end || *p != '(')
    return FALSE;
  p++;
  for (;;)
    {
      const char *name = skip_blanks (p, end);
      const char *name_end = name;

      while (name_end < end && (g_ascii_isalnum (*name_end) || *name_end == '_'))
        name_end++;
      if (!is_identifier (name, name_end))
        return FALSE;
      g_ptr_array_add (columns, g_strndup (name, name_end - name));
      p = skip_blanks (name_end, end);
      if (p < end && *p == ',')
        p++;
      else if (p < end && *p == ')')
        {
          p++;
          break;
        }
      else
        return FALSE;
    }
  if (!consume_word (&p, end, "VALUES"))
    return FALSE;
  p = skip_blanks (p, end);
  if (end - p < 5 || memcmp (p, "('", 2) != 0 || memcmp (end - 3, "');", 3) != 0)
    return FALSE;
  values = p + 2;
  values_end = end - 3;

  /* llama-bench joins the quoted values with ", " */
  for (const char *v = values; v <= values_end;)
    {
      const char *sep = g_strstr_len (v, values_end - v, "', '");
      const char *v_end = sep != NULL ? sep : values_end;

      if (memchr (v, '\'', v_end - v) != NULL)
        has_quote = TRUE;
      g_ptr_array_add (texts, g_strndup (v, v_end - v));
      if (sep == NULL)
        break;
      v = sep + 4;
    }
  if (!has_quote || texts->len != columns->len)
    return FALSE;

  g_string_append_len (sql, table, table_end - table);
  g_string_append (sql, "\" (");
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (columns, i));
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < columns->len; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, ");");

  guard_reset (&l->guard);
  rc = sqlite3_prepare_v2 (l->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  for (guint i = 0; i < texts->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (texts, i), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    remember_row_lines (l, line);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* Runs the text statement by statement. Returns FALSE with @error when
 * cancelled, or when no statement at all could be run. */
static gboolean
run_text (Loader  *l,
          GError **error)
{
  char *p = l->text;
  const char *end = l->text_end;
  guint n_statements = 0;
  guint n_ok = 0;
  guint n_failed = 0;
  guint first_line = 1, first_column = 1;
  g_autofree char *first_message = NULL;

  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  l->cursor = l->cursor_line_start = p;
  l->cursor_line = 1;

  for (;;)
    {
      char *start = (char *) skip_space_and_comments (p, end);
      char *window_end;
      char saved = '\0';
      const char *tail = NULL;
      const char *resume;
      sqlite3_stmt *stmt = NULL;
      g_autofree char *message = NULL;
      guint line, column;
      int rc;

      if (start >= end)
        break;
      loader_position (l, start, TRUE, &line, &column);

      if (++n_statements > MAX_STATEMENTS)
        {
          loader_warn (l, line, column,
                       _("too many statements: the rest of the text was not read"));
          break;
        }
      if (n_statements % CHECK_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (l->ctx->cancellable, error))
            return FALSE;
          bench_read_context_progress (l->ctx, (start - l->text) / 10 * 9, end - l->text);
        }

      /* SQLite never looks past one statement's length limit, however
       * the text is quoted */
      window_end = (gsize) (end - start) > MAX_STATEMENT_BYTES + 1
                     ? start + MAX_STATEMENT_BYTES + 1
                     : NULL;
      if (window_end != NULL)
        {
          saved = *window_end;
          *window_end = '\0';
        }
      guard_reset (&l->guard);
      rc = sqlite3_prepare_v2 (l->db, start, -1, &stmt, &tail);
      if (window_end != NULL)
        *window_end = saved;

      if (rc == SQLITE_OK && stmt == NULL)
        {
          /* only comments were left */
          p = (char *) (tail != NULL && tail > start ? tail : end);
          continue;
        }

      if (rc == SQLITE_OK)
        {
          do
            rc = sqlite3_step (stmt);
          while (rc == SQLITE_ROW);
          if (rc == SQLITE_DONE)
            {
              n_ok++;
              remember_row_lines (l, line);
            }
          else if (g_cancellable_set_error_if_cancelled (l->ctx->cancellable, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          else if (l->guard.too_expensive)
            {
              sqlite3_finalize (stmt);
              set_too_expensive (error, line, column);
              return FALSE;
            }
          else if (l->guard.over_budget)
            message = g_strdup (_("the statement takes too long"));
          else if (l->guard.denied[0] != '\0')
            /* refused while running, as VACUUM INTO's ATTACH */
            message = g_strdup_printf (_("%s is not allowed in llama-bench output"),
                                       l->guard.denied);
          else
            message = g_strdup_printf (_("SQLite: %s"), sqlite3_errmsg (l->db));
          sqlite3_finalize (stmt);
          resume = tail;
        }
      else
        {
          const char *at = start;
          int offset = -1;

#if SQLITE_VERSION_NUMBER >= 3038000
          offset = sqlite3_error_offset (l->db);
#endif
          if (offset >= 0 && offset < end - start)
            at = start + offset;

          if (l->guard.denied[0] != '\0')
            /* Translators: %s is an SQL keyword, PRAGMA or function name */
            message = g_strdup_printf (_("%s is not allowed in llama-bench output"),
                                       l->guard.denied);
          else
            message = g_strdup_printf (_("SQLite: %s"), sqlite3_errmsg (l->db));
          sqlite3_finalize (stmt);
          /* where SQLite stopped, unless a quote carried it to later lines */
          {
            guint error_line, error_column;

            loader_position (l, at, FALSE, &error_line, &error_column);
            if (error_line == line)
              column = error_column;
          }

          /* Refused for what it does, or broken mid-way (an unescaped
           * quote): go on after it, or at the next line that starts a
           * statement. */
          if (l->guard.too_expensive)
            {
              set_too_expensive (error, line, column);
              return FALSE;
            }
          if (is_complete_statement (start, tail))
            resume = tail;
          else if (l->guard.denied[0] != '\0' &&
                   (resume = statement_end (start, end)) != NULL &&
                   is_complete_statement (start, resume))
            ;  /* refused for what it names, mid-way: skipped whole */
          else
            {
              if (l->guard.denied[0] == '\0' && insert_unescaped (l, start, line))
                {
                  loader_warn (l, line, column,
                               _("a value holds an unescaped ' (llama-bench does not escape "
                                 "quotes in SQL); read as llama-bench printed it"));
                  g_clear_pointer (&message, g_free);
                  n_ok++;
                  resume = next_statement_line (start, end);
                }
              else
                {
                  /* broken: go on after its `;` when that is on its own
                   * line (more statements may follow there), else at the
                   * next line that starts a statement */
                  const char *stop = statement_end (start, end);

                  if (stop != NULL && memchr (start, '\n', stop - start) == NULL)
                    resume = stop;
                  else
                    resume = next_statement_line (start, end);
                }
            }
        }

      if (message != NULL)
        {
          g_autofree char *warning = NULL;

          if (n_failed++ == 0)
            {
              first_message = g_strdup (message);
              first_line = line;
              first_column = column;
            }
          if (starts_with_word (start, end, "INSERT"))
            l->ctx->skipped++;
          /* Translators: %s says what is wrong with an SQL statement */
          warning = g_strdup_printf (_("%s, statement skipped"), message);
          loader_warn (l, line, column, warning);
          if (n_failed >= MAX_FAILED_STATEMENTS)
            {
              loader_warn (l, line, column,
                           _("too many statements failed: the rest of the text was not read"));
              break;
            }
        }

      if (resume == NULL || resume <= start)
        resume = next_statement_line (start, end);
      p = (char *) resume;
    }

  if (n_ok == 0)
    {
      if (n_failed > 0)
        g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                     "%u:%u: %s", first_line, first_column, first_message);
      else
        g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_EMPTY,
                     "%u:%u: %s", 1, 1, _("no SQL statements"));
      return FALSE;
    }
  return TRUE;
}

/* Reading the tables ---------------------------------------------------- */

static gboolean
has_column (sqlite3_stmt *stmt,
            const char   *name)
{
  for (int i = 1; i < sqlite3_column_count (stmt); i++)
    if (g_ascii_strcasecmp (sqlite3_column_name (stmt, i), name) == 0)
      return TRUE;
  return FALSE;
}

static char *
quote_identifier (const char *name)
{
  GString *quoted = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

/* The row's columns to the builder; FALSE (and a warning) when a value is
 * not text the rest of Benchtop can show. */
static gboolean
add_row (Loader       *l,
         sqlite3_stmt *stmt,
         const char   *table,
         guint         line)
{
  int n = sqlite3_column_count (stmt);

  for (int i = 1; i < n; i++)
    {
      const char *text;
      int bytes;

      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        continue;
      text = (const char *) sqlite3_column_text (stmt, i);
      bytes = sqlite3_column_bytes (stmt, i);
      if (text != NULL && !g_utf8_validate_len (text, bytes, NULL))
        {
          g_autofree char *message =
            /* Translators: the first %s is a column name, the second a table name */
            g_strdup_printf (_("column “%s” of table “%s” is not UTF-8 text, row skipped"),
                             sqlite3_column_name (stmt, i), table);
          loader_warn (l, line, 0, message);
          return FALSE;
        }
    }

  for (int i = 1; i < n; i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
        bench_record_builder_add (l->ctx->builder, name, NULL, BENCH_VALUE_UNKNOWN);
      else
        bench_record_builder_add (l->ctx->builder, name,
                                  (const char *) sqlite3_column_text (stmt, i),
                                  BENCH_VALUE_UNKNOWN);
    }
  return TRUE;
}

/* Whether the table computes columns (GENERATED ALWAYS AS … , virtual or
 * stored): llama-bench makes none, and a virtual one is computed again for
 * every row read. The authorizer is not asked about them; the table's
 * columns say. */
static gboolean
has_generated_columns (Loader     *l,
                       const char *quoted)
{
  g_autofree char *query = g_strdup_printf ("PRAGMA table_xinfo(%s)", quoted);
  Access access = l->guard.access;
  sqlite3_stmt *stmt = NULL;
  gboolean generated = FALSE;
  int rc;

  l->guard.access = ACCESS_SCHEMA;
  guard_reset (&l->guard);
  rc = sqlite3_prepare_v2 (l->db, query, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          /* "hidden": 2 a virtual generated column, 3 a stored one */
          int hidden = sqlite3_column_int (stmt, 6);
          if (hidden == 2 || hidden == 3)
            generated = TRUE;
        }
    }
  /* a table whose columns cannot be listed is not read either */
  if (rc != SQLITE_DONE)
    generated = TRUE;
  sqlite3_finalize (stmt);
  l->guard.access = access;
  return generated;
}

/* Reads one table if it has llama-bench columns. Returns FALSE with @error
 * only when cancelled or when reading costs too much. */
static gboolean
read_table (Loader     *l,
            const char *table,
            guint      *segment,
            GError    **error)
{
  g_autofree char *quoted = quote_identifier (table);
  g_autofree char *query = g_strdup_printf ("SELECT rowid, * FROM %s ORDER BY rowid", quoted);
  g_autofree char *key = g_ascii_strdown (table, -1);
  GHashTable *rows = l->row_lines ? g_hash_table_lookup (l->row_lines, key) : NULL;
  sqlite3_stmt *stmt = NULL;
  guint row = 0;
  int rc;

  if (has_generated_columns (l, quoted))
    {
      if (l->guard.too_expensive)
        {
          set_too_expensive (error, 0, 0);
          return FALSE;
        }
      /* Translators: %s is a table name */
      g_autofree char *message = g_strdup_printf (_("table “%s” computes columns (GENERATED "
                                                    "ALWAYS AS); llama-bench makes none, "
                                                    "table skipped"), table);
      loader_warn (l, 0, 0, message);
      return TRUE;
    }

  guard_reset (&l->guard);
  rc = sqlite3_prepare_v2 (l->db, query, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      /* a WITHOUT ROWID table: its own order */
      sqlite3_finalize (stmt);
      stmt = NULL;
      g_free (query);
      query = g_strdup_printf ("SELECT NULL, * FROM %s", quoted);
      guard_reset (&l->guard);
      rc = sqlite3_prepare_v2 (l->db, query, -1, &stmt, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *message =
        g_strdup_printf (_("table “%s” cannot be read: %s"), table, sqlite3_errmsg (l->db));
      sqlite3_finalize (stmt);
      loader_warn (l, 0, 0, message);
      return TRUE;
    }
  if (!(has_column (stmt, "n_prompt") || has_column (stmt, "n_gen")) ||
      !(has_column (stmt, "avg_ts") || has_column (stmt, "avg_ns")))
    {
      sqlite3_finalize (stmt);
      return TRUE;
    }

  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      BenchResult *result;
      guint line;

      guard_reset (&l->guard);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;

      row++;
      if (row % CHECK_EVERY == 0 &&
          g_cancellable_set_error_if_cancelled (l->ctx->cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }

      line = row;
      if (rows != NULL && sqlite3_column_type (stmt, 0) == SQLITE_INTEGER)
        {
          gpointer found = g_hash_table_lookup (
            rows, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
          if (found != NULL)
            line = GPOINTER_TO_UINT (found);
        }

      if (!add_row (l, stmt, table, line))
        {
          bench_record_builder_reset (l->ctx->builder);
          l->ctx->skipped++;
          continue;
        }
      result = bench_record_builder_finish (l->ctx->builder, l->ctx->name, l->format, line,
                                            *segment, &local_error);
      if (result == NULL)
        {
          l->ctx->skipped++;
          loader_warn (l, line, 0, local_error->message);
          continue;
        }
      g_ptr_array_add (l->ctx->results, result);
    }

  if (rc != SQLITE_DONE)
    {
      g_autofree char *message = NULL;

      if (g_cancellable_set_error_if_cancelled (l->ctx->cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (l->guard.too_expensive)
        {
          sqlite3_finalize (stmt);
          set_too_expensive (error, row + 1, 0);
          return FALSE;
        }
      if (l->guard.over_budget)
        message = g_strdup_printf (_("table “%s”: reading a row takes too long, "
                                     "the rest of the table was not read"), table);
      else
        message = g_strdup_printf (_("table “%s”: %s; the rest of the table was not read"),
                                   table, sqlite3_errmsg (l->db));
      loader_warn (l, row + 1, 0, message);
    }
  sqlite3_finalize (stmt);
  (*segment)++;
  return TRUE;
}

/* Every table with llama-bench columns, in the order they were created. */
static gboolean
read_tables (Loader  *l,
             GError **error)
{
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  guint segment = 0;
  int rc;

  l->guard.access = ACCESS_READ;
  guard_reset (&l->guard);
  rc = sqlite3_prepare_v2 (l->db,
                           "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                           "ORDER BY rowid",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      if (name == NULL || g_ascii_strncasecmp (name, "sqlite_", 7) == 0)
        continue;
      /* virtual tables run modules' code; llama-bench makes none */
      if (sql != NULL && g_ascii_strncasecmp (sql, "CREATE VIRTUAL", 14) == 0)
        continue;
      g_ptr_array_add (tables, g_strdup (name));
    }
  if (rc != SQLITE_DONE)
    {
      if (g_cancellable_set_error_if_cancelled (l->ctx->cancellable, error))
        ;
      else if (l->guard.too_expensive)
        set_too_expensive (error, 0, 0);
      else
        g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                     _("not a valid SQLite database: %s"), sqlite3_errmsg (l->db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    if (!read_table (l, g_ptr_array_index (tables, i), &segment, error))
      return FALSE;

  if (segment == 0)
    loader_warn (l, 0, 0,
                 _("no table with llama-bench columns (n_prompt, n_gen, avg_ts); "
                   "llama-bench names its table “llama_bench” or “test”"));
  if (l->unreported > 0)
    bench_read_context_warn (l->ctx, 0, 0,
                             g_dngettext (GETTEXT_PACKAGE, "%u more problem not shown",
                                          "%u more problems not shown", l->unreported),
                             l->unreported);
  return TRUE;
}

gboolean
bench_read_sql (BenchReadContext  *ctx,
                const char        *data,
                gsize              len,
                GError           **error)
{
  Loader l = {
    .ctx = ctx,
    .format = BENCH_FORMAT_SQL,
    .guard = { .access = ACCESS_LOAD, .cancellable = ctx->cancellable },
  };
  gboolean ok = FALSE;

  ctx->format = BENCH_FORMAT_SQL;
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;

  /* SQLite wants a NUL at the end. A NUL inside becomes a byte that is
   * never UTF-8, so a value holding one is refused like other non-text. */
  l.text = g_malloc (len + 1);
  memcpy (l.text, data, len);
  l.text[len] = '\0';
  for (char *nul = memchr (l.text, '\0', len); nul != NULL;
       nul = memchr (nul + 1, '\0', l.text + len - nul - 1))
    *nul = '\xff';
  l.text_end = l.text + len;
  l.row_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_hash_table_unref);

  guard_start (&l.guard, len);
  l.db = open_private_database (error);
  /* the database may grow to twice the text, and 4 MiB */
  if (l.db != NULL &&
      fence_database (l.db, &l.guard, (gint64) (len / 2048) + 1024, error) &&
      run_text (&l, error) &&
      read_tables (&l, error))
    ok = TRUE;

  if (ok)
    bench_read_context_progress (ctx, len, len);
  sqlite3_close (l.db);
  guard_stop (&l.guard);
  g_hash_table_unref (l.row_lines);
  g_free (l.text);
  return ok;
}

gboolean
bench_read_sqlite (BenchReadContext  *ctx,
                   const char        *data,
                   gsize              len,
                   GError           **error)
{
  static const char magic[] = "SQLite format 3";  /* and its NUL: 16 bytes */
  Loader l = {
    .ctx = ctx,
    .format = BENCH_FORMAT_SQLITE,
    .guard = { .access = ACCESS_READ, .cancellable = ctx->cancellable },
  };
  unsigned char *copy;
  gboolean ok = FALSE;
  int rc;

  ctx->format = BENCH_FORMAT_SQLITE;
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;

  if (len < 512 || memcmp (data, magic, sizeof magic) != 0)
    {
      g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                   _("not a valid SQLite database: %s"),
                   len < 512 ? _("the file is too short") : _("no SQLite header"));
      return FALSE;
    }

  guard_start (&l.guard, len);
  l.db = open_private_database (error);
  if (l.db == NULL)
    {
      guard_stop (&l.guard);
      return FALSE;
    }

  copy = sqlite3_malloc64 (len);
  if (copy == NULL)
    {
      g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_TOO_LARGE,
                   _("not enough memory to read the database"));
      sqlite3_close (l.db);
      guard_stop (&l.guard);
      return FALSE;
    }
  memcpy (copy, data, len);
  /* A database in WAL mode cannot be read from memory; its main file is a
   * plain database all the same (bytes 18 and 19: file format versions). */
  if (copy[18] == 2 && copy[19] == 2)
    copy[18] = copy[19] = 1;

  /* SQLite frees the copy, also when this fails */
  rc = sqlite3_deserialize (l.db, "main", copy, len, len,
                            SQLITE_DESERIALIZE_READONLY | SQLITE_DESERIALIZE_FREEONCLOSE);
  if (rc != SQLITE_OK)
    g_set_error (error, BENCH_READER_ERROR, BENCH_READER_ERROR_INVALID,
                 _("not a valid SQLite database: %s"), sqlite3_errmsg (l.db));
  else if (fence_database (l.db, &l.guard, 0, error) && read_tables (&l, error))
    ok = TRUE;

  if (ok)
    bench_read_context_progress (ctx, len, len);
  sqlite3_close (l.db);
  guard_stop (&l.guard);
  return ok;
}
