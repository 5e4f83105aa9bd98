# source: https://github.com/huggingface/transformers/issues/227
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #3 'index'
# pattern: inputs-not-moved
# shape: multi-file, helper, batch-dict, class
# bug-lines: 38
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse
import json

from expander import BertSetExpander
from featurize import batch_features


def mean_average_precision(predicted, gold, n):
    hits, total = 0, 0.0
    for rank, (token, _) in enumerate(predicted[:n], start=1):
        if token in gold:
            hits += 1
            total += hits / rank
    return total / max(1, min(len(gold), n))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", required=True, help="jsonl with 'seeds' and 'gold' lists")
    parser.add_argument("--map-n", type=int, default=20)
    args = parser.parse_args()

    expander = BertSetExpander()
    with open(args.sets) as fh:
        rows = [json.loads(line) for line in fh]

    scores = []
    for start in range(0, len(rows), 8):
        chunk = rows[start:start + 8]
        feats = batch_features(expander.tokenizer, [r["seeds"] for r in chunk])
        ranked = expander.candidate_scores(feats, top_k=args.map_n)
        for row, preds in zip(chunk, ranked):
            scores.append(mean_average_precision(preds, set(row["gold"]), args.map_n))
    print(f"MAP@{args.map_n}: {sum(scores) / len(scores):.4f}")


if __name__ == "__main__":
    main()
