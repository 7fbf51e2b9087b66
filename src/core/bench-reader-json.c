#include "config.h"
#include "bench-reader.h"
gboolean bench_read_json (BenchReadContext *ctx, const char *data, gsize len, GError **error)
{ g_set_error_literal (error, BENCH_READER_ERROR, BENCH_READER_ERROR_UNKNOWN_FORMAT, "json: not yet"); return FALSE; }
