"""framelens as a Python package on Spark: a local PySpark job scores the
corpus with mapInPandas (python/examples/spark_score.py), and the rows
collected must equal framelens.score on the whole corpus in one process.

usage: package_test.py CORPUS.jsonl
"""
import json
import os
import sys
from pathlib import Path

import pandas
from pyspark.sql import SparkSession

example = Path(__file__).resolve().parents[2] / "python" / "examples" / "spark_score.py"
sys.path.insert(0, str(example.parent))
import framelens  # noqa: E402
import spark_score  # noqa: E402

corpus = sys.argv[1]
with open(corpus, encoding="utf-8") as f:
    records = [json.loads(line) for line in f if line.strip()]
single = framelens.score(pandas.DataFrame.from_records(records)).to_dict("records")

# The workers run this Python, in which the package is installed.
os.environ["PYSPARK_PYTHON"] = sys.executable
spark = (
    SparkSession.builder.master("local[2]")
    .appName("framelens-package")
    .config("spark.ui.enabled", "false")
    # Small splits and small Arrow batches: many partitions, several batches each.
    .config("spark.sql.files.maxPartitionBytes", "32k")
    .config("spark.sql.execution.arrow.maxRecordsPerBatch", "7")
    .getOrCreate()
)
# The example's module goes to the workers, as spark-submit --py-files sends it.
spark.sparkContext.addPyFile(str(example))
articles = spark.read.json(corpus)
partitions = articles.rdd.getNumPartitions()
rows = [row.asDict() for row in spark_score.score(articles).collect()]
spark.stop()

if partitions < 2:
    print(f"spark read the corpus as {partitions} partition; the test needs several", file=sys.stderr)
    sys.exit(1)
if rows != single:
    print(f"spark gave {len(rows)} rows, the single process {len(single)}", file=sys.stderr)
    for a, b in zip(rows, single):
        if a != b:
            diff = {k: (a.get(k), b.get(k)) for k in b if a.get(k) != b.get(k)}
            print(f"first difference (spark, single): {diff}", file=sys.stderr)
            break
    sys.exit(1)
print(f"spark (package): {len(rows)} rows from {partitions} partitions equal the single-process table")
