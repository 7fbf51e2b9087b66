/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-dataset.c — all loaded results and their groups. */
#include "config.h"

#include "bench-dataset.h"
#include "bench-group-private.h"

struct _BenchDataset
{
  GObject     parent_instance;

  GListStore *sources;        /* BenchSource */
  GPtrArray  *active;         /* BenchSource: the sources not duplicates, in order */
  GPtrArray  *results;        /* BenchResult, the active sources' in order */
  GListStore *groups[3];      /* BenchGroup, by BenchGroupKind */
  /* per kind: the groups as in the store, by key (the group owns the
   * key), and their positions (+ 1) in the store */
  GPtrArray  *order[3];
  GHashTable *by_key[3];
  GHashTable *position[3];
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
  g_clear_pointer (&self->active, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    {
      g_clear_object (&self->groups[i]);
      g_clear_pointer (&self->by_key[i], g_hash_table_unref);
      g_clear_pointer (&self->position[i], g_hash_table_unref);
      g_clear_pointer (&self->order[i], g_ptr_array_unref);
    }

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
  self->active = g_ptr_array_new_with_free_func (g_object_unref);
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    {
      self->groups[i] = g_list_store_new (BENCH_TYPE_GROUP);
      self->order[i] = g_ptr_array_new_with_free_func (g_object_unref);
      self->by_key[i] = g_hash_table_new (g_str_hash, g_str_equal);
      self->position[i] = g_hash_table_new (NULL, NULL);
    }
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

/* A source's results split by group key, once per source, each part with
 * a group of it alone made ahead (what a key new to the dataset gets):
 * made where it was read when the loader did (bench_dataset_prepare_source
 * ()), otherwise the first time it is added. */
typedef struct
{
  GPtrArray  *parts[3];    /* BenchGroupPart, in order of first appearance */
  GHashTable *by_key[3];   /* key → BenchGroupPart */
} SourceParts;

static void
source_parts_free (gpointer data)
{
  SourceParts *sp = data;

  for (guint k = 0; k < G_N_ELEMENTS (sp->parts); k++)
    {
      g_hash_table_unref (sp->by_key[k]);
      g_ptr_array_unref (sp->parts[k]);
    }
  g_free (sp);
}

G_DEFINE_QUARK (bench-dataset-parts, source_parts)

/* A group for @part alone: the one made ahead, the first time */
static BenchGroup *
take_group (BenchGroupKind  kind,
            BenchGroupPart *part)
{
  if (part->group != NULL)
    return g_steal_pointer (&part->group);
  return bench_group_new_with_results (kind, part->key, part->results);
}

static SourceParts *
source_parts (BenchSource *source)
{
  SourceParts *sp = g_object_get_qdata (G_OBJECT (source), source_parts_quark ());

  if (sp != NULL)
    return sp;
  sp = g_new0 (SourceParts, 1);
  for (guint k = 0; k < G_N_ELEMENTS (sp->parts); k++)
    {
      sp->parts[k] = bench_group_partition (bench_source_get_results (source), k);
      sp->by_key[k] = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < sp->parts[k]->len; i++)
        {
          BenchGroupPart *part = g_ptr_array_index (sp->parts[k], i);

          g_hash_table_insert (sp->by_key[k], part->key, part);
          part->group = bench_group_new_with_results (k, part->key, part->results);
        }
    }
  g_object_set_qdata_full (G_OBJECT (source), source_parts_quark (), sp, source_parts_free);
  return sp;
}

void
bench_dataset_prepare_source (BenchSource *source)
{
  g_return_if_fail (BENCH_IS_SOURCE (source));
  source_parts (source);
}

/* The results of every active source in order. The list model reports
 * only the stretch that changed: the results of the source added,
 * replaced or removed. */
static void
update_results (BenchDataset *self,
                gboolean      appended)
{
  g_autoptr (GPtrArray) old = NULL;
  guint prefix, suffix;

  if (appended)
    {
      BenchSource *last = g_ptr_array_index (self->active, self->active->len - 1);
      GPtrArray *added = bench_source_get_results (last);
      guint position = self->results->len;

      g_ptr_array_extend (self->results, added, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
      if (added->len > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added->len);
      return;
    }

  old = self->results;
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->active->len; i++)
    g_ptr_array_extend (self->results, bench_source_get_results (g_ptr_array_index (self->active, i)),
                        (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  common_ends (old->pdata, old->len, self->results->pdata, self->results->len, &prefix, &suffix);
  if (prefix + suffix < MAX (old->len, self->results->len))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                self->results->len - prefix - suffix);
}

/* The results with @key of the active sources from @from on, in order. */
static GPtrArray *
gather (BenchDataset   *self,
        BenchGroupKind  kind,
        const char     *key,
        guint           from)
{
  GPtrArray *results = NULL;
  gboolean shared = FALSE;

  for (guint i = from; i < self->active->len; i++)
    {
      BenchGroupPart *part = g_hash_table_lookup (source_parts (g_ptr_array_index (self->active, i))->by_key[kind],
                                                  key);
      if (part == NULL)
        continue;
      if (results == NULL)
        {
          /* one source's share is the group's results as they are */
          results = g_ptr_array_ref (part->results);
          shared = TRUE;
          continue;
        }
      if (shared)
        {
          GPtrArray *copy = g_ptr_array_copy (results, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
          g_ptr_array_unref (results);
          results = copy;
          shared = FALSE;
        }
      g_ptr_array_extend (results, part->results, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
    }
  return results;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* Reports the groups at @positions (sorted) as changed: removed and added
 * again at their place, stretch by stretch. */
static void
splice_changed (BenchDataset   *self,
                BenchGroupKind  kind,
                GArray         *positions)
{
  for (guint i = 0; i < positions->len;)
    {
      guint start = g_array_index (positions, guint, i);
      guint n = 1;

      while (i + n < positions->len && g_array_index (positions, guint, i + n) == start + n)
        n++;
      g_list_store_splice (self->groups[kind], start, n, self->order[kind]->pdata + start, n);
      i += n;
    }
}

/* Only the groups the sources that came or went have results in are
 * touched: their results are gathered anew from the active sources' shares
 * (kept as the same object, see bench_group_set_results ()), groups that
 * appear are made and those left empty dropped. Groups are in order of
 * first appearance. The store reports a group whose results changed as
 * removed and added again at its place (so sorted and filtered views place
 * it anew and a selection keeps it); groups that appear or vanish are
 * spliced in or out. Nothing else is reported: the views keep their
 * selection and scroll position. */
static void
update_groups (BenchDataset   *self,
               BenchGroupKind  kind,
               GPtrArray      *came,
               GPtrArray      *went,
               gboolean        appended)
{
  GPtrArray *old = self->order[kind];
  GHashTable *by_key = self->by_key[kind];
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GPtrArray) next = NULL;
  g_autoptr (GHashTable) touched = NULL;
  g_autoptr (GHashTable) changed_groups = NULL;
  g_autoptr (GHashTable) seen = NULL;
  guint prefix, suffix;

  if (appended)
    {
      /* the common case, a file read: its groups come last, and groups it
       * shares with earlier sources get its results at their end */
      GPtrArray *parts = source_parts (g_ptr_array_index (came, 0))->parts[kind];
      guint n_old = old->len;

      for (guint i = 0; i < parts->len; i++)
        {
          BenchGroupPart *part = g_ptr_array_index (parts, i);
          BenchGroup *group = g_hash_table_lookup (by_key, part->key);

          if (group == NULL)
            {
              group = take_group (kind, part);
              g_hash_table_insert (by_key, (gpointer) bench_group_get_key (group), group);
              g_hash_table_insert (self->position[kind], group, GUINT_TO_POINTER (old->len + 1));
              g_ptr_array_add (old, group);
            }
          else
            {
              guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->position[kind], group)) - 1;

              g_clear_object (&part->group);   /* not needed */
              if (bench_group_append_results (group, part->results))
                g_array_append_val (changed, position);
            }
        }
      if (old->len > n_old)
        g_list_store_splice (self->groups[kind], n_old, 0, old->pdata + n_old, old->len - n_old);
      g_array_sort (changed, compare_uint);
      splice_changed (self, kind, changed);
      return;
    }

  /* the keys of the sources that came or went */
  touched = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint s = 0; s < 2; s++)
    {
      GPtrArray *sources = s == 0 ? came : went;

      for (guint i = 0; i < sources->len; i++)
        {
          GPtrArray *parts = source_parts (g_ptr_array_index (sources, i))->parts[kind];

          for (guint j = 0; j < parts->len; j++)
            g_hash_table_add (touched, ((BenchGroupPart *) g_ptr_array_index (parts, j))->key);
        }
    }

  /* every group in order of first appearance; only touched ones change */
  next = g_ptr_array_new_full (old->len, g_object_unref);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  changed_groups = g_hash_table_new (NULL, NULL);
  for (guint s = 0; s < self->active->len; s++)
    {
      GPtrArray *parts = source_parts (g_ptr_array_index (self->active, s))->parts[kind];

      for (guint j = 0; j < parts->len; j++)
        {
          BenchGroupPart *part = g_ptr_array_index (parts, j);
          BenchGroup *group;

          if (!g_hash_table_add (seen, part->key))
            continue;
          group = g_hash_table_lookup (by_key, part->key);
          if (g_hash_table_contains (touched, part->key))
            {
              /* no earlier source has the key */
              g_autoptr (GPtrArray) results = gather (self, kind, part->key, s);

              if (group == NULL)
                {
                  /* of one source's results alone: its part's group */
                  group = results == part->results ? take_group (kind, part)
                                                   : bench_group_new_with_results (kind, part->key, results);
                  g_hash_table_insert (by_key, (gpointer) bench_group_get_key (group), group);
                  g_ptr_array_add (next, group);
                  continue;
                }
              if (bench_group_set_results (group, results))
                g_hash_table_add (changed_groups, group);
            }
          g_ptr_array_add (next, g_object_ref (group));
        }
    }
  /* the touched groups nobody has results for any more */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, touched);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_hash_table_contains (seen, key))
        g_hash_table_remove (by_key, key);
  }

  common_ends (old->pdata, old->len, next->pdata, next->len, &prefix, &suffix);
  /* the old groups stay alive until the store lets them go */
  self->order[kind] = g_steal_pointer (&next);
  next = old;
  g_hash_table_remove_all (self->position[kind]);
  for (guint i = 0; i < self->order[kind]->len; i++)
    g_hash_table_insert (self->position[kind], g_ptr_array_index (self->order[kind], i),
                         GUINT_TO_POINTER (i + 1));
  if (prefix + suffix < MAX (old->len, self->order[kind]->len))
    g_list_store_splice (self->groups[kind], prefix, old->len - prefix - suffix,
                         self->order[kind]->pdata + prefix, self->order[kind]->len - prefix - suffix);

  /* the groups that stayed where they were but changed */
  for (guint i = 0; i < self->order[kind]->len; i++)
    {
      if (i >= prefix && i < self->order[kind]->len - suffix)
        continue;
      if (g_hash_table_contains (changed_groups, g_ptr_array_index (self->order[kind], i)))
        g_array_append_val (changed, i);
    }
  splice_changed (self, kind, changed);
}

static void
update (BenchDataset *self)
{
  g_autoptr (GPtrArray) was = self->active;
  g_autoptr (GPtrArray) came = g_ptr_array_new ();
  g_autoptr (GPtrArray) went = g_ptr_array_new ();
  g_autoptr (GHashTable) in_was = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) in_now = g_hash_table_new (NULL, NULL);
  guint n_sources = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  gboolean appended;

  find_duplicates (self);
  self->active = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_sources; i++)
    {
      BenchSource *source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (bench_source_get_duplicate_of (source) == NULL)
        {
          g_ptr_array_add (self->active, source);
          g_hash_table_add (in_now, source);
        }
      else
        g_object_unref (source);
    }
  for (guint i = 0; i < was->len; i++)
    {
      g_hash_table_add (in_was, g_ptr_array_index (was, i));
      if (!g_hash_table_contains (in_now, g_ptr_array_index (was, i)))
        g_ptr_array_add (went, g_ptr_array_index (was, i));
    }
  for (guint i = 0; i < self->active->len; i++)
    if (!g_hash_table_contains (in_was, g_ptr_array_index (self->active, i)))
      g_ptr_array_add (came, g_ptr_array_index (self->active, i));
  if (came->len == 0 && went->len == 0)
    return;   /* a duplicate came or went: nothing shown changes */

  /* one source added after the others, which stay as they were */
  appended = went->len == 0 && came->len == 1 &&
             g_ptr_array_index (self->active, self->active->len - 1) == g_ptr_array_index (came, 0);

  update_results (self, appended);
  for (guint k = 0; k < G_N_ELEMENTS (self->groups); k++)
    update_groups (self, k, came, went, appended);
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
