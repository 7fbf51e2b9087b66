/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-str-pool.h — a refcounted pool of interned strings.
 *
 * Results repeat the same strings thousands of times (model names, CPU names,
 * "f16", "layer"). Each loaded source owns one pool; results keep a reference
 * to it so their `const char *` fields stay valid. Not thread-safe: one pool
 * per worker thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchStrPool BenchStrPool;

BenchStrPool *bench_str_pool_new    (void);
BenchStrPool *bench_str_pool_ref    (BenchStrPool *self);
void          bench_str_pool_unref  (BenchStrPool *self);
const char   *bench_str_pool_intern (BenchStrPool *self,
                                     const char   *str);
const char   *bench_str_pool_intern_len (BenchStrPool *self,
                                         const char   *str,
                                         gssize        len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchStrPool, bench_str_pool_unref)

G_END_DECLS
