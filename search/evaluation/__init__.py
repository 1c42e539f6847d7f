"""Search quality evaluation: a judged query set over the sample dataset and its metrics.

queries.yaml holds the queries and the written rules that grade the sample's objects for
each of them; judging.py turns the rules into judgments.json (checked in, regenerated
with `python -m search.evaluation.judging --write`); runner.py runs the queries through
the search engine and a plain full-text baseline and scores both with metrics.py.
"""
