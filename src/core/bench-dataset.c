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

/* Sources change rarely and grouping 100,000 results takes milliseconds:
 * rebuild everything rather than patch. */
static void
rebuild (BenchDataset *self)
{
  guint old_len = self->results->len;
  guint n_sources = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  g_ptr_array_set_size (self->results, 0);
  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr (BenchSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      g_ptr_array_extend (self->results, bench_source_get_results (source),
                          (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->results->len);

  for (guint k = 0; k < G_N_ELEMENTS (self->groups); k++)
    {
      g_autoptr (GPtrArray) groups = bench_group_results (self->results, k);
      g_list_store_splice (self->groups[k], 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->groups[k])),
                           groups->pdata, groups->len);
    }
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
          rebuild (self);
          return;
        }
    }
  g_list_store_append (self->sources, source);
  rebuild (self);
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
      rebuild (self);
    }
}

void
bench_dataset_clear (BenchDataset *self)
{
  g_return_if_fail (BENCH_IS_DATASET (self));
  g_list_store_remove_all (self->sources);
  rebuild (self);
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
