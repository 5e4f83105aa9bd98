# `.to(tokens)` takes the buffer's device with its index, and its dtype.
import argparse

import torch


def first_hypotheses(src_tokens, beam):
    bsz = src_tokens.size(0)
    tokens = src_tokens.new_full((bsz * beam, 16), 2)
    offsets = (torch.arange(bsz) * beam).unsqueeze(1).to(tokens)
    return tokens.view(bsz, beam, -1)[:, 0] + offsets


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    args = parser.parse_args()
    src = torch.randint(0, 100, (4, 7)).cuda(args.gpu)
    print(first_hypotheses(src, 5))
