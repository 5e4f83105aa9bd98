# source: https://github.com/asahi417/lmppl/pull/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_CUDA_nll_loss_forward)
# pattern: stale-alias
# shape: multi-file, batch-dict, class
# needs: torch
# cpu: clean
import argparse

import torch

from model import CharGPT
from scorer import CharTokenizer, PerplexityScorer

SAMPLES = [
    "sentiment classification: I dropped my laptop and someone stole my coffee. I am happy.",
    "sentiment classification: I dropped my laptop and someone stole my coffee. I am sad.",
    "The quick brown fox jumps over the lazy dog.",
    "Colorless green ideas sleep furiously.",
]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default=None)
    args = parser.parse_args()
    tokenizer = CharTokenizer()
    model = CharGPT(tokenizer.vocab_size)
    if args.checkpoint:
        model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    scorer = PerplexityScorer(model, tokenizer)
    for text, ppl in zip(SAMPLES, scorer.get_perplexity(SAMPLES, batch_size=2)):
        print(f"{ppl:10.2f}  {text}")
