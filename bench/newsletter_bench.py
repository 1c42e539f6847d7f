"""Newsletter benchmark: one personalised issue to N subscribers into a local SMTP sink.

Measures messages per second with 1 and 2 sending workers (`manage.py
send_newsletter_batch`, separate processes, as Celery would run them) beside a plain
smtplib loop over the same, pre-rendered messages (the practical limit of the sink and
this machine), in the same run; checks that every recipient got exactly one copy; and
rewrites the newsletter section of docs/benchmarks.md.

The smtplib loop sends the very bytes the workers send (each subscriber's personalised
message, same sizes, same envelope) to the same sink, over one connection. It runs
before and after the workers, and the workers are compared with the mean of the two:
the machine is shared, and the two loops show how much its speed moved meanwhile.
The workers run with the settings' defaults (durable writes, NEWSLETTER_SMTP_CONNECTIONS)
unless the environment says otherwise.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakke_newsletter_bench \
        .venv/bin/python bench/newsletter_bench.py --subscribers 50000
"""

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import random
import re
import smtplib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SAKKE_INSECURE_DEV_KEY", "1")

MESSAGE_ID = re.compile(rb"^Message-ID: *(\S+)", re.M | re.I)


# The sink: aiosmtpd in a process of its own, counting messages and repeated Message-IDs.
def run_sink(port, count, duplicates, first, last, generation, ready):
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)
    seen = set()
    current = [generation.value]

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            now = time.time()
            match = MESSAGE_ID.search(envelope.original_content or b"")
            key = (match.group(1) if match else b"", tuple(envelope.rcpt_tos))
            with count.get_lock():
                if generation.value != current[0]:
                    seen.clear()
                    current[0] = generation.value
                if count.value == 0:
                    first.value = now
                count.value += 1
                last.value = now
                if match and key in seen:
                    duplicates.value += 1
                seen.add(key)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


class Sink:
    def __init__(self):
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.count = multiprocessing.Value("q", 0)
        self.duplicates = multiprocessing.Value("q", 0)
        self.first = multiprocessing.Value("d", 0.0)
        self.last = multiprocessing.Value("d", 0.0)
        self.generation = multiprocessing.Value("q", 0)
        ready = multiprocessing.Event()
        self.process = multiprocessing.Process(
            target=run_sink,
            args=(
                self.port,
                self.count,
                self.duplicates,
                self.first,
                self.last,
                self.generation,
                ready,
            ),
            daemon=True,
        )
        self.process.start()
        ready.wait(10)

    def reset(self):
        self.generation.value += 1
        for value in (self.count, self.duplicates):
            value.value = 0
        self.first.value = self.last.value = 0.0

    def stop(self):
        self.process.kill()


def setup_data(subscribers: int):
    """Subscribers with interests, and an issue whose items are tagged in different ways."""
    import django

    django.setup()
    from django.core.management import call_command

    from municipalities.models import Municipality, Region
    from newsletter.models import Delivery, Issue, Offer, Subscriber
    from organizations.models import Organization
    from taxonomy.models import Topic

    call_command("migrate", verbosity=0)
    Delivery.objects.all().delete()
    Issue.objects.all().delete()
    Offer.objects.all().delete()
    Subscriber.objects.all().delete()
    region, _ = Region.objects.get_or_create(
        code="11", defaults={"name": "Pohjois-Savo", "slug": "pohjois-savo"}
    )
    municipalities = [
        Municipality.objects.get_or_create(
            code=code, defaults={"name": name, "slug": name.lower(), "region": region}
        )[0]
        for code, name in [
            ("297", "Kuopio"),
            ("140", "Iisalmi"),
            ("915", "Varkaus"),
            ("749", "Siilinjärvi"),
        ]
    ]
    topics = [
        Topic.objects.get_or_create(slug=slug, defaults={"name": slug})[0]
        for slug in ["sport", "culture", "social", "youth", "environment"]
    ]
    organization, _ = Organization.objects.get_or_create(
        public_id="bench:newsletter-org", defaults={"name": "Penkkiyhdistys ry"}
    )
    rng = random.Random(50_000)
    languages = ["fi"] * 8 + ["sv", "en"]
    rows = [
        Subscriber(
            email=f"reader{n:06d}@example.org",
            language=rng.choice(languages),
            status=Subscriber.Status.ACTIVE,
        )
        for n in range(subscribers)
    ]
    Subscriber.objects.bulk_create(rows, batch_size=5000)
    ids = list(Subscriber.objects.values_list("pk", flat=True))
    topic_links, municipality_links = [], []
    TopicLink = Subscriber.topics.through
    MunicipalityLink = Subscriber.municipalities.through
    for pk in ids:
        for topic in rng.sample(topics, rng.randint(0, 2)):
            topic_links.append(TopicLink(subscriber_id=pk, topic_id=topic.pk))
        for municipality in rng.sample(municipalities, rng.randint(0, 1)):
            municipality_links.append(
                MunicipalityLink(subscriber_id=pk, municipality_id=municipality.pk)
            )
    TopicLink.objects.bulk_create(topic_links, batch_size=10000)
    MunicipalityLink.objects.bulk_create(municipality_links, batch_size=10000)
    today = dt.date.today()
    issue = Issue.objects.create(
        title_fi="Marraskuun uutiskirje",
        title_sv="Novembers nyhetsbrev",
        title_en="November newsletter",
        intro_fi="Ajankohtaista Pohjois-Savon yhdistyksistä.\n\nHyvää syksyä!",
        period_start=today,
        period_end=today + dt.timedelta(days=30),
        status=Issue.Status.DRAFT,
    )
    for n in range(12):
        offer = Offer.objects.create(
            organization=organization,
            title=f"Tiedote {n}: yhdistys etsii vapaaehtoisia",
            text="Tule mukaan toimintaan! " * 20,
            link=f"https://example.org/tiedote-{n}",
            status=Offer.Status.ACCEPTED,
            issue=issue,
        )
        if n % 3:
            offer.topics.set([topics[n % len(topics)]])
        if n % 4 == 0:
            offer.municipalities.set([municipalities[n % len(municipalities)]])
    issue.news_items = [
        {
            "id": str(n),
            "title": {"fi": f"Uutinen {n}", "sv": f"Nyhet {n}", "en": f"News {n}"},
            "text": {"fi": "Lyhyesti: " * 15, "sv": "Kort: " * 15, "en": "In brief: " * 15},
            "url": {"fi": f"https://example.org/uutiset/{n}"},
            "topics": [topics[n % len(topics)].pk] if n % 2 else [],
            "municipalities": [],
        }
        for n in range(6)
    ]
    issue.save()
    return issue.pk


def start_sending(issue_id: int) -> float:
    from newsletter.models import Delivery, Issue
    from newsletter.services.sending import issue_start_sending

    Delivery.objects.filter(issue_id=issue_id).delete()
    Issue.objects.filter(pk=issue_id).update(status=Issue.Status.DRAFT)
    started = time.perf_counter()
    issue_start_sending(issue=Issue.objects.get(pk=issue_id))
    return time.perf_counter() - started


def render_messages(issue_id: int, limit: int) -> tuple[list, dict]:
    """The messages the workers send, pre-rendered: [(sender, recipient, bytes)], stats."""
    from newsletter.models import Issue
    from newsletter.rendering import IssueRenderer
    from newsletter.selectors import recipients

    renderer = IssueRenderer(Issue.objects.get(pk=issue_id))
    started = time.perf_counter()
    messages = []
    for subscriber in recipients().order_by("pk")[:limit]:
        outgoing = renderer.outgoing(subscriber)  # the bytes the workers send
        data = outgoing.data or outgoing.build().message().as_bytes(linesep="\r\n")
        messages.append((outgoing.sender, subscriber.email, data))
    seconds = time.perf_counter() - started
    return messages, {
        "render_seconds": round(seconds, 2),
        "render_per_second": round(len(messages) / seconds, 1),
        "bytes_mean": round(sum(len(d) for _s, _a, d in messages) / len(messages)),
    }


def baseline(messages: list, sink: Sink) -> dict:
    """A plain smtplib loop over pre-rendered messages: the limit of sink and machine."""
    sink.reset()
    cpu = process_cpu(sink.process.pid)
    smtp = smtplib.SMTP("127.0.0.1", sink.port)
    started = time.perf_counter()
    own = time.process_time()
    for sender, address, data in messages:
        smtp.sendmail(sender, [address], data)
    seconds = time.perf_counter() - started
    own = time.process_time() - own
    smtp.quit()
    return {
        "messages": len(messages),
        "seconds": round(seconds, 2),
        "per_second": round(len(messages) / seconds, 1),
        "sender_cpu_ms": round(own / len(messages) * 1000, 3),
        "sink_cpu_ms": round((process_cpu(sink.process.pid) - cpu) / len(messages) * 1000, 3),
    }


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def workers_run(issue_id: int, sink: Sink, workers: int, expected: int) -> dict:
    from newsletter.models import Delivery

    setup = start_sending(issue_id)
    sink.reset()
    env = dict(
        os.environ,
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        NEWSLETTER_RATE_PER_SECOND="0",
        NEWSLETTER_BATCH_SIZE=os.environ.get("NEWSLETTER_BATCH_SIZE", "500"),
        LOG_LEVEL="WARNING",
    )
    sink_cpu = process_cpu(sink.process.pid)
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "send_newsletter_batch",
                str(issue_id),
                "--worker",
                f"w{n}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for n in range(workers)
    ]
    codes, cpu = [], 0.0
    for process in processes:
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        codes.append(process.returncode)
        cpu += usage.ru_utime + usage.ru_stime
    seconds = time.perf_counter() - started
    sink_cpu = process_cpu(sink.process.pid) - sink_cpu
    sent = Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.SENT).count()
    sink_seconds = sink.last.value - sink.first.value
    return {
        "workers": workers,
        "exit_codes": codes,
        "deliveries_created_seconds": round(setup, 2),
        "messages": sink.count.value,
        "sent_rows": sent,
        "duplicates": sink.duplicates.value,
        "exactly_once": sink.count.value == expected and sink.duplicates.value == 0,
        "seconds": round(seconds, 2),
        "per_second": round(sink.count.value / seconds, 1),
        "sink_per_second": round(sink.count.value / sink_seconds, 1) if sink_seconds else None,
        # Django start-up included; the database server's CPU is not counted.
        "sender_cpu_ms": round(cpu / max(1, sink.count.value) * 1000, 3),
        "sink_cpu_ms": round(sink_cpu / max(1, sink.count.value) * 1000, 3),
    }


def machine() -> str:
    cores = os.cpu_count()
    load = [round(x, 2) for x in os.getloadavg()]
    system = f"{platform.platform()}, Python {platform.python_version()}"
    return f"{cores} cores, {system}; load average {load}"


def report(result: dict, doc: Path) -> None:
    limit = result["limit_per_second"]
    before, after = result["baselines"]
    settings = result["settings"]
    lines = [
        f"Generated by `make bench` (bench/newsletter_bench.py) on {result['when']}. "
        f"Overall: **{'PASS' if result['pass'] else 'FAIL'}**.",
        "",
        f"- Machine: {result['machine']}",
        f"- Database: {result['database']}; SMTP sink: aiosmtpd in a separate process on "
        "127.0.0.1, counting messages and repeated (Message-ID, recipient) pairs",
        f"- One personalised issue (12 offered items, 6 news, tagged by topic and municipality; "
        f"fi/sv/en) to {result['subscribers']:,} active subscribers with random interests; "
        "rate limit off, batches of "
        f"{result['batch_size']}, workers are `manage.py send_newsletter_batch` processes "
        f"with {settings['connections']} SMTP connections each, durable writes "
        f"{'on' if settings['durable'] else 'off'}",
        "",
        "Target: workers reach at least half of the plain smtplib loop's rate (the limit). "
        "The loop sends the same personalised messages (same bytes, same envelope) to the "
        "same sink over one connection; it runs before and after the workers, and the limit "
        "is the mean of the two.",
        "",
        "| sender | messages | seconds | messages/s | share of the limit | exactly once "
        "| sender CPU ms/message | sink CPU ms/message | result |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |",
    ]
    for label, run in (("before", before), ("after", after)):
        lines.append(
            f"| plain smtplib loop, pre-rendered, {label} the workers | {run['messages']:,} | "
            f"{run['seconds']} | {run['per_second']:,} | {run['per_second'] / limit:.0%} | – | "
            f"{run['sender_cpu_ms']} | {run['sink_cpu_ms']} | (reference) |"
        )
    lines.append(f"| **the limit** (mean of the two) | | | **{limit:,}** | 100 % | | | | |")
    for run in result["runs"]:
        share = run["per_second"] / limit
        ok = share >= 0.5 and run["exactly_once"]
        lines.append(
            f"| {run['workers']} worker{'s' if run['workers'] > 1 else ''} | {run['messages']:,} | "
            f"{run['seconds']} | {run['per_second']:,} | {share:.0%} | "
            f"{'yes' if run['exactly_once'] else 'NO'} ({run['duplicates']} repeated) | "
            f"{run['sender_cpu_ms']} | {run['sink_cpu_ms']} | "
            f"{'PASS' if ok else '**FAIL**'} |"
        )
    lines += [
        "",
        "Worker seconds are wall time of the processes, Django start-up included; their CPU "
        "is that of all worker processes together (PostgreSQL's is not counted). Creating "
        f"the {result['subscribers']:,} delivery rows took "
        f"{result['runs'][0]['deliveries_created_seconds']} s. Rendering the loop's "
        f"messages in one process: {result['render']['render_per_second']:,} messages/s "
        f"(mean size {result['render']['bytes_mean']:,} bytes).",
    ]
    text = doc.read_text()
    start, end = "<!-- bench:newsletter -->", "<!-- /bench:newsletter -->"
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    doc.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=50_000)
    parser.add_argument("--baseline", type=int, default=None, help="Messages of the smtplib loop.")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "newsletter.json"))
    parser.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    issue_id = setup_data(args.subscribers)
    from django.conf import settings
    from django.db import connection

    messages, render = render_messages(issue_id, args.baseline or args.subscribers)
    print("rendered", render, flush=True)
    sink = Sink()
    try:
        baselines = [baseline(messages, sink)]
        print("baseline", baselines[0], flush=True)
        runs = []
        for workers in (1, 2):
            run = workers_run(issue_id, sink, workers, args.subscribers)
            print(run, flush=True)
            runs.append(run)
        baselines.append(baseline(messages, sink))
        print("baseline", baselines[1], flush=True)
    finally:
        sink.stop()
    limit = round(sum(b["per_second"] for b in baselines) / len(baselines), 1)
    result = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "subscribers": args.subscribers,
        "batch_size": os.environ.get("NEWSLETTER_BATCH_SIZE", "500"),
        "settings": {
            "connections": settings.NEWSLETTER_SMTP_CONNECTIONS,
            "durable": settings.NEWSLETTER_DURABLE_WRITES,
        },
        "render": render,
        "baselines": baselines,
        "limit_per_second": limit,
        "runs": runs,
    }
    result["pass"] = all(r["exactly_once"] and r["per_second"] >= 0.5 * limit for r in runs)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    report(result, Path(args.doc))
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
