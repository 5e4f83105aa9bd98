# source: https://github.com/RajKKapadia/Transformers-Text-Classification-BERT-Blog/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper__index_select)
# pattern: module-not-placed
# shape: helper, multi-file, batch-dict, loader-loop
# bug-lines: 22
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Score a CSV of product reviews with the fine-tuned BERT sentiment model."""
import argparse
import csv

import torch

from model_io import DEVICE, load_classifier, load_label_map


def predict_batch(texts, tokenizer, model, id2label, max_length=256):
    encoding = tokenizer(texts, return_tensors="pt", padding="max_length",
                         truncation=True, max_length=max_length)
    encoding = {k: v.to(DEVICE) for k, v in encoding.items()}
    with torch.no_grad():
        logits = model(**encoding).logits
    probs = logits.softmax(dim=-1).cpu()
    conf, idx = probs.max(dim=-1)
    return [(id2label[i], c) for i, c in zip(idx.tolist(), conf.tolist())]


def iter_batches(rows, batch_size):
    for start in range(0, len(rows), batch_size):
        yield rows[start:start + batch_size]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--run_dir", default="runs/bert-reviews/best")
    parser.add_argument("--reviews", required=True)
    parser.add_argument("--out", default="predictions.csv")
    parser.add_argument("--batch_size", type=int, default=32)
    args = parser.parse_args()

    tokenizer, model = load_classifier(args.run_dir)
    id2label = load_label_map(args.run_dir)
    with open(args.reviews, newline="") as f:
        rows = list(csv.DictReader(f))

    with open(args.out, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["review_id", "label", "confidence"])
        for batch in iter_batches(rows, args.batch_size):
            preds = predict_batch([r["text"] for r in batch], tokenizer, model, id2label)
            for row, (label, conf) in zip(batch, preds):
                writer.writerow([row["review_id"], label, f"{conf:.4f}"])


if __name__ == "__main__":
    main()
