/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-str-pool.c — interned strings shared by the results of one source. */
#include "bench-str-pool.h"

#include <string.h>

struct _BenchStrPool
{
  gatomicrefcount  ref_count;
  GStringChunk    *chunk;
  GHashTable      *table;   /* const char * → same, owned by chunk */
};

BenchStrPool *
bench_str_pool_new (void)
{
  BenchStrPool *self = g_new0 (BenchStrPool, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->chunk = g_string_chunk_new (4096);
  self->table = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

BenchStrPool *
bench_str_pool_ref (BenchStrPool *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bench_str_pool_unref (BenchStrPool *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->table);
  g_string_chunk_free (self->chunk);
  g_free (self);
}

const char *
bench_str_pool_intern (BenchStrPool *self,
                       const char   *str)
{
  const char *found;

  if (str == NULL)
    return NULL;
  if (str[0] == '\0')
    return "";
  found = g_hash_table_lookup (self->table, str);
  if (found == NULL)
    {
      found = g_string_chunk_insert (self->chunk, str);
      g_hash_table_add (self->table, (gpointer) found);
    }
  return found;
}

const char *
bench_str_pool_intern_len (BenchStrPool *self,
                           const char   *str,
                           gssize        len)
{
  char buf[256];
  g_autofree char *heap = NULL;
  char *tmp;

  if (len < 0)
    return bench_str_pool_intern (self, str);
  if ((gsize) len < sizeof buf)
    tmp = buf;
  else
    tmp = heap = g_malloc (len + 1);
  memcpy (tmp, str, len);
  tmp[len] = '\0';
  return bench_str_pool_intern (self, tmp);
}
