from pathlib import Path

from django.core.management.base import BaseCommand

from search.evaluation.runner import JUDGMENT_SETS, evaluate, failing_queries, format_table, to_json


class Command(BaseCommand):
    help = (
        "Score search on the judged sample queries (nDCG@10, recall@20) against a plain "
        "full-text baseline. Imports the sample dataset into this database if needed and "
        "rebuilds the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results")
        parser.add_argument(
            "--no-baseline", action="store_true", help="skip the PostgreSQL baseline"
        )
        parser.add_argument(
            "--set", dest="judgment_set", choices=JUDGMENT_SETS, default="judged",
            help="which judged queries: the project's own, the blind set or the development set",
        )  # fmt: skip
        parser.add_argument(
            "--no-rebuild", action="store_true", help="use the search index as it is"
        )

    def handle(
        self, *args, json: Path | None, no_baseline: bool, no_rebuild: bool, judgment_set: str,
        **options,
    ):  # fmt: skip
        result = evaluate(
            rebuild=not no_rebuild, baseline=not no_baseline, judgment_set=judgment_set
        )
        self.stdout.write(format_table(result))
        for backend, categories in result["categories"].items():
            cells = ", ".join(
                f"{k} {v['ndcg_10']:.3f} ({v['queries']})" for k, v in categories.items()
            )
            self.stdout.write(f"{backend} by category: {cells}")
        failing = failing_queries(result)
        if failing:
            self.stdout.write(f"\n{len(failing)} queries below the target:")
            for q in failing:
                self.stdout.write(f"  {q['ndcg_10']:.3f}  {q['query']}  top: {q['top'][:5]}")
        if json:
            json.write_text(to_json(result) + "\n", encoding="utf-8")
            self.stdout.write(f"Wrote {json}")
