# source: https://github.com/huggingface/transformers/issues/20862
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 23
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse
import glob

import torch

from features import make_loader, to_device
from model_loader import load_asr


@torch.no_grad()
def transcribe_all(paths, device="cuda:0", batch_size=8):
    processor, model = load_asr(device=device, half=True)
    results = {}
    for batch in make_loader(paths, processor, batch_size):
        batch = to_device(batch, device)
        ids = model.generate(batch["input_features"], max_new_tokens=200)
        texts = processor.batch_decode(ids, skip_special_tokens=True)
        results.update(zip(batch["paths"], texts))
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--batch_size", type=int, default=8)
    args = parser.parse_args()
    files = sorted(glob.glob(f"{args.folder}/*.flac"))
    for path, text in transcribe_all(files, batch_size=args.batch_size).items():
        print(f"{path}\t{text}")
