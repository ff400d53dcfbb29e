"""Scores a JSONL corpus on Apache Spark with the framelens package: each
task hands its rows to framelens.score as pandas batches (mapInPandas), so
there is no binary to ship and no text to pipe. Every executor needs the
package installed (pip install ./python, or the wheel with --py-files /
a cluster's package list).

usage: spark-submit spark_score.py CORPUS.jsonl OUTPUT_FOLDER
"""
import sys

import framelens

# Spark types of the pandas dtypes framelens returns.
SPARK_TYPES = {"int64": "bigint", "float64": "double", "bool": "boolean"}


def score_schema(lexicons=None):
    """The Spark schema (DDL) of the score table, read from the package
    itself, so that it follows the library's columns."""
    sample = framelens.score(["A sample text."], lexicons=lexicons)
    return ", ".join(
        f"`{name}` {SPARK_TYPES.get(str(dtype), 'string')}" for name, dtype in sample.dtypes.items()
    )


def score_batches(batches, lexicons=None):
    """mapInPandas function: the score rows of each batch of articles (a
    DataFrame with `id`, `text` and metadata columns), in input order."""
    for batch in batches:
        yield framelens.score(batch, lexicons=lexicons)


def score(articles, lexicons=None):
    """The score table of a Spark DataFrame of articles, as a Spark DataFrame."""
    return articles.mapInPandas(lambda batches: score_batches(batches, lexicons), schema=score_schema(lexicons))


def main():
    from pyspark.sql import SparkSession

    corpus, output = sys.argv[1], sys.argv[2]
    spark = SparkSession.builder.appName("framelens").getOrCreate()
    articles = spark.read.json(corpus)
    score(articles).write.csv(output, header=True)
    spark.stop()


if __name__ == "__main__":
    main()
