/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-reader.h — what the format readers share.
 *
 * A reader gets the whole text of a source (a file mapped in memory, a paste,
 * standard input) and appends every record it can read to ctx->results.
 * Problems with single records are warnings (ctx diagnostics) with a line and
 * column; the reader goes on with the next record. A reader returns FALSE only
 * when nothing in the text can be read as its format (e.g. SQL that SQLite
 * rejects as a whole); bench_source_load_*() turns "no records and some
 * diagnostics" into an error naming the first problem.
 */
#pragma once

#include <gio/gio.h>

#include "bench-record-builder.h"
#include "bench-result.h"

G_BEGIN_DECLS

#define BENCH_READER_ERROR (bench_reader_error_quark ())

typedef enum
{
  BENCH_READER_ERROR_UNKNOWN_FORMAT,
  BENCH_READER_ERROR_INVALID,
  BENCH_READER_ERROR_EMPTY,
  BENCH_READER_ERROR_TOO_LARGE,
} BenchReaderError;

GQuark bench_reader_error_quark (void);

typedef enum
{
  BENCH_DIAGNOSTIC_WARNING,
  BENCH_DIAGNOSTIC_ERROR,
} BenchDiagnosticLevel;

typedef struct
{
  BenchDiagnosticLevel level;
  guint                line;     /* 1-based; 0 when unknown */
  guint                column;   /* 1-based; 0 when unknown */
  char                *message;  /* translated, without file and position */
} BenchDiagnostic;

void  bench_diagnostic_free (BenchDiagnostic *diagnostic);
/* "FILE:LINE:COLUMN: message" (LINE/COLUMN left out when unknown) */
char *bench_diagnostic_format (const BenchDiagnostic *diagnostic,
                               const char            *source);

/* Progress as a fraction of the source read, 0.0 – 1.0; may be called from
 * a worker thread. */
typedef void (*BenchProgressFunc) (double   fraction,
                                   gpointer user_data);

typedef struct
{
  const char         *name;          /* source name, for results and messages */
  BenchRecordBuilder *builder;
  GPtrArray          *results;       /* BenchResult, owned */
  GPtrArray          *diagnostics;   /* BenchDiagnostic, owned */
  GCancellable       *cancellable;
  BenchProgressFunc   progress;
  gpointer            progress_data;
  BenchFormat         format;        /* the reader sets what it found */
  guint               skipped;       /* records seen but not loaded */
  gboolean            release_input; /* data is a read-only file mapping whose
                                      * pages may be dropped once read */
} BenchReadContext;

void bench_read_context_warn (BenchReadContext *ctx,
                              guint             line,
                              guint             column,
                              const char       *format,
                              ...) G_GNUC_PRINTF (4, 5);
void bench_read_context_progress (BenchReadContext *ctx,
                                  gsize             done,
                                  gsize             total);

/* Line (1-based) and column (1-based, in characters) of @offset in @data. */
void bench_text_position (const char *data,
                          gsize       offset,
                          guint      *line,
                          guint      *column);

/* Detection from content. @data need not be NUL-terminated. */
BenchFormat bench_detect_format (const char *data,
                                 gsize       len);

gboolean bench_read_json     (BenchReadContext *ctx,
                              const char       *data,
                              gsize             len,
                              GError          **error);
gboolean bench_read_csv      (BenchReadContext *ctx,
                              const char       *data,
                              gsize             len,
                              GError          **error);
gboolean bench_read_markdown (BenchReadContext *ctx,
                              const char       *data,
                              gsize             len,
                              GError          **error);
/* SQL text (-o sql), executed in a private in-memory SQLite database */
gboolean bench_read_sql      (BenchReadContext *ctx,
                              const char       *data,
                              gsize             len,
                              GError          **error);
/* a SQLite database file's bytes (deserialized in memory, read-only) */
gboolean bench_read_sqlite   (BenchReadContext *ctx,
                              const char       *data,
                              gsize             len,
                              GError          **error);

G_END_DECLS
