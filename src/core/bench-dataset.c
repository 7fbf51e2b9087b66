/* bench-dataset.c — all loaded results and their groups. */
#include "config.h"

#include "bench-dataset.h"

struct _BenchDataset
{
  GObject     parent_instance;

  GListStore *sources;        /* BenchSource */
  GPtrArray  *results;        /* BenchResult, all sources in order */
  GListStore *groups[3];      /* BenchGroup, by BenchGroupKind */
};

static void bench_dataset_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchDataset, bench_dataset, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      bench_dataset_list_model_init))

static GType
bench_dataset_get_item_type (GListModel *model)
{
  return BENCH_TYPE_RESULT;
}

static guint
bench_dataset_get_n_items (GListModel *model)
{
  return BENCH_DATASET (model)->results->len;
}

static gpointer
bench_dataset_get_item (GListModel *model,
                        guint       position)
{
  BenchDataset *self = BENCH_DATASET (model);

  if (position >= self->results->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->results, position));
}

static void
bench_dataset_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bench_dataset_get_item_type;
  iface->get_n_items = bench_dataset_get_n_items;
  iface->get_item = bench_dataset_get_item;
}

static void
bench_dataset_finalize (GObject *object)
{
  BenchDataset *self = BENCH_DATASET (object);

  g_clear_object (&self->sources);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    g_clear_object (&self->groups[i]);

  G_OBJECT_CLASS (bench_dataset_parent_class)->finalize (object);
}

static void
bench_dataset_class_init (BenchDatasetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_dataset_finalize;
}

static void
bench_dataset_init (BenchDataset *self)
{
  self->sources = g_list_store_new (BENCH_TYPE_SOURCE);
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    self->groups[i] = g_list_store_new (BENCH_TYPE_GROUP);
}

BenchDataset *
bench_dataset_new (void)
{
  return g_object_new (BENCH_TYPE_DATASET, NULL);
}

/* How many items two arrays share at their start and, after that, at their
 * end: what lies between is all that changed. */
static void
common_ends (gpointer *a,
             guint     a_len,
             gpointer *b,
             guint     b_len,
             guint    *prefix,
             guint    *suffix)
{
  guint n = MIN (a_len, b_len);
  guint p = 0, q = 0;

  while (p < n && a[p] == b[p])
    p++;
  while (q < n - p && a[a_len - 1 - q] == b[b_len - 1 - q])
    q++;
  *prefix = p;
  *suffix = q;
}

/* Markdown drops the machine, the samples and most settings: of a run
 * loaded in two formats, the richer one is kept. */
static int
richness (BenchSource *source)
{
  return bench_source_get_format (source) == BENCH_FORMAT_MARKDOWN ? 0 : 1;
}

static int
compare_richness (gconstpointer a,
                  gconstpointer b)
{
  BenchSource *x = *(BenchSource **) a, *y = *(BenchSource **) b;

  return richness (y) - richness (x);
}

/* A source that holds a run loaded before (the same file twice, a run and
 * its markdown twin) is marked as the other's duplicate and counted once:
 * its results stay out of the list and the groups. The first source loaded
 * is kept, unless the later one is richer (json over its markdown twin),
 * whatever order the files finished loading in. */
static void
find_duplicates (BenchDataset *self)
{
  GListModel *sources = G_LIST_MODEL (self->sources);
  guint n_sources = g_list_model_get_n_items (sources);
  g_autoptr (GPtrArray) order = g_ptr_array_new_full (n_sources, g_object_unref);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; i < n_sources; i++)
    g_ptr_array_add (order, g_list_model_get_item (sources, i));
  /* stable: equally rich sources stay in the order loaded */
  g_ptr_array_sort (order, compare_richness);

  for (guint i = 0; i < order->len; i++)
    {
      BenchSource *source = g_ptr_array_index (order, i);
      BenchSource *original = NULL;

      for (guint j = 0; j < kept->len && original == NULL; j++)
        if (bench_source_same_run (g_ptr_array_index (kept, j), source))
          original = g_ptr_array_index (kept, j);
      if (original == NULL)
        g_ptr_array_add (kept, source);
      bench_source_set_duplicate_of (source, original);
    }
}

/* The results of every source in order. The list model reports only the
 * stretch that changed: the results of the source added, replaced or
 * removed. */
static void
update_results (BenchDataset *self)
{
  g_autoptr (GPtrArray) old = self->results;
  guint n_sources = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  guint prefix, suffix;

  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr (BenchSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (bench_source_get_duplicate_of (source) == NULL)
        g_ptr_array_extend (self->results, bench_source_get_results (source),
                            (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
    }
  common_ends (old->pdata, old->len, self->results->pdata, self->results->len, &prefix, &suffix);
  if (prefix + suffix < MAX (old->len, self->results->len))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                self->results->len - prefix - suffix);
}

/* Regroups every result, then keeps each group that is still there (by
 * key) as the same object: a group whose results changed gets them in
 * place, and the store reports it as changed (removed and added again at
 * its place, so sorted and filtered views place it anew and a selection
 * keeps it); groups that appear or vanish are spliced in or out. Nothing
 * else is reported: the views keep their selection and scroll position. */
static void
update_groups (BenchDataset   *self,
               BenchGroupKind  kind)
{
  GListModel *model = G_LIST_MODEL (self->groups[kind]);
  guint n_old = g_list_model_get_n_items (model);
  g_autoptr (GPtrArray) old = g_ptr_array_new_full (n_old, g_object_unref);
  g_autoptr (GPtrArray) fresh = bench_group_results (self->results, kind);
  g_autoptr (GPtrArray) next = g_ptr_array_new_full (fresh->len, g_object_unref);
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) changed = g_hash_table_new (NULL, NULL);
  guint prefix, suffix;

  for (guint i = 0; i < n_old; i++)
    {
      BenchGroup *group = g_list_model_get_item (model, i);

      g_ptr_array_add (old, group);
      g_hash_table_insert (by_key, (gpointer) bench_group_get_key (group), group);
    }
  for (guint i = 0; i < fresh->len; i++)
    {
      BenchGroup *group = g_ptr_array_index (fresh, i);
      BenchGroup *kept = g_hash_table_lookup (by_key, bench_group_get_key (group));

      if (kept == NULL)
        g_ptr_array_add (next, g_object_ref (group));
      else
        {
          if (bench_group_set_results (kept, bench_group_get_results (group)))
            g_hash_table_add (changed, kept);
          g_ptr_array_add (next, g_object_ref (kept));
        }
    }

  common_ends (old->pdata, old->len, next->pdata, next->len, &prefix, &suffix);
  if (prefix + suffix < MAX (old->len, next->len))
    g_list_store_splice (self->groups[kind], prefix, old->len - prefix - suffix,
                         next->pdata + prefix, next->len - prefix - suffix);

  /* the groups that stayed where they were but changed, stretch by stretch */
  for (guint i = 0; i < next->len; i++)
    {
      guint n = 0;

      if (i >= prefix && i < next->len - suffix)
        continue;
      while (i + n < next->len && (i + n < prefix || i + n >= next->len - suffix) &&
             g_hash_table_contains (changed, g_ptr_array_index (next, i + n)))
        n++;
      if (n > 0)
        {
          g_list_store_splice (self->groups[kind], i, n, next->pdata + i, n);
          i += n - 1;
        }
    }
}

static void
update (BenchDataset *self)
{
  find_duplicates (self);
  update_results (self);
  for (guint k = 0; k < G_N_ELEMENTS (self->groups); k++)
    update_groups (self, k);
}

static gboolean
same_source (BenchSource *a,
             BenchSource *b)
{
  GFile *fa = bench_source_get_file (a);
  GFile *fb = bench_source_get_file (b);

  if (fa != NULL || fb != NULL)
    return fa != NULL && fb != NULL && g_file_equal (fa, fb);
  return g_strcmp0 (bench_source_get_name (a), bench_source_get_name (b)) == 0;
}

void
bench_dataset_add_source (BenchDataset *self,
                          BenchSource  *source)
{
  guint n;

  g_return_if_fail (BENCH_IS_DATASET (self));
  g_return_if_fail (BENCH_IS_SOURCE (source));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BenchSource) existing = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      if (same_source (existing, source))
        {
          g_list_store_splice (self->sources, i, 1, (gpointer *) &source, 1);
          update (self);
          return;
        }
    }
  g_list_store_append (self->sources, source);
  update (self);
}

void
bench_dataset_remove_source (BenchDataset *self,
                             BenchSource  *source)
{
  guint position;

  g_return_if_fail (BENCH_IS_DATASET (self));
  if (g_list_store_find (self->sources, source, &position))
    {
      g_list_store_remove (self->sources, position);
      update (self);
    }
}

void
bench_dataset_clear (BenchDataset *self)
{
  g_return_if_fail (BENCH_IS_DATASET (self));
  g_list_store_remove_all (self->sources);
  update (self);
}

BenchSource *
bench_dataset_find_source (BenchDataset *self,
                           GFile        *file)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BenchSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      GFile *f = bench_source_get_file (source);
      if (f != NULL && g_file_equal (f, file))
        return source;
    }
  return NULL;
}

GListModel *
bench_dataset_get_sources (BenchDataset *self)
{
  g_return_val_if_fail (BENCH_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->sources);
}

guint
bench_dataset_get_n_results (BenchDataset *self)
{
  g_return_val_if_fail (BENCH_IS_DATASET (self), 0);
  return self->results->len;
}

GListModel *
bench_dataset_get_groups (BenchDataset   *self,
                          BenchGroupKind  kind)
{
  g_return_val_if_fail (BENCH_IS_DATASET (self), NULL);
  g_return_val_if_fail (kind <= BENCH_GROUP_HARDWARE, NULL);
  return G_LIST_MODEL (self->groups[kind]);
}
