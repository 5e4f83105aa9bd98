# The beam's token buffer is made with `new_full` where the source tokens are, on the
# GPU the user chose; offsets cast to its type with `.type_as` go to the current GPU.
import argparse

import torch


def first_hypotheses(src_tokens, beam):
    bsz = src_tokens.size(0)
    tokens = src_tokens.new_full((bsz * beam, 16), 2)
    offsets = (torch.arange(bsz) * beam).unsqueeze(1).type_as(tokens)  # expect: TL210:55 lines=19
    return tokens.view(bsz, beam, -1)[:, 0] + offsets


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    args = parser.parse_args()
    src = torch.randint(0, 100, (4, 7)).cuda(args.gpu)
    print(first_hypotheses(src, 5))
