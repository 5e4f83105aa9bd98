# source: https://github.com/allenai/OpenBookQA/pull/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import json

import torch

from evaluate import evaluate
from model import ChoiceScorer


def read_instances(path, vocab):
    instances = []
    with open(path) as f:
        for line in f:
            item = json.loads(line)
            to_ids = lambda text: [vocab.get(tok, 1) for tok in text.lower().split()] or [1]
            instances.append({
                "id": item["id"],
                "question": to_ids(item["question"]["stem"]),
                "choices": [to_ids(c["text"]) for c in item["question"]["choices"]],
                "answer": "ABCD".index(item["answerKey"]),
            })
    return instances


def evaluate_from_args(args):
    archive = torch.load(args.archive_file, map_location="cpu")
    vocab = archive["vocab"]
    model = ChoiceScorer(len(vocab), **archive["config"])
    model.load_state_dict(archive["state_dict"])
    if args.cuda_device >= 0:
        model = model.cuda(args.cuda_device)
    dataset = read_instances(args.evaluation_data_file, vocab)
    metrics = evaluate(model, dataset, batch_size=args.batch_size, output_file=args.output_file)
    print(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("archive_file")
    parser.add_argument("evaluation_data_file")
    parser.add_argument("--cuda_device", type=int, default=-1)
    parser.add_argument("--batch_size", type=int, default=32)
    parser.add_argument("--output_file")
    evaluate_from_args(parser.parse_args())
