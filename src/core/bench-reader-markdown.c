/* placeholder until the markdown reader lands (being written now) */
#include "config.h"
#include "bench-reader.h"
gboolean bench_read_markdown (BenchReadContext *ctx, const char *data, gsize len, GError **error)
{ g_set_error_literal (error, BENCH_READER_ERROR, BENCH_READER_ERROR_UNKNOWN_FORMAT, "md: not yet"); return FALSE; }
