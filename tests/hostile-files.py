#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""hostile-files.py — write input made to hurt into a folder.

    hostile-files.py DIR [--small]

One file per defect of issue 12 (named for it), and the shapes a window
must survive: truncated, binary, NUL bytes, invalid UTF-8, deep nesting,
huge numbers, 5 MB lines, SQL bombs. Also valid.jsonl, whose records must
all show. tests/test-ceiling loads each through `benchtop --list` with a
time and memory ceiling; `bench-window --folder DIR` opens the window on
them. --small leaves out the files over 1 MB.
"""
import json
import os
import random
import sqlite3
import sys

out = sys.argv[1]
small = "--small" in sys.argv[2:]
os.makedirs(out, exist_ok=True)
rng = random.Random(12)

RECORD = {
    "build_commit": "abc1234", "build_number": 4000, "cpu_info": "AMD Ryzen 9 7950X",
    "gpu_info": "", "backends": "CPU", "model_filename": "m.gguf",
    "model_type": "llama 7B Q4_0", "model_size": 3825065984, "model_n_params": 6738415616,
    "n_batch": 2048, "n_ubatch": 512, "n_threads": 16, "type_k": "f16", "type_v": "f16",
    "n_gpu_layers": 99, "flash_attn": False, "n_prompt": 512, "n_gen": 0, "n_depth": 0,
    "test_time": "2025-01-01T00:00:00Z", "avg_ns": 1000000, "stddev_ns": 1000,
    "avg_ts": 512.0, "stddev_ts": 0.5, "samples_ns": [1000000, 1001000],
    "samples_ts": [512.0, 511.5],
}


def rec(**kw):
    r = dict(RECORD)
    r.update(kw)
    return r


def write(name, data, big=False):
    if big and small:
        return
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(out, name), mode) as f:
        f.write(data)


SQL_TABLE = ("CREATE TABLE llama_bench (model_type TEXT, n_prompt INTEGER, n_gen INTEGER, "
             "avg_ts REAL);\n")


def sql_row(ts):
    return ("INSERT INTO llama_bench (model_type, n_prompt, n_gen, avg_ts) "
            "VALUES ('m', 512, 0, %s);" % ts)


# —— one per defect ————————————————————————————————————————————————
# 1. blank input the size of whole pages: "the file is empty"
write("d1-blank-8192-newlines.json", "\n" * 8192)
# 2. two records that differ in 9,000 parameter names
a = rec(**{"only_a_%d" % i: i for i in range(9000)})
b = rec(**{"only_b_%d" % i: i for i in range(9000)})
write("d2-varying-9000-names.jsonl", json.dumps(a) + "\n" + json.dumps(b) + "\n")
# 3. refused statements with INSERTs after them on the same line
write("d3-sql-refused-then-insert.sql", SQL_TABLE + sql_row(1) + "\n" +
      "CREATE TRIGGER t AFTER INSERT ON llama_bench BEGIN SELECT 1; END; " + sql_row(2) + "\n" +
      "CREATE VIRTUAL TABLE v USING fts5 (a); " + sql_row(3) + " " + sql_row(4) + "\n")
# 4. quadratic columns: minified JSON on one line
one = ",".join(json.dumps(rec(n_prompt=i % 4096 + 1), separators=(",", ":")) for i in range(64))
copies = 8_000_000 // (len(one) + 1)
write("d4-json-minified-8mb.json", "[" + ",".join([one] * copies) + "]", big=True)
write("d4-json-empty-records-1mib.json", "[" + ",".join(["{}"] * ((1 << 20) // 3)) + "]")
write("d4-json-empty-arrays-256kib.json", "[]" * (128 * 1024))
# 5. one record with 380,000 keys
many = rec(**{"k%d" % i: i for i in range(380000)})
write("d5-json-380000-keys.json", json.dumps(many) + "\n", big=True)
# 6. SQL computation bombs
write("d6-sql-printf-generated-column.sql",
      "CREATE TABLE llama_bench (n_prompt INTEGER, n_gen INTEGER, avg_ts REAL, model_type TEXT "
      "AS (replace(replace(printf('%.*c', 4000000, 'x'), 'x', 'yy'), 'y', 'zz')));\n" +
      "".join("INSERT INTO llama_bench (n_prompt, n_gen, avg_ts) VALUES (512, 0, %d);\n" % i
              for i in range(10)))
write("d6-sql-slow-statements.sql", SQL_TABLE + sql_row(1) + "\n" + (
      "WITH a (x) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10)) "
      "INSERT INTO llama_bench (n_prompt, n_gen, avg_ts) SELECT 1, 1, 1 "
      "FROM a, a b, a c, a d, a e, a f, a g, a h, a i LIMIT 1 OFFSET 1000000000000;\n") * 200)
write("d6-sql-self-join.sql", SQL_TABLE + "".join(sql_row(i) + "\n" for i in range(20)) + (
      "INSERT INTO llama_bench SELECT a.model_type, a.n_prompt, b.n_gen, c.avg_ts "
      "FROM llama_bench a, llama_bench b, llama_bench c, llama_bench d;\n") * 50)
write("d6-sql-memory-bomb.sql", SQL_TABLE + sql_row(1) + "\n" +
      "WITH a (x) AS (VALUES " +
      ", ".join("(replace('%s', 'a', '%s'))" % ("a" * 8000, "a" * 50) for _ in range(10)) +
      ") INSERT INTO llama_bench (model_type, n_prompt, n_gen, avg_ts) "
      "SELECT a.x, 1, 1, 1 FROM a, a b, a c ORDER BY 1 || b.x;\n")
db_path = os.path.join(out, "d6-sqlite-generated-column.sqlite")
if os.path.exists(db_path):
    os.unlink(db_path)
con = sqlite3.connect(db_path)
con.executescript(
    "CREATE TABLE test (n_prompt INTEGER, n_gen INTEGER, avg_ts REAL, model_type TEXT "
    "  AS (replace(replace(printf('%.*c', 1000000, 'x'), 'x', 'yy'), 'y', 'zz')));"
    "WITH RECURSIVE c (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200) "
    "  INSERT INTO test (n_prompt, n_gen, avg_ts) SELECT 512, 0, i FROM c;")
con.commit()
con.close()
# 7. a 5 MB model name
write("d7-model-type-5mb.jsonl",
      json.dumps(rec(model_type="Q" * 5_000_000)) + "\n" + json.dumps(rec(n_prompt=0, n_gen=128)) + "\n",
      big=True)
write("d7-long-labels.jsonl", "".join(
      json.dumps(rec(model_type=("%d-" % i) + "x" * 100000, cpu_info="C" * 100000,
                     gpu_info="G" * 50000, backends="B" * 20000, build_commit="c" * 30000)) + "\n"
      for i in range(4)))
# 8. UTF-16 with a byte order mark (PowerShell)
text = "".join(json.dumps(rec(n_prompt=p)) + "\r\n" for p in (128, 256, 512))
write("d8-utf16le.jsonl", b"\xff\xfe" + text.encode("utf-16-le"))
write("d8-utf16be.jsonl", b"\xfe\xff" + text.encode("utf-16-be"))

# —— the shapes a window must survive ————————————————————————————————
valid = "".join(json.dumps(rec(n_prompt=p, n_threads=t)) + "\n" for p in (128, 512) for t in (8, 16))
write("valid.jsonl", valid)
whole = json.dumps([rec(n_prompt=p) for p in (64, 128, 256)], indent=2)
write("truncated.json", whole[: len(whole) * 2 // 3])
write("binary.bin", bytes(rng.getrandbits(8) for _ in range(64 * 1024)))
write("nul-bytes.jsonl", valid.replace('"CPU"', '"C\\u0000PU"', 1).encode() + b"\x00" * 100 +
      b'{"n_prompt": 5\x0012}\n')
write("invalid-utf8.jsonl", valid.encode().replace(b"AMD", b"\xc3\x28\xff\xfe", 2))
write("invalid-utf8.csv", b"model_type,n_prompt,n_gen,avg_ts\n\xff\xfe\xc0,512,0,1.0\n")
write("deep-nesting.json", "[" + '{"a":' * 100000 + "1" + "}" * 100000 + "]")
write("deep-arrays.jsonl", '{"n_prompt": 512, "x": ' + "[" * 200000 + "]" * 200000 + "}\n")
write("huge-numbers.jsonl", "".join(json.dumps(rec(n_prompt=512)).replace("512", v) + "\n" for v in (
      "1" * 400, "1e999999", "-1e-999999", "18446744073709551616", "NaN", "1" + "0" * 5000)))
write("line-5mb.md", "| model | test | t/s |\n| --- | --- | --- |\n| " + "m" * 5_000_000 +
      " | pp512 | 1.00 ± 0.01 |\n", big=True)
write("line-5mb.csv", "model_type,n_prompt,n_gen,avg_ts\n" + "m" * 5_000_000 + ",512,0,1.0\n",
      big=True)
write("line-5mb-log.json", "x" * 5_000_000 + "\n" + json.dumps(rec()) + "\n", big=True)
write("many-columns.csv", ",".join("c%d" % i for i in range(50000)) + ",n_prompt,avg_ts\n" +
      ",".join("1" for _ in range(50000)) + ",512,1.0\n")
write("markdown-many-rows.md", "| model | test | t/s |\n| --- | --- | --- |\n" +
      "".join("| m%d | pp512 | 1.00 ± 0.01 |\n" % i for i in range(50000)))
write("sql-garbage.sql", "CREATE TABLE llama_bench (n_prompt, n_gen, avg_ts);\n" +
      "INSERT INTO llama_bench VALUES ('" + "'" * 1000 + ";\n" * 1000)
