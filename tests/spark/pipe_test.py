"""framelens as a Spark mapper: RDD.pipe runs one framelens process per
partition, and the rows collected must equal the single-process output.

usage: pipe_test.py FRAMELENS CORPUS.jsonl
"""
import subprocess
import sys

from pyspark.sql import SparkSession

binary, corpus = sys.argv[1], sys.argv[2]
command = [binary, "score", "--format", "jsonl", "-", "--no-header", "--quiet"]

with open(corpus, "rb") as f:
    single = subprocess.run(command, stdin=f, capture_output=True, text=True, check=True).stdout.splitlines()

spark = (
    SparkSession.builder.master("local[2]")
    .appName("framelens-pipe")
    .config("spark.ui.enabled", "false")
    .getOrCreate()
)
partitions = 4
lines = spark.sparkContext.textFile(corpus, minPartitions=partitions)
rows = lines.pipe(" ".join(command)).collect()
used = lines.getNumPartitions()
spark.stop()

if rows != single:
    print(f"spark gave {len(rows)} rows, the single process {len(single)}", file=sys.stderr)
    for a, b in zip(rows, single):
        if a != b:
            print(f"first difference:\n  spark:  {a}\n  single: {b}", file=sys.stderr)
            break
    sys.exit(1)
print(f"spark: {len(rows)} rows from {used} partitions equal the single-process output")
