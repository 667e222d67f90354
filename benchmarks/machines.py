"""Machines kept out of real mailboxes: the sender filter's precision and recall against labels read by hand.

``benchmarks/data/enron_senders.tsv`` lists every sender with 3 or more messages (copies read once) in
four Enron mailboxes (allen-p, kitchen-l, shankman-j, skilling-j), each labelled ``person`` or
``machine`` by reading the messages -- headers, subjects, a look at the bodies -- before the classifier
existed (the commit that added the file precedes it).  The rule followed in labelling: a machine is not
one human writing as themselves -- systems, announcement aliases, newsletters, market-data feeds,
marketing, and news or research digests sent to undisclosed recipients; a colleague's report to a named
distribution list, an assistant, a relative forwarding jokes, a pager address are people.

Each mailbox is imported into a new database with ``netvalue.importing.run_import`` (the real importer,
owner inference and classifier); "machine" is the positive class.  Printed per mailbox and overall:
precision, recall, the import time, the owner's addresses and delegates found, and every misclassified
address with the classifier's reasons, so a reader can judge.

    python benchmarks/machines.py                 # the four labelled mailboxes
    python benchmarks/machines.py allen-p         # one of them
    python benchmarks/machines.py --data DIR      # the Enron folder elsewhere (default $NETVALUE_SHARED_DATA/enron or ../shared/data/enron)

Target (issue 15): precision and recall >= 0.95 overall.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))

from netvalue.importing import run_import  # noqa: E402
from netvalue.store import Database  # noqa: E402

LABELS = PROJECT / "benchmarks" / "data" / "enron_senders.tsv"
DEFAULT_DATA = Path(os.environ.get("NETVALUE_SHARED_DATA") or PROJECT / ".." / "shared" / "data") / "enron"
TARGET = 0.95


def read_labels() -> dict[str, dict[str, tuple[str, str]]]:
    labels: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    with LABELS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            labels[row["mailbox"]][row["address"]] = (row["label"], row["note"])
    return labels


def judge(box: str, folder: Path, truth: dict[str, tuple[str, str]]) -> tuple[int, int, int, int]:
    with tempfile.TemporaryDirectory() as tmp, Database.open(Path(tmp) / "bench.db") as db:
        clock = time.perf_counter()
        run_import(db, folder, source="email")
        seconds = time.perf_counter() - clock
        verdicts = {
            a: (v, json.loads(r))
            for a, v, r in db.conn.execute("SELECT address, verdict, reasons FROM email_senders")
        }
        owner = db.conn.execute("SELECT address, role, evidence FROM email_owner ORDER BY role DESC, address")
        owner_rows = owner.fetchall()
    tp = fp = fn = tn = 0
    wrong: list[str] = []
    for address, (label, note) in sorted(truth.items()):
        predicted, reasons = verdicts.get(
            address, ("person", ["not a sender the classifier judged (owner?)"])
        )
        if label == "machine" and predicted == "machine":
            tp += 1
        elif label == "machine":
            fn += 1
            wrong.append(f"    missed machine  {address}  ({note}); {'; '.join(reasons) or 'no evidence'}")
        elif predicted == "machine":
            fp += 1
            wrong.append(f"    false machine   {address}  ({note}); {'; '.join(reasons)}")
        else:
            tn += 1
    print(f"{box}: import {seconds:.2f} s, {len(truth)} labelled senders")
    for address, role, evidence in owner_rows:
        print(f"  {role:8} {address}: {'; '.join(json.loads(evidence))}")
    print(
        f"  precision {_ratio(tp, tp + fp)}  recall {_ratio(tp, tp + fn)}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})"
    )
    for line in wrong:
        print(line)
    return tp, fp, fn, tn


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mailboxes", nargs="*", help="mailboxes to judge (default: every labelled one)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the folder of Enron mailboxes")
    args = parser.parse_args()
    labels = read_labels()
    boxes = args.mailboxes or sorted(labels)
    totals = [0, 0, 0, 0]
    for box in boxes:
        folder = args.data / box
        if not folder.is_dir():
            sys.exit(f"{folder} is not there: give --data the folder of Enron mailboxes")
        for i, n in enumerate(judge(box, folder, labels[box])):
            totals[i] += n
    tp, fp, fn, _ = totals
    precision, recall = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
    met = "met" if precision >= TARGET and recall >= TARGET else "NOT met"
    print(f"overall: precision {precision:.3f}  recall {recall:.3f}  (target {TARGET} both: {met})")


if __name__ == "__main__":
    main()
