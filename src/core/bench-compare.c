/* bench-compare.c — matching results across sides, speedups, verdicts. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bench-compare.h"
#include "bench-field.h"

/* The identity of a result, as compare-llama-bench.py lines rows up: the
 * registry's fields with the identity role, in its order. */
static GPtrArray *
identity_fields (void)
{
  static GPtrArray *fields;

  if (g_once_init_enter (&fields))
    {
      g_autoptr (GPtrArray) list = bench_field_list_with_role (BENCH_FIELD_ROLE_IDENTITY);
      GPtrArray *names = g_ptr_array_new ();

      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (names, (gpointer) ((const BenchField *) g_ptr_array_index (list, i))->name);
      g_once_init_leave (&fields, names);
    }
  return fields;
}

struct _BenchComparison
{
  guint       n_sides;
  char      **names;
  GPtrArray  *rows;          /* BenchCompareRow */
  GPtrArray  *side_fields;   /* const char * */
  GPtrArray  *shown_fields;  /* const char * */
  guint       n_unmatched;
  gboolean    models_vary;   /* rows name their model then */
};

const char *
bench_verdict_to_string (BenchVerdict verdict)
{
  switch (verdict)
    {
    case BENCH_VERDICT_FASTER:       return _("faster");
    case BENCH_VERDICT_SLOWER:       return _("slower");
    case BENCH_VERDICT_WITHIN_NOISE: return _("within noise");
    case BENCH_VERDICT_NOISE_UNKNOWN: return _("noise unknown");
    case BENCH_VERDICT_MISSING:
    default:                         return _("no match");
    }
}

void
bench_speedup (double  base_avg,
               double  base_sd,
               double  cand_avg,
               double  cand_sd,
               double *speedup,
               double *speedup_sd)
{
  double rb, rc;

  if (!(base_avg > 0) || !(cand_avg >= 0))
    {
      *speedup = NAN;
      *speedup_sd = NAN;
      return;
    }
  *speedup = cand_avg / base_avg;
  /* first-order propagation for a ratio: relative deviations add in
   * quadrature */
  rb = isfinite (base_sd) ? base_sd / base_avg : 0;
  rc = isfinite (cand_sd) && cand_avg > 0 ? cand_sd / cand_avg : 0;
  *speedup_sd = *speedup * sqrt (rb * rb + rc * rc);
}

BenchVerdict
bench_speedup_verdict (double speedup,
                       double speedup_sd)
{
  double margin = isfinite (speedup_sd) ? 2 * speedup_sd : 0;

  if (!isfinite (speedup))
    return BENCH_VERDICT_MISSING;
  if (margin == 0 && speedup != 1.0)
    return BENCH_VERDICT_NOISE_UNKNOWN;
  if (speedup - margin > 1.0)
    return BENCH_VERDICT_FASTER;
  if (speedup + margin < 1.0)
    return BENCH_VERDICT_SLOWER;
  return BENCH_VERDICT_WITHIN_NOISE;
}

static char *
field_text (BenchResult *r,
            const char  *field)
{
  char *text = bench_result_dup_field_text (r, field);
  return text ? text : g_strdup ("");
}

/* A field tells the sides apart when it is constant within every side and
 * not the same on all of them. */
static gboolean
is_side_field (GPtrArray  **sides,
               guint        n_sides,
               const char  *field)
{
  g_autofree char *first_value = NULL;
  gboolean differs = FALSE;

  for (guint s = 0; s < n_sides; s++)
    {
      g_autofree char *side_value = NULL;

      for (guint i = 0; i < sides[s]->len; i++)
        {
          g_autofree char *v = field_text (g_ptr_array_index (sides[s], i), field);
          if (side_value == NULL)
            side_value = g_steal_pointer (&v);
          else if (strcmp (v, side_value) != 0)
            return FALSE;   /* varies within a side: part of the identity */
        }
      if (side_value == NULL)
        continue;
      if (first_value == NULL)
        first_value = g_steal_pointer (&side_value);
      else if (strcmp (first_value, side_value) != 0)
        differs = TRUE;
    }
  return differs;
}

static char *
identity_key (BenchResult *r,
              GPtrArray   *side_fields)
{
  GString *key = g_string_new (NULL);

  GPtrArray *identity = identity_fields ();

  for (guint i = 0; i < identity->len; i++)
    {
      const char *field = g_ptr_array_index (identity, i);
      g_autofree char *v = NULL;

      if (g_ptr_array_find_with_equal_func (side_fields, field, g_str_equal, NULL))
        continue;
      v = field_text (r, field);
      g_string_append (key, v);
      g_string_append_c (key, '\x1f');
    }
  return g_string_free (key, FALSE);
}

static void
row_free (BenchCompareRow *row)
{
  for (guint s = 0; s < row->n_sides; s++)
    g_clear_object (&row->cells[s].example);
  g_clear_object (&row->example);
  g_free (row->key);
  g_free (row->cells);
  g_free (row);
}

BenchComparison *
bench_comparison_new (GPtrArray  **sides,
                      const char **names,
                      guint        n_sides)
{
  BenchComparison *self = g_new0 (BenchComparison, 1);
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  /* per row and side: sum of avg, sum of variance, count */
  g_autoptr (GArray) sums = g_array_new (FALSE, TRUE, sizeof (double));

  g_return_val_if_fail (n_sides >= 2, NULL);

  self->n_sides = n_sides;
  self->names = g_new0 (char *, n_sides + 1);
  for (guint s = 0; s < n_sides; s++)
    self->names[s] = g_strdup (names[s]);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->side_fields = g_ptr_array_new ();
  self->shown_fields = g_ptr_array_new ();

  for (guint i = 0; i < identity_fields ()->len; i++)
    if (is_side_field (sides, n_sides, g_ptr_array_index (identity_fields (), i)))
      g_ptr_array_add (self->side_fields, g_ptr_array_index (identity_fields (), i));

  for (guint s = 0; s < n_sides; s++)
    for (guint i = 0; i < sides[s]->len; i++)
      {
        BenchResult *r = g_ptr_array_index (sides[s], i);
        g_autofree char *key = identity_key (r, self->side_fields);
        guint index = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, key));
        double *acc;
        double avg = bench_result_get_avg_ts (r), sd = bench_result_get_stddev_ts (r);

        if (index == 0)
          {
            BenchCompareRow *row = g_new0 (BenchCompareRow, 1);
            row->example = g_object_ref (r);
            row->key = g_steal_pointer (&key);
            row->n_sides = n_sides;
            row->cells = g_new0 (BenchCompareCell, n_sides);
            g_ptr_array_add (self->rows, row);
            index = self->rows->len;   /* 1-based: 0 is "not found" */
            g_hash_table_insert (by_key, row->key, GUINT_TO_POINTER (index));
            g_array_set_size (sums, self->rows->len * n_sides * 3);
          }
        acc = &g_array_index (sums, double, 0) + ((index - 1) * n_sides + s) * 3;
        if (!isfinite (avg))
          continue;
        {
          BenchCompareCell *cell = &((BenchCompareRow *) g_ptr_array_index (self->rows, index - 1))->cells[s];
          if (cell->example == NULL)
            cell->example = g_object_ref (r);
        }
        acc[0] += avg;
        acc[1] += isfinite (sd) ? sd * sd : 0;
        acc[2] += 1;
      }

  for (guint i = 0; i < self->rows->len; i++)
    {
      BenchCompareRow *row = g_ptr_array_index (self->rows, i);
      gboolean unmatched = FALSE;

      for (guint s = 0; s < n_sides; s++)
        {
          double *acc = &g_array_index (sums, double, 0) + (i * n_sides + s) * 3;
          BenchCompareCell *cell = &row->cells[s];

          cell->n_results = (guint) acc[2];
          cell->avg_ts = acc[2] > 0 ? acc[0] / acc[2] : NAN;
          cell->stddev_ts = acc[2] > 0 ? sqrt (acc[1] / acc[2]) : NAN;
          cell->speedup = NAN;
          cell->speedup_sd = NAN;
          cell->verdict = acc[2] > 0 ? BENCH_VERDICT_WITHIN_NOISE : BENCH_VERDICT_MISSING;
          if (acc[2] == 0)
            unmatched = TRUE;
        }
      for (guint s = 1; s < n_sides; s++)
        {
          BenchCompareCell *cell = &row->cells[s];
          if (cell->n_results == 0 || row->cells[0].n_results == 0)
            {
              cell->verdict = BENCH_VERDICT_MISSING;
              continue;
            }
          bench_speedup (row->cells[0].avg_ts, row->cells[0].stddev_ts, cell->avg_ts,
                         cell->stddev_ts, &cell->speedup, &cell->speedup_sd);
          cell->verdict = bench_speedup_verdict (cell->speedup, cell->speedup_sd);
        }
      if (unmatched)
        self->n_unmatched++;
    }

  for (guint i = 1; i < self->rows->len && !self->models_vary; i++)
    {
      BenchCompareRow *first = g_ptr_array_index (self->rows, 0);
      BenchCompareRow *row = g_ptr_array_index (self->rows, i);
      self->models_vary = strcmp (bench_result_get_model_type (row->example),
                                  bench_result_get_model_type (first->example)) != 0;
    }

  /* columns: identity fields that vary among the rows, tests last */
  for (guint f = 0; f < identity_fields ()->len; f++)
    {
      const char *field = g_ptr_array_index (identity_fields (), f);
      g_autofree char *first = NULL;

      /* the test and the model have their own places in a row's label */
      if (g_ptr_array_find_with_equal_func (self->side_fields, field, g_str_equal, NULL) ||
          bench_field_name_has_role (field, BENCH_FIELD_ROLE_TEST) ||
          bench_field_name_has_role (field, BENCH_FIELD_ROLE_MODEL))
        continue;
      for (guint i = 0; i < self->rows->len; i++)
        {
          BenchCompareRow *row = g_ptr_array_index (self->rows, i);
          g_autofree char *v = field_text (row->example, field);
          if (first == NULL)
            first = g_steal_pointer (&v);
          else if (strcmp (first, v) != 0)
            {
              g_ptr_array_add (self->shown_fields, (gpointer) field);
              break;
            }
        }
    }
  return self;
}

void
bench_comparison_free (BenchComparison *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->names);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->side_fields);
  g_ptr_array_unref (self->shown_fields);
  g_free (self);
}

guint bench_comparison_get_n_rows (BenchComparison *self) { return self->rows->len; }
BenchCompareRow *bench_comparison_get_row (BenchComparison *self, guint i) { return g_ptr_array_index (self->rows, i); }
guint bench_comparison_get_n_sides (BenchComparison *self) { return self->n_sides; }
const char *bench_comparison_get_side_name (BenchComparison *self, guint side) { return self->names[side]; }
GPtrArray *bench_comparison_get_side_fields (BenchComparison *self) { return self->side_fields; }
GPtrArray *bench_comparison_get_shown_fields (BenchComparison *self) { return self->shown_fields; }
guint bench_comparison_get_n_unmatched (BenchComparison *self) { return self->n_unmatched; }

char *
bench_comparison_dup_row_label (BenchComparison *self,
                                BenchCompareRow *row)
{
  GString *label = g_string_new (NULL);
  if (self->models_vary)
    g_string_append_printf (label, "%s · ", bench_result_get_model_type (row->example));
  g_string_append (label, bench_result_get_test_label (row->example));
  for (guint i = 0; i < self->shown_fields->len; i++)
    {
      const char *field = g_ptr_array_index (self->shown_fields, i);
      g_autofree char *name = bench_field_dup_label (field);
      g_autofree char *value = bench_result_dup_field_formatted (row->example, field);

      /* "pp512 · Threads 8 · Flash attention on" */
      g_string_append_printf (label, " · %s %s", name, value);
    }
  return g_string_free (label, FALSE);
}

void
bench_comparison_count_verdicts (BenchComparison *self,
                                 guint            side,
                                 guint           *n_faster,
                                 guint           *n_slower,
                                 guint           *n_noise,
                                 guint           *n_unknown)
{
  *n_faster = *n_slower = *n_noise = *n_unknown = 0;
  g_return_if_fail (side >= 1 && side < self->n_sides);
  for (guint i = 0; i < self->rows->len; i++)
    {
      BenchCompareRow *row = g_ptr_array_index (self->rows, i);
      switch (row->cells[side].verdict)
        {
        case BENCH_VERDICT_FASTER: (*n_faster)++; break;
        case BENCH_VERDICT_SLOWER: (*n_slower)++; break;
        case BENCH_VERDICT_WITHIN_NOISE: (*n_noise)++; break;
        case BENCH_VERDICT_NOISE_UNKNOWN: (*n_unknown)++; break;
        case BENCH_VERDICT_MISSING:
        default: break;
        }
    }
}

static gboolean
is_separator (gunichar c)
{
  return c == '.' || c == '-' || c == '_' || c == ' ' || c == '/' || c == '=' || c == '(' || c == ')';
}

/* does @text hold a bracket it does not close (or close one it did not open)? */
static gboolean
brackets_unbalanced (const char *text,
                     gsize       len)
{
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '(' || text[i] == '[' || text[i] == '{')
        depth++;
      else if (text[i] == ')' || text[i] == ']' || text[i] == '}')
        depth--;
      if (depth < 0)
        return TRUE;
    }
  return depth != 0;
}

/* Cuts @prefix and @suffix bytes off every name, only when every name
 * keeps something, all different, valid UTF-8, with whole brackets. */
static gboolean
cut_names (char  **names,
           guint   n_names,
           gsize   cut_prefix,
           gsize   cut_suffix)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (cut_prefix == 0 && cut_suffix == 0)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    {
      gsize len = strlen (names[i]);
      char *rest;

      if (len <= cut_prefix + cut_suffix)
        return FALSE;
      rest = g_strndup (names[i] + cut_prefix, len - cut_prefix - cut_suffix);
      if (!g_hash_table_add (seen, rest) || !g_utf8_validate (rest, -1, NULL) ||
          (brackets_unbalanced (rest, strlen (rest)) && !brackets_unbalanced (names[i], len)))
        return FALSE;
    }
  for (guint i = 0; i < n_names; i++)
    {
      gsize len = strlen (names[i]);
      char *rest = g_strndup (names[i] + cut_prefix, len - cut_prefix - cut_suffix);
      g_free (names[i]);
      names[i] = rest;
    }
  return TRUE;
}

void
bench_compare_shorten_names (char  **names,
                             guint   n_names)
{
  gsize prefix, suffix, shortest = G_MAXSIZE;
  gsize cut_prefix = 0, cut_suffix = 0;

  if (n_names < 2)
    return;
  for (guint i = 0; i < n_names; i++)
    shortest = MIN (shortest, strlen (names[i]));

  /* the longest shared start that ends at a separator */
  for (prefix = 0; prefix < shortest; prefix++)
    {
      gboolean same = TRUE;
      for (guint i = 1; i < n_names && same; i++)
        same = names[i][prefix] == names[0][prefix];
      if (!same)
        break;
      if (is_separator ((guchar) names[0][prefix]))
        cut_prefix = prefix + 1;
    }
  /* the longest shared end that starts at a separator */
  for (suffix = 0; suffix < shortest - cut_prefix; suffix++)
    {
      gboolean same = TRUE;
      char c = names[0][strlen (names[0]) - 1 - suffix];
      for (guint i = 1; i < n_names && same; i++)
        same = names[i][strlen (names[i]) - 1 - suffix] == c;
      if (!same)
        break;
      if (is_separator ((guchar) c))
        cut_suffix = suffix + 1;
    }

  /* the cut that keeps the most, unless it would cut inside a bracket
   * ("rocm [gfx1151]" and "vulkan [gfx1151]" keep their brackets whole) */
  if (!cut_names (names, n_names, cut_prefix, cut_suffix) &&
      !cut_names (names, n_names, cut_prefix, 0))
    cut_names (names, n_names, 0, cut_suffix);
}

/* "1234.57 ± 7.89" with a decimal point whatever the locale: the table
 * goes into pull requests and scripts, as llama-bench's own do */
static char *
plus_minus (double value,
            double deviation)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("%s ± %s", g_ascii_formatd (a, sizeof a, "%.2f", value),
                          g_ascii_formatd (b, sizeof b, "%.2f", isfinite (deviation) ? deviation : 0));
}

static char *
cell_rate (const BenchCompareCell *cell)
{
  if (cell->n_results == 0)
    return g_strdup ("—");
  return plus_minus (cell->avg_ts, cell->stddev_ts);
}

static char *
cell_speedup (const BenchCompareCell *cell)
{
  if (!isfinite (cell->speedup))
    return g_strdup ("—");
  return plus_minus (cell->speedup, cell->speedup_sd);
}

/* header and cells of one table, shared by markdown and CSV */
static GPtrArray *
table_header (BenchComparison *self)
{
  GPtrArray *h = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (h, g_strdup (_("Model")));
  for (guint i = 0; i < self->shown_fields->len; i++)
    g_ptr_array_add (h, bench_field_dup_label (g_ptr_array_index (self->shown_fields, i)));
  g_ptr_array_add (h, g_strdup (_("Test")));
  for (guint s = 0; s < self->n_sides; s++)
    /* Translators: a column header, "t/s <side name>" */
    g_ptr_array_add (h, g_strdup_printf (_("t/s %s"), self->names[s]));
  for (guint s = 1; s < self->n_sides; s++)
    g_ptr_array_add (h, self->n_sides > 2 ? g_strdup_printf (_("Speedup %s"), self->names[s])
                                          : g_strdup (_("Speedup")));
  if (self->n_sides == 2)
    g_ptr_array_add (h, g_strdup (_("Verdict")));
  return h;
}

static GPtrArray *
table_row (BenchComparison *self,
           BenchCompareRow *row)
{
  GPtrArray *c = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (c, g_strdup (bench_result_get_model_type (row->example)));
  for (guint i = 0; i < self->shown_fields->len; i++)
    g_ptr_array_add (c, field_text (row->example, g_ptr_array_index (self->shown_fields, i)));
  g_ptr_array_add (c, g_strdup (bench_result_get_test_label (row->example)));
  for (guint s = 0; s < self->n_sides; s++)
    g_ptr_array_add (c, cell_rate (&row->cells[s]));
  for (guint s = 1; s < self->n_sides; s++)
    g_ptr_array_add (c, cell_speedup (&row->cells[s]));
  if (self->n_sides == 2)
    g_ptr_array_add (c, g_strdup (bench_verdict_to_string (row->cells[1].verdict)));
  return c;
}

static gboolean
row_is_matched (BenchCompareRow *row)
{
  for (guint s = 0; s < row->n_sides; s++)
    if (row->cells[s].n_results == 0)
      return FALSE;
  return TRUE;
}

static void
append_md_line (GString   *out,
                GPtrArray *cells,
                guint     *widths,
                guint      first_right,
                guint      last_right)
{
  g_string_append (out, "|");
  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = g_ptr_array_index (cells, i);
      int pad = widths[i] - g_utf8_strlen (text, -1);
      if (i >= first_right && i <= last_right)
        g_string_append_printf (out, " %*s%s |", pad, "", text);
      else
        g_string_append_printf (out, " %s%*s |", text, pad, "");
    }
  g_string_append_c (out, '\n');
}

char *
bench_comparison_to_markdown (BenchComparison *self)
{
  g_autoptr (GPtrArray) header = table_header (self);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree guint *widths = g_new0 (guint, header->len);
  GString *out = g_string_new (NULL);
  guint first_right;

  g_ptr_array_add (lines, g_ptr_array_ref (header));
  for (guint i = 0; i < self->rows->len; i++)
    if (row_is_matched (g_ptr_array_index (self->rows, i)))
      g_ptr_array_add (lines, table_row (self, g_ptr_array_index (self->rows, i)));

  for (guint l = 0; l < lines->len; l++)
    {
      GPtrArray *cells = g_ptr_array_index (lines, l);
      for (guint i = 0; i < cells->len; i++)
        widths[i] = MAX (widths[i], (guint) g_utf8_strlen (g_ptr_array_index (cells, i), -1));
    }
  /* the test and the numbers right-aligned, as in llama-bench's own tables */
  first_right = 1 + self->shown_fields->len;
  for (guint l = 0; l < lines->len; l++)
    {
      append_md_line (out, g_ptr_array_index (lines, l), widths, l == 0 ? G_MAXUINT : first_right,
                      self->n_sides == 2 ? header->len - 2 : header->len - 1);
      if (l == 0)
        {
          g_string_append (out, "|");
          for (guint i = 0; i < header->len; i++)
            {
              gboolean right = i >= first_right && !(self->n_sides == 2 && i + 1 == header->len);
              g_string_append_c (out, ' ');
              for (guint k = 0; k < widths[i]; k++)
                g_string_append_c (out, right && k + 1 == widths[i] ? ':' : '-');
              g_string_append (out, " |");
            }
          g_string_append_c (out, '\n');
        }
    }

  if (self->n_unmatched > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u test has no partner on every side:\n",
                                                "%u tests have no partner on every side:\n",
                                                self->n_unmatched),
                              self->n_unmatched);
      for (guint i = 0; i < self->rows->len; i++)
        {
          BenchCompareRow *row = g_ptr_array_index (self->rows, i);
          GString *missing;

          if (row_is_matched (row))
            continue;
          missing = g_string_new (NULL);
          for (guint s = 0; s < self->n_sides; s++)
            if (row->cells[s].n_results == 0)
              g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", self->names[s]);
          /* Translators: "- model test: missing in side, side" */
          g_string_append_printf (out, _("- %s %s: missing in %s\n"),
                                  bench_result_get_model_type (row->example),
                                  bench_result_get_test_label (row->example), missing->str);
          g_string_free (missing, TRUE);
        }
    }
  return g_string_free (out, FALSE);
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
bench_comparison_to_csv (BenchComparison *self)
{
  GString *out = g_string_new (NULL);

  /* machine-readable: plain numbers in their own columns */
  g_string_append (out, "model_type");
  for (guint i = 0; i < self->shown_fields->len; i++)
    g_string_append_printf (out, ",%s", (const char *) g_ptr_array_index (self->shown_fields, i));
  g_string_append (out, ",test");
  for (guint s = 0; s < self->n_sides; s++)
    g_string_append_printf (out, ",avg_ts_%u,stddev_ts_%u", s, s);
  for (guint s = 1; s < self->n_sides; s++)
    g_string_append_printf (out, ",speedup_%u,speedup_sd_%u,verdict_%u", s, s, s);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < self->rows->len; i++)
    {
      BenchCompareRow *row = g_ptr_array_index (self->rows, i);

      append_csv_field (out, bench_result_get_model_type (row->example));
      for (guint f = 0; f < self->shown_fields->len; f++)
        {
          g_autofree char *v = field_text (row->example, g_ptr_array_index (self->shown_fields, f));
          g_string_append_c (out, ',');
          append_csv_field (out, v);
        }
      g_string_append_c (out, ',');
      append_csv_field (out, bench_result_get_test_label (row->example));
      for (guint s = 0; s < self->n_sides; s++)
        {
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
          if (row->cells[s].n_results == 0)
            g_string_append (out, ",,");
          else
            g_string_append_printf (out, ",%s,%s",
                                    g_ascii_formatd (a, sizeof a, "%.6f", row->cells[s].avg_ts),
                                    g_ascii_formatd (b, sizeof b, "%.6f", row->cells[s].stddev_ts));
        }
      for (guint s = 1; s < self->n_sides; s++)
        {
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
          const BenchCompareCell *cell = &row->cells[s];
          if (!isfinite (cell->speedup))
            g_string_append (out, ",,,missing");
          else
            g_string_append_printf (out, ",%s,%s,%s",
                                    g_ascii_formatd (a, sizeof a, "%.6f", cell->speedup),
                                    g_ascii_formatd (b, sizeof b, "%.6f", cell->speedup_sd),
                                    cell->verdict == BENCH_VERDICT_FASTER ? "faster"
                                    : cell->verdict == BENCH_VERDICT_SLOWER ? "slower"
                                    : cell->verdict == BENCH_VERDICT_NOISE_UNKNOWN ? "noise-unknown"
                                                                            : "within-noise");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* —— naming the sides ——————————————————————————————————————————— */

/* The settings that may tell sides apart, from the field registry: the
 * machine, the backend and the model first, then every setting a
 * comparison can be split by, in the registry's order. */
static GPtrArray *
side_fields (void)
{
  static const char *first[] = { "hardware_label", "backends", "model_type" };
  g_autoptr (GPtrArray) split = bench_field_list_with_role (BENCH_FIELD_ROLE_SPLIT);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    g_ptr_array_add (names, (gpointer) first[i]);
  for (guint i = 0; i < split->len; i++)
    {
      const BenchField *field = g_ptr_array_index (split, i);
      if (!g_strv_contains (first, field->name) && !g_str_equal (field->name, "source"))
        g_ptr_array_add (names, (gpointer) field->name);
    }
  return names;
}

/* the machine, backend and model read as they are; a setting says which */
char *
bench_compare_name_setting (const char *field,
                            const char *value)
{
  g_autofree char *label = NULL;

  if (g_str_equal (field, "hardware_label") || g_str_equal (field, "backends") ||
      g_str_equal (field, "model_type"))
    return g_strdup (value);
  label = bench_field_dup_label (field);
  /* Translators: a side of a comparison, "<setting>: <value>", "Flash attention: on" */
  return g_strdup_printf (_("%s: %s"), label, value);
}

/* the value @field has throughout @side, or NULL when it changes */
static char *
side_constant (GPtrArray  *side,
               const char *field)
{
  g_autofree char *first = NULL;

  if (side->len == 0)
    return NULL;
  first = bench_result_dup_field_formatted (g_ptr_array_index (side, 0), field);
  for (guint i = 1; i < side->len; i++)
    {
      g_autofree char *value = bench_result_dup_field_formatted (g_ptr_array_index (side, i), field);
      if (!g_str_equal (value, first))
        return NULL;
    }
  return g_steal_pointer (&first);
}

static void
free_string (gpointer string)
{
  g_string_free (string, TRUE);
}

char **
bench_compare_name_sides (GPtrArray **sides,
                          guint       n_sides)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (free_string);
  g_auto (GStrv) names = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) fields = NULL;
  gboolean any = FALSE;

  if (n_sides < 2)
    return NULL;
  for (guint s = 0; s < n_sides; s++)
    g_ptr_array_add (parts, g_string_new (NULL));
  fields = side_fields ();
  for (guint f = 0; f < fields->len; f++)
    {
      const char *field = g_ptr_array_index (fields, f);
      g_auto (GStrv) values = g_new0 (char *, n_sides + 1);
      gboolean constant = TRUE, differ = FALSE;

      for (guint s = 0; s < n_sides && constant; s++)
        {
          values[s] = side_constant (sides[s], field);
          constant = values[s] != NULL;
          if (constant && s > 0 && !g_str_equal (values[s], values[0]))
            differ = TRUE;
        }
      if (!constant || !differ)
        continue;
      any = TRUE;
      for (guint s = 0; s < n_sides; s++)
        {
          GString *part = g_ptr_array_index (parts, s);
          g_autofree char *text = bench_compare_name_setting (field, values[s]);

          if (part->len > 0)
            g_string_append (part, " · ");
          g_string_append (part, text);
        }
    }
  if (!any)
    return NULL;
  names = g_new0 (char *, n_sides + 1);
  for (guint s = 0; s < n_sides; s++)
    {
      GString *part = g_ptr_array_index (parts, s);
      names[s] = g_strdup (part->str);
      if (!g_hash_table_add (seen, names[s]))
        return NULL;
    }
  return g_steal_pointer (&names);
}

void
bench_compare_make_distinct (char  **names,
                             guint   n_names)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* a number never takes a name another side already has */
  for (guint i = 0; i < n_names; i++)
    g_hash_table_add (given, g_strdup (names[i]));
  for (guint i = 0; i < n_names; i++)
    {
      if (g_hash_table_contains (seen, names[i]))
        {
          char *numbered = NULL;

          for (guint n = 2; numbered == NULL || g_hash_table_contains (seen, numbered) ||
                            g_hash_table_contains (given, numbered); n++)
            {
              g_free (numbered);
              numbered = g_strdup_printf ("%s (%u)", names[i], n);
            }
          g_free (names[i]);
          names[i] = numbered;
        }
      g_hash_table_add (seen, g_strdup (names[i]));
    }
}

/* —— a row as an object ———————————————————————————————————————— */

struct _BenchCompareItem
{
  GObject           parent_instance;
  char             *label;
  char             *folded;
  BenchResult      *example;
  guint             n_sides;
  BenchCompareCell *cells;
};

G_DEFINE_FINAL_TYPE (BenchCompareItem, bench_compare_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_LABEL,
  ITEM_PROP_MODEL_TYPE,
  ITEM_PROP_TEST_LABEL,
  ITEM_PROP_N_SIDES,
  ITEM_PROP_BASELINE_AVG_TS,
  ITEM_PROP_CANDIDATE_AVG_TS,
  ITEM_PROP_SPEEDUP,
  ITEM_PROP_SPEEDUP_SD,
  ITEM_PROP_VERDICT,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
bench_compare_item_finalize (GObject *object)
{
  BenchCompareItem *self = BENCH_COMPARE_ITEM (object);

  for (guint s = 0; s < self->n_sides; s++)
    g_clear_object (&self->cells[s].example);
  g_free (self->cells);
  g_clear_object (&self->example);
  g_free (self->label);
  g_free (self->folded);
  G_OBJECT_CLASS (bench_compare_item_parent_class)->finalize (object);
}

static void
bench_compare_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BenchCompareItem *self = BENCH_COMPARE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case ITEM_PROP_MODEL_TYPE:
      g_value_set_string (value, bench_result_get_model_type (self->example));
      break;
    case ITEM_PROP_TEST_LABEL:
      g_value_set_string (value, bench_result_get_test_label (self->example));
      break;
    case ITEM_PROP_N_SIDES:
      g_value_set_uint (value, self->n_sides);
      break;
    case ITEM_PROP_BASELINE_AVG_TS:
      g_value_set_double (value, self->cells[0].avg_ts);
      break;
    case ITEM_PROP_CANDIDATE_AVG_TS:
      g_value_set_double (value, self->cells[1].avg_ts);
      break;
    case ITEM_PROP_SPEEDUP:
      g_value_set_double (value, self->cells[1].speedup);
      break;
    case ITEM_PROP_SPEEDUP_SD:
      g_value_set_double (value, self->cells[1].speedup_sd);
      break;
    case ITEM_PROP_VERDICT:
      g_value_set_uint (value, self->cells[1].verdict);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_compare_item_class_init (BenchCompareItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bench_compare_item_finalize;
  object_class->get_property = bench_compare_item_get_property;

  /* "pp512 · Threads 8", as bench_comparison_dup_row_label () */
  item_properties[ITEM_PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_MODEL_TYPE] = g_param_spec_string ("model-type", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_TEST_LABEL] = g_param_spec_string ("test-label", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_N_SIDES] = g_param_spec_uint ("n-sides", NULL, NULL, 2, G_MAXUINT, 2, flags);
  /* NAN when the side has no match */
  item_properties[ITEM_PROP_BASELINE_AVG_TS] =
    g_param_spec_double ("baseline-avg-ts", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /* the first candidate's */
  item_properties[ITEM_PROP_CANDIDATE_AVG_TS] =
    g_param_spec_double ("candidate-avg-ts", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  item_properties[ITEM_PROP_SPEEDUP] =
    g_param_spec_double ("speedup", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  item_properties[ITEM_PROP_SPEEDUP_SD] =
    g_param_spec_double ("speedup-sd", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  /* a BenchVerdict */
  item_properties[ITEM_PROP_VERDICT] =
    g_param_spec_uint ("verdict", NULL, NULL, 0, BENCH_VERDICT_MISSING, BENCH_VERDICT_MISSING, flags);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
bench_compare_item_init (BenchCompareItem *self)
{
}

BenchCompareItem *
bench_compare_item_new (BenchComparison *comparison,
                        guint            row)
{
  BenchCompareItem *self;
  BenchCompareRow *r;

  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (row < comparison->rows->len, NULL);

  r = g_ptr_array_index (comparison->rows, row);
  self = g_object_new (BENCH_TYPE_COMPARE_ITEM, NULL);
  self->label = bench_comparison_dup_row_label (comparison, r);
  self->folded = g_utf8_casefold (self->label, -1);
  self->example = g_object_ref (r->example);
  self->n_sides = r->n_sides;
  self->cells = g_memdup2 (r->cells, r->n_sides * sizeof *r->cells);
  for (guint s = 0; s < self->n_sides; s++)
    if (self->cells[s].example != NULL)
      g_object_ref (self->cells[s].example);
  return self;
}

const char *
bench_compare_item_get_label (BenchCompareItem *self)
{
  g_return_val_if_fail (BENCH_IS_COMPARE_ITEM (self), NULL);
  return self->label;
}

const char *
bench_compare_item_get_folded_label (BenchCompareItem *self)
{
  g_return_val_if_fail (BENCH_IS_COMPARE_ITEM (self), NULL);
  return self->folded;
}

guint
bench_compare_item_get_n_sides (BenchCompareItem *self)
{
  g_return_val_if_fail (BENCH_IS_COMPARE_ITEM (self), 0);
  return self->n_sides;
}

const BenchCompareCell *
bench_compare_item_get_cell (BenchCompareItem *self,
                             guint             side)
{
  g_return_val_if_fail (BENCH_IS_COMPARE_ITEM (self), NULL);
  g_return_val_if_fail (side < self->n_sides, NULL);
  return &self->cells[side];
}
