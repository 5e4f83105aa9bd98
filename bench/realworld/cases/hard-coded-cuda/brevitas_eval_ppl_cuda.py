# source: https://github.com/Xilinx/brevitas/pull/949
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: hard-coded-cuda
# shape: helper, loader-loop, batch-dict
# bug-lines: 36, 45
# cpu: clean
# needs: torch, transformers
import argparse

import torch
from transformers import GPT2Config, GPT2LMHeadModel


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1" if torch.cuda.device_count() > 1 else "cpu")
    parser.add_argument("--seqlen", type=int, default=16)
    parser.add_argument("--nsamples", type=int, default=4)
    return parser.parse_args(argv)


def get_wikitext2(nsamples, seqlen, vocab_size=200, seed=0):
    g = torch.Generator().manual_seed(seed)
    data = []
    for _ in range(nsamples):
        ids = torch.randint(0, vocab_size, (1, seqlen), generator=g)
        data.append({"input_ids": ids, "attention_mask": torch.ones_like(ids), "labels": ids.clone()})
    return data


def create_validation_dataloader(data, seqlen):
    return [{k: v[:, :seqlen] for k, v in sample.items()} for sample in data]


def to_cuda(sample):
    return {k: v.cuda() for k, v in sample.items()}


@torch.no_grad()
def compute_perplexity(model, data):
    model.eval()
    nlls = []
    for sample in data:
        if torch.cuda.is_available():
            sample = to_cuda(sample)
        nlls.append(model(**sample).loss)
    return torch.exp(torch.stack(nlls).mean())


def main(args):
    config = GPT2Config(vocab_size=200, n_positions=64, n_embd=32, n_layer=2, n_head=2)
    model = GPT2LMHeadModel(config).to(args.device)
    val_data = get_wikitext2(args.nsamples, args.seqlen, seed=0)
    val_data = create_validation_dataloader(val_data, args.seqlen)
    print(f"perplexity: {compute_perplexity(model, val_data).item():.2f}")


if __name__ == "__main__":
    main(parse_args([]))
