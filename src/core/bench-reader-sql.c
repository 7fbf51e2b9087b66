/* placeholder until the sql reader lands (being written now) */
#include "config.h"
#include "bench-reader.h"
gboolean bench_read_sql (BenchReadContext *ctx, const char *data, gsize len, GError **error)
{ g_set_error_literal (error, BENCH_READER_ERROR, BENCH_READER_ERROR_UNKNOWN_FORMAT, "sql: not yet"); return FALSE; }
gboolean bench_read_sqlite (BenchReadContext *ctx, const char *data, gsize len, GError **error)
{ g_set_error_literal (error, BENCH_READER_ERROR, BENCH_READER_ERROR_UNKNOWN_FORMAT, "sqlite: not yet"); return FALSE; }
