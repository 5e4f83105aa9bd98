# source: https://github.com/artetxem/undreamt/issues/14
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import logging

import torch
from torch.utils.data import DataLoader, Dataset

from model import WordLM
from trainer import LMTrainer

logger = logging.getLogger("lm")


class ShiftedTokens(Dataset):
    def __init__(self, ids, seq_len=64):
        self.ids, self.seq_len = ids, seq_len

    def __len__(self):
        return (len(self.ids) - 1) // self.seq_len

    def __getitem__(self, i):
        chunk = self.ids[i * self.seq_len : (i + 1) * self.seq_len + 1]
        return {"src": chunk[:-1], "trg": chunk[1:]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vocab", type=int, default=20000)
    parser.add_argument("--log_every", type=int, default=50)
    parser.add_argument("--iterations", type=int, default=1000)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = WordLM(args.vocab).to(device)
    trainer = LMTrainer(model, torch.optim.Adam(model.parameters(), lr=1e-3), device)
    corpus = torch.randint(1, args.vocab, (200_000,))
    loader = DataLoader(ShiftedTokens(corpus), batch_size=32, shuffle=True, drop_last=True)

    step = 0
    while step < args.iterations:
        for batch in loader:
            trainer.step(batch)
            step += 1
            if step % args.log_every == 0:
                logger.info("STEP %d | ppl %.2f | %.0f words/s", step,
                            trainer.perplexity_per_word(), trainer.words_per_second())
                trainer.reset_stats()
            if step >= args.iterations:
                break


if __name__ == "__main__":
    main()
