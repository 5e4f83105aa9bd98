# source: https://github.com/microsoft/CodeXGLUE/issues/70
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Evaluate a Java->C# translation checkpoint; supports --no_cuda for CPU boxes."""
import argparse
import json

import torch
from torch.utils.data import DataLoader, SequentialSampler, TensorDataset

from model import Seq2Seq


def load_examples(path, max_len=256):
    ids, masks = [], []
    with open(path) as fh:
        for line in fh:
            toks = json.loads(line)["source_ids"][:max_len]
            pad = max_len - len(toks)
            ids.append(toks + [0] * pad)
            masks.append([1] * len(toks) + [0] * pad)
    return TensorDataset(torch.tensor(ids, dtype=torch.long), torch.tensor(masks, dtype=torch.long))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--test_file", required=True)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--vocab_size", type=int, default=50265)
    parser.add_argument("--beam_size", type=int, default=5)
    parser.add_argument("--eval_batch_size", type=int, default=16)
    parser.add_argument("--no_cuda", action="store_true")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() and not args.no_cuda else "cpu")
    model = Seq2Seq(args.vocab_size, beam_size=args.beam_size)
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model.to(device)
    model.eval()

    data = load_examples(args.test_file)
    loader = DataLoader(data, sampler=SequentialSampler(data), batch_size=args.eval_batch_size)
    predictions = []
    for batch in loader:
        source_ids, source_mask = (t.to(device) for t in batch)
        preds = model(source_ids, source_mask)
        for row in preds:
            tokens = row.cpu().tolist()
            predictions.append(tokens[: tokens.index(0)] if 0 in tokens else tokens)
    with open("predictions.jsonl", "w") as out:
        for p in predictions:
            out.write(json.dumps(p) + "\n")


if __name__ == "__main__":
    main()
