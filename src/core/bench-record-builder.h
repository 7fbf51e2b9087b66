/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-record-builder.h — turns the (field, value) pairs a reader finds into
 * a BenchResult.
 *
 * Every reader (JSON, CSV, markdown, SQL) feeds the same builder, so the rules
 * that make formats agree live in one place: which fields are core and which
 * are parameters, how booleans and flash_attn are normalized, how the old
 * per-backend booleans become a backends string, how statistics are
 * recomputed from samples, and the derived labels. Not thread-safe; one
 * builder per worker.
 */
#pragma once

#include "bench-result.h"
#include "bench-str-pool.h"

G_BEGIN_DECLS

typedef struct _BenchRecordBuilder BenchRecordBuilder;

BenchRecordBuilder *bench_record_builder_new     (BenchStrPool       *pool);
void                bench_record_builder_free    (BenchRecordBuilder *self);
BenchStrPool       *bench_record_builder_get_pool (BenchRecordBuilder *self);

/* Start a new record; forgets everything added since the last finish. */
void         bench_record_builder_reset          (BenchRecordBuilder *self);

/* A field by llama-bench's name. @text is the value as written (without
 * quotes); @type is BENCH_VALUE_UNKNOWN when the format does not say (CSV,
 * SQL, markdown): the builder then uses what it knows of the field, or infers
 * the type from the text. Adding a field twice keeps the last value. */
void         bench_record_builder_add            (BenchRecordBuilder *self,
                                                  const char         *key,
                                                  const char         *text,
                                                  BenchValueType      type);
void         bench_record_builder_add_len        (BenchRecordBuilder *self,
                                                  const char         *key,
                                                  const char         *text,
                                                  gssize              text_len,
                                                  BenchValueType      type);
void         bench_record_builder_add_int        (BenchRecordBuilder *self,
                                                  const char         *key,
                                                  gint64              value);
void         bench_record_builder_add_double     (BenchRecordBuilder *self,
                                                  const char         *key,
                                                  double              value);
void         bench_record_builder_add_bool       (BenchRecordBuilder *self,
                                                  const char         *key,
                                                  gboolean            value);

void         bench_record_builder_set_samples_ns (BenchRecordBuilder *self,
                                                  const gint64       *samples,
                                                  guint               n_samples);
void         bench_record_builder_set_samples_ts (BenchRecordBuilder *self,
                                                  const double       *samples,
                                                  guint               n_samples);

/* Builds the record. Fails (NULL, @error set to a message without position;
 * the reader adds file and line) when the record is not a llama-bench test:
 * no n_prompt/n_gen, or no statistic at all. */
BenchResult *bench_record_builder_finish         (BenchRecordBuilder *self,
                                                  const char         *source,
                                                  BenchFormat         format,
                                                  guint               line,
                                                  guint               run_index,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchRecordBuilder, bench_record_builder_free)

G_END_DECLS
